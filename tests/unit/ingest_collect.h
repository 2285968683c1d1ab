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

typedef struct collect {
    char *out;       /* one line per article */
    size_t outlen;
    char *rep;       /* one line per report: "W 3 reason" / "S 3 reason" */
    size_t replen;
    const char *last_file;  /* file of the last report (static in tests) */
    char files[4096];       /* "file:line" of every report, ';'-separated */
    int stop_after;         /* > 0: return 99 from the n-th article */
    int narticles;
} collect;

static void collect_add(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    char *b = realloc(*buf, *len + n + 1);
    if (!b)
        abort();
    memcpy(b + *len, s, n + 1);
    *buf = b;
    *len += n;
}

/* Newlines and tabs shown as \n and \t, so a row stays on one line. */
static void collect_esc(char **buf, size_t *len, const char *s)
{
    char one[2] = {0, 0};
    for (; *s; s++) {
        if (*s == '\n')
            collect_add(buf, len, "\\n");
        else if (*s == '\t')
            collect_add(buf, len, "\\t");
        else {
            one[0] = *s;
            collect_add(buf, len, one);
        }
    }
}

static void collect_list(collect *c, const char *label, const nx_strlist *l)
{
    if (l->n == 0)
        return;
    collect_add(&c->out, &c->outlen, label);
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            collect_add(&c->out, &c->outlen, ";");
        collect_esc(&c->out, &c->outlen, l->v[i]);
    }
}

static int collect_article(void *ctx, nx_article *a)
{
    collect *c = ctx;
    char num[64];
    collect_add(&c->out, &c->outlen, "id=");
    collect_esc(&c->out, &c->outlen, a->id);
    collect_add(&c->out, &c->outlen, " title=");
    collect_esc(&c->out, &c->outlen, a->title);
    collect_add(&c->out, &c->outlen, " body=");
    collect_esc(&c->out, &c->outlen, a->body);
    if (a->date != NX_DATE_NONE) {
        snprintf(num, sizeof num, " date=%lld", (long long)a->date);
        collect_add(&c->out, &c->outlen, num);
    }
    if (a->date_raw) {
        collect_add(&c->out, &c->outlen, " raw=");
        collect_esc(&c->out, &c->outlen, a->date_raw);
    }
    if (a->url) {
        collect_add(&c->out, &c->outlen, " url=");
        collect_esc(&c->out, &c->outlen, a->url);
    }
    collect_list(c, " authors=", &a->authors);
    collect_list(c, " cats=", &a->categories);
    collect_list(c, " people=", &a->people);
    collect_list(c, " orgs=", &a->orgs);
    collect_list(c, " places=", &a->places);
    snprintf(num, sizeof num, " line=%ld src=", a->line);
    collect_add(&c->out, &c->outlen, num);
    collect_esc(&c->out, &c->outlen, a->source);
    collect_add(&c->out, &c->outlen, "\n");
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
    collect_add(&c->rep, &c->replen, head);
    collect_add(&c->rep, &c->replen, reason);
    collect_add(&c->rep, &c->replen, "\n");
    size_t n = strlen(c->files);
    snprintf(c->files + n, sizeof c->files - n, "%s%s:%ld", n ? ";" : "",
             file, line);
    c->last_file = file;
}

static void collect_free(collect *c)
{
    free(c->out);
    free(c->rep);
    memset(c, 0, sizeof *c);
}

#define COLLECT_STR(s) ((s) ? (s) : "")

#endif
