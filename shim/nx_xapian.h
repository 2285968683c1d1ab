/*
 * nx_xapian.h — newsdex's C API over Xapian: the only C++ in the product
 * lives behind this header (the .cc files of shim/).
 *
 * The API speaks in index operations — create a database, put an article
 * document, delete one by id, run a search with facet counts and snippets —
 * not in Xapian classes one by one.  Conventions (see ../shared/STYLE.md):
 *
 *  - Handles are opaque.  Functions that can fail return an int: NX_OK (0)
 *    or a negative NX_E... code; outputs come first.
 *  - A detailed message for the last failure lives on the handle
 *    (nx_db_errmsg(), nx_writer_errmsg()).  Functions that create a handle
 *    take `char **err`: on failure *err is set to a message the caller frees
 *    with free().
 *  - Every string handed out is a copy owned as stated in its comment.
 *  - `_free(NULL)` / `_close(NULL)` are no-ops.
 */
#ifndef NX_XAPIAN_H
#define NX_XAPIAN_H

#include <stddef.h>
#include <stdint.h>

#include "nx_status.h"
#include "nx_term.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The on-disk format this build writes and reads, in metadata
 * NX_META_FORMAT (the other keys: facets/nx_meta.h). */
#define NX_FORMAT_VERSION 1
#define NX_META_FORMAT "newsdex.format"

/* ---------------------------------------------------------------- stemmer */

/* Stems one word with the same Snowball (libstemmer) English stemmer the
 * index and the query parser use.  Returns a malloc'd string or NULL on
 * out-of-memory. */
char *nx_stem_word(const char *word);

/* --------------------------------------------------------------- documents */

/* A document being built; owned by the caller, freed with nx_doc_free(). */
typedef struct nx_doc nx_doc;

int nx_doc_new(nx_doc **out);
void nx_doc_free(nx_doc *doc);
/* The unique id: indexing a document with the same id replaces it. */
int nx_doc_set_id(nx_doc *doc, const char *id);
/* Free text run through the TermGenerator (stemmed, positional).  `weight`
 * multiplies within-document frequency (titles weigh more); `prefix` may be
 * NULL or e.g. "S" for a field also searchable as title:word.  Fields are
 * separated by a position gap so phrases never span two of them. */
int nx_doc_add_text(nx_doc *doc, const char *text, size_t len,
                    unsigned weight, const char *prefix);
/* An exact (boolean) term, e.g. a facet term "XBYsergey lavrov". */
int nx_doc_add_term(nx_doc *doc, const char *term);
/* A value in a slot (sortable dates, facet values for counting). */
int nx_doc_set_value(nx_doc *doc, unsigned slot, const char *value, size_t len);
/* Opaque stored data (newsdex stores a JSON object). */
int nx_doc_set_data(nx_doc *doc, const char *data, size_t len);

/* ------------------------------------------------------------------ writer */

typedef struct nx_writer nx_writer;

typedef struct nx_writer_options {
    unsigned batch_size;  /* documents per commit (0 = 1000) */
    int create;           /* create the database if the directory is
                             missing or empty (never over one that is
                             there, damaged or not) */
    int no_sync;          /* skip fsync (a rebuild synced before its swap) */
    int spelling;         /* build spelling data from indexed text */
    /* NULL-terminated facet term prefixes: closing the writer then writes
     * the facet head file that makes counting over many matches cheap
     * (facethead.cc).  NULL = none. */
    const char *const *facet_prefixes;
} nx_writer_options;
#define NX_WRITER_OPTIONS_INIT {1000, 1, 0, 1, NULL}

/* Opens a writable Xapian database at `path` — a generation directory,
 * not the newsdex database directory (see nx_layout.h).  Fails with
 * NX_ELOCKED when another writer holds it, NX_EVERSION when its format is
 * not NX_FORMAT_VERSION, NX_EDB ("the database is damaged ...") when an
 * existing database lacks a table or does not open. */
int nx_writer_open(nx_writer **out, const char *path,
                   const nx_writer_options *opts, char **err);
