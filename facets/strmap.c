/*
 * strmap.c — the string hash table (nx_strmap.h).
 *
 * Entries live in an array in insertion order; the hash index holds
 * entry numbers + 1 (0 = empty) and is kept at most half full, so lookups
 * stay short with linear probing.  Key bytes go into one growing arena
 * rather than a malloc each, which keeps loading 100k gazetteer names fast.
 */
#include "nx_strmap.h"
#include "nx_buf.h"
#include "nx_hash.h"
#include "nx_status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>



/* Keys one map holds: the slot index is 32 bits and doubles ahead of the
 * keys; the arena holds their bytes. */
#define STRMAP_MAX_KEYS (1u << 28)
#define STRMAP_MAX_BYTES ((size_t)UINT32_MAX)

typedef struct entry {
    size_t koff;      /* key offset in the arena */
    size_t klen;
    uint32_t hash;
    long val;
} entry;

struct nx_strmap {
    entry *ents;
    size_t n, cap;
    uint32_t *index;  /* entry + 1, 0 = empty */
    size_t isize;     /* power of two */
    char *arena;
    size_t alen, acap;
};

nx_strmap *nx_strmap_new(void)
{
    return calloc(1, sizeof(nx_strmap));
}

void nx_strmap_free(nx_strmap *m)
{
    if (!m)
        return;
    free(m->ents);
    free(m->index);
    free(m->arena);
    free(m);
}

static size_t find_slot(const nx_strmap *m, const char *key, size_t klen,
                        uint32_t h, int *found)
{
    size_t mask = m->isize - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t e = m->index[i];
        if (e == 0) {
            *found = 0;
            return i;
        }
        const entry *en = &m->ents[e - 1];
        if (en->hash == h && en->klen == klen &&
            memcmp(m->arena + en->koff, key, klen) == 0) {
            *found = 1;
            return i;
        }
    }
}

static int grow_index(nx_strmap *m)
{
    size_t ns = m->isize ? m->isize * 2 : 64;
    uint32_t *ni = calloc(ns, sizeof *ni);
    if (!ni)
        return -1;
    for (size_t e = 0; e < m->n; e++) {
        size_t i = m->ents[e].hash & (ns - 1);
        while (ni[i])
            i = (i + 1) & (ns - 1);
        ni[i] = (uint32_t)(e + 1);
    }
    free(m->index);
    m->index = ni;
    m->isize = ns;
    return 0;
}

int nx_strmap_put(nx_strmap *m, const char *key, size_t klen, long val)
{
    if ((m->n + 1) * 2 > m->isize && grow_index(m) != 0)
        return -1;
    if (m->n >= UINT32_MAX - 1)
        return -1;
    uint32_t h = nx_fnv1a32(key, klen);
    int found;
    size_t slot = find_slot(m, key, klen, h, &found);
    if (found) {
        m->ents[m->index[slot] - 1].val = val;
        return 0;
    }
    if (nx_grow(&m->ents, &m->cap, m->n + 1, sizeof *m->ents,
                STRMAP_MAX_KEYS) != NX_OK)
        return -1;
    if (nx_grow(&m->arena, &m->acap, m->alen + klen + 1, 1,
                STRMAP_MAX_BYTES) != NX_OK)
        return -1;
    memcpy(m->arena + m->alen, key, klen);
    m->arena[m->alen + klen] = 0;
    m->ents[m->n] = (entry){m->alen, klen, h, val};
    m->alen += klen + 1;
    m->index[slot] = (uint32_t)(++m->n);
    return 0;
}

int nx_strmap_get(const nx_strmap *m, const char *key, size_t klen,
                  long *val)
{
    if (!m || m->n == 0)
        return 0;
    int found;
    size_t slot = find_slot(m, key, klen, nx_fnv1a32(key, klen), &found);
    if (found && val)
        *val = m->ents[m->index[slot] - 1].val;
    return found;
}

size_t nx_strmap_count(const nx_strmap *m)
{
    return m ? m->n : 0;
}

