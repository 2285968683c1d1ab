/*
 * nx_indexer.h — indexing runs: read articles (nx_ingest.h), extract
 * entities and quotes (nx_extract.h), turn each into a document with its
 * facet terms and values (nx_facets.h) and write it in batches (shim).
 *
 * The stored document data is the JSON object of facets/nx_stored.h.
 */
#ifndef NX_INDEXER_H
#define NX_INDEXER_H

#include <stdint.h>
#include <stdio.h>

#include "nx_extract.h"
#include "nx_ingest.h"
#include "nx_meta.h"
#include "nx_xapian.h"

/* The by value of an article with unattributed quotes (nx_stored.h). */
#define NX_BY_UNATTRIBUTED "unattributed"

struct cJSON;
/* One quote as JSON: a stored quote of nx_stored.h.  The caller owns the
 * object (cJSON_Delete); NULL when out of memory.  `newsdex entities
 * --json` prints the same objects. */
struct cJSON *nx_quote_json(const nx_quote *q);

/* Builds the document for an article and what was extracted from it. */
/* nx_article_document_q with with_quotes 0 leaves the quote words out (the
 * quotes stay stored; quote: finds nothing). */
int nx_article_document_q(const nx_article *a, const nx_entities *e,
                          const nx_aliases *al, int with_quotes, nx_doc **out);
int nx_article_document(const nx_article *a, const nx_entities *e,
                        const nx_aliases *al, nx_doc **out);

/* Which documents a reindex may delete when the run did not see their id:
 * none (`index`), those whose source lies under the paths given
 * (`reindex`), or every document (`rebuild`, which writes a generation
 * holding exactly the sources). */
typedef enum nx_prune_scope {
    NX_PRUNE_NONE = 0,
    NX_PRUNE_PATHS,
    NX_PRUNE_ALL
} nx_prune_scope;

typedef struct nx_index_options {
    const char *db;              /* database directory */
    nx_ingest_options ingest;    /* id field, bounds */
    unsigned batch_size;         /* documents per commit (0 = 1000) */
    int extract;                 /* run entity/quote extraction */
    const char *const *alias_files; /* user alias files added to the table */
    size_t nalias_files;
    FILE *progress;              /* a progress line here (NULL = none) */
    /* Reindexing (reindex.c; fields added last so older initialisers
     * still mean what they meant). */
    const char *command;         /* "index", "reindex", "rebuild" (NULL =
                                    "index"): in the progress metadata */
    const char *gen_path;        /* write this generation, not the live
                                    one (a rebuild); NULL = the live one */
    int no_sync;                 /* writer without fsync (the caller syncs) */
    int incremental;             /* skip records whose content hash is
                                    unchanged, remember the ids seen */
    nx_prune_scope prune;        /* after the walk, delete what was not seen */
    uint64_t total;              /* records expected, for a progress bar
                                    with an ETA (0 = unknown) */
    /* Sharding: with nshards > 1, index only the records whose id falls in
     * `shard` (0-based) by nx_shard_of(). */
    unsigned shard, nshards;
    /* One process of a parallel rebuild: with nparts > 1, index only the
     * records of part `part` (nx_part_of()) and leave the problems the
     * ingest finds with the sources to part 0, which reads the same
     * records (the others neither count nor report them). */
    unsigned part, nparts;
    /* The shrink rule (nx_shrink_refused()) is off: an emptied source may
     * empty the index (`--allow-shrink`). */
    int allow_shrink;
    /* The archive's entity table (extract/nx_etable.h; with extraction):
     * archive_table computes it over the run's records before any
     * document is written (a rebuild; an `index` into a database with no
     * table computes it too); otherwise the table stored with the
     * generation resolves the run's articles.  entities_file: a
     * newsroom's corrections (--entities FILE), stored with the table and
     * replacing the corrections stored before. */
    int archive_table;
    const char *entities_file;
    /* For the parts of a parallel rebuild (rebuild.c): the table the
     * parent computed, and this part's first-pass results. */
    const struct nx_etable *etable;
    const char *spool_path;
    /* Quote words are not indexed (`--no-quotes`: quote: finds nothing;
     * the quotes, by: and every facet stay): what they cost, measured in
     * docs/quotes.md. */
    int no_quotes;
} nx_index_options;
#define NX_INDEX_OPTIONS_INIT \
    {NULL, NX_INGEST_OPTIONS_INIT, 0, 1, NULL, 0, NULL, NULL, NULL, 0, 0, \
     NX_PRUNE_NONE, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, 0}

