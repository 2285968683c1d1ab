/*
 * nx_ingest.h — reading articles from files: .txt (title line, body,
 * optional header block, trailing "Read More About: X"), .json (an object
 * or an array of objects), .jsonl (an object a line), directories
 * (recursively, in sorted order so ids and runs are reproducible) and "-"
 * (JSONL on standard input).  See ../shared/DESIGN.md "Input formats".
 *
 * A record that cannot be read is reported through the report callback with
 * its file, line and reason and skipped; the rest of the file and the run go
 * on.  Invalid UTF-8 is replaced by U+FFFD and reported (the record is kept).
 *
 * Ids and sources.  The id base ("root-relative path") of a file is:
 *   - for a directory argument D: basename(D) + "/" + the path below D
 *     (`newsdex index corpus/` -> "corpus/politics/a.jsonl"); when D is
 *     ".", ".." or "/" the path below D alone;
 *   - for a file argument: the path as given, leading "./" removed;
 *   - for "-": "-".
 * It is the article's `source`.  A record without an id gets the id base
 * (.txt, and a .json file holding one object) or the id base + "#N", N the
 * 1-based line (.jsonl, "-") or array position (.json array).  A JSON id
 * may be a string or an integer ("42").  Never the absolute or current
 * directory, never readdir() order: the same tree gives the same ids.
 *
 * Walking: names starting with '.' are skipped; only .txt, .json and
 * .jsonl (any case) are read, other files silently passed over (a file
 * argument of another type is reported); symlinks are followed, a link
 * back to a directory being read is reported as a loop; unreadable paths
 * are reported.
 *
 * Reports: `line` is the physical line for .txt headers and .jsonl, the
 * array position for elements of a .json array (physical line and column
 * are in the reason), 0 for the file as a whole (including a .txt article,
 * which is the whole file).  Bounds: a .jsonl line, .json element or .txt
 * file over max_record is skipped ("record is N bytes, over the 8 MiB bound
 * (--max-record)"); JSONL is streamed, so memory stays one record whatever
 * the file size, and max_file applies to the .json and .txt files that are
 * read whole.  Null JSON fields count as absent; fields of the wrong type
 * are reported and ignored; a record with neither title nor body is
 * skipped ("no title or body"); an unreadable date leaves the article
 * undated (warning `unreadable date "..."`), a tolerated one is kept with a
 * warning (see nx_date_parse()).  JSON numbers as dates are epoch seconds.
 */
#ifndef NX_INGEST_H
#define NX_INGEST_H

#include "nx_utf8.h"
#include <stddef.h>
#include <stdint.h>
#include "nx_article.h"

typedef enum nx_report_kind {
    NX_REPORT_SKIPPED,   /* the record was not indexed */
    NX_REPORT_WARNING    /* the record was indexed, something was repaired */
} nx_report_kind;

/* Called for every problem.  `file` is the path as given or found,
 * `line` is 1-based (0 when the problem is the file as a whole). */
typedef void (*nx_report_fn)(void *ctx, nx_report_kind kind, const char *file,
                             long line, const char *reason);

/* Called for each article read; the article is only valid during the call.
 * A non-zero return stops the run and is returned by nx_ingest_paths(). */
typedef int (*nx_article_fn)(void *ctx, nx_article *a);

typedef struct nx_ingest_options {
    const char *id_field;     /* JSON field holding the id (NULL = "id") */
    size_t max_record;        /* bytes per record (0 = 8 MiB) */
    uint64_t max_file;        /* bytes per .json/.txt file (0 = 1 GiB) */
} nx_ingest_options;
#define NX_INGEST_OPTIONS_INIT {NULL, 0, 0}

/* Reads every path (file, directory or "-").  Returns 0 when the run went
 * through (records may have been skipped: see the reports), the non-zero
 * value an article callback returned, or a negative NX_E... code for an
 * error that stops the run (out of memory). */
int nx_ingest_paths(const char *const *paths, size_t npaths,
                    const nx_ingest_options *opts,
                    nx_article_fn on_article, nx_report_fn on_report,
                    void *ctx);

/* Parsers over a buffer, for tests and fuzzing.  `name` is the file name
 * used in reports, `root_rel` the id base and source (NULL: `name`).
 * Return values as nx_ingest_paths(); opts and callbacks may be NULL. */
int nx_ingest_txt(const char *buf, size_t len, const char *name,
                  const char *root_rel, const nx_ingest_options *opts,
                  nx_article_fn on_article, nx_report_fn on_report, void *ctx);
int nx_ingest_json(const char *buf, size_t len, const char *name,
                   const char *root_rel, const nx_ingest_options *opts,
                   nx_article_fn on_article, nx_report_fn on_report, void *ctx);
int nx_ingest_jsonl(const char *buf, size_t len, const char *name,
                    const char *root_rel, const nx_ingest_options *opts,
                    nx_article_fn on_article, nx_report_fn on_report,
                    void *ctx);


#endif
