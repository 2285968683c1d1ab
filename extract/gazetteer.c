/*
 * gazetteer.c — loading the gazetteer files of extract/data into one hash
 * table keyed by nx_name_key, so "Ukraine", "UKRAINE" and "Ukraïne" find
 * the same entry and a run of tokens is looked up with one probe.
 *
 * Files and the columns used (TSV, '#' comments; other columns ignored):
 *   countries.tsv      name, canonical, iso2            → XG_COUNTRY
 *   subdivisions.tsv   name, iso2, type                 → XG_SUBDIV
 *                      (type Country, as Wales: XG_NATION, as countries)
 *   cities.tsv         name, iso2, canonical, population → XG_CITY
 *   orgs.tsv           name, canonical, kind            → XG_ORG
 *   first-names.tsv    name, gender (m f u)             → XG_FIRST,
 *                                                         XG_MALE/FEMALE
 *   nationalities.tsv  adjective, country               → XG_NAT
 *   person-cues.txt    one title or role a line         → XG_PCUE
 *   org-cues.txt       one suffix or head noun a line   → XG_OCUE
 * A missing or unreadable file is an error naming its path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_status.h"
#include "x_internal.h"

#define GAZ_FILE_MAX (256u << 20)

static int intern(x_gaz *g, const char *s, size_t n)
{
    long v;
    if (nx_strmap_get(g->strindex, s, n, &v))
        return (int)v;
    int rc = nx_grow(&g->strs, &g->capstrs, g->nstrs + 1, sizeof *g->strs,
                     GAZ_FILE_MAX / 2);
    if (rc != NX_OK)
        return rc;
    char *c = malloc(n + 1);
    if (!c)
        return NX_ENOMEM;
    memcpy(c, s, n);
    c[n] = 0;
    if (nx_strmap_put(g->strindex, c, n, (long)g->nstrs) != 0) {
        free(c);
        return NX_ENOMEM;
    }
    g->strs[g->nstrs] = c;
    return (int)g->nstrs++;
}

/* The entry for name (created empty when new), or NULL on out-of-memory
 * or a name with no letters. */
static x_gent *entry_for(x_gaz *g, const char *name, size_t n)
{
    char tmp[512];
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    memcpy(tmp, name, n);
    tmp[n] = 0;
    char *k = nx_name_key(tmp);
    if (!k || !*k) {
        free(k);
        return NULL;
    }
    size_t kl = strlen(k);
    int words = 1;
    for (size_t i = 0; i < kl; i++)
        words += k[i] == ' ';
    if (words > g->max_words)
        g->max_words = words;
    long v;
    if (nx_strmap_get(g->names, k, kl, &v)) {
        free(k);
        return &g->ents[v];
    }
    if (nx_grow(&g->ents, &g->capents, g->nents + 1, sizeof *g->ents,
                GAZ_FILE_MAX / 2) != NX_OK) {
        free(k);
        return NULL;
    }
    if (nx_strmap_put(g->names, k, kl, (long)g->nents) != 0) {
        free(k);
        return NULL;
    }
    free(k);
    x_gent *e = &g->ents[g->nents++];
    e->flags = 0;
    e->org_canon = e->place_canon = e->nat_country = -1;
    e->population = 0;
    return e;
}

typedef struct cols {
    const char *s[6];
    size_t n[6];
    int count;
} cols;

static void split(const char *ln, size_t ll, cols *c)
{
    c->count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= ll && c->count < 6; i++) {
        if (i == ll || ln[i] == '\t') {
            size_t a = start, b = i;
            while (a < b && (ln[a] == ' ' || ln[a] == '\r'))
                a++;
            while (b > a && (ln[b - 1] == ' ' || ln[b - 1] == '\r'))
                b--;
            c->s[c->count] = ln + a;
            c->n[c->count] = b - a;
            c->count++;
            start = i + 1;
        }
    }
}

