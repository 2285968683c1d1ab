/*
 * run_internal.h — the state of one indexing run, shared by run.c (the
 * record pipeline) and reindex.c (change detection, progress metadata,
 * deleting what is gone).  Private to indexer/.
 */
#ifndef NX_RUN_INTERNAL_H
#define NX_RUN_INTERNAL_H

#include "nx_indexer.h"
#include "nx_strmap.h"

typedef struct run_ctx {
    const nx_index_options *opts;
    const char *const *paths;  /* the roots given */
    size_t npaths;
    nx_writer *w;
    nx_extractor *x;
    nx_aliases *al;
    nx_index_stats *st;
    nx_report_fn report;
    void *report_ctx;
    double t0, last_progress;
    char *err;             /* the error that stopped the run */
    uint64_t config;       /* nx_index_config_hash() of this run */
    unsigned batch;        /* changes per commit */
    nx_strmap *seen;       /* ids read (incremental runs) */
    char **taint;          /* sources with skipped records: never pruned */
    size_t ntaint, taint_cap;
    char *last_id;         /* the last record processed */
    nx_strlist doomed;     /* ids the prune would delete (nx_run_prune) */
    char *refused;         /* why the prune deleted nothing (NX_ESHRINK) */
    uint64_t refused_lost, refused_of;  /* its numbers */
    char started[32];      /* ISO 8601 UTC start of the run */
} run_ctx;

/* Commits the pending batch with the progress metadata of `state`. */
int nx_run_commit(run_ctx *c, const char *state);
/* Reads the previous run's progress: sets st->interrupted, st->resumed. */
void nx_run_read_progress(run_ctx *c);
/* 1 when the document stored under a->id has content hash `hash`
 * already; remembers the id as seen.  Negative NX_E... on error. */
int nx_run_unchanged(run_ctx *c, const nx_article *a, uint64_t hash);
/* Records that `file` (as reported by the ingest) had a skipped record,
 * so no document of its source is pruned. */
int nx_run_taint(run_ctx *c, const char *file);
/* Deletes the documents in the prune scope whose ids were not seen.
 * Unless opts->allow_shrink, a reindex (NX_PRUNE_PATHS) that would delete
 * every article of a root, or more than NX_SHRINK_SHARE percent of the
 * index and more than NX_SHRINK_HANDFUL articles, deletes nothing and
 * returns NX_ESHRINK with c->refused saying so. */
int nx_run_prune(run_ctx *c);
/* Frees what the reindex parts of the context own. */
void nx_run_clear(run_ctx *c);

#endif
