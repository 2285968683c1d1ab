/*
 * resolve.c — facet fields, date ranges and filters into terms (nx_resolve.h).
 */
#include "nx_resolve.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_dates.h"
#include "nx_query.h"

/* Values of one facet a search may filter by (ORed into one group). */
#define FILTER_TERMS_MAX 65536

int nx_resolver_init(nx_resolver *rv, nx_db *db)
{
    /* The alias table is read on first use: most queries name no entity,
     * and every CGI request is a new process. */
    rv->db = db;
    rv->aliases = NULL;
    return NX_OK;
}

void nx_resolver_clear(nx_resolver *rv)
{
    rv->aliases = NULL;   /* the database handle keeps it */
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The range of a period YYYY, YYYY-MM or YYYY-MM-DD (either end may be
 * empty for an open range) on the date slot. */
static int date_range(const char *begin, const char *end, nx_terms *out,
                      char **err)
{
    int64_t lo = 0, hi = 0;
    unsigned char lob[8], hib[8];
    int has_lo = *begin != '\0', has_hi = *end != '\0';
    if (has_lo && nx_date_parse_bound(begin, 0, &lo) != 0) {
        *err = nx_errf("invalid date \"%s\" in date:%s (use YYYY, YYYY-MM or "
                       "YYYY-MM-DD)", begin, "A..B");
        return -1;
    }
    if (has_hi && nx_date_parse_bound(end, 1, &hi) != 0) {
        *err = nx_errf("invalid date \"%s\" in date:%s (use YYYY, YYYY-MM or "
                       "YYYY-MM-DD)", end, "A..B");
        return -1;
    }
    if (has_lo && has_hi && lo > hi) {
        *err = nx_errf("date range %s..%s ends before it starts", begin, end);
        return -1;
    }
    nx_date_encode(lo, lob);
    nx_date_encode(hi, hib);
    return nx_terms_set_range(out, NX_SLOT_DATE, has_lo ? (char *)lob : NULL,
                              8, has_hi ? (char *)hib : NULL, 8) == NX_OK
               ? 0
               : -1;
}

int nx_resolver_range(void *ctx, const char *begin, const char *end,
                      nx_terms *out, char **err)
{
    (void)ctx;
    return date_range(begin, end, out, err);
}

/* year:YYYY and month:YYYY-MM into their keys "2021" / "202112" (key has
 * 16 bytes). */
static int period_key(int facet, const char *value, char *key, char **err)
{
    size_t n = strlen(value);
    if (facet == NX_FACET_YEAR && n == 4 && all_digits(value, 4)) {
        snprintf(key, 16, "%s", value);
        return 0;
    }
    if (facet == NX_FACET_MONTH && n == 7 && value[4] == '-' &&
        all_digits(value, 4) && all_digits(value + 5, 2) &&
        atoi(value + 5) >= 1 && atoi(value + 5) <= 12) {
        snprintf(key, 16, "%.4s%.2s", value, value + 5);
        return 0;
    }
    *err = nx_errf("invalid %s \"%s\"", nx_facet_defs[facet].name, value);
    if (*err) {
        char *e = nx_errf("%s%s", *err,
                          facet == NX_FACET_YEAR ? " (use YYYY)" : " (use YYYY-MM)");
        free(*err);
        *err = e;
    }
    return -1;
}

/* The terms for one facet value (a document matches with any of them), as
 * malloc'd strings.  An unknown value simply has terms no document carries:
 * it matches nothing, which is not an error. */
static int value_terms(nx_resolver *rv, int facet, const char *value,
                       char **terms, size_t *n, char **err)
{
    *n = 0;
    if (facet == NX_FACET_YEAR || facet == NX_FACET_MONTH) {
        char key[16];
        if (period_key(facet, value, key, err) != 0)
            return NX_EINVAL;
        if (!(terms[0] = nx_facet_term((nx_facet_id)facet, key, NULL)))
            return NX_ENOMEM;
        *n = 1;
        return NX_OK;
    }
    if (!rv->aliases && !(rv->aliases = nx_query_aliases(rv->db)))
        return NX_ENOMEM;
    nx_facet_terms ft;
    int rc = nx_facet_terms_make((nx_facet_id)facet, rv->aliases, value, 1,
                                 &ft);
    if (rc == NX_EINVAL)
        return NX_OK;  /* no letters or digits: matches nothing */
    if (rc != NX_OK)
        return rc;
    for (size_t i = 0; i < ft.n; i++) {
        terms[i] = ft.terms[i];
        ft.terms[i] = NULL;
    }
    *n = ft.n;
    nx_facet_terms_clear(&ft);
    return NX_OK;
}

int nx_resolver_field(void *ctx, const char *field, const char *value,
                      nx_terms *out, char **err)
{
    nx_resolver *rv = ctx;
    if (strcmp(field, "date") == 0)
        return date_range(value, value, out, err);
    int facet = nx_facet_lookup(field);
    if (facet < 0) {
        *err = nx_errf("unknown field %s:%s", field, "");
        return -1;
    }
    char *terms[2];
    size_t n;
    int rc = value_terms(rv, facet, value, terms, &n, err);
    for (size_t i = 0; i < n; i++) {
        if (rc == NX_OK)
            rc = nx_terms_add(out, terms[i]);
        free(terms[i]);
    }
    return rc == NX_OK ? 0 : -1;
}

static int push_term(nx_filter_terms *g, const char *t)
{
    int rc = nx_grow(&g->terms, &g->cap, g->n + 1, sizeof *g->terms,
                     FILTER_TERMS_MAX);
    if (rc != NX_OK)
        return rc;
    if (!(g->terms[g->n] = strdup(t)))
        return NX_ENOMEM;
    g->n++;
    return NX_OK;
}

/* Collects the terms a field callback adds, via a scratch nx_terms. */
int nx_resolver_filters(nx_resolver *rv, const char *const *filters, size_t n,
                        nx_filter_terms *ft, nx_filter *out, size_t *nout,
                        char **err)
{
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        const char *colon = strchr(filters[i], ':');
        char name[16];
        size_t nl = colon ? (size_t)(colon - filters[i]) : 0;
        int facet = -1;
        if (colon && nl < sizeof name) {
            memcpy(name, filters[i], nl);
            name[nl] = '\0';
            facet = nx_facet_lookup(name);
        }
        if (facet < 0) {
            *err = nx_errf("invalid filter \"%s\": use FACET:VALUE with FACET "
                           "one of by, person, org, place, category, author, "
                           "year, month%s", filters[i], "");
            nx_filter_terms_clear(ft, ng);
            return NX_EINVAL;
        }
        size_t g = 0;
        while (g < ng && ft[g].facet != facet)
            g++;
        if (g == ng) {
            memset(&ft[ng], 0, sizeof ft[ng]);
            ft[ng++].facet = facet;
        }
        char *terms[2];
        size_t nterms = 0;
        int rc = value_terms(rv, facet, colon + 1, terms, &nterms, err);
        for (size_t t = 0; t < nterms; t++) {
            if (rc == NX_OK)
                rc = push_term(&ft[g], terms[t]);
            free(terms[t]);
        }
        if (rc != NX_OK) {
            nx_filter_terms_clear(ft, ng);
            return rc;
        }
    }
    for (size_t g = 0; g < ng; g++) {
        out[g].terms = (const char *const *)ft[g].terms;
        out[g].nterms = ft[g].n;
    }
    *nout = ng;
    return NX_OK;
}

void nx_filter_terms_clear(nx_filter_terms *ft, size_t n)
{
    for (size_t g = 0; g < n; g++) {
        for (size_t i = 0; i < ft[g].n; i++)
            free(ft[g].terms[i]);
        free(ft[g].terms);
        memset(&ft[g], 0, sizeof ft[g]);
    }
}
