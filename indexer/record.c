/*
 * record.c — what every input reader shares (ingest_internal.h): the parse
 * state, reports, dates and the record checks every format applies the
 * same way.  The walker (ingest.c) and the readers (ingest_json.c,
 * ingest_txt.c) call these; nothing here calls back into them.
 */
#include "ingest_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_dates.h"
#include "nx_status.h"

void nx_ing_init(nx_ing *g, const nx_ingest_options *opts, const char *name,
                 const char *root_rel, nx_article_fn on_article,
                 nx_report_fn on_report, void *ctx)
{
    g->id_field = opts && opts->id_field && *opts->id_field ? opts->id_field
                                                            : "id";
    g->max_record = opts && opts->max_record ? opts->max_record
                                             : NX_DEFAULT_MAX_RECORD;
    g->max_file = opts && opts->max_file ? opts->max_file
                                         : NX_DEFAULT_MAX_FILE;
    g->on_article = on_article;
    g->on_report = on_report;
    g->ctx = ctx;
    g->name = name ? name : "-";
    g->root_rel = root_rel ? root_rel : g->name;
}

void nx_ing_report(const nx_ing *g, nx_report_kind kind, long line,
                   const char *fmt, ...)
{
    if (!g->on_report)
        return;
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    g->on_report(g->ctx, kind, g->name, line, reason);
}

void nx_ing_format_size(char buf[32], uint64_t n)
{
    if (n >= (1u << 30) && n % (1u << 30) == 0)
        snprintf(buf, 32, "%llu GiB", (unsigned long long)(n >> 30));
    else if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, 32, "%llu MiB", (unsigned long long)(n >> 20));
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, 32, "%llu KiB", (unsigned long long)(n >> 10));
    else
        snprintf(buf, 32, "%llu bytes", (unsigned long long)n);
}

void nx_ing_report_toobig(const nx_ing *g, long line, uint64_t size)
{
    char bound[32];
    nx_ing_format_size(bound, g->max_record);
    nx_ing_report(g, NX_REPORT_SKIPPED, line,
                  "record is %llu bytes, over the %s bound (--max-record)",
                  (unsigned long long)size, bound);
}

void nx_ing_excerpt(char out[72], const char *s)
{
    size_t n = strlen(s);
    if (n <= 64) {
        memcpy(out, s, n + 1);
        return;
    }
    n = nx_utf8_cut(s, 60);
    memcpy(out, s, n);
    memcpy(out + n, "...", 4);
}

int nx_ing_set_date(const nx_ing *g, nx_article *a, const char *raw,
                    long line)
{
    if (!*raw)
        return NX_OK;
    if (!(a->date_raw = strdup(raw)))
        return NX_ENOMEM;
    const char *warning = NULL;
    char ex[72];
    nx_ing_excerpt(ex, raw);
    if (nx_date_parse(raw, &a->date, &warning) != 0) {
        a->date = NX_DATE_NONE;
        nx_ing_report(g, NX_REPORT_WARNING, line, "unreadable date \"%s\"",
                      ex);
    } else if (warning) {
        nx_ing_report(g, NX_REPORT_WARNING, line, "date \"%s\": %s", ex,
                      warning);
    }
    return NX_OK;
}

char *nx_ing_trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r'))
        i++;
    memmove(s, s + i, n - i);
    s[n - i] = '\0';
    return s;
}

int nx_ing_emit(const nx_ing *g, nx_article *a, long line, size_t nbad)
{
    int rc = NX_OK;
    /* A record without text is still an article when it carries anything
     * else (a date, tags, a url): it can be found through its facets, and
     * dropping it would lose it (Reuters-21578 has one such record). */
    int has_fields = a->date != NX_DATE_NONE || a->url || a->authors.n ||
                     a->categories.n || a->people.n || a->orgs.n ||
                     a->places.n;
    size_t idlen = a->id ? strlen(a->id) : 0;
    if (idlen > NX_ID_MAX) {
        /* Not a term Xapian can store: a bad record like any other, not
         * an error that stops the run (and every later one) at it. */
        nx_ing_report(g, NX_REPORT_SKIPPED, line, "id is %zu bytes, over "
                      "the %d-byte bound of an id (a Xapian term)", idlen,
                      NX_ID_MAX);
    } else if (!*a->title && !*a->body && !has_fields) {
        nx_ing_report(g, NX_REPORT_SKIPPED, line, "no title or body");
    } else {
        if (!*a->title && !*a->body)
            nx_ing_report(g, NX_REPORT_WARNING, line,
                          "no title or body; indexed for its other fields");
        if (nbad)
            nx_ing_report(g, NX_REPORT_WARNING, line,
                          "%zu invalid UTF-8 sequence(s) or control "
                          "character(s) replaced by U+FFFD", nbad);
        if (g->on_article)
            rc = g->on_article(g->ctx, a);
    }
    nx_article_clear(a);
    return rc;
}
