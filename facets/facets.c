/*
 * facets.c — the facet schema table and its term encodings (nx_facets.h).
 */
#include "nx_facets.h"

#include <stdlib.h>
#include <string.h>

#include "nx_dates.h"
#include "nx_names.h"
#include "nx_status.h"
#include "nx_term.h"
#include "nx_utf8.h"

/* Slots: base 1000 * (id + 1) leaves room for NX_FACET_MAX_VALUES values. */
const nx_facet_def nx_facet_defs[NX_FACET_COUNT] = {
    [NX_FACET_BY]       = {"by",       "XBY", 1000, NX_FACET_MAX_VALUES, 1, 1},
    [NX_FACET_PERSON]   = {"person",   "XP",  2000, NX_FACET_MAX_VALUES, 1, 1},
    [NX_FACET_ORG]      = {"org",      "XO",  3000, NX_FACET_MAX_VALUES, 1, 0},
    [NX_FACET_PLACE]    = {"place",    "XL",  4000, NX_FACET_MAX_VALUES, 1, 0},
    [NX_FACET_CATEGORY] = {"category", "XC",  5000, NX_FACET_MAX_VALUES, 0, 0},
    [NX_FACET_AUTHOR]   = {"author",   "XA",  6000, NX_FACET_MAX_VALUES, 0, 0},
    [NX_FACET_YEAR]     = {"year",     "Y",   7000, 1, 0, 0},
    [NX_FACET_MONTH]    = {"month",    "M",   8000, 1, 0, 0},
    [NX_FACET_BYANY]    = {"byany",    "XBZ", 9000, NX_FACET_MAX_VALUES, 1, 1},
    [NX_FACET_ABOUT]    = {"about",    "XT", 10000, NX_FACET_MAX_VALUES, 1, 1},
};

const char *const nx_facet_prefixes[NX_FACET_COUNT + 1] = {
    "XBY", "XP", "XO", "XL", "XC", "XA", "Y", "M", "XBZ", "XT", NULL};

int nx_facet_lookup(const char *name)
{
    for (int i = 0; i < NX_FACET_COUNT; i++)
        if (strcmp(nx_facet_defs[i].name, name) == 0)
            return i;
    return -1;
}

static char *concat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = malloc(la + lb + lc + 1);
    if (!s)
        return NULL;
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

char *nx_facet_term(nx_facet_id f, const char *key, const char *display)
{
    static const char sep[2] = {NX_TERM_SEP, '\0'};
    char *t = concat3(nx_facet_defs[f].prefix, key, sep);
    if (!t || !display)
        return t;
    /* Xapian stores terms of at most NX_TERM_MAX bytes: the key part must
     * survive whole (filters match it), the display part is cut if need
     * be. */
    size_t n = strlen(t), d = strlen(display);
    if (n + d > NX_TERM_MAX)
        d = n >= NX_TERM_MAX ? 0 : NX_TERM_MAX - n;
    d = nx_utf8_cut(display, d);
    char *full = malloc(n + d + 1);
    if (full) {
        memcpy(full, t, n);
        memcpy(full + n, display, d);
        full[n + d] = '\0';
    }
    free(t);
    return full;
}

char *nx_facet_surname_term(nx_facet_id f, const char *surname)
{
    return concat3(nx_facet_defs[f].prefix, "#", surname);
}

char *nx_quote_prefix(const char *by_term)
{
    const char *pre = nx_facet_defs[NX_FACET_BY].prefix;
    size_t pl = strlen(pre);
    if (strncmp(by_term, pre, pl) != 0)
        return NULL;
    const char *key = by_term + pl;
    const char *sep = strchr(key, NX_TERM_SEP);
    size_t n = sep ? (size_t)(sep - key) : strlen(key);
    size_t room = NX_TERM_MAX - 1 - NX_QUOTE_WORD_MAX -
                  (sizeof NX_PREFIX_QUOTE_BY - 1) - 1;
    if (n > room)
        n = nx_utf8_cut(key, room);
    char *p = malloc(sizeof NX_PREFIX_QUOTE_BY + n + 1);
    if (!p)
        return NULL;
    memcpy(p, NX_PREFIX_QUOTE_BY, sizeof NX_PREFIX_QUOTE_BY - 1);
    memcpy(p + sizeof NX_PREFIX_QUOTE_BY - 1, key, n);
    p[sizeof NX_PREFIX_QUOTE_BY - 1 + n] = ':';
    p[sizeof NX_PREFIX_QUOTE_BY + n] = '\0';
    return p;
}

