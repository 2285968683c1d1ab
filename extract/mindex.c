/*
 * mindex.c — the mention index (x_internal.h): the mentions of an article
 * sorted by start and by last token, and the two per-person tables the
 * speaker rules ask for again and again (how often a surname was named
 * before a point; which longer name a bare surname borrows its first name
 * from).  Built once when the quotes stage starts — that stage adds no
 * mention and changes none, so the index stays true while it runs — and
 * freed when it ends.  Each lookup answers exactly what the full pass over
 * d->ments it replaces answers: ties go to the lower mention index, as in
 * that pass.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"

struct x_mindex {
    size_t n;              /* d->nment when built: valid while unchanged */
    uint32_t *by_start;    /* mention indices by (tok, index) */
    uint32_t *start_tok;   /* the tok of each by_start entry */
    uint32_t *by_end;      /* mention indices by (last token, index) */
    uint32_t *end_tok;     /* the last token of each by_end entry */
    int32_t *group;        /* per mention: its surname group, or -1 */
    uint32_t *gfirst;      /* group g: gtoks[gfirst[g] .. gfirst[g + 1]) */
    uint32_t *gtoks;       /* per group, its distinct start tokens, sorted */
    int32_t *longer;       /* per one-token mention: x_mindex_longer */
};

typedef struct tkey {      /* a mention keyed by a token */
    uint32_t tok, idx;
} tkey;

typedef struct wkey {      /* a mention keyed by a word's text */
    const char *s;
    uint32_t len;
    uint32_t kind;         /* sorts before idx (longer: providers first) */
    uint32_t tok, idx;
} wkey;

