/*
 * run_internal.h — the state of one indexing run, shared by run.c (the
 * record pipeline) and reindex.c (change detection, progress metadata,
 * deleting what is gone).  Private to indexer/.
 */
#ifndef NX_RUN_INTERNAL_H
#define NX_RUN_INTERNAL_H

#include <stdio.h>

#include "nx_etable.h"
#include "nx_indexer.h"
#include "nx_strmap.h"

/* Extraction results between the two passes of a run that computes the
 * archive's entity table (spool.c). */
typedef struct nx_spool {
    FILE *f;
    char *line;
    size_t cap;
    char *how[32];         /* the quotes' `how` strings read (interned) */
    size_t nhow;
    char *pend_id;         /* a record read ahead: the next article was */
    nx_entities pend;      /* not in the first pass (its extraction failed) */
} nx_spool;
int nx_spool_open(nx_spool *s, const char *path, const char *mode);
void nx_spool_close(nx_spool *s);
/* Writes one record's entities (id, date "YYYY-MM-DD" or ""). */
int nx_spool_put(FILE *f, const char *id, const char *date,
                 const nx_entities *e);
/* Reads the next record's: *id (malloc'd), date ("" when none), e (the
 * caller initialised it).  NX_ENOTFOUND at the end. */
int nx_spool_get(nx_spool *s, char **id, char date[11], nx_entities *e);
/* "YYYY-MM-DD" of an article's date, "" when it has none. */
void nx_spool_date(int64_t date, char out[11]);

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
    const nx_etable *etable;   /* the archive's entity table, or NULL */
    nx_etable *own_table;  /* the one this run made or loaded (owned) */
    nx_spool spool;        /* the first pass's results, being read */
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
/* The archive's entity table of the run (archive.c): computed in a first
 * pass, or the stored one, with the corrections of opts->entities_file;
 * after the writer and the extractor are open. */
int nx_run_setup_table(run_ctx *c, const char *gen_path, char **err);
/* Stores the table with the generation and folds it into c->config. */
int nx_run_store_table(run_ctx *c);
/* 1 and e filled (the caller initialised it) when the first pass has
 * record a's entities, else 0: extract it. */
int nx_run_spooled(run_ctx *c, const nx_article *a, nx_entities *e);

/* Frees what the reindex parts of the context own. */
void nx_run_clear(run_ctx *c);

#endif
