/*
 * nx_resolve.h — private to query/: turns facet fields typed in the query
 * (`by:Lavrov`, `year:2021`, `date:2021-12`), `date:A..B` ranges and
 * --filter values into terms and value ranges, through facets/.
 */
#ifndef NX_RESOLVE_H
#define NX_RESOLVE_H

#include "nx_facets.h"
#include "nx_names.h"
#include "nx_stored.h"
#include "nx_xapian.h"

typedef struct nx_resolver {
    nx_db *db;
    const nx_aliases *aliases; /* the table the index was built with (kept
                              with the database handle), or NULL until a
                              facet value needs it */
} nx_resolver;

int nx_resolver_init(nx_resolver *rv, nx_db *db);
void nx_resolver_clear(nx_resolver *rv);

/* nx_field_fn and nx_range_fn for the shim (ctx = nx_resolver). */
int nx_resolver_field(void *ctx, const char *field, const char *value,
                      nx_terms *out, char **err);
int nx_resolver_range(void *ctx, const char *begin, const char *end,
                      nx_terms *out, char **err);

/* The terms of one --filter group (one facet: its values ORed). */
typedef struct nx_filter_terms {
    int facet;
    char **terms;
    size_t n, cap;
} nx_filter_terms;

/* Groups "FACET:VALUE" filters by facet (values of one facet ORed, facets
 * ANDed) into at most `n` groups ft[] and the shim's filters out[]. */
int nx_resolver_filters(nx_resolver *rv, const char *const *filters, size_t n,
                        nx_filter_terms *ft, nx_filter *out, size_t *nout,
                        char **err);
void nx_filter_terms_clear(nx_filter_terms *ft, size_t n);

/* The fields of the query text (facets, date, title:) before quote:,
 * for a search built elsewhere in query/ (quotes.c). */
const nx_field *nx_query_fields(size_t *n);

/* The by: values typed in a query text (docs/quotes.md): `by:W` and
 * `by:"a name"` not negated by a leading '-' or NOT, in order, as
 * malloc'd strings (free each and the array).  NX_OK or NX_ENOMEM. */
int nx_query_by_values(const char *query, char ***values, size_t *n);

/* The query fields for a search: `base` plus the quote: field, under
 * NX_PREFIX_QUOTE when neither the query text nor a --filter names a
 * speaker, else under the quote prefix of every by: term they name (so a
 * quote: word binds to the query's speakers).  out->fields[0..out->n)
 * and the prefixes stay valid until nx_quote_fields_clear(). */
typedef struct nx_quote_fields {
    nx_field *fields;
    size_t n;
    char **prefixes;
    size_t nprefixes;
} nx_quote_fields;
int nx_quote_fields_make(nx_resolver *rv, const char *query,
                         const nx_filter_terms *ft, size_t nf,
                         const nx_field *base, size_t nbase,
                         nx_quote_fields *out, char **err);
void nx_quote_fields_clear(nx_quote_fields *q);

#endif
