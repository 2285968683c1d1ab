/*
 * nx_strmap.h — a string-keyed hash table (open addressing, FNV-1a) that
 * keeps insertion order, for the alias table and the gazetteers.
 *
 * Keys are copied; the value is an integer the caller gives meaning to
 * (an index, a bit set).  Not thread-safe for writes; lookups on a table
 * nobody writes are.
 */
#ifndef NX_STRMAP_H
#define NX_STRMAP_H

#include <stddef.h>

typedef struct nx_strmap nx_strmap;

nx_strmap *nx_strmap_new(void);
void nx_strmap_free(nx_strmap *m);
/* Sets key (klen bytes) to val, replacing an existing value.  Returns 0,
 * or -1 (out of memory). */
int nx_strmap_put(nx_strmap *m, const char *key, size_t klen, long val);
/* 1 and *val when found, else 0. */
int nx_strmap_get(const nx_strmap *m, const char *key, size_t klen,
                  long *val);
size_t nx_strmap_count(const nx_strmap *m);

#endif
