/*
 * bench.h — what the parts of the extraction measurement share (see
 * measure.c for what is measured and how to run it).
 */
#ifndef NX_BENCH_H
#define NX_BENCH_H

#include <stddef.h>

#include "nx_extract.h"
#include "nx_names.h"

typedef struct prf {
    long tp, pred, gold, tpg;   /* tp over predictions, tpg over gold */
} prf;

/* common.c */
char *bench_slurp(const char *path, size_t *len);
double bench_now(void);
void bench_report(const char *what, const prf *p);
/* Same person: equal keys, or the same last word. */
int bench_same_person(const char *a, const char *b);
const char *bench_last_word(const char *key);

/* The sections; each prints its figures or says why it skipped. */
void bench_ggt(nx_extractor *x, const char *datadir);
void bench_reuters(nx_extractor *x, const char *datadir, const char *gazdir,
                   const char *aliases);
void bench_n3(nx_extractor *x, const char *datadir);
/* split: "dev" (development) or "test" (measuring only) */
void bench_polnear(nx_extractor *x, const char *datadir, const char *split);
void bench_conll(nx_extractor *x, const char *path);

#endif
