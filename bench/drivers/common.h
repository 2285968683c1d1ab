/*
 * common.h — what every benchmark driver shares: the query file
 * (../shared/bench/queries.txt), a monotonic clock, and the timing loop that
 * writes one JSON result file per engine for bench/run.py.
 *
 * A driver only says how to run one query on its engine; the loop decides
 * what is timed.  Pass 0 records totals and facet counts (untimed, so
 * writing them costs nothing measured, and it warms the caches); passes
 * 1..reps are timed, first every query top-10 only, then every query with
 * facet counts.  Latencies go out raw (ms); run.py takes the percentiles.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BQ_MAX_FILTERS 8

/* The four Reuters tag facets, in the order of the query file's names. */
enum { BQ_PLACE, BQ_PERSON, BQ_ORG, BQ_TOPIC, BQ_NFACETS };
extern const char *const bq_facet_names[BQ_NFACETS];

typedef struct bq {
    char qid[16];
    char cls[16];
    char text[256];          /* neutral syntax: words, a OR b, "a phrase" */
    size_t nfilters;
    int facet[BQ_MAX_FILTERS];      /* BQ_PLACE.. */
    char value[BQ_MAX_FILTERS][64]; /* Reuters tag, as in the corpus */
} bq;

/* Loads the query file; *out malloc'd.  Returns 0, or -1 with a message
 * on stderr. */
int bq_load(const char *path, bq **out, size_t *n);

/* Splits a text into its words (quotes dropped) and says whether it is a
 * phrase or an OR; words[] point into buf.  Returns the word count. */
enum { BQ_AND, BQ_OR, BQ_PHRASE };
size_t bq_words(const bq *q, char *buf, size_t bufsize, const char **words,
                size_t maxw, int *kind);

double bq_now_ms(void);

/* Where a driver reports what one query found, in the recording pass
 * only (rec != NULL); facet values must be reported once each. */
typedef struct bq_rec bq_rec;
void bq_rec_total(bq_rec *rec, uint64_t total);
void bq_rec_count(bq_rec *rec, const char *facet, const char *value,
                  uint64_t count);

/* Runs one query; `facets` says whether to count the 4 facets over all
 * matches.  rec is NULL in timed passes.  Returns 0 or -1 (the query
 * failed: the loop records the error and goes on). */
typedef int (*bq_run_fn)(void *ctx, const bq *q, int facets, bq_rec *rec);

/* The loop described at the top; writes {"engine", "reps", "queries":
 * [{"qid", "class", "total", "error", "facets": {f: {v: n}}, "t10": [ms],
 * "tf": [ms]}]} to out_path.  Returns 0 or -1. */
int bq_bench(const char *engine, const bq *qs, size_t n, unsigned reps,
             bq_run_fn run, void *ctx, const char *out_path);

/* Parses "-r N" style option values with a bound; exits with usage
 * on a bad one. */
unsigned bq_uint_arg(const char *s, unsigned max);

/* One JSONL record of the corpus: fields the peers index.  Strings are
 * owned by the reader and valid until the next bq_next(). */
typedef struct bq_doc {
    long long id;
    const char *title, *body;
    size_t ntags[BQ_NFACETS];
    const char *tags[BQ_NFACETS][64];
} bq_doc;
typedef struct bq_reader bq_reader;
bq_reader *bq_reader_open(const char *path);
/* 1 a record, 0 end, -1 error (message on stderr). */
int bq_next(bq_reader *r, bq_doc *d);
void bq_reader_close(bq_reader *r);

#ifdef __cplusplus
}
#endif
#endif
