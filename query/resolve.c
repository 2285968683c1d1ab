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
    char *terms[NX_FACET_TERMS_MAX];
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
                           "year, month, byany, about%s", filters[i], "");
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
        char *terms[NX_FACET_TERMS_MAX];
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

/* The start of a by: field at q[i]: the query parser's field syntax (the
 * name at the start of a word). */
static int by_at(const char *q, size_t i)
{
    if (strncmp(q + i, "by:", 3) != 0)
        return 0;
    return i == 0 || q[i - 1] == ' ' || q[i - 1] == '\t' ||
           q[i - 1] == '\n' || q[i - 1] == '(' || q[i - 1] == '+' ||
           q[i - 1] == '-';
}

/* Whether the word before q[i] is NOT (or q[i - 1] is '-'). */
static int negated(const char *q, size_t i)
{
    if (i > 0 && q[i - 1] == '-')
        return 1;
    size_t j = i;
    while (j > 0 && isspace((unsigned char)q[j - 1]))
        j--;
    return j >= 3 && strncmp(q + j - 3, "NOT", 3) == 0 &&
           (j == 3 || isspace((unsigned char)q[j - 4]) || q[j - 4] == '(');
}

int nx_query_by_values(const char *query, char ***values, size_t *n)
{
    *values = NULL;
    *n = 0;
    size_t cap = 0;
    for (size_t i = 0; query[i]; i++) {
        if (!by_at(query, i))
            continue;
        int neg = negated(query, i);
        const char *v = query + i + 3, *end;
        if (*v == '"') {
            v++;
            end = strchr(v, '"');
            if (!end)
                end = v + strlen(v);
        } else {
            end = v;
            while (*end && !isspace((unsigned char)*end) && *end != ')')
                end++;
        }
        i = (size_t)(end - query) - (*end ? 0 : 1);
        if (neg || end == v)
            continue;
        int rc = nx_grow(values, &cap, *n + 1, sizeof **values,
                         FILTER_TERMS_MAX);
        if (rc == NX_OK && !((*values)[*n] = strndup(v, (size_t)(end - v))))
            rc = NX_ENOMEM;
        if (rc != NX_OK) {
            for (size_t k = 0; k < *n; k++)
                free((*values)[k]);
            free(*values);
            *values = NULL;
            *n = 0;
            return rc;
        }
        (*n)++;
    }
    return NX_OK;
}

void nx_quote_fields_clear(nx_quote_fields *q)
{
    for (size_t i = 0; i < q->nprefixes; i++)
        free(q->prefixes[i]);
    free(q->prefixes);
    free(q->fields);
    memset(q, 0, sizeof *q);
}

/* Adds the quote prefix of a by: term, once. */
static int add_quote_prefix(nx_quote_fields *q, size_t *cap, const char *term)
{
    char *p = nx_quote_prefix(term);
    if (!p)
        return NX_ENOMEM;
    for (size_t i = 0; i < q->nprefixes; i++)
        if (strcmp(q->prefixes[i], p) == 0) {
            free(p);
            return NX_OK;
        }
    int rc = nx_grow(&q->prefixes, cap, q->nprefixes + 1, sizeof *q->prefixes,
                     FILTER_TERMS_MAX);
    if (rc != NX_OK) {
        free(p);
        return rc;
    }
    q->prefixes[q->nprefixes++] = p;
    return NX_OK;
}

int nx_quote_fields_make(nx_resolver *rv, const char *query,
                         const nx_filter_terms *ft, size_t nf,
                         const nx_field *base, size_t nbase,
                         nx_quote_fields *out, char **err)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0, nv = 0;
    char **vals = NULL;
    int rc = NX_OK, named = 0;
    /* Only a query that uses quote: pays for the scan. */
    if (query && strstr(query, "quote:"))
        rc = nx_query_by_values(query, &vals, &nv);
    for (size_t i = 0; i < nv && rc == NX_OK; i++) {
        char *terms[NX_FACET_TERMS_MAX];
        size_t n = 0;
        named = 1;
        rc = value_terms(rv, NX_FACET_BY, vals[i], terms, &n, err);
        for (size_t t = 0; t < n; t++) {
            if (rc == NX_OK)
                rc = add_quote_prefix(out, &cap, terms[t]);
            free(terms[t]);
        }
    }
    for (size_t i = 0; i < nv; i++)
        free(vals[i]);
    free(vals);
    for (size_t g = 0; g < nf && rc == NX_OK; g++) {
        if (ft[g].facet != NX_FACET_BY)
            continue;
        named = 1;
        for (size_t t = 0; t < ft[g].n && rc == NX_OK; t++)
            rc = add_quote_prefix(out, &cap, ft[g].terms[t]);
    }
    /* No speaker named: any speaker's quotes.  A speaker named but with
     * nothing nameable in it: its by: matches nothing anyway. */
    if (rc == NX_OK && (!named || out->nprefixes == 0))
        rc = (out->prefixes = calloc(1, sizeof *out->prefixes)) &&
                     (out->prefixes[0] = strdup(NX_PREFIX_QUOTE))
                 ? NX_OK
                 : NX_ENOMEM;
    if (rc == NX_OK && out->nprefixes == 0)
        out->nprefixes = 1;
    if (rc == NX_OK &&
        !(out->fields = calloc(nbase + out->nprefixes, sizeof *out->fields)))
        rc = NX_ENOMEM;
    if (rc != NX_OK) {
        nx_quote_fields_clear(out);
        return rc;
    }
    memcpy(out->fields, base, nbase * sizeof *base);
    for (size_t i = 0; i < out->nprefixes; i++)
        out->fields[nbase + i] = (nx_field){"quote", 0, out->prefixes[i]};
    out->n = nbase + out->nprefixes;
    return NX_OK;
}
