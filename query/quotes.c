/*
 * quotes.c — quotes as search results (nx_quotes.h): the articles are
 * searched with the query's words bound to quotes, read in batches, and
 * each article's quotes kept that are the named speakers' and hold the
 * query's words; then ranked, counted by speaker and year, and the page
 * read again by id.
 */
#include "nx_quotes.h"

#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_names.h"
#include "nx_resolve.h"
#include "nx_strmap.h"

/* Articles per search: each batch is a search of its own, so fewer,
 * larger batches cost less; the stored data of one batch is held at a
 * time. */
#define BATCH 1000
/* Bounds of the arrays below (quotes kept, speaker prefixes). */
#define QUOTES_MAX ((size_t)1 << 26)
#define PREFIXES_MAX 65536

typedef struct art {
    char *id;
    char *time;       /* ISO 8601 UTC, NULL when undated */
    double score;
} art;

typedef struct qrec {   /* a matching quote, with its sort keys */
    const char *id, *time;   /* the article's (owned by s->arts) */
    double score;            /* the article's relevance */
    size_t art, index;
    unsigned matched;
    int confident;           /* attributed at by:'s confidence */
    int by_date;
} qrec;

typedef struct tally {  /* counts by a key, with the first display seen */
    nx_strmap *keys;    /* key -> index */
    char **value;
    uint64_t *count;
    size_t n, cap, capc;
} tally;

typedef struct scan {
    const nx_quotes_options *o;
    const nx_aliases *al;
    char **prefixes;         /* the named speakers' quote prefixes */
    size_t nprefixes, capp;
    int named;               /* speakers named (by:, --by, --filter by:) */
    int unattributed;        /* by:unattributed among them */
    nx_quote_words *words;   /* NULL until the first batch */
    art *arts;
    size_t narts, capa;
    qrec *q;
    size_t nq, capq;
    tally speakers, years, months;
} scan;

static int tally_add(tally *t, const char *key, const char *value)
{
    long v;
    if (!t->keys && !(t->keys = nx_strmap_new()))
        return NX_ENOMEM;
    if (nx_strmap_get(t->keys, key, strlen(key), &v)) {
        t->count[v]++;
        return NX_OK;
    }
    size_t capc = t->cap;
    int rc = nx_grow(&t->value, &t->cap, t->n + 1, sizeof *t->value,
                     QUOTES_MAX);
    if (rc == NX_OK)
        rc = nx_grow(&t->count, &capc, t->n + 1, sizeof *t->count,
                     QUOTES_MAX);
    t->capc = capc;
    if (rc != NX_OK)
        return rc;
    if (!(t->value[t->n] = strdup(value)) ||
        nx_strmap_put(t->keys, key, strlen(key), (long)t->n) != 0) {
        free(t->value[t->n]);
        return NX_ENOMEM;
    }
    t->count[t->n++] = 1;
    return NX_OK;
}

static void tally_clear(tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->value[i]);
    free(t->value);
    free(t->count);
    nx_strmap_free(t->keys);
    memset(t, 0, sizeof *t);
}

