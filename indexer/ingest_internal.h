/*
 * ingest_internal.h — what the input readers (ingest.c, ingest_txt.c,
 * ingest_json.c) share: one parse state, reporting, the record checks that
 * every format applies the same way (record.c), and the JSONL line reader
 * the walker streams into (ingest_json.c).  Private to indexer/.
 */
#ifndef NX_INGEST_INTERNAL_H
#define NX_INGEST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nx_ingest.h"

#define NX_DEFAULT_MAX_RECORD ((size_t)8 << 20)
#define NX_DEFAULT_MAX_FILE ((uint64_t)1 << 30)

/* The state of reading one file (or stdin): options with defaults filled
 * in, the callbacks, and the names reports and ids use. */
typedef struct nx_ing {
    const char *id_field;   /* JSON id field, never NULL */
    size_t max_record;      /* bytes per record, never 0 */
    uint64_t max_file;      /* bytes per file read whole, never 0 */
    nx_article_fn on_article;
    nx_report_fn on_report;
    void *ctx;
    const char *name;       /* the file as given or found, for reports */
    const char *root_rel;   /* id base and article source */
} nx_ing;

void nx_ing_init(nx_ing *g, const nx_ingest_options *opts, const char *name,
                 const char *root_rel, nx_article_fn on_article,
                 nx_report_fn on_report, void *ctx);

/* Formats a reason (truncated to a few hundred bytes: reasons quote input)
 * and hands it to the report callback. */
void nx_ing_report(const nx_ing *g, nx_report_kind kind, long line,
                   const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports a record (or .txt file) over the record bound as skipped. */
void nx_ing_report_toobig(const nx_ing *g, long line, uint64_t size);
/* "8 MiB", "1 GiB", "1000 bytes": a bound as a user would write it. */
void nx_ing_format_size(char buf[32], uint64_t bytes);

/* Copies at most ~60 bytes of s for quoting in a reason, cut at a
 * character boundary, with "..." when cut. */
void nx_ing_excerpt(char out[72], const char *s);

/* Reads a date as written into a->date / a->date_raw; an unreadable date
 * leaves the article undated, a tolerated one is kept; both are reported
 * as warnings at `line`.  Returns 0 or NX_ENOMEM. */
int nx_ing_set_date(const nx_ing *g, nx_article *a, const char *raw,
                    long line);

/* Removes leading and trailing white space in place; returns s. */
char *nx_ing_trim(char *s);

/* Reports the UTF-8 repairs of a record, applies the "no title or body"
 * rule, hands the article to the callback and clears it.  Returns 0, or
 * the callback's non-zero value. */
int nx_ing_emit(const nx_ing *g, nx_article *a, long line, size_t nbad);

/* One JSONL line (without its newline; a trailing CR is ignored), number
 * `lineno`: blank lines are skipped, others are one record.  Returns 0,
 * the callback's non-zero value or NX_ENOMEM. */
int nx_ing_jsonl_line(const nx_ing *g, const char *line, size_t len,
                      long lineno);

#endif