/* The shrink rule.  An archive that is not there (an unmounted mount
 * point: the directory exists and is empty) looks like an archive whose
 * articles were all deleted; cron must not act on that.  A change from
 * `before` to `after` documents is refused when it loses them all, or
 * more than NX_SHRINK_SHARE percent of them and more than
 * NX_SHRINK_HANDFUL. */
#define NX_SHRINK_SHARE 50
#define NX_SHRINK_HANDFUL 10
int nx_shrink_refused(uint64_t before, uint64_t after);

typedef struct nx_index_stats {
    uint64_t read;       /* records read */
    uint64_t indexed;    /* new documents */
    uint64_t replaced;   /* documents replaced (same id) */
    uint64_t skipped;    /* records not indexed */
    uint64_t warnings;   /* records indexed with a repair */
    uint64_t bytes;      /* bytes of title + body indexed */
    double seconds;
    uint64_t unchanged;  /* records whose document was already current */
    uint64_t deleted;    /* documents deleted: their record is gone */
    uint64_t held;       /* unseen documents kept: their file had errors */
    uint64_t distinct;   /* distinct ids read (incremental runs) */
    uint64_t documents;  /* documents in the database after the run */
    uint64_t resumed;    /* records an interrupted run had committed, when
                            this run followed one (else 0) */
    int interrupted;     /* 1 when the previous run did not finish */
    uint64_t other_shard; /* records left to the other shards */
    uint64_t other_part;  /* records left to the other parts (a parallel
                             rebuild's processes) */
    uint64_t given;       /* people/orgs/places tags given in the records */
    uint64_t given_titled; /* of them, matching no name in the article, the
                             alias table or the gazetteers: title-cased */
} nx_index_stats;

/* The shard (0 .. nshards-1) of an article id: a 64-bit FNV-1a hash of the
 * id, modulo nshards.  By id, not by date: indexing an article again always
 * reaches the same shard, and shards fill evenly instead of the newest one
 * taking every write and most reads. */
unsigned nx_shard_of(const char *id, unsigned nshards);
/* The part (0 .. nparts-1) of an article id within its shard, for a
 * rebuild split over processes: the same hash, divided by nshards first,
 * so the parts of one shard are even too. */
unsigned nx_part_of(const char *id, unsigned nshards, unsigned nparts);

/* Indexes the paths into opts->db (created if missing).  Problems with
 * single records go to `report` and the run goes on.  Returns NX_OK, or an
 * error that stopped the run with *err (malloc'd) saying why. */
int nx_index_run(const nx_index_options *opts, const char *const *paths,
                 size_t npaths, nx_index_stats *stats, nx_report_fn report,
                 void *report_ctx, char **err);

/* Extraction's first pass (run.c): the boilerplate of the sources under
 * the paths (extract/boiler.c), read before any article is extracted.
 * *out is NULL (no boilerplate) when a path is "-" (standard input is
 * read once); *full says the table filled up.  The caller frees *out. */
/* The first pass of a run that computes the archive's entity table
 * (indexer/archive.c): extracts the records of opts' shard and part once
 * (with x, or an extractor of its own when NULL), writes each result to
 * spool_path and counts it into t (when not NULL). */
struct nx_etable;
int nx_index_spool(const nx_index_options *opts, const char *const *paths,
                   size_t npaths, nx_extractor *x, const char *spool_path,
                   struct nx_etable *t, char **err);
/* Counts a spool's results into t (a parallel rebuild's parent). */
int nx_index_count_spool(struct nx_etable *t, const char *spool_path,
                         char **err);
/* Adds the corrections of an --entities FILE to t; *err names the file
 * and line of a bad one. */
int nx_index_add_entities_file(struct nx_etable *t, const char *path,
                               char **err);
int nx_index_learn_boilerplate(const char *const *paths, size_t npaths,
                               const nx_ingest_options *io, nx_boiler **out,
                               int *full);

/* ------------------------------------------------------------- delete.c */

/* Called for an id that names no article. */
typedef void (*nx_missing_fn)(void *ctx, const char *id);

