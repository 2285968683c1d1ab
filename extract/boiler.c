/*
 * boiler.c — boilerplate learnt from an archive (nx_extract.h): lines that
 * recur across many articles of one source, such as a wire's sign-off
 * ("Reuter", "REUTER") or the filler of its flash items ("Blah blah
 * blah."), are not prose and are not mined for names.
 *
 * Why a table the indexer fills in a first pass over its sources, and not
 * a list in the code: every archive has its own (a sign-off, a byline, a
 * copyright line), and a line is boilerplate because it recurs, not
 * because of what it says.  The pass reads the records only (no
 * extraction), so it costs a fraction of the run.
 *
 * What is counted: a fingerprint (64-bit FNV-1a of the trimmed line) per
 * source group and line, once per article, for the first and the last
 * X_BOILER_EDGE non-blank lines of each body: sign-offs, bylines, filler
 * and disclaimers sit at the edges, and counting only there bounds the
 * table to a few entries per article however long the articles are.  A
 * line so learnt is boilerplate anywhere in its group's articles.
 *
 * A source group is the file for JSON and JSONL sources (one archive a
 * file, like Reuters-21578 or the BBC set) and the directory for .txt
 * files (one article a file, an archive a directory).
 *
 * The rule: a line is boilerplate of a group when it was counted in at
 * least X_BOILER_MIN articles and in at least 1 in X_BOILER_SHARE of the
 * group's articles.  On Reuters-21578 that is "Reuter" (14,337
 * articles), "REUTER" (4,578) and "Blah blah blah." (1,604); the next
 * edge line recurs in under 0.5% of articles.  On the BBC set, nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_hash.h"
#include "nx_status.h"
#include "x_internal.h"

#define X_BOILER_EDGE 3
#define X_BOILER_MIN 5
#define X_BOILER_SHARE 100
#define X_BOILER_MAX_SLOTS (1u << 24)   /* 256 MiB: ~8M distinct lines */

typedef struct slot {
    uint64_t key;            /* 0 = empty */
    uint32_t count;
} slot;

struct nx_boiler {
    slot *v;
    size_t cap, n;           /* cap a power of two, kept under half full */
    uint64_t articles;       /* articles counted */
};

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;        /* 0 marks an empty slot */
}

uint64_t x_boiler_group(const char *source)
{
    uint64_t h = NX_FNV64_OFFSET;
    if (!source)
        return h;
    size_t n = strcspn(source, "#");
    if (n >= 4 && memcmp(source + n - 4, ".txt", 4) == 0) {
        while (n && source[n - 1] != '/')
            n--;             /* a .txt file: its directory */
    }
    return nx_fnv1a64(h, source, n);
}

static uint64_t line_key(uint64_t group, const char *s, size_t n)
{
    return mix(nx_fnv1a64(group ^ 0x9e3779b97f4a7c15ull, s, n));
}

static uint64_t articles_key(uint64_t group)
{
    return mix(nx_fnv1a64(group, "\0articles", 9));
}

static slot *find(const nx_boiler *b, uint64_t key)
{
    if (!b->cap)
        return NULL;
    for (size_t i = key & (b->cap - 1);; i = (i + 1) & (b->cap - 1))
        if (b->v[i].key == key || b->v[i].key == 0)
            return &b->v[i];
}

static int grow(nx_boiler *b)
{
    size_t nc = b->cap ? b->cap * 2 : 4096;
    if (nc > X_BOILER_MAX_SLOTS)
        return NX_ETOOBIG;
    slot *nv = calloc(nc, sizeof *nv), *ov = b->v;
    if (!nv)
        return NX_ENOMEM;
    size_t oc = b->cap;
    b->v = nv;
    b->cap = nc;
    for (size_t i = 0; i < oc; i++)
        if (ov[i].key)
            *find(b, ov[i].key) = ov[i];
    free(ov);
    return NX_OK;
}

static int bump(nx_boiler *b, uint64_t key)
{
    slot *s = find(b, key);
    if (!s || !s->key) {
        if (2 * (b->n + 1) > b->cap) {
            int rc = grow(b);
            if (rc != NX_OK)
                return rc;
        }
        s = find(b, key);
        s->key = key;
        b->n++;
    }
    s->count++;
    return NX_OK;
}

static uint32_t count_of(const nx_boiler *b, uint64_t key)
{
    const slot *s = find(b, key);
    return s && s->key ? s->count : 0;
}

int nx_boiler_new(nx_boiler **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? NX_OK : NX_ENOMEM;
}

void nx_boiler_free(nx_boiler *b)
{
    if (!b)
        return;
    free(b->v);
    free(b);
}

/* The next line of text at *pos, trimmed: [*s, *s + *n); 0 at the end. */
static int next_line(const char *text, size_t len, size_t *pos,
                     const char **s, size_t *n)
{
    while (*pos < len) {
        const char *a = text + *pos;
        const char *nl = memchr(a, '\n', len - *pos);
        size_t l = nl ? (size_t)(nl - a) : len - *pos;
        *pos += l + 1;
        x_trim_line(&a, &l);
        if (l) {
            *s = a;
            *n = l;
            return 1;
        }
    }
    return 0;
}

void x_trim_line(const char **s, size_t *n)
{
    while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int has_key(const uint64_t *v, size_t n, uint64_t k)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == k)
            return 1;
    return 0;
}

int nx_boiler_add(nx_boiler *b, const char *source, const char *body)
{
    if (!b || !body)
        return NX_EINVAL;
    uint64_t group = x_boiler_group(source);
    size_t len = strlen(body), pos = 0, nl = 0;
    /* the first X_BOILER_EDGE lines, then a ring of the last ones */
    uint64_t keys[2 * X_BOILER_EDGE], last[X_BOILER_EDGE];
    size_t nk = 0;
    const char *s;
    size_t n;
    while (next_line(body, len, &pos, &s, &n)) {
        uint64_t k = line_key(group, s, n);
        if (nl < X_BOILER_EDGE)
            keys[nk++] = k;
        else
            last[(nl - X_BOILER_EDGE) % X_BOILER_EDGE] = k;
        nl++;
    }
    size_t nlast = nl > X_BOILER_EDGE ? nl - X_BOILER_EDGE : 0;
    if (nlast > X_BOILER_EDGE)
        nlast = X_BOILER_EDGE;
    for (size_t i = 0; i < nlast; i++)
        if (!has_key(keys, nk, last[i]))
            keys[nk++] = last[i];
    int rc = bump(b, articles_key(group));
    for (size_t i = 0; i < nk && rc == NX_OK; i++)
        if (!has_key(keys, i, keys[i]))
            rc = bump(b, keys[i]);
    if (rc == NX_OK)
        b->articles++;
    return rc;
}

uint64_t nx_boiler_articles(const nx_boiler *b)
{
    return b ? b->articles : 0;
}

int x_boiler_has(const nx_boiler *b, uint64_t group, const char *s, size_t n)
{
    if (!b || !b->cap)
        return 0;
    uint32_t c = count_of(b, line_key(group, s, n));
    if (c < X_BOILER_MIN)
        return 0;
    uint64_t all = count_of(b, articles_key(group));
    return (uint64_t)c * X_BOILER_SHARE >= all;
}
