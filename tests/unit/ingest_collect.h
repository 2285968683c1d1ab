/*
 * ingest_collect.h — test helper: the articles and reports of a run
 * written out as text, one line each, so a table row states the whole
 * expected outcome in two strings.
 */
#ifndef NX_INGEST_COLLECT_H
#define NX_INGEST_COLLECT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_ingest.h"

/* A growing test string; doubling, so a 300 KB body is not copied once
 * per byte (realloc always copies under ASan). */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_addn(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p)
            abort();
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_add(sbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

/* Newlines and tabs shown as \n and \t, so a row stays on one line. */
static void sb_esc(sbuf *b, const char *s)
{
    for (;;) {
        size_t n = strcspn(s, "\n\t");
        sb_addn(b, s, n);
        s += n;
        if (!*s)
            break;
        sb_add(b, *s == '\n' ? "\\n" : "\\t");
        s++;
    }
}

typedef struct collect {
    sbuf outb;       /* one line per article */
    sbuf repb;       /* one line per report: "W 3 reason" / "S 3 reason" */
    const char *out, *rep;  /* their text (NULL while empty) */
    const char *last_file;  /* file of the last report (static in tests) */
    char files[4096];       /* "file:line" of every report, ';'-separated */
    int stop_after;         /* > 0: return 99 from the n-th article */
    int narticles;
} collect;

static void collect_list(collect *c, const char *label, const nx_strlist *l)
{
    if (l->n == 0)
        return;
    sb_add(&c->outb, label);
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sb_add(&c->outb, ";");
        sb_esc(&c->outb, l->v[i]);
    }
}

static int collect_article(void *ctx, nx_article *a)
{
    collect *c = ctx;
    char num[64];
    sb_add(&c->outb, "id=");
    sb_esc(&c->outb, a->id);
    sb_add(&c->outb, " title=");
    sb_esc(&c->outb, a->title);
    sb_add(&c->outb, " body=");
    sb_esc(&c->outb, a->body);
    if (a->date != NX_DATE_NONE) {
        snprintf(num, sizeof num, " date=%lld", (long long)a->date);
        sb_add(&c->outb, num);
    }
    if (a->date_raw) {
        sb_add(&c->outb, " raw=");
        sb_esc(&c->outb, a->date_raw);
    }
    if (a->url) {
        sb_add(&c->outb, " url=");
        sb_esc(&c->outb, a->url);
    }
    collect_list(c, " authors=", &a->authors);
    collect_list(c, " cats=", &a->categories);
    collect_list(c, " people=", &a->people);
    collect_list(c, " orgs=", &a->orgs);
    collect_list(c, " places=", &a->places);
    snprintf(num, sizeof num, " line=%ld src=", a->line);
    sb_add(&c->outb, num);
    sb_esc(&c->outb, a->source);
    sb_add(&c->outb, "\n");
    c->out = c->outb.s;
    c->narticles++;
    return c->stop_after && c->narticles == c->stop_after ? 99 : 0;
}

static void collect_report(void *ctx, nx_report_kind kind, const char *file,
                           long line, const char *reason)
{
    collect *c = ctx;
    char head[32];
    snprintf(head, sizeof head, "%c %ld ",
             kind == NX_REPORT_SKIPPED ? 'S' : 'W', line);
    sb_add(&c->repb, head);
    sb_add(&c->repb, reason);
    sb_add(&c->repb, "\n");
    size_t n = strlen(c->files);
    snprintf(c->files + n, sizeof c->files - n, "%s%s:%ld", n ? ";" : "",
             file, line);
    c->rep = c->repb.s;
    c->last_file = file;
}

static void collect_free(collect *c)
{
    free(c->outb.s);
    free(c->repb.s);
    memset(c, 0, sizeof *c);
}

#define COLLECT_STR(s) ((s) ? (s) : "")

#endif
