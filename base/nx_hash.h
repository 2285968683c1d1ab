/*
 * nx_hash.h — the one FNV-1a (Fowler–Noll–Vo): hash tables, shard and
 * part choice, reindex fingerprints and the tagger's feature hashes all
 * use it, so its values are part of the database and model formats and
 * must never change.
 */
#ifndef NX_HASH_H
#define NX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define NX_FNV32_OFFSET 2166136261u
#define NX_FNV32_PRIME 16777619u
#define NX_FNV64_OFFSET 0xcbf29ce484222325ull
#define NX_FNV64_PRIME 0x100000001b3ull

/* 32-bit FNV-1a of n bytes. */
static inline uint32_t nx_fnv1a32(const void *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    uint32_t h = NX_FNV32_OFFSET;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= NX_FNV32_PRIME;
    }
    return h;
}

/* 64-bit FNV-1a of n bytes continuing from h (NX_FNV64_OFFSET to start),
 * so several fields hash as one stream. */
static inline uint64_t nx_fnv1a64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= NX_FNV64_PRIME;
    }
    return h;
}

#endif
