/*
 * ner_gazetteer.c — name lists as tagger features.
 *
 * The lists (TSV, '#' comments, the name in the first column) are read at
 * training time and embedded in the model as a hash set of lower-cased
 * token sequences, so a model always tags with the lists it was trained
 * with.  Each key maps to a bit mask of the lists holding that sequence;
 * every proper prefix of an entry is stored too, flagged NER_GAZ_PREFIX,
 * so that the longest-match scan stops as soon as no entry can go on.
 */
#include "ner_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ner_gaz_files[NER_NGAZ] = {
    "countries.tsv", "subdivisions.tsv", "cities.tsv", "first-names.tsv",
    "orgs.tsv", "nationalities.tsv", "person-cues.txt", "org-cues.txt",
};

#define GAZ_MAX_ENTRIES (1u << 22)  /* keys, prefixes included */
#define GAZ_MAX_LINE 4096

uint64_t ner_gaz_seq_hash(uint64_t h, uint64_t lw)
{
    return ner_comb(h ^ 0x5bd1e995ULL, lw) | 1;   /* never 0: empty slot */
}

typedef struct gaz_build {
    uint64_t *keys;
    uint16_t *vals;
    uint32_t cap, n;
} gaz_build;

static int gb_grow(gaz_build *b)
{
    uint32_t cap = b->cap ? b->cap * 2 : 1024;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint16_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return NX_ENOMEM;
    }
    for (uint32_t i = 0; i < b->cap; i++) {
        if (!b->keys[i])
            continue;
        uint32_t j = (uint32_t)b->keys[i] & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = b->keys[i];
        vals[j] = b->vals[i];
    }
    free(b->keys);
    free(b->vals);
    b->keys = keys;
    b->vals = vals;
    b->cap = cap;
    return NX_OK;
}

static int gb_add(gaz_build *b, uint64_t key, uint16_t bits)
{
    if (2 * (b->n + 1) > b->cap) {
        if (b->n >= GAZ_MAX_ENTRIES)
            return NX_ETOOBIG;
        int rc = gb_grow(b);
        if (rc)
            return rc;
    }
    uint32_t j = (uint32_t)key & (b->cap - 1);
    while (b->keys[j] && b->keys[j] != key)
        j = (j + 1) & (b->cap - 1);
    if (!b->keys[j]) {
        b->keys[j] = key;
        b->n++;
    }
    b->vals[j] |= bits;
    return NX_OK;
}

/* Adds the name in the first column of a line, tokenised like CoNLL text:
 * split at spaces, a trailing comma is a token of its own, a bracketed
 * gloss ("Congo (Kinshasa)") is dropped. */
static int add_name(gaz_build *b, char *line, unsigned list)
{
    char *tab = strchr(line, '\t');
    if (tab)
        *tab = '\0';
    char *paren = strstr(line, " (");
    if (paren)
        *paren = '\0';
    const char *toks[NER_GAZ_MAX_TOKENS * 2];
    size_t nt = 0;
    for (char *p = strtok(line, " \r\n"); p; p = strtok(NULL, " \r\n")) {
        size_t len = strlen(p);
        int comma = len > 1 && p[len - 1] == ',';
        if (comma)
            p[len - 1] = '\0';
        if (nt + 2 > sizeof toks / sizeof *toks)
            return NX_OK;   /* too long to be a name worth matching */
        toks[nt++] = p;
        if (comma)
            toks[nt++] = ",";
    }
    if (nt == 0 || nt > NER_GAZ_MAX_TOKENS)
        return NX_OK;
    uint64_t h = 0;
    for (size_t i = 0; i < nt; i++) {
        char lw[64];
        size_t len = ner_lower(lw, sizeof lw, toks[i]);
        h = ner_gaz_seq_hash(h, ner_hash_bytes(lw, len));
        uint16_t bits = i + 1 == nt ? (uint16_t)(1u << list) : NER_GAZ_PREFIX;
        int rc = gb_add(b, h, bits);
        if (rc)
            return rc;
    }
    return NX_OK;
}