/* Adds or replaces (by id) a document; *replaced (may be NULL) is set to 1
 * when a document with that id existed.  Commits every batch_size puts. */
int nx_writer_put(nx_writer *w, const nx_doc *doc, int *replaced);
/* Deletes the document with this id; *found (may be NULL) says if it existed. */
int nx_writer_delete(nx_writer *w, const char *id, int *found);
int nx_writer_set_metadata(nx_writer *w, const char *key, const char *value);
/* *out is malloc'd ("" when unset). */
int nx_writer_get_metadata(nx_writer *w, const char *key, char **out);
int nx_writer_commit(nx_writer *w);
/* Number of documents in the database, including uncommitted changes. */
uint64_t nx_writer_doccount(nx_writer *w);
/* Commits and closes; returns the commit's status, with *err (may be NULL;
 * malloc'd) saying why it failed. */
int nx_writer_close(nx_writer *w, char **err);
/* Discards uncommitted changes and closes. */
void nx_writer_abandon(nx_writer *w);
const char *nx_writer_errmsg(const nx_writer *w);

/* For reindexing (indexer/reindex.c).  The value in `slot` of the document
 * with this id into *out (malloc'd, *len bytes); *found 0 (and *out NULL)
 * when there is no such document. */
int nx_writer_get_value(nx_writer *w, const char *id, unsigned slot,
                        char **out, size_t *len, int *found);
/* Stored data of the document with this id, as nx_writer_get_value(). */
int nx_writer_get_data(nx_writer *w, const char *id, char **out, size_t *len,
                       int *found);
/* Calls fn(ctx, id) for each document carrying a term equal to `term`
 * (exact) or starting with it; a non-zero return stops and is returned.
 * The ids are collected first, so fn may delete documents. */
typedef int (*nx_id_fn)(void *ctx, const char *id);
int nx_writer_each_id(nx_writer *w, const char *term, int exact,
                      nx_id_fn fn, void *ctx);
/* Changes (puts and deletes) since the last commit. */
unsigned nx_writer_pending(const nx_writer *w);

/* ------------------------------------------------------------ maintenance */

/* Checks the Xapian database at `path` (a generation directory) with the
 * xapian-check tool ($NEWSDEX_XAPIAN_CHECK, else xapian-check on the PATH)
 * in a child process: *nerrors is 0 when it found nothing wrong, and *err
 * (malloc'd, may be NULL) says what it found.  NX_OK means the check ran,
 * not that it found nothing.  Without the tool, nx_db_check_library(). */
int nx_db_check(const char *path, size_t *nerrors, char **err);
/* The same check in this process, through Xapian::Database::check().  Not
 * the default: libxapian 1.4.22's checker deletes a table through a base
 * pointer of another size (ASan: new-delete-type-mismatch), and a checker
 * that crashes should not take the rebuild down with it. */
int nx_db_check_library(const char *path, size_t *nerrors, char **err);
/* Compacts the databases at `srcs` into one new database at `dst` (which
 * must not exist), like xapian-compact: one source keeps its document ids,
 * several are merged in order (ids renumbered: nothing depends on them).
 * With `facet_prefixes` (NULL-terminated), the new database gets its facet
 * head file, as a writer closing writes one. */
int nx_db_compact(const char *const *srcs, size_t nsrcs, const char *dst,
                  const char *const *facet_prefixes, char **err);
/* Document count and one metadata value of the database at `path`, opened
 * directly (no stub, no format check): for inspecting generations. */
int nx_db_peek(const char *path, const char *key, uint64_t *doccount,
               char **value, char **err);

/* ------------------------------------------------------------------ reader */

typedef struct nx_db nx_db;

/* Opens a database for reading: a newsdex database directory (its XAPIANDB
 * stub names the current generation), a generation directory, or a stub
 * file of shards (`auto PATH`, `remote HOST:PORT` lines). */
int nx_db_open(nx_db **out, const char *path, char **err);
void nx_db_close(nx_db *db);

typedef struct nx_db_options {
    unsigned timeout_ms;  /* remote shards: connect and operation timeout */
    int allow_partial;    /* answer from the shards that are up */
} nx_db_options;
#define NX_DB_OPTIONS_INIT {10000, 0}