static int cmp_tkey(const void *a, const void *b)
{
    const tkey *x = a, *y = b;
    if (x->tok != y->tok)
        return x->tok < y->tok ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static int cmp_text(const wkey *x, const wkey *y)
{
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

static int cmp_wkey(const void *a, const void *b)
{
    const wkey *x = a, *y = b;
    int c = cmp_text(x, y);
    if (c)
        return c;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->tok != y->tok)
        return x->tok < y->tok ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static const x_mindex *valid(const x_doc *d)
{
    return d->mi && d->mi->n == d->nment ? d->mi : NULL;
}

/* The first position in v[0..n) whose value is >= t. */
static size_t lower(const uint32_t *v, size_t n, uint32_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void word_key(const x_doc *d, wkey *k, uint32_t tok, uint32_t kind,
                     uint32_t start, uint32_t idx)
{
    k->s = d->text + d->toks[tok].off;
    k->len = d->toks[tok].len;
    k->kind = kind;
    k->tok = start;
    k->idx = idx;
}

/* Sorts the mentions by tok (or last token) into order[] and toks[]. */
static int by_token(const x_doc *d, int last, uint32_t **order,
                    uint32_t **toks)
{
    size_t n = d->nment;
    tkey *k = malloc((n ? n : 1) * sizeof *k);
    *order = malloc((n ? n : 1) * sizeof **order);
    *toks = malloc((n ? n : 1) * sizeof **toks);
    if (!k || !*order || !*toks) {
        free(k);
        return NX_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const x_mention *m = &d->ments[i];
        k[i].tok = last ? m->tok + m->ntok - 1 : m->tok;
        k[i].idx = (uint32_t)i;
    }
    qsort(k, n, sizeof *k, cmp_tkey);
    for (size_t i = 0; i < n; i++) {
        (*order)[i] = k[i].idx;
        (*toks)[i] = k[i].tok;
    }
    free(k);
    return NX_OK;
}

/* Surname groups: people (not dropped) by the text of their last word,
 * each with its distinct start tokens. */
static int groups(const x_doc *d, x_mindex *x)
{
    size_t n = d->nment, nk = 0;
    wkey *k = malloc((n ? n : 1) * sizeof *k);
    x->group = malloc((n ? n : 1) * sizeof *x->group);
    x->gfirst = malloc((n + 1) * sizeof *x->gfirst);
    x->gtoks = malloc((n ? n : 1) * sizeof *x->gtoks);
    if (!k || !x->group || !x->gfirst || !x->gtoks) {
        free(k);
        return NX_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const x_mention *m = &d->ments[i];
        x->group[i] = -1;
        if (!(m->flags & XMF_DROPPED) && m->type == XM_PER)
            word_key(d, &k[nk++], m->tok + m->ntok - 1, 0, m->tok,
                     (uint32_t)i);
    }
    qsort(k, nk, sizeof *k, cmp_wkey);
    size_t g = 0, nt = 0;
    for (size_t i = 0; i < nk; i++) {
        int fresh = i == 0 || cmp_text(&k[i - 1], &k[i]) != 0;
        if (fresh)
            x->gfirst[g++] = (uint32_t)nt;
        if (fresh || x->gtoks[nt - 1] != k[i].tok)
            x->gtoks[nt++] = k[i].tok;
        x->group[k[i].idx] = (int32_t)(g - 1);
    }
    x->gfirst[g] = (uint32_t)nt;
    free(k);
    return NX_OK;
}

/* For each one-token mention, the first (lowest index) person mention of
 * two or more tokens whose last word is that token's text. */
static int longer_names(const x_doc *d, x_mindex *x)
{
    size_t n = d->nment, nk = 0;
    wkey *k = malloc((2 * n + 1) * sizeof *k);
    x->longer = malloc((n ? n : 1) * sizeof *x->longer);
    if (!k || !x->longer) {
        free(k);
        return NX_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const x_mention *m = &d->ments[i];
        x->longer[i] = -1;
        if (m->type == XM_PER && m->ntok >= 2)     /* kind 0: a provider */
            word_key(d, &k[nk++], m->tok + m->ntok - 1, 0, 0, (uint32_t)i);
        if (m->ntok == 1)                          /* kind 1: a question */
            word_key(d, &k[nk++], m->tok, 1, 0, (uint32_t)i);
    }
    qsort(k, nk, sizeof *k, cmp_wkey);
    int32_t first = -1;
    for (size_t i = 0; i < nk; i++) {
        if (i == 0 || cmp_text(&k[i - 1], &k[i]) != 0)
            first = k[i].kind == 0 ? (int32_t)k[i].idx : -1;
        if (k[i].kind == 1)
            x->longer[k[i].idx] = first;
    }
    free(k);
    return NX_OK;
}

void x_mindex_free(x_doc *d)
{
    x_mindex *x = d->mi;
    if (!x)
        return;
    free(x->by_start);
    free(x->start_tok);
    free(x->by_end);
    free(x->end_tok);
    free(x->group);
    free(x->gfirst);
    free(x->gtoks);
    free(x->longer);
    free(x);
    d->mi = NULL;
}

int x_mindex_build(x_doc *d)
{
    x_mindex_free(d);
    x_mindex *x = calloc(1, sizeof *x);
    if (!x)
        return NX_ENOMEM;
    d->mi = x;
    x->n = d->nment;
    int rc = by_token(d, 0, &x->by_start, &x->start_tok);
    if (rc == NX_OK)
        rc = by_token(d, 1, &x->by_end, &x->end_tok);
    if (rc == NX_OK)
        rc = groups(d, x);
    if (rc == NX_OK)
        rc = longer_names(d, x);
    if (rc != NX_OK)
        x_mindex_free(d);
    return rc;
}

/* The first mention (lowest index, not dropped) whose key in toks[] is t. */
static int first_at(const x_doc *d, const uint32_t *order,
                    const uint32_t *toks, size_t n, uint32_t t)
{
    for (size_t i = lower(toks, n, t); i < n && toks[i] == t; i++)
        if (!(d->ments[order[i]].flags & XMF_DROPPED))
            return (int)order[i];
    return -1;
}

int x_mindex_ending(const x_doc *d, uint32_t t)
{
    const x_mindex *x = valid(d);
    return x ? first_at(d, x->by_end, x->end_tok, x->n, t) : -2;
}

int x_mindex_starting(const x_doc *d, uint32_t t)
{
    const x_mindex *x = valid(d);
    return x ? first_at(d, x->by_start, x->start_tok, x->n, t) : -2;
}

size_t x_doc_mentions_in(const x_doc *d, uint32_t a, uint32_t b,
                         uint32_t *buf, size_t cap)
{
    const x_mindex *x = valid(d);
    if (!x)
        return SIZE_MAX;
    if (b <= a)
        return 0;
    size_t lo = lower(x->start_tok, x->n, a), hi = lower(x->start_tok, x->n, b);
    if (hi - lo > cap)
        return SIZE_MAX;
    memcpy(buf, x->by_start + lo, (hi - lo) * sizeof *buf);
    qsort(buf, hi - lo, sizeof *buf, cmp_u32);
    return hi - lo;
}

int x_mindex_salience(const x_doc *d, int m, uint32_t t)
{
    const x_mindex *x = valid(d);
    if (!x || m < 0 || x->group[m] < 0)
        return -1;
    uint32_t g = (uint32_t)x->group[m];
    const uint32_t *v = x->gtoks + x->gfirst[g];
    return (int)lower(v, x->gfirst[g + 1] - x->gfirst[g], t);
}

int x_mindex_longer(const x_doc *d, int m)
{
    const x_mindex *x = valid(d);
    return x ? x->longer[m] : -2;
}
