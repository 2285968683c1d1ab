/*
 * aliases.c — the alias table (nx_names.h): `variant<TAB>canonical` lines,
 * matched by nx_name_key.
 *
 * Besides each variant, the key of each canonical form maps to itself, so a
 * canonical name typed in another case or without its accents ("sergey
 * lavrov") still comes back in its canonical spelling.  Variants win over
 * those self-mappings, and a later line wins over an earlier one (a user's
 * file loaded after the shipped one overrides it).
 */
#include "nx_names.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_status.h"
#include "nx_strmap.h"


typedef struct alias_line {
    char *variant;
    char *canonical;
} alias_line;

struct nx_aliases {
    alias_line *lines;   /* as added, for nx_aliases_serialize */
    size_t n, cap;
    nx_strmap *variants; /* key(variant) → line */
    nx_strmap *selves;   /* key(canonical) → line */
};

#define NX_ALIAS_FILE_MAX (64u << 20)   /* a sane bound for one TSV file */

nx_aliases *nx_aliases_new(void)
{
    nx_aliases *al = calloc(1, sizeof *al);
    if (!al)
        return NULL;
    al->variants = nx_strmap_new();
    al->selves = nx_strmap_new();
    if (!al->variants || !al->selves) {
        nx_aliases_free(al);
        return NULL;
    }
    return al;
}

void nx_aliases_free(nx_aliases *al)
{
    if (!al)
        return;
    for (size_t i = 0; i < al->n; i++) {
        free(al->lines[i].variant);
        free(al->lines[i].canonical);
    }
    free(al->lines);
    nx_strmap_free(al->variants);
    nx_strmap_free(al->selves);
    free(al);
}

size_t nx_aliases_count(const nx_aliases *al)
{
    return al ? al->n : 0;
}

static char *trimmed_copy(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = 0;
    }
    return c;
}

static int add_line(nx_aliases *al, char *variant, char *canonical)
{
    if (nx_grow(&al->lines, &al->cap, al->n + 1, sizeof *al->lines,
                NX_ALIAS_FILE_MAX / 4) != NX_OK)
        return -1;   /* a line is at least 4 bytes: "a\tb\n" */
    char *kv = nx_name_key(variant), *kc = nx_name_key(canonical);
    int rc = -1;
    if (kv && kc) {
        rc = nx_strmap_put(al->variants, kv, strlen(kv), (long)al->n);
        if (rc == 0)
            rc = nx_strmap_put(al->selves, kc, strlen(kc), (long)al->n);
    }
    free(kv);
    free(kc);
    if (rc != 0)
        return rc;
    al->lines[al->n].variant = variant;
    al->lines[al->n].canonical = canonical;
    al->n++;
    return 0;
}

int nx_aliases_add_tsv(nx_aliases *al, const char *buf, size_t len,
                       const char *name, char **err)
{
    size_t lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *ln = buf + pos;
        const char *nl = memchr(ln, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - ln) : len - pos;
        pos += ll + 1;
        lineno++;
        size_t i = 0;
        while (i < ll && (ln[i] == ' ' || ln[i] == '\r'))
            i++;
        if (i == ll || ln[i] == '#')
            continue;
        const char *tab = memchr(ln, '\t', ll);
        if (!tab)
            return nx_fail(err, -1, "%s:%zu: expected variant<TAB>canonical",
                           name, lineno);
        /* A third column (a kind, a note) is allowed and ignored. */
        const char *end = ln + ll;
        const char *tab2 = memchr(tab + 1, '\t', (size_t)(end - tab - 1));
        if (tab2)
            end = tab2;
        char *v = trimmed_copy(ln, (size_t)(tab - ln));
        char *c = trimmed_copy(tab + 1, (size_t)(end - tab - 1));
        if (!v || !c) {
            free(v), free(c);
            return nx_fail(err, -1, "%s:%zu: out of memory", name, lineno);
        }
        char *kv = nx_name_key(v), *kc = nx_name_key(c);
        int empty = !kv || !kc || !*kv || !*kc;
        free(kv), free(kc);
        if (empty) {
            free(v), free(c);
            return nx_fail(err, -1,
                           "%s:%zu: empty variant or canonical name", name,
                           lineno);
        }
        if (add_line(al, v, c) != 0) {
            free(v), free(c);
            return nx_fail(err, -1, "%s:%zu: out of memory", name, lineno);
        }
    }
    return 0;
}

int nx_aliases_add_file(nx_aliases *al, const char *path, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return nx_fail(err, -1, "%s: %s", path, strerror(errno));
    nx_buf b = NX_BUF_INIT;
    b.max = NX_ALIAS_FILE_MAX - 1;   /* a file of the bound is too big */
    int rc = nx_buf_read(&b, f);
    fclose(f);
    if (rc == NX_ETOOBIG)
        rc = nx_fail(err, -1, "%s:0: file too big", path);
    else if (rc == NX_ENOMEM)
        rc = nx_fail(err, -1, "%s:0: out of memory", path);
    else    /* a read error ends the file, as fread did before */
        rc = nx_aliases_add_tsv(al, nx_buf_str(&b), b.n, path, err);
    nx_buf_free(&b);
    return rc;
}

char *nx_aliases_serialize(const nx_aliases *al)
{
    size_t total = 1;
    for (size_t i = 0; al && i < al->n; i++)
        total += strlen(al->lines[i].variant) +
                 strlen(al->lines[i].canonical) + 2;
    char *s = malloc(total), *p = s;
    if (!s)
        return NULL;
    for (size_t i = 0; al && i < al->n; i++)
        p += sprintf(p, "%s\t%s\n", al->lines[i].variant,
                     al->lines[i].canonical);
    *p = 0;
    return s;
}

const char *nx_aliases_lookup(const nx_aliases *al, const char *key)
{
    long line;
    if (!al || !*key)
        return NULL;
    size_t kl = strlen(key);
    if (nx_strmap_get(al->variants, key, kl, &line) ||
        nx_strmap_get(al->selves, key, kl, &line))
        return al->lines[line].canonical;
    return NULL;
}