/* nx_db_open() with options.  A stub file of shards is opened shard by
 * shard: one that is down fails the open with NX_ENETWORK naming it, or
 * with allow_partial is left out (nx_db_missing_shards); a shard that dies
 * later is left out of the next search the same way. */
int nx_db_open_ex(nx_db **out, const char *path, const nx_db_options *opts,
                  char **err);
/* Why the facet head file of a local database is ignored as damaged
 * (bad magic, size or checksum): *problem malloc'd, NULL when it is sound,
 * missing or merely stale.  Counts are exact either way. */
int nx_db_facet_heads_problem(nx_db *db, char **problem);
/* The shards left out so far, comma-separated ("" when none). */
const char *nx_db_missing_shards(const nx_db *db);
/* The number of shards in the stub the database was opened from (0: not
 * a stub), and the 1-based line of the shard named `name` (0: none). */
size_t nx_db_shard_count(const nx_db *db);
/* An object the caller derived from the database (a parsed metadata
 * table, say), kept with the handle under `name` and freed with it.
 * `stamp` says what it was derived from (the metadata as read):
 * nx_db_attached() returns it only for the same stamp, else NULL.
 * Attaching under a name frees what was there.  NX_ENOMEM: not kept (the
 * object is freed). */
void *nx_db_attached(const nx_db *db, const char *name, const char *stamp);
int nx_db_attach(nx_db *db, const char *name, const char *stamp, void *obj,
                 void (*free_fn)(void *));
size_t nx_db_shard_position(const nx_db *db, const char *name);
const char *nx_db_errmsg(const nx_db *db);
uint64_t nx_db_doccount(nx_db *db);
/* Reopens at the latest revision (after DatabaseModifiedError). */
int nx_db_reopen(nx_db *db);
/* 1 when a stub the handle was opened through (a database directory's
 * XAPIANDB, a stub file of shards, a local shard's XAPIANDB) is no longer
 * the file it was — a rebuild or rollback swapped generations — so a
 * long-lived reader must open the database again; nx_db_reopen() only
 * follows new revisions of the generations already open.  Costs a stat()
 * per stub. */
int nx_db_changed(const nx_db *db);
/* *out is malloc'd ("" when unset). */
int nx_db_get_metadata(nx_db *db, const char *key, char **out);
/* Stored data of the document with this id; *out malloc'd, *len its size.
 * NX_ENOTFOUND when there is none. */
int nx_db_get_data(nx_db *db, const char *id, char **out, size_t *len);
/* Whether the database has spelling data (remote shards do not). */
int nx_db_has_spelling(nx_db *db);

/* -------------------------------------------------------- query language */

/* Resolves a boolean field in the query text (`by:Lavrov`) into terms.
 * The callback adds one or more alternative terms with nx_terms_add() — a
 * document matches when it has any of them; adding none makes the filter
 * match nothing.  On error it returns non-zero and sets *err (malloc'd). */
typedef struct nx_terms nx_terms;
int nx_terms_add(nx_terms *t, const char *term);
/* Or, instead of terms, a range of values on a slot (either end may be
 * NULL for an open end): `date:2021-12` is the whole month. */
int nx_terms_set_range(nx_terms *t, unsigned slot, const char *lo,
                       size_t lolen, const char *hi, size_t hilen);
typedef int (*nx_field_fn)(void *ctx, const char *field, const char *value,
                           nx_terms *out, char **err);

/* Resolves a range `PREFIX:A..B` (either end may be empty) into a value
 * range with nx_terms_set_range().  On a bad range returns non-zero and
 * sets *err (malloc'd). */
typedef int (*nx_range_fn)(void *ctx, const char *begin, const char *end,
                           nx_terms *out, char **err);

typedef struct nx_field {
    const char *name;     /* as typed by the user, without ':' */
    int boolean;          /* 1: filter through `resolve`; 0: free-text prefix */
    const char *prefix;   /* term prefix for free-text fields (e.g. "S") */
} nx_field;