int ner_gaz_build(ner_gaz *g, const char *dir, FILE *log, char **err)
{
    gaz_build b = {0};
    int rc = NX_OK;
    memset(g, 0, sizeof *g);
    char *line = malloc(GAZ_MAX_LINE);
    if (!line)
        return NX_ENOMEM;
    for (unsigned l = 0; l < NER_NGAZ && rc == NX_OK; l++) {
        if (!ner_gaz_files[l])
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, ner_gaz_files[l]);
        FILE *f = fopen(path, "r");
        if (!f) {
            if (log)
                fprintf(log, "gazetteer %s: absent, skipped\n", path);
            continue;
        }
        size_t before = b.n, lines = 0;
        while (fgets(line, GAZ_MAX_LINE, f)) {
            size_t len = strlen(line);
            if (len == GAZ_MAX_LINE - 1 && line[len - 1] != '\n') {
                rc = nx_fail(err, NX_ETOOBIG,
                             "%s: a line is longer than the limit", path);
                break;
            }
            if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
                continue;
            lines++;
            if ((rc = add_name(&b, line, l)) != NX_OK) {
                nx_fail(err, rc, "%s: %s", path, rc == NX_ETOOBIG
                        ? "too many gazetteer entries" : "out of memory");
                break;
            }
        }
        if (rc == NX_OK && ferror(f)) {
            rc = nx_fail(err, NX_EIO, "%s: read error: %s", path,
                         strerror(errno));
        }
        fclose(f);
        if (log && rc == NX_OK)
            fprintf(log, "gazetteer %s: %zu names, %zu new keys\n", path,
                    lines, (size_t)(b.n - before));
    }
    free(line);
    if (rc != NX_OK || b.n == 0) {
        free(b.keys);
        free(b.vals);
        return rc;
    }
    /* One block: keys then values, as the model file stores them. */
    char *block = malloc((size_t)b.cap * (sizeof(uint64_t) + sizeof(uint16_t)));
    if (!block) {
        free(b.keys);
        free(b.vals);
        return NX_ENOMEM;
    }
    memcpy(block, b.keys, (size_t)b.cap * sizeof(uint64_t));
    memcpy(block + (size_t)b.cap * sizeof(uint64_t), b.vals,
           (size_t)b.cap * sizeof(uint16_t));
    free(b.keys);
    free(b.vals);
    g->owned = block;
    g->keys = (const uint64_t *)block;
    g->vals = (const uint16_t *)(block + (size_t)b.cap * sizeof(uint64_t));
    g->cap = b.cap;
    g->nentries = b.n;
    return NX_OK;
}

void ner_gaz_free(ner_gaz *g)
{
    free(g->owned);
    memset(g, 0, sizeof *g);
}

static uint16_t gaz_get(const ner_gaz *g, uint64_t key)
{
    uint32_t mask = g->cap - 1;
    for (uint32_t j = (uint32_t)key & mask;; j = (j + 1) & mask) {
        if (g->keys[j] == key)
            return g->vals[j];
        if (!g->keys[j])
            return 0;
    }
}

void ner_gaz_match(const ner_gaz *g, const char *const *words, ner_tok *toks,
                   size_t n)
{
    (void)words;
    if (!g->cap)
        return;
    /* Pass 1: toks[i].gaz[l] = length of the longest list-l entry starting
     * at i.  Pass 2 turns lengths into B/I/L/U positions, left to right,
     * skipping words a longer match already covered. */
    for (size_t i = 0; i < n; i++) {
        uint64_t h = 0;
        for (size_t j = i; j < n && j - i < NER_GAZ_MAX_TOKENS; j++) {
            h = ner_gaz_seq_hash(h, toks[j].lw);
            uint16_t v = gaz_get(g, h);
            for (unsigned l = 0; l < NER_NGAZ; l++)
                if (v & (1u << l))
                    toks[i].gaz[l] = (uint8_t)(j - i + 1);
            if (!(v & NER_GAZ_PREFIX))
                break;
        }
    }
    for (unsigned l = 0; l < NER_NGAZ; l++) {
        size_t i = 0;
        while (i < n) {
            size_t len = toks[i].gaz[l];
            if (!len) {
                i++;
                continue;
            }
            for (size_t k = 0; k < len; k++)
                toks[i + k].gaz[l] = len == 1 ? 4 : k == 0 ? 1
                                   : k + 1 == len ? 3 : 2;
            i += len;
        }
    }
}