/* Deletes the articles with these ids from the live generation of db (it
 * must exist), in one commit.  An id that names no article goes to
 * on_missing (may be NULL) and is counted in *missing (may be NULL); it is
 * not an error.  Returns NX_OK, or an error with *err (malloc'd, may stay
 * NULL) saying why; nothing is deleted then.  The caller holds the
 * database lock (nx_lock_acquire()). */
int nx_index_delete(const char *db, const char *const *ids, size_t n,
                    nx_missing_fn on_missing, void *ctx, size_t *missing,
                    char **err);

/* ------------------------------------------------------------ reindex.c */

/* The content hash of a record: every field read from it, plus what else
 * decides its document (format, extraction on/off, the alias table, the
 * newsdex version) as `config`, so changing those changes every hash. */
uint64_t nx_article_hash(const nx_article *a, uint64_t config);
/* The config part of nx_article_hash(); extract is 0 (none), 1
 * (extraction) or 2 (extraction without quote words, --no-quotes). */
uint64_t nx_index_config_hash(int extract, const char *aliases_tsv);
/* The "XSRC" term of a source (hashed when too long for a term);
 * malloc'd. */
char *nx_source_term(const char *source);

/* The bytes of the files under the paths (a rebuild's space estimate). */
uint64_t nx_index_source_bytes(const char *const *paths, size_t npaths);

/* Counts the records under the paths (parsing only, nothing reported) for
 * a progress bar.  NX_ETOOBIG when the files add up to more than
 * `max_bytes` (counting would not be cheap). */
int nx_index_count(const char *const *paths, size_t npaths,
                   const nx_ingest_options *opts, uint64_t max_bytes,
                   uint64_t *count);

/* The progress a writer records with every commit, as metadata
 * NX_META_PROGRESS (nx_meta.h): {"command", "state" ("indexing", "deleting",
 * "done"), "records" (records processed, in source order), "last_id",
 * "deleted", "started", "resumed" (what the interrupted run this one
 * follows had committed: with unchanged sources the database reflects the
 * first max(records, resumed) records)}.  A run killed at any moment leaves the batches it
 * committed and this record of how far they got. */

/* ------------------------------------------------------------ rebuild.c */

typedef struct nx_rebuild_options {
    nx_index_options index;  /* db, ingest, batch, extraction, progress */
    int compact;             /* compact the new generation before the swap */
    unsigned jobs;           /* processes building parts in parallel, merged
                                by compaction (0 or 1: one process) */
} nx_rebuild_options;
#define NX_REBUILD_OPTIONS_INIT {NX_INDEX_OPTIONS_INIT, 0, 1}

typedef struct nx_rebuild_stats {
    nx_index_stats index;    /* the run that built the generation */
    unsigned old_gen;        /* live before (0: there was no database) */
    unsigned new_gen;        /* live after */
    unsigned resumed_gen;    /* an interrupted rebuild's generation that
                                this one finished (0: none) */
    uint64_t size_bytes;     /* of the new generation */
    int compacted;           /* the new generation was compacted */
} nx_rebuild_stats;

/* Rebuilds the database from the paths: writes the next generation beside
 * the live one (without fsync, synced once at the end), checks it (as
 * xapian-check does; its document count against the distinct ids read),
 * optionally compacts it into another, and renames a new XAPIANDB stub
 * over the old.  With jobs > 1, that many child processes each build one
 * part (gen-NNNNNN.part-K, split by nx_part_of()) and the parts are merged
 * by compaction into the generation; an interrupted parallel rebuild
 * starts its parts over (the next rebuild deletes them as leftovers).  Keeps the generation it replaced (for nx_rollback())
 * and deletes older ones.  An interrupted rebuild of the same sources is
 * resumed: its committed batches are kept, the rest is added.  The
 * caller holds the database lock (nx_lock_acquire()). */
int nx_rebuild_run(const nx_rebuild_options *opts, const char *const *paths,
                   size_t npaths, nx_rebuild_stats *stats,
                   nx_report_fn report, void *report_ctx, char **err);

/* Points the database back at the generation the last rebuild replaced.
 * *from and *to are the generations.  NX_ENOTFOUND when there is none.
 * The caller holds the database lock. */
int nx_rollback(const char *db, unsigned *from, unsigned *to, char **err);

/* The alias table an indexing run uses: the packaged facets/data table
 * (or $NEWSDEX_ALIASES) plus the user's files.  NULL with *err on failure. */
nx_aliases *nx_index_load_aliases(const char *const *files, size_t n,
                                  char **err);

#endif
