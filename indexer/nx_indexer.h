/*
 * nx_indexer.h — indexing runs: read articles (nx_ingest.h), extract
 * entities and quotes (nx_extract.h), turn each into a document with its
 * facet terms and values (nx_facets.h) and write it in batches (shim).
 *
 * The stored document data is one JSON object:
 *   {"id", "title", "date" ("YYYY-MM-DD" UTC or null), "time" (ISO 8601
 *    UTC or null), "source", "url", "author": [..], "category": [..],
 *    "person": [..], "org": [..], "place": [..], "by": [..],
 *    "quotes": [{"speaker", "text"}], "body"}
 */
#ifndef NX_INDEXER_H
#define NX_INDEXER_H

#include <stdint.h>
#include <stdio.h>

#include "nx_extract.h"
#include "nx_ingest.h"
#include "nx_xapian.h"

/* Builds the document for an article and what was extracted from it. */
int nx_article_document(const nx_article *a, const nx_entities *e,
                        const nx_aliases *al, nx_doc **out);

typedef struct nx_index_options {
    const char *db;              /* database directory */
    nx_ingest_options ingest;    /* id field, bounds */
    unsigned batch_size;         /* documents per commit (0 = 1000) */
    int extract;                 /* run entity/quote extraction */
    const char *const *alias_files; /* user alias files added to the table */
    size_t nalias_files;
    FILE *progress;              /* a progress line here (NULL = none) */
} nx_index_options;
#define NX_INDEX_OPTIONS_INIT {NULL, NX_INGEST_OPTIONS_INIT, 0, 1, NULL, 0, NULL}

typedef struct nx_index_stats {
    uint64_t read;       /* records read */
    uint64_t indexed;    /* new documents */
    uint64_t replaced;   /* documents replaced (same id) */
    uint64_t skipped;    /* records not indexed */
    uint64_t warnings;   /* records indexed with a repair */
    uint64_t bytes;      /* bytes of title + body indexed */
    double seconds;
} nx_index_stats;

/* Indexes the paths into opts->db (created if missing).  Problems with
 * single records go to `report` and the run goes on.  Returns NX_OK, or an
 * error that stopped the run with *err (malloc'd) saying why. */
int nx_index_run(const nx_index_options *opts, const char *const *paths,
                 size_t npaths, nx_index_stats *stats, nx_report_fn report,
                 void *report_ctx, char **err);

/* The alias table an indexing run uses: the packaged facets/data table
 * (or $NEWSDEX_ALIASES) plus the user's files.  NULL with *err on failure. */
nx_aliases *nx_index_load_aliases(const char *const *files, size_t n,
                                  char **err);

#endif