static int cmp_count(const void *a, const void *b)
{
    const nx_facet_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* The tally as a facet list, most first, at most `limit` (0 = all). */
static int tally_list(tally *t, unsigned limit, nx_facet_count **out,
                      size_t *nout)
{
    nx_facet_count *l = calloc(t->n ? t->n : 1, sizeof *l);
    if (!l)
        return NX_ENOMEM;
    for (size_t i = 0; i < t->n; i++) {
        l[i].value = t->value[i];   /* moved below */
        l[i].count = t->count[i];
    }
    qsort(l, t->n, sizeof *l, cmp_count);
    size_t n = limit && limit < t->n ? limit : t->n;
    for (size_t i = 0; i < t->n; i++) {
        if (i >= n)
            continue;
        if (!(l[i].value = strdup(l[i].value))) {
            for (size_t k = 0; k < i; k++)
                free(l[k].value);
            free(l);
            return NX_ENOMEM;
        }
    }
    *out = l;
    *nout = n;
    return NX_OK;
}

static int add_prefix(scan *s, const char *by_term)
{
    char *p = nx_quote_prefix(by_term);
    if (!p)
        return NX_ENOMEM;
    for (size_t i = 0; i < s->nprefixes; i++)
        if (strcmp(s->prefixes[i], p) == 0) {
            free(p);
            return NX_OK;
        }
    int rc = nx_grow(&s->prefixes, &s->capp, s->nprefixes + 1,
                     sizeof *s->prefixes, PREFIXES_MAX);
    if (rc != NX_OK) {
        free(p);
        return rc;
    }
    s->prefixes[s->nprefixes++] = p;
    return NX_OK;
}

static int has_prefix(const scan *s, const char *p)
{
    for (size_t i = 0; i < s->nprefixes; i++)
        if (strcmp(s->prefixes[i], p) == 0)
            return 1;
    return 0;
}

/* Whether a name's by: terms (index form) have a prefix of s: 1, 0, or
 * NX_ENOMEM. */
static int name_named(const scan *s, const char *name)
{
    nx_facet_terms ft;
    int rc = nx_facet_terms_make(NX_FACET_BY, s->al, name, 0, &ft);
    if (rc == NX_EINVAL)
        return 0;
    if (rc != NX_OK)
        return rc;
    int yes = 0;
    for (size_t i = 0; i < ft.n && !yes && rc == NX_OK; i++) {
        char *p = nx_quote_prefix(ft.terms[i]);
        if (!p)
            rc = NX_ENOMEM;
        yes = p && has_prefix(s, p);
        free(p);
    }
    nx_facet_terms_clear(&ft);
    return rc != NX_OK ? rc : yes;
}

/* The speakers the query names: by: values in its text (not negated),
 * --by values and --filter by: values (in ft), as quote prefixes. */
static int named_speakers(scan *s, nx_resolver *rv, const char *query,
                          const nx_filter_terms *ft, size_t nf, char **err)
{
    char **vals = NULL;
    size_t nv = 0;
    int rc = nx_query_by_values(query, &vals, &nv);
    char **fs = rc == NX_OK ? calloc(nv ? nv : 1, sizeof *fs) : NULL;
    if (rc == NX_OK && !fs)
        rc = NX_ENOMEM;
    for (size_t i = 0; i < nv && rc == NX_OK; i++)
        if (!(fs[i] = nx_errf("by:%s", vals[i])))
            rc = NX_ENOMEM;
    nx_filter_terms qt[1];
    nx_filter qf[1];
    size_t nq = 0;
    if (rc == NX_OK && nv)
        rc = nx_resolver_filters(rv, (const char *const *)fs, nv, qt, qf, &nq,
                                 err);
    for (size_t g = 0; g < nq && rc == NX_OK; g++)
        for (size_t t = 0; t < qt[g].n && rc == NX_OK; t++)
            rc = add_prefix(s, qt[g].terms[t]);
    nx_filter_terms_clear(qt, nq);
    for (size_t g = 0; g < nf && rc == NX_OK; g++) {
        if (ft[g].facet != NX_FACET_BY)
            continue;
        s->named = 1;
        for (size_t t = 0; t < ft[g].n && rc == NX_OK; t++)
            rc = add_prefix(s, ft[g].terms[t]);
    }
    if (nv)
        s->named = 1;
    for (size_t i = 0; i < nv; i++) {
        free(vals[i]);
        if (fs)
            free(fs[i]);
    }
    free(vals);
    free(fs);
    if (rc == NX_OK && s->named) {
        int u = name_named(s, NX_STORED_UNATTRIBUTED);
        if (u < 0)
            rc = u;
        s->unattributed = u > 0;
    }
    return rc;
}

/* The search's fields: the query's own, then quote: and the words typed
 * without a field, both under the named speakers' quote prefixes (any
 * speaker's when none is named, or when quotes with no speaker are
 * asked for: those are indexed under NX_PREFIX_QUOTE alone). */
static int make_fields(const scan *s, nx_field **out, size_t *nout)
{
    size_t nbase;
    const nx_field *base = nx_query_fields(&nbase);
    int any = !s->named || s->unattributed || s->nprefixes == 0;
    size_t np = s->nprefixes + (size_t)any;
    nx_field *f = calloc(nbase + 2 * np, sizeof *f);
    if (!f)
        return NX_ENOMEM;
    memcpy(f, base, nbase * sizeof *base);
    size_t n = nbase;
    for (size_t i = 0; i < np; i++) {
        const char *p = i < s->nprefixes ? s->prefixes[i] : NX_PREFIX_QUOTE;
        f[n++] = (nx_field){"quote", 0, p};
        f[n++] = (nx_field){"", 0, p};
    }
    *out = f;
    *nout = n;
    return NX_OK;
}

/* Whether quote q of an article is a named speaker's (when any is named). */
static int speaker_ok(const scan *s, const nx_stored_quote *q)
{
    if (!s->named)
        return 1;
    if (!q->speaker)
        return s->unattributed;
    /* any attribution, as quote: binds (the indexer puts every attributed
     * quote under its speaker's prefix); the article itself is by:'s */
    return name_named(s, q->speaker);
}

static int year_of(const char *date, char out[5])
{
    if (!date || strlen(date) < 4)
        return 0;
    memcpy(out, date, 4);
    out[4] = '\0';
    return 1;
}

/* One article of a batch: its matching quotes recorded and counted. */
static int scan_article(scan *s, const char *data, size_t len, double score)
{
    nx_stored d;
    int rc = nx_stored_parse(&d, data, len);
    if (rc == NX_EPARSE || !d.id) {
        nx_stored_clear(&d);
        return NX_OK;   /* a document without fields holds no quotes */
    }
    size_t kept = 0;
    for (size_t i = 0; i < d.nquotes && rc == NX_OK; i++) {
        const nx_stored_quote *q = &d.quotes[i];
        if (!q->text)
            continue;
        int ok = speaker_ok(s, q);
        if (ok < 0) {
            rc = ok;
            break;
        }
        unsigned matched = 0;
        if (ok && nx_quote_words_count(s->words))
            rc = nx_quote_words_match(s->words, q->text, &matched, NULL);
        if (!ok || rc != NX_OK ||
            (nx_quote_words_count(s->words) && matched == 0))
            continue;
        if (kept++ == 0) {
            rc = nx_grow(&s->arts, &s->capa, s->narts + 1, sizeof *s->arts,
                         QUOTES_MAX);
            if (rc != NX_OK)
                break;
            art *a = &s->arts[s->narts];
            a->id = strdup(d.id);
            a->time = d.time ? strdup(d.time) : NULL;
            a->score = score;
            s->narts++;
            if (!a->id || (d.time && !a->time)) {
                rc = NX_ENOMEM;
                break;
            }
        }
        rc = nx_grow(&s->q, &s->capq, s->nq + 1, sizeof *s->q, QUOTES_MAX);
        if (rc != NX_OK)
            break;
        const art *a = &s->arts[s->narts - 1];
        s->q[s->nq++] = (qrec){a->id, a->time, a->score, s->narts - 1, i,
                               matched, q->confident, s->o->sort_by_date};
        char *key = q->speaker ? nx_name_key(q->speaker) : NULL;
        if (q->speaker && !key)
            rc = NX_ENOMEM;
        else
            rc = tally_add(&s->speakers,
                           key && *key ? key : NX_STORED_UNATTRIBUTED,
                           key && *key ? q->speaker
                                       : NX_STORED_UNATTRIBUTED);
        free(key);
        char y[5];
        if (rc == NX_OK && year_of(d.date, y))
            rc = tally_add(&s->years, y, y);
        if (rc == NX_OK && d.date && strlen(d.date) >= 7 && d.date[4] == '-') {
            char m[8];
            memcpy(m, d.date, 7);
            m[7] = '\0';
            rc = tally_add(&s->months, m, m);
        }
    }
    nx_stored_clear(&d);
    return rc;
}

static int cmp_time(const char *a, const char *b)
{
    if (!a || !b)
        return a ? -1 : b ? 1 : 0;   /* undated last */
    return -strcmp(a, b);            /* newest first */
}

static int cmp_qrec(const void *pa, const void *pb)
{
    const qrec *x = pa, *y = pb;
    int c;
    if (!x->by_date) {
        if (x->matched != y->matched)
            return x->matched > y->matched ? -1 : 1;
        if (x->confident != y->confident)
            return x->confident ? -1 : 1;
        if (x->score != y->score)
            return x->score > y->score ? -1 : 1;
    }
    if ((c = cmp_time(x->time, y->time)) != 0)
        return c;
    if (x->art != y->art && (c = strcmp(x->id, y->id)) != 0)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

static void scan_clear(scan *s)
{
    for (size_t i = 0; i < s->nprefixes; i++)
        free(s->prefixes[i]);
    free(s->prefixes);
    nx_quote_words_free(s->words);
    for (size_t i = 0; i < s->narts; i++) {
        free(s->arts[i].id);
        free(s->arts[i].time);
    }
    free(s->arts);
    free(s->q);
    tally_clear(&s->speakers);
    tally_clear(&s->years);
    tally_clear(&s->months);
}

/* The words quotes are matched against, from the first batch's terms. */
static int batch_words(scan *s, const nx_results *res)
{
    size_t n = nx_results_term_count(res);
    const char **t = calloc(n ? n : 1, sizeof *t);
    if (!t)
        return NX_ENOMEM;
    for (size_t i = 0; i < n; i++)
        t[i] = nx_results_term(res, i);
    int rc = nx_quote_words_new(&s->words, t, n);
    free(t);
    return rc;
}

/* Reads every matching article, batch by batch. */
static int scan_all(scan *s, nx_db *db, nx_search_request *req, int *exact,
                    char **err)
{
    unsigned max = s->o->max_articles ? s->o->max_articles
                                      : NX_QUOTES_MAX_ARTICLES;
    *exact = 1;
    for (unsigned off = 0;; off += BATCH) {
        if (off >= max) {
            *exact = 0;
            return NX_OK;
        }
        req->offset = off;
        req->limit = max - off < BATCH ? max - off : BATCH;
        nx_results *res = NULL;
        int rc = nx_db_search(db, req, &res);
        if (rc != NX_OK) {
            *err = strdup(nx_db_errmsg(db));
            return rc;
        }
        if (!s->words)
            rc = batch_words(s, res);
        size_t n = nx_results_size(res);
        for (size_t i = 0; i < n && rc == NX_OK; i++) {
            size_t len;
            const char *data = nx_results_data(res, i, &len);
            rc = scan_article(s, data, len, nx_results_score(res, i));
        }
        nx_results_free(res);
        if (rc != NX_OK)
            return rc;
        if (n < req->limit) {
            if (off + n >= max && n == req->limit)
                *exact = 0;
            return NX_OK;
        }
    }
}

/* Hit k of the page: the article read again by id (or copied from the
 * hit before, `prev`, when that is the same article's: an export lists
 * an article's quotes one after the other), the quote highlighted.
 * NX_ENOTFOUND when the article went meanwhile. */
static int page_hit(scan *s, nx_db *db, const qrec *q, nx_quote_hit *h,
                    const nx_quote_hit *prev, size_t prev_art)
{
    size_t len;
    int rc;
    if (prev && prev_art == q->art) {
        len = strlen(prev->data);
        h->data = malloc(len + 1);
        if (!h->data)
            return NX_ENOMEM;
        memcpy(h->data, prev->data, len + 1);
    } else if ((rc = nx_db_get_data(db, s->arts[q->art].id, &h->data,
                                    &len)) != NX_OK) {
        return rc;
    }
    rc = nx_stored_parse(&h->doc, h->data, len);
    if (rc == NX_ENOMEM)
        return rc;
    if (rc != NX_OK || q->index >= h->doc.nquotes ||
        !h->doc.quotes[q->index].text)
        return NX_ENOTFOUND;
    h->index = q->index;
    h->matched = q->matched;
    h->score = s->arts[q->art].score;
    return nx_quote_words_match(s->words, h->doc.quotes[q->index].text,
                                &h->matched, &h->highlight);
}

static void hit_clear(nx_quote_hit *h)
{
    free(h->data);
    nx_stored_clear(&h->doc);
    free(h->highlight);
    memset(h, 0, sizeof *h);
}

int nx_quotes_run(nx_db *db, const nx_quotes_options *o,
                  nx_quotes_result **out, char **err)
{
    *out = NULL;
    *err = NULL;
    const char *query = o->query ? o->query : "";
    size_t nall = o->nfilters + o->nspeakers;
    if (o->nfilters > 64 || o->nspeakers > 64) {
        *err = strdup("too many filters or speakers (at most 64 each)");
        return *err ? NX_EINVAL : NX_ENOMEM;
    }
    scan s;
    memset(&s, 0, sizeof s);
    s.o = o;
    nx_resolver rv;
    int rc = nx_resolver_init(&rv, db);
    if (rc != NX_OK)
        return rc;
    nx_quotes_result *r = NULL;
    nx_field *fields = NULL;
    size_t nfields = 0, nf = 0;
    nx_filter filters[64];
    nx_filter_terms ft[64];
    /* --by NAME is --filter by:NAME */
    char **all = calloc(nall ? nall : 1, sizeof *all);
    if (!all) {
        rc = NX_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < o->nfilters; i++)
        all[i] = strdup(o->filters[i]);
    for (size_t i = 0; i < o->nspeakers; i++)
        all[o->nfilters + i] = nx_errf("by:%s", o->speakers[i]);
    for (size_t i = 0; i < nall; i++)
        if (!all[i])
            rc = NX_ENOMEM;
    if (rc == NX_OK)
        rc = nx_resolver_filters(&rv, (const char *const *)all, nall, ft,
                                 filters, &nf, err);
    if (rc != NX_OK) {
        nf = 0;
        goto done;
    }
    if (!(s.al = nx_query_aliases(db))) {
        rc = NX_ENOMEM;
        goto done;
    }
    rc = named_speakers(&s, &rv, query, ft, nf, err);
    if (rc == NX_OK)
        rc = make_fields(&s, &fields, &nfields);
    if (rc != NX_OK)
        goto done;

    nx_search_request req = {0};
    req.query = query;
    req.fields = fields;
    req.nfields = nfields;
    req.resolve = nx_resolver_field;
    req.range_prefix = "date:";
    req.range = nx_resolver_range;
    req.ctx = &rv;
    req.filters = filters;
    req.nfilters = nf;
    req.sort_by_date = o->sort_by_date;
    req.sort_slot = NX_SLOT_SORT;
    req.max_wildcard = o->max_wildcard;
    req.time_limit_ms = o->time_limit_ms;
    int exact;
    rc = scan_all(&s, db, &req, &exact, err);
    if (rc != NX_OK)
        goto done;

    if (s.nq)
        qsort(s.q, s.nq, sizeof *s.q, cmp_qrec);
    if (!(r = calloc(1, sizeof *r)) || !(r->query = strdup(query))) {
        rc = NX_ENOMEM;
        goto done;
    }
    r->total = s.nq;
    r->articles = s.narts;
    r->total_exact = exact;
    r->offset = o->offset;
    if (*nx_db_missing_shards(db) &&
        !(r->missing = strdup(nx_db_missing_shards(db)))) {
        rc = NX_ENOMEM;
        goto done;
    }
    rc = tally_list(&s.speakers, o->facet_limit, &r->speakers, &r->nspeakers);
    if (rc == NX_OK)
        rc = tally_list(&s.years, 0, &r->years, &r->nyears);
    if (rc == NX_OK)
        rc = tally_list(&s.months, 0, &r->months, &r->nmonths);
    size_t first = o->offset < s.nq ? o->offset : s.nq;
    size_t last = o->limit < s.nq - first ? first + o->limit : s.nq;
    if (rc == NX_OK && !(r->hits = calloc(last - first + 1, sizeof *r->hits)))
        rc = NX_ENOMEM;
    size_t prev_art = SIZE_MAX;
    for (size_t k = first; k < last && rc == NX_OK; k++) {
        nx_quote_hit *h = &r->hits[r->nhits];
        rc = page_hit(&s, db, &s.q[k], h, r->nhits ? h - 1 : NULL, prev_art);
        if (rc == NX_ENOTFOUND) {   /* deleted since the scan */
            hit_clear(h);
            rc = NX_OK;
            continue;
        }
        h->rank = (unsigned)k + 1;
        prev_art = s.q[k].art;
        r->nhits++;
        if (rc != NX_OK)
            *err = rc == NX_ENOMEM ? NULL : strdup(nx_db_errmsg(db));
    }
done:
    for (size_t i = 0; all && i < nall; i++)
        free(all[i]);
    free(all);
    free(fields);
    nx_filter_terms_clear(ft, nf);
    nx_resolver_clear(&rv);
    scan_clear(&s);
    if (rc != NX_OK) {
        nx_quotes_result_free(r);
        if (!*err)
            *err = strdup(nx_strerror(rc));
        return rc;
    }
    *out = r;
    return NX_OK;
}

void nx_quotes_result_free(nx_quotes_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nhits; i++)
        hit_clear(&r->hits[i]);
    free(r->hits);
    for (size_t i = 0; i < r->nspeakers; i++)
        free(r->speakers[i].value);
    free(r->speakers);
    for (size_t i = 0; i < r->nyears; i++)
        free(r->years[i].value);
    free(r->years);
    for (size_t i = 0; i < r->nmonths; i++)
        free(r->months[i].value);
    free(r->months);
    free(r->query);
    free(r->missing);
    free(r);
}
