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
 */
#ifndef NX_INGEST_H
#define NX_INGEST_H

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
    uint64_t max_file;        /* bytes per file (0 = 1 GiB) */
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
 * used in reports and ids, `root_rel` the id base (path relative to the
 * indexed root). */
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

/* Copies `len` bytes of possibly invalid UTF-8 into a new NUL-terminated
 * string the caller frees, replacing each invalid sequence (overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences; cut by the
 * Unicode "maximal subpart" rule) and each NUL and C0 control other than
 * \t \n \r (0x02/0x03 are the snippet highlight markers) by U+FFFD; CRLF
 * and a lone CR become LF, so the result has no CR and cleaning it again
 * changes nothing.  *nbad (may be NULL) counts the replacements.  NULL on
 * ENOMEM. */
char *nx_utf8_clean(const char *s, size_t len, size_t *nbad);

#endif
