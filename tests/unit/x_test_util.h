/*
 * x_test_util.h — helpers shared by the extraction tests: build an
 * extractor on the shipped gazetteers and print what it found in the fixed
 * form the tables compare ("A|B" lists, "Speaker: text" quotes).
 */
#ifndef X_TEST_UTIL_H
#define X_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_extract.h"
#include "nx_names.h"

static inline nx_extractor *xt_new(const nx_aliases *al)
{
    nx_extract_options o = NX_EXTRACT_OPTIONS_INIT;
    o.aliases = al;
    nx_extractor *x = NULL;
    char *err = NULL;
    if (nx_extractor_new(&x, &o, &err) != 0) {
        fprintf(stderr, "nx_extractor_new: %s\n", err ? err : "?");
        free(err);
        exit(1);
    }
    return x;
}

/* "a|b|c" into buf. */
static inline const char *xt_join(const nx_strlist *l, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < l->n; i++)
        n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s",
                              i ? "|" : "", l->v[i]);
    return buf;
}

/* "Speaker: text||-: text" into buf ("-" = unattributed). */
static inline const char *xt_quotes(const nx_entities *e, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < e->nquotes; i++)
        n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s: %s",
                              i ? "||" : "",
                              e->quotes[i].speaker ? e->quotes[i].speaker
                                                   : "-",
                              e->quotes[i].text);
    return buf;
}

#endif
