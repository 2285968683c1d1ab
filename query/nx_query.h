/*
 * nx_query.h — faceted searches over a newsdex database: builds the request
 * (facet fields and filters normalised through facets/, dates), runs it
 * through the shim, and shapes the results (hits with stored fields and
 * snippets, facet top-N lists merged by normalised key) for the CLI and CGI
 * renderers (nx_render.h).
 */
#ifndef NX_QUERY_H
#define NX_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "nx_facets.h"
#include "nx_names.h"
#include "nx_stored.h"
#include "nx_xapian.h"

typedef struct nx_query_options {
    const char *query;            /* query text ("" = everything) */
    const char *const *filters;   /* "FACET:VALUE" (--filter, CGI f=) */
    size_t nfilters;
    unsigned offset, limit;
    int sort_by_date;             /* newest first */
    unsigned facets;              /* bit mask of (1 << nx_facet_id) */
    unsigned facet_limit;         /* values per facet */
    size_t snippet_bytes;         /* 0 = no snippets */
    unsigned time_limit_ms;       /* 0 = none (the CGI sets one) */
    unsigned max_wildcard;        /* 0 = default */
    unsigned period_limit;        /* values of year and month (0 = as
                                     facet_limit): a histogram wants all */
} nx_query_options;
#define NX_QUERY_DEFAULT_FACETS                                            \
    ((1u << NX_FACET_BY) | (1u << NX_FACET_PERSON) | (1u << NX_FACET_ORG) | \
     (1u << NX_FACET_PLACE) | (1u << NX_FACET_CATEGORY) |                  \
     (1u << NX_FACET_YEAR))
#define NX_QUERY_OPTIONS_INIT \
    {"", NULL, 0, 0, 10, 0, NX_QUERY_DEFAULT_FACETS, 10, 240, 0, 0, 0}

typedef struct nx_facet_count {
    char *value;       /* display form */
    uint64_t count;
} nx_facet_count;

typedef struct nx_hit {
    unsigned rank;     /* 1-based, across pages */
    double score;
    char *data;        /* the stored JSON object (nx_stored.h) */
    nx_stored doc;     /* data parsed, once; empty if it does not parse */
    char *snippet;     /* HTML-escaped, matches between NX_HI_START/END */
} nx_hit;

typedef struct nx_query_result {
    char *query;
    uint64_t total;
    int total_exact;
    unsigned offset;
    nx_hit *hits;
    size_t nhits;
    nx_facet_count *facets[NX_FACET_COUNT];  /* NULL = not requested */
    size_t nfacets[NX_FACET_COUNT];
    unsigned facet_mask;
    char *suggestion;  /* NULL when none */
    int spelling;      /* 0 when the database has no spelling data */
    char *missing;     /* shards left out (comma-separated), NULL if none */
} nx_query_result;

/* The database to open (db.c): `given` (--db) when set, else $NEWSDEX_DB
 * when set, else NX_QUERY_DB_DEFAULT.  Returns `given`, the environment's
 * string or the literal: not to be freed. */
#define NX_QUERY_DB_DEFAULT "./newsdex.db"
const char *nx_query_db_path(const char *given);

/* Parses a --facets list ("by,person,year") into a mask; -1 with *err for
 * an unknown facet name. */
int nx_query_parse_facets(const char *list, unsigned *mask, char **err);

/* Runs a search.  NX_EQUERY / NX_EINVAL with *err (malloc'd) in plain words
 * for a query that does not parse, a bad filter or an invalid date. */
int nx_query_run(nx_db *db, const nx_query_options *opts,
                 nx_query_result **out, char **err);
void nx_query_result_free(nx_query_result *r);

/* The alias table an index was built with (metadata, aliases.c), for the
 * query side; an empty table when the index has none.  Caller frees. */
nx_aliases *nx_query_load_aliases(nx_db *db);
/* The same table, parsed once per database handle and kept with it (while
 * the stored table stays the same): not to be freed.  NULL: no memory. */
const nx_aliases *nx_query_aliases(nx_db *db);

#endif
