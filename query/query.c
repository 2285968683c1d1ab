/*
 * query.c — runs a faceted search (nx_query.h): facet fields in the query
 * text and --filter values go through the same normalisation as at index
 * time (facets/), dates through facets/dates.c.
 */
#include "nx_query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_dates.h"
#include "nx_resolve.h"

static char *fmt_err(const char *fmt, const char *a)
{
    size_t n = strlen(fmt) + strlen(a) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, fmt, a);
    return s;
}

/* How many values of facet f to list. */
static unsigned facet_limit(const nx_query_options *o, int f)
{
    if ((f == NX_FACET_YEAR || f == NX_FACET_MONTH) && o->period_limit)
        return o->period_limit;
    return o->facet_limit;
}

int nx_query_parse_facets(const char *list, unsigned *mask, char **err)
{
    *mask = 0;
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char name[32];
        if (n > 0) {
            if (n >= sizeof name) {
                *err = fmt_err("unknown facet \"%s\" (facets: by, person, "
                               "org, place, category, author, year, month, "
                               "byany)",
                               p);
                return -1;
            }
            memcpy(name, p, n);
            name[n] = '\0';
            int f = nx_facet_lookup(name);
            if (f < 0) {
                *err = fmt_err("unknown facet \"%s\" (facets: by, person, "
                               "org, place, category, author, year, month, "
                               "byany)",
                               name);
                return -1;
            }
            *mask |= 1u << f;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* The query text's field prefixes: facet filters and title:. */
static const nx_field query_fields[] = {
    {"by", 1, NULL},       {"person", 1, NULL},   {"org", 1, NULL},
    {"place", 1, NULL},    {"category", 1, NULL}, {"author", 1, NULL},
    {"year", 1, NULL},     {"month", 1, NULL},    {"date", 1, NULL},
    {"byany", 1, NULL},
    {"title", 0, "S"},
};

/* The snippet of a hit: from the stored body (or title) of `data`. */
static char *hit_snippet(nx_results *res, const char *data, size_t bytes)
{
    cJSON *j = cJSON_Parse(data);
    const char *text = "";
    if (j) {
        const cJSON *body = cJSON_GetObjectItemCaseSensitive(j, "body");
        const cJSON *title = cJSON_GetObjectItemCaseSensitive(j, "title");
        if (cJSON_IsString(body) && *body->valuestring)
            text = body->valuestring;
        else if (cJSON_IsString(title))
            text = title->valuestring;
    }
    char *s = nx_results_snippet(res, text, strlen(text), bytes);
    cJSON_Delete(j);
    return s;
}

static int cmp_count(const void *a, const void *b)
{
    const nx_facet_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

typedef struct raw_count {
    char *key;          /* nx_name_key of the value */
    const char *value;  /* display form, owned by the results */
    uint64_t count;
} raw_count;

static int cmp_raw(const void *a, const void *b)
{
    const raw_count *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->value, y->value);
}

/* Merges a facet's raw (display value, count) pairs by normalised key and
 * keeps the top `limit`: counts ordered most first, ties by value, so a
 * database and its shards print the same lists.  Each merged entry shows
 * the spelling most documents use (ties: the first in byte order). */
static int shape_facet(nx_results *res, size_t fi, unsigned limit,
                       nx_facet_count **out, size_t *nout)
{
    size_t n = nx_results_facet_size(res, fi), m = 0;
    raw_count *raw = calloc(n ? n : 1, sizeof *raw);
    nx_facet_count *all = calloc(n ? n : 1, sizeof *all);
    int rc = (raw && all) ? NX_OK : NX_ENOMEM;
    for (size_t i = 0; i < n && rc == NX_OK; i++) {
        raw[i].value = nx_results_facet_value(res, fi, i, &raw[i].count);
        raw[i].key = nx_name_key(raw[i].value);
        if (!raw[i].key)
            rc = NX_ENOMEM;
    }
    if (rc == NX_OK)
        qsort(raw, n, sizeof *raw, cmp_raw);
    for (size_t i = 0; i < n && rc == NX_OK;) {
        size_t j = i, pick = i;
        uint64_t sum = 0;
        for (; j < n && strcmp(raw[j].key, raw[i].key) == 0; j++) {
            sum += raw[j].count;
            if (raw[j].count > raw[pick].count)
                pick = j;
        }
        all[m].value = strdup(raw[pick].value);
        all[m].count = sum;
        if (!all[m++].value)
            rc = NX_ENOMEM;
        i = j;
    }
    for (size_t i = 0; i < n && raw; i++)
        free(raw[i].key);
    free(raw);
    if (rc != NX_OK) {
        for (size_t i = 0; i < m; i++)
            free(all[i].value);
        free(all);
        return rc;
    }
    qsort(all, m, sizeof *all, cmp_count);
    if (m > limit) {
        for (size_t i = limit; i < m; i++)
            free(all[i].value);
        m = limit;
    }
    *out = all;
    *nout = m;
    return NX_OK;
}

/* Counts a facet that has --filter values the way shops show ticked facets
 * (disjunctive facets): over the matches of every other filter, so the
 * values not ticked keep their counts and can still be added (OR). */
static int count_disjunctive(nx_db *db, const nx_search_request *base,
                             const nx_filter *filters, size_t nf, size_t skip,
                             int facet, unsigned limit, nx_query_result *r,
                             char **err)
{
    nx_filter others[64];
    size_t n = 0;
    for (size_t g = 0; g < nf; g++)
        if (g != skip)
            others[n++] = filters[g];
    nx_facet_spec spec = {nx_facet_defs[facet].name, nx_facet_defs[facet].slot,
                          nx_facet_defs[facet].nslots,
                          nx_facet_defs[facet].prefix, limit,
                          (unsigned)facet};
    nx_search_request req = *base;
    req.filters = others;
    req.nfilters = n;
    req.offset = 0;
    req.limit = 0;
    req.facets = &spec;
    req.nfacets = 1;
    req.snippet_bytes = 0;
    nx_results *res = NULL;
    int rc = nx_db_search(db, &req, &res);
    if (rc != NX_OK) {
        *err = strdup(nx_db_errmsg(db));
        return rc;
    }
    rc = shape_facet(res, 0, limit, &r->facets[facet], &r->nfacets[facet]);
    nx_results_free(res);
    return rc;
}

int nx_query_run(nx_db *db, const nx_query_options *opts,
                 nx_query_result **out, char **err)
{
    *out = NULL;
    *err = NULL;
    nx_resolver rv;
    int rc = nx_resolver_init(&rv, db);
    if (rc != NX_OK)
        return rc;

    nx_filter filters[64];
    nx_filter_terms ft[64];
    if (opts->nfilters > 64) {
        *err = strdup("too many filters (at most 64)");
        nx_resolver_clear(&rv);
        return NX_EINVAL;
    }
    size_t nf = 0;
    rc = nx_resolver_filters(&rv, opts->filters, opts->nfilters, ft, filters,
                             &nf, err);
    if (rc != NX_OK) {
        nx_resolver_clear(&rv);
        return rc;
    }

    nx_facet_spec specs[NX_FACET_COUNT];
    size_t spec_facet[NX_FACET_COUNT], nspecs = 0;
    /* A facet with --filter values is counted disjunctively, below. */
    unsigned filtered = 0;
    for (size_t g = 0; g < nf; g++)
        filtered |= 1u << ft[g].facet;
    for (int f = 0; f < NX_FACET_COUNT; f++) {
        if (!(opts->facets & (1u << f)) || (filtered & (1u << f)))
            continue;
        specs[nspecs].name = nx_facet_defs[f].name;
        specs[nspecs].slot = nx_facet_defs[f].slot;
        specs[nspecs].nslots = nx_facet_defs[f].nslots;
        specs[nspecs].prefix = nx_facet_defs[f].prefix;
        specs[nspecs].limit = facet_limit(opts, f);
        specs[nspecs].id = (unsigned)f;
        spec_facet[nspecs++] = (size_t)f;
    }

    nx_search_request req = {0};
    req.query = opts->query ? opts->query : "";
    req.fields = query_fields;
    req.nfields = sizeof query_fields / sizeof query_fields[0];
    req.resolve = nx_resolver_field;
    req.range_prefix = "date:";
    req.range = nx_resolver_range;
    req.ctx = &rv;
    req.filters = filters;
    req.nfilters = nf;
    req.offset = opts->offset;
    req.limit = opts->limit;
    req.sort_by_date = opts->sort_by_date;
    req.sort_slot = NX_SLOT_SORT;
    req.facets = specs;
    req.nfacets = nspecs;
    req.snippet_bytes = opts->snippet_bytes;
    req.max_wildcard = opts->max_wildcard;
    req.time_limit_ms = opts->time_limit_ms;
    req.facet_values_slot = NX_SLOT_FACETS;

    nx_results *res = NULL;
    rc = nx_db_search(db, &req, &res);
    if (rc != NX_OK) {
        nx_filter_terms_clear(ft, nf);
        *err = strdup(nx_db_errmsg(db));
        nx_resolver_clear(&rv);
        return rc;
    }

    nx_query_result *r = calloc(1, sizeof *r);
    if (!r) {
        rc = NX_ENOMEM;
        goto done;
    }
    r->query = strdup(req.query);
    r->total = nx_results_total(res, &r->total_exact);
    r->offset = opts->offset;
    r->facet_mask = opts->facets;
    r->spelling = nx_db_has_spelling(db);
    if (*nx_db_missing_shards(db) && !(r->missing = strdup(nx_db_missing_shards(db)))) {
        rc = NX_ENOMEM;
        goto done;
    }
    const char *sugg = nx_results_suggestion(res);
    r->suggestion = sugg ? strdup(sugg) : NULL;
    r->nhits = nx_results_size(res);
    r->hits = calloc(r->nhits ? r->nhits : 1, sizeof *r->hits);
    if (!r->query || !r->hits || (sugg && !r->suggestion)) {
        rc = NX_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < r->nhits; i++) {
        size_t len;
        const char *data = nx_results_data(res, i, &len);
        nx_hit *h = &r->hits[i];
        h->rank = opts->offset + (unsigned)i + 1;
        h->score = nx_results_score(res, i);
        h->data = strndup(data, len);
        if (!h->data) {
            rc = NX_ENOMEM;
            goto done;
        }
        if (opts->snippet_bytes) {
            h->snippet = hit_snippet(res, h->data, opts->snippet_bytes);
            if (!h->snippet) {
                rc = NX_ENOMEM;
                goto done;
            }
        }
    }
    for (size_t s = 0; s < nspecs; s++) {
        size_t f = spec_facet[s];
        rc = shape_facet(res, s, facet_limit(opts, (int)f), &r->facets[f],
                         &r->nfacets[f]);
        if (rc != NX_OK)
            goto done;
    }
    for (size_t g = 0; g < nf && rc == NX_OK; g++)
        if (opts->facets & (1u << ft[g].facet))
            rc = count_disjunctive(db, &req, filters, nf, g, ft[g].facet,
                                   facet_limit(opts, ft[g].facet), r, err);
done:
    nx_results_free(res);
    nx_filter_terms_clear(ft, nf);
    nx_resolver_clear(&rv);
    if (rc != NX_OK) {
        nx_query_result_free(r);
        if (!*err)
            *err = strdup(nx_strerror(rc));
        return rc;
    }
    *out = r;
    return NX_OK;
}

void nx_query_result_free(nx_query_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nhits && r->hits; i++) {
        free(r->hits[i].data);
        free(r->hits[i].snippet);
    }
    free(r->hits);
    for (int f = 0; f < NX_FACET_COUNT; f++) {
        for (size_t i = 0; i < r->nfacets[f]; i++)
            free(r->facets[f][i].value);
        free(r->facets[f]);
    }
    free(r->query);
    free(r->suggestion);
    free(r->missing);
    free(r);
}