/* A facet to count: its values live in slots [slot, slot + nslots); each
 * document puts its k-th value in slot + k, and carries a term
 * prefix + key + '\x1f' + display per value (see facets/nx_facets.h).
 * Counts are exact either way: over remote shards through Xapian's
 * built-in ValueCountMatchSpy on every slot in use; on a local database
 * from the value streams (few matches) or from the terms' posting lists
 * (many matches), keeping only the top `limit` (0 = all) by count, then
 * value. */
typedef struct nx_facet_spec {
    const char *name;
    unsigned slot;
    unsigned nslots;
    const char *prefix;   /* term prefix; NULL = count from slots only */
    unsigned limit;       /* values wanted (0 = every value) */
    unsigned id;          /* the facet's id in the facet values slot */
} nx_facet_spec;

/* A filter outside the query text: a document must carry at least one of
 * the terms.  Several filters are ANDed.  Here and in nx_terms_add(), a
 * term ending in '\x1f' stands for every term that starts with it (a facet
 * key with any display form). */
typedef struct nx_filter {
    const char *const *terms;
    size_t nterms;
} nx_filter;

typedef struct nx_search_request {
    const char *query;             /* the user's query text ("" = all) */
    const nx_field *fields;        /* prefixes the query text may use */
    size_t nfields;
    nx_field_fn resolve;           /* for boolean fields */
    const char *range_prefix;      /* e.g. "date:"; NULL = none */
    nx_range_fn range;
    void *ctx;                     /* passed to resolve and range */
    const nx_filter *filters;
    size_t nfilters;
    unsigned offset, limit;        /* limit 0: count only (no relevance
                                      computed, no spelling suggestion) */
    int sort_by_date;              /* 0: relevance, then date, then id */
    unsigned sort_slot;            /* slot of the date-then-id sort key */
    const nx_facet_spec *facets;   /* counted over all matches */
    size_t nfacets;
    size_t snippet_bytes;          /* 0 = no snippets */
    unsigned max_wildcard;         /* wildcard expansion bound (0 = 1000) */
    unsigned time_limit_ms;        /* match time limit (0 = none) */
    /* A slot holding every facet value of a document (entries: id byte,
     * 2-byte little-endian length, display), read once per match to count
     * facets over few matches on a local database; 0 = none. */
    unsigned facet_values_slot;
} nx_search_request;

typedef struct nx_results nx_results;

/* Runs a search.  NX_EQUERY when the query text does not parse, with
 * Xapian's reason in plain words in nx_db_errmsg(). */
int nx_db_search(nx_db *db, const nx_search_request *req, nx_results **out);
void nx_results_free(nx_results *r);
/* Matches in all; *exact says whether the count is exact. */
uint64_t nx_results_total(const nx_results *r, int *exact);
size_t nx_results_size(const nx_results *r);   /* hits on this page */
double nx_results_score(const nx_results *r, size_t i);
/* Stored data of hit i; owned by the results. */
const char *nx_results_data(const nx_results *r, size_t i, size_t *len);
/* Snippet of `text` for hit i, with HTML special characters escaped and the
 * matches between the bytes NX_HI_START and NX_HI_END.  malloc'd. */
#define NX_HI_START '\x02'
#define NX_HI_END '\x03'
char *nx_results_snippet(nx_results *r, const char *text, size_t len,
                         size_t bytes);
/* Facet f's counts over all matches, every distinct value, unsorted;
 * strings owned by the results. */
size_t nx_results_facet_size(const nx_results *r, size_t f);
const char *nx_results_facet_value(const nx_results *r, size_t f, size_t i,
                                   uint64_t *count);
/* The terms of the query text as parsed (stemmed ones with "Z", field
 * prefixes as mapped: "Zfire", "XQBlavrov:fire"), each once, in byte
 * order; wildcards and filters add none.  Owned by the results. */
size_t nx_results_term_count(const nx_results *r);
const char *nx_results_term(const nx_results *r, size_t i);
/* "Did you mean" for the query text, or NULL; owned by the results. */
const char *nx_results_suggestion(const nx_results *r);

#ifdef __cplusplus
}
#endif
#endif /* NX_XAPIAN_H */
