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

#endif
