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

#include "nx_dates.h"
#include "nx_resolve.h"

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
                *err = nx_errf("unknown facet \"%s\" (facets: by, person, "
                               "org, place, category, author, year, month, "
                               "byany, about)",
                               p);
                return -1;
            }
            memcpy(name, p, n);
            name[n] = '\0';
            int f = nx_facet_lookup(name);
            if (f < 0) {
                *err = nx_errf("unknown facet \"%s\" (facets: by, person, "
                               "org, place, category, author, year, month, "
                               "byany, about)",
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
    {"byany", 1, NULL},    {"about", 1, NULL},
    {"title", 0, "S"},
};

const nx_field *nx_query_fields(size_t *n)
{
    *n = sizeof query_fields / sizeof query_fields[0];
    return query_fields;
}

/* The snippet of a hit: from its stored body (or title). */
static char *hit_snippet(nx_results *res, const nx_stored *doc, size_t bytes)
{
    const char *text = doc->body && *doc->body ? doc->body
                       : doc->title             ? doc->title
                                                : "";
    return nx_results_snippet(res, text, strlen(text), bytes);
}

/* Display forms and their keys, kept on the database handle: a facet
 * lists thousands of values (an org facet over a common word: 2,500), and
 * a long-lived reader (FastCGI) meets the same ones request after request;
 * folding each costs about a microsecond.  The key depends on the display
 * form alone, so the table never goes stale.  Bounded: once full, keys
 * are computed and not kept. */
#define NAME_KEYS_MAX (1u << 17)
typedef struct name_keys {
    size_t cap, n;           /* slots (a power of two), entries */
    unsigned long runs;      /* searches run on the handle */
    char **display, **key;   /* cap each; NULL = empty slot */
} name_keys;

static void name_keys_free(void *p)
{
    name_keys *t = p;
    if (!t)
        return;
    for (size_t i = 0; i < t->cap; i++) {
        free(t->display[i]);
        free(t->key[i]);
    }
    free(t->display);
    free(t->key);
    free(t);
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Room for one more entry (grows at half full); 0 when it cannot. */
static int name_keys_room(name_keys *t)
{
    if (t->n + 1 <= t->cap / 2)
        return 1;
    size_t cap = t->cap ? t->cap * 2 : 1024;
    if (cap / 2 > NAME_KEYS_MAX)
        return 0;
    char **d = calloc(cap, sizeof *d), **k = calloc(cap, sizeof *k);
    if (!d || !k) {
        free(d);
        free(k);
        return 0;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->display[i])
            continue;
        size_t j = hash_str(t->display[i]) & (cap - 1);
        while (d[j])
            j = (j + 1) & (cap - 1);
        d[j] = t->display[i];
        k[j] = t->key[i];
    }
    free(t->display);
    free(t->key);
    t->display = d;
    t->key = k;
    t->cap = cap;
    return 1;
}

/* The key of `display`: from the table, else computed and kept (*owned
 * NULL), else computed into *owned for the caller to free.  NULL: no
 * memory. */
static const char *name_key(name_keys *t, const char *display, char **owned)
{
    *owned = NULL;
    size_t j = 0;
    if (t && t->cap) {
        j = hash_str(display) & (t->cap - 1);
        for (; t->display[j]; j = (j + 1) & (t->cap - 1))
            if (strcmp(t->display[j], display) == 0)
                return t->key[j];
    }
    char *key = nx_name_key(display);
    if (!key)
        return NULL;
    char *d = t && name_keys_room(t) ? strdup(display) : NULL;
    if (!d) {
        *owned = key;
        return key;
    }
    j = hash_str(display) & (t->cap - 1);
    while (t->display[j])
        j = (j + 1) & (t->cap - 1);
    t->display[j] = d;
    t->key[j] = key;
    t->n++;
    return key;
}

/* The handle's table for this search, counting the search.  NULL — keys
 * computed each time — for a handle's first search (a plain CGI's only
 * one: filling the table would cost it more than it saves) and when there
 * is no memory for a table. */
static name_keys *run_name_keys(nx_db *db)
{
    name_keys *t = nx_db_attached(db, "newsdex.namekeys", "1");
    if (!t && (t = calloc(1, sizeof *t)) &&
        nx_db_attach(db, "newsdex.namekeys", "1", t, name_keys_free) != NX_OK)
        t = NULL;
    return t && t->runs++ > 0 ? t : NULL;
}

/* A merged value before the cut: the strings stay the results' (or the
 * key table's). */
typedef struct merged {
    const char *key;
    const char *value;   /* the spelling most documents use */
    uint64_t count;      /* summed over the spellings */
    uint64_t best;       /* documents with `value` */
} merged;

static int cmp_merged(const void *a, const void *b)
{
    const merged *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* Keeps h[i]'s subtree a heap with the entry that sorts last on top. */
static void sift_down(merged *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, top = i;
        if (l < n && cmp_merged(&h[l], &h[top]) > 0)
            top = l;
        if (r < n && cmp_merged(&h[r], &h[top]) > 0)
            top = r;
        if (top == i)
            return;
        merged t = h[i];
        h[i] = h[top];
        h[top] = t;
        i = top;
    }
}

/* Moves the `limit` entries of mg[0..m) that sort first to the front, in
 * order, and returns how many: a heap of the best so far (m log limit
 * rather than sorting all m — an org facet has thousands, the page shows
 * 48).  The order is total (no two entries share a display form). */
static size_t top_merged(merged *mg, size_t m, size_t limit)
{
    if (m > limit) {
        for (size_t i = limit / 2; i-- > 0;)
            sift_down(mg, limit, i);
        for (size_t i = limit; i < m && limit > 0; i++)
            if (cmp_merged(&mg[i], &mg[0]) < 0) {
                mg[0] = mg[i];
                sift_down(mg, limit, 0);
            }
        m = limit;
    }
    qsort(mg, m, sizeof *mg, cmp_merged);
    return m;
}

/* Merges a facet's raw (display value, count) pairs by normalised key and
 * keeps the top `limit`: counts ordered most first, ties by value, so a
 * database and its shards print the same lists.  Each merged entry shows
 * the spelling most documents use (ties: the first in byte order).  Keys
 * come from `keys` when given (a handle serving many searches). */
static int shape_facet(name_keys *keys, nx_results *res, size_t fi,
                       unsigned limit, nx_facet_count **out, size_t *nout)
{
    size_t n = nx_results_facet_size(res, fi), m = 0, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    char **owned = calloc(n ? n : 1, sizeof *owned);
    merged *mg = calloc(n ? n : 1, sizeof *mg);
    size_t *slot = malloc(cap * sizeof *slot);   /* key -> mg index */
    nx_facet_count *all = NULL;
    int rc = (owned && mg && slot) ? NX_OK : NX_ENOMEM;
    for (size_t i = 0; slot && i < cap; i++)
        slot[i] = SIZE_MAX;
    for (size_t i = 0; i < n && rc == NX_OK; i++) {
        uint64_t count;
        const char *value = nx_results_facet_value(res, fi, i, &count);
        const char *key = name_key(keys, value, &owned[i]);
        if (!key) {
            rc = NX_ENOMEM;
            break;
        }
        size_t h = hash_str(key) & (cap - 1);
        while (slot[h] != SIZE_MAX && strcmp(mg[slot[h]].key, key) != 0)
            h = (h + 1) & (cap - 1);
        if (slot[h] == SIZE_MAX) {
            slot[h] = m;
            mg[m++] = (merged){key, value, count, count};
            continue;
        }
        merged *e = &mg[slot[h]];
        e->count += count;
        if (count > e->best || (count == e->best && strcmp(value, e->value) < 0)) {
            e->value = value;
            e->best = count;
        }
    }
    if (rc == NX_OK) {
        m = top_merged(mg, m, limit);
        /* Copies of the values listed only: the rest stay the results'. */
        all = calloc(m ? m : 1, sizeof *all);
        for (size_t i = 0; all && i < m; i++) {
            all[i].count = mg[i].count;
            if (!(all[i].value = strdup(mg[i].value))) {
                for (size_t k = 0; k < i; k++)
                    free(all[k].value);
                free(all);
                all = NULL;
            }
        }
        if (!all)
            rc = NX_ENOMEM;
    }
    for (size_t i = 0; i < n && owned; i++)
        free(owned[i]);
    free(owned);
    free(mg);
    free(slot);
    if (rc != NX_OK)
        return rc;
    *out = all;
    *nout = m;
    return NX_OK;
}

/* Counts a facet that has --filter values the way shops show ticked facets
 * (disjunctive facets): over the matches of every other filter, so the
 * values not ticked keep their counts and can still be added (OR). */
static int count_disjunctive(nx_db *db, name_keys *keys,
                             const nx_search_request *base,
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
    rc = shape_facet(keys, res, 0, limit, &r->facets[facet],
                     &r->nfacets[facet]);
    nx_results_free(res);
    return rc;
}

int nx_query_run(nx_db *db, const nx_query_options *opts,
                 nx_query_result **out, char **err)
{
    *out = NULL;
    *err = NULL;
    name_keys *keys = run_name_keys(db);
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

    nx_quote_fields qf;
    rc = nx_quote_fields_make(&rv, opts->query, ft, nf, query_fields,
                              sizeof query_fields / sizeof query_fields[0],
                              &qf, err);
    if (rc != NX_OK) {
        nx_filter_terms_clear(ft, nf);
        nx_resolver_clear(&rv);
        return rc;
    }

    nx_search_request req = {0};
    req.query = opts->query ? opts->query : "";
    req.fields = qf.fields;
    req.nfields = qf.n;
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
        nx_quote_fields_clear(&qf);
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
        /* Data that does not parse shows as a hit without fields. */
        if (!h->data ||
            nx_stored_parse(&h->doc, h->data, strlen(h->data)) == NX_ENOMEM) {
            rc = NX_ENOMEM;
            goto done;
        }
        if (opts->snippet_bytes) {
            h->snippet = hit_snippet(res, &h->doc, opts->snippet_bytes);
            if (!h->snippet) {
                rc = NX_ENOMEM;
                goto done;
            }
        }
    }
    for (size_t s = 0; s < nspecs; s++) {
        size_t f = spec_facet[s];
        rc = shape_facet(keys, res, s, facet_limit(opts, (int)f),
                         &r->facets[f], &r->nfacets[f]);
        if (rc != NX_OK)
            goto done;
    }
    for (size_t g = 0; g < nf && rc == NX_OK; g++)
        if (opts->facets & (1u << ft[g].facet))
            rc = count_disjunctive(db, keys, &req, filters, nf, g,
                                   ft[g].facet, facet_limit(opts, ft[g].facet),
                                   r, err);
done:
    nx_results_free(res);
    nx_filter_terms_clear(ft, nf);
    nx_quote_fields_clear(&qf);
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
        nx_stored_clear(&r->hits[i].doc);
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
