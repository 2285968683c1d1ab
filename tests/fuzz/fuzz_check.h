/*
 * fuzz_check.h — what every ingest fuzz target asserts about its output:
 * strings are present where the contract says so, valid UTF-8 (as
 * nx_utf8_clean would leave them: re-cleaning changes nothing) and free of
 * the highlight markers; report reasons are non-empty.
 */
#ifndef NX_FUZZ_CHECK_H
#define NX_FUZZ_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "nx_ingest.h"

static void fuzz_check_clean(const char *s)
{
    if (!s)
        abort();
    size_t n = strlen(s), bad = 0;
    char *c = nx_utf8_clean(s, n, &bad);
    if (!c || bad != 0 || strcmp(c, s) != 0 || strchr(s, '\x02') ||
        strchr(s, '\x03'))
        abort();
    free(c);
}

static void fuzz_check_list(const nx_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        fuzz_check_clean(l->v[i]);
}

static int fuzz_check_article(void *ctx, nx_article *a)
{
    (void)ctx;
    fuzz_check_clean(a->id);
    fuzz_check_clean(a->title);
    fuzz_check_clean(a->body);
    fuzz_check_clean(a->source);
    if (a->url)
        fuzz_check_clean(a->url);
    if (a->date_raw)
        fuzz_check_clean(a->date_raw);
    /* An article without text must carry something else to be found by. */
    if (!a->id[0] ||
        (!a->title[0] && !a->body[0] && a->date == NX_DATE_NONE && !a->url &&
         !a->authors.n && !a->categories.n && !a->people.n && !a->orgs.n &&
         !a->places.n))
        abort();
    fuzz_check_list(&a->authors);
    fuzz_check_list(&a->categories);
    fuzz_check_list(&a->people);
    fuzz_check_list(&a->orgs);
    fuzz_check_list(&a->places);
    return 0;
}

static void fuzz_check_report(void *ctx, nx_report_kind kind,
                              const char *file, long line, const char *reason)
{
    (void)ctx;
    (void)kind;
    if (!file || !reason || !reason[0] || line < 0)
        abort();
}

#endif