char *nx_sort_key(int64_t date, const char *id, size_t *len)
{
    /* Ascending order of the key = newest first: store the complement of
     * the order-preserving date encoding; undated gets all 0xff (last). */
    size_t idlen = strlen(id);
    char *k = malloc(8 + idlen + 1);
    if (!k)
        return NULL;
    unsigned char enc[8];
    if (date == INT64_MIN) {
        memset(enc, 0xff, 8);
    } else {
        nx_date_encode(date, enc);
        for (int i = 0; i < 8; i++)
            enc[i] = (unsigned char)~enc[i];
    }
    memcpy(k, enc, 8);
    memcpy(k + 8, id, idlen + 1);
    *len = 8 + idlen;
    return k;
}

static const nx_entity_kind entity_kind[NX_FACET_COUNT] = {
    [NX_FACET_BY] = NX_ENT_ANY,      [NX_FACET_PERSON] = NX_ENT_PERSON,
    [NX_FACET_ORG] = NX_ENT_ORG,     [NX_FACET_PLACE] = NX_ENT_PLACE,
    [NX_FACET_CATEGORY] = NX_ENT_ANY, [NX_FACET_AUTHOR] = NX_ENT_ANY,
    [NX_FACET_BYANY] = NX_ENT_ANY,   [NX_FACET_ABOUT] = NX_ENT_ANY,
};

void nx_facet_terms_clear(nx_facet_terms *t)
{
    free(t->display);
    for (size_t i = 0; i < NX_FACET_TERMS_MAX; i++)
        free(t->terms[i]);
    memset(t, 0, sizeof *t);
}

int nx_facet_terms_make(nx_facet_id f, const struct nx_aliases *al,
                        const char *value, int for_query, nx_facet_terms *out)
{
    memset(out, 0, sizeof *out);
    const nx_facet_def *d = &nx_facet_defs[f];
    char *key = NULL, *bare = NULL;
    out->display = d->entity ? nx_name_canonical(al, entity_kind[f], value)
                             : strdup(value);
    if (!out->display)
        goto nomem;
    /* A surname alone is never made a specific person by the alias
     * table: the article's own text and the archive's entity table decide
     * who it is (extract/nx_etable.h).  Stored as written; a query for
     * it also finds it as written and every full name with it. */
    if (d->surname && al && !strchr(out->display, ' ')) {
        /* one word already: nothing to undo */
    } else if (d->surname && al) {
        bare = nx_name_canonical(NULL, entity_kind[f], value);
        if (!bare)
            goto nomem;
        char *bk = nx_name_key(bare);
        int one = bk && *bk && !strchr(bk, ' ');
        free(bk);
        if (!one) {
            free(bare);
            bare = NULL;
        } else if (!for_query) {
            free(out->display);
            out->display = bare;
            bare = NULL;
        }
    }
    key = nx_name_key(out->display);
    if (!key)
        goto nomem;
    if (!*key) {
        free(key);
        nx_facet_terms_clear(out);
        return NX_EINVAL;
    }
    out->terms[out->n] = nx_facet_term(f, key, for_query ? NULL : out->display);
    if (!out->terms[out->n++])
        goto nomem;
    if (!for_query) {
        /* A display cut to fit the term is the display everywhere: the
         * value slots and counts from terms must show the same value. */
        size_t head = strlen(d->prefix) + strlen(key) + 1;
        size_t kept = strlen(out->terms[0]) - head;
        if (kept && kept < strlen(out->display))
            out->display[kept] = '\0';
    }
    if (d->surname) {
        int one_word = strchr(key, ' ') == NULL;
        char *sur = NULL;
        if (for_query && one_word)
            sur = strdup(key);
        else if (for_query && bare)
            sur = nx_name_key(bare);
        else if (!for_query && !one_word)
            sur = nx_name_surname_key(out->display);
        if (sur && for_query && bare) {
            /* the surname as written, beside the table's full name */
            out->terms[out->n] = nx_facet_term(f, sur, NULL);
            if (!out->terms[out->n++]) {
                free(sur);
                goto nomem;
            }
        }
        if (sur) {
            out->terms[out->n] = nx_facet_surname_term(f, sur);
            free(sur);
            if (!out->terms[out->n++])
                goto nomem;
        }
    }
    free(bare);
    free(key);
    return NX_OK;
nomem:
    free(bare);
    free(key);
    nx_facet_terms_clear(out);
    return NX_ENOMEM;
}