static int numeric(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

enum { F_COUNTRIES, F_SUBDIVS, F_CITIES, F_ORGS, F_FIRST, F_NAT, F_PCUE,
       F_OCUE };

static const struct {
    const char *file;
    int kind;
} FILES[] = {
    {"countries.tsv", F_COUNTRIES}, {"subdivisions.tsv", F_SUBDIVS},
    {"cities.tsv", F_CITIES},       {"orgs.tsv", F_ORGS},
    {"first-names.tsv", F_FIRST},   {"nationalities.tsv", F_NAT},
    {"person-cues.txt", F_PCUE},    {"org-cues.txt", F_OCUE},
};

static int add_row(x_gaz *g, int kind, const cols *c)
{
    if (c->count < 1 || c->n[0] == 0)
        return NX_OK;
    x_gent *e = entry_for(g, c->s[0], c->n[0]);
    if (!e)
        return NX_OK;        /* a name with no letters: nothing to match */
    int canon;
    switch (kind) {
    case F_COUNTRIES:
    case F_SUBDIVS:
    case F_CITIES: {
        const char *cs = c->s[0];
        size_t cn = c->n[0];
        if (kind == F_COUNTRIES && c->count > 1 && c->n[1]) {
            cs = c->s[1];
            cn = c->n[1];
        } else if (kind == F_CITIES && c->count > 2 && c->n[2] &&
                   !numeric(c->s[2], c->n[2])) {
            cs = c->s[2];
            cn = c->n[2];
        }
        unsigned bit = kind == F_COUNTRIES ? XG_COUNTRY
                       : kind == F_SUBDIVS ? XG_SUBDIV : XG_CITY;
        /* A country keeps its canonical form over a city of the same name;
         * the first row read for a name wins otherwise. */
        if (e->place_canon < 0 || (bit == XG_COUNTRY &&
                                   !(e->flags & XG_COUNTRY))) {
            if ((canon = intern(g, cs, cn)) < 0)
                return canon;
            e->place_canon = canon;
        }
        e->flags |= bit;
        if (kind == F_COUNTRIES ||
            (kind == F_SUBDIVS && c->count > 2 && c->n[2] == 7 &&
             memcmp(c->s[2], "Country", 7) == 0))
            e->flags |= XG_NATION;
        if (kind == F_CITIES)
            for (int i = 2; i < c->count; i++)
                if (numeric(c->s[i], c->n[i])) {
                    long p = strtol(c->s[i], NULL, 10);
                    if (p > e->population)
                        e->population = p;
                }
        break;
    }
    case F_ORGS:
        if (e->org_canon < 0) {
            size_t cn = c->count > 1 && c->n[1] ? c->n[1] : c->n[0];
            const char *cs = c->count > 1 && c->n[1] ? c->s[1] : c->s[0];
            if ((canon = intern(g, cs, cn)) < 0)
                return canon;
            e->org_canon = canon;
        }
        e->flags |= XG_ORG;
        break;
    case F_FIRST:
        /* gender for he / she: a name listed without one could be either */
        e->flags |= XG_FIRST;
        if (c->count < 2 || c->n[1] != 1 || c->s[1][0] != 'f')
            e->flags |= XG_MALE;
        if (c->count < 2 || c->n[1] != 1 || c->s[1][0] != 'm')
            e->flags |= XG_FEMALE;
        break;
    case F_NAT:
        e->flags |= XG_NAT;
        if (e->nat_country < 0 && c->count > 1 && c->n[1]) {
            if ((canon = intern(g, c->s[1], c->n[1])) < 0)
                return canon;
            e->nat_country = canon;
        }
        break;
    case F_PCUE:
        e->flags |= XG_PCUE;
        break;
    case F_OCUE:
        e->flags |= XG_OCUE;
        break;
    }
    return NX_OK;
}

static char *read_file(const char *path, size_t *len, char **err)
{
    FILE *f = fopen(path, "rb");
    nx_buf b = NX_BUF_INIT;
    b.max = GAZ_FILE_MAX - 1;   /* a file of the bound is too big */
    int rc = f ? nx_buf_read(&b, f) : NX_EIO;
    int e = rc == NX_ETOOBIG ? EFBIG : rc == NX_ENOMEM ? ENOMEM : errno;
    if (f)
        fclose(f);
    *len = b.n;
    char *buf = rc == NX_OK ? nx_buf_take(&b) : NULL;
    nx_buf_free(&b);
    if (!buf)
        *err = nx_errf("gazetteer %s: %s", path,
                       strerror(rc == NX_OK ? ENOMEM : e ? e : EIO));
    return buf;
}

int x_gaz_load(x_gaz *g, const char *dir, char **err)
{
    memset(g, 0, sizeof *g);
    g->names = nx_strmap_new();
    g->strindex = nx_strmap_new();
    if (!g->names || !g->strindex)
        return NX_ENOMEM;
    for (size_t f = 0; f < sizeof FILES / sizeof FILES[0]; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, FILES[f].file);
        size_t len;
        char *buf = read_file(path, &len, err);
        if (!buf)
            return NX_EIO;
        for (size_t pos = 0; pos < len;) {
            const char *ln = buf + pos;
            const char *nl = memchr(ln, '\n', len - pos);
            size_t ll = nl ? (size_t)(nl - ln) : len - pos;
            pos += ll + 1;
            if (ll == 0 || ln[0] == '#')
                continue;
            cols c;
            split(ln, ll, &c);
            int rc = add_row(g, FILES[f].kind, &c);
            if (rc != NX_OK) {
                free(buf);
                return rc;
            }
        }
        free(buf);
    }
    return NX_OK;
}

void x_gaz_free(x_gaz *g)
{
    for (size_t i = 0; i < g->nstrs; i++)
        free(g->strs[i]);
    free(g->strs);
    free(g->ents);
    nx_strmap_free(g->names);
    nx_strmap_free(g->strindex);
    memset(g, 0, sizeof *g);
}

const x_gent *x_gaz_get(const x_gaz *g, const char *key, size_t klen)
{
    long v;
    if (!nx_strmap_get(g->names, key, klen, &v))
        return NULL;
    return &g->ents[v];
}
