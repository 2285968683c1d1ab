/*
 * cli.h — shared pieces of the `newsdex` command: exit codes (DESIGN.md),
 * the database location, and one function per subcommand.
 */
#ifndef NX_CLI_H
#define NX_CLI_H

#include <stdio.h>

enum {
    EXIT_DONE = 0,      /* done */
    EXIT_PARTIAL = 1,   /* no results, or some records skipped */
    EXIT_USAGE = 2,     /* usage, query or parameter error */
    EXIT_IO = 3,        /* I/O or database error */
    EXIT_LOCKED = 4     /* another writer holds the database */
};

/* --db, else $NEWSDEX_DB, else ./newsdex.db (nx_query_db_path()). */
const char *cli_db_path(const char *opt);
/* The exit code for a status code. */
int cli_exit_code(int nx_status);
/* Prints "newsdex CMD: msg" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* One report line on stderr, "newsdex CMD: FILE[:LINE]: KIND: REASON",
 * with the file name and reason escaped as nx_render_safe_line does (a
 * file name holding a newline or ESC stays one harmless line). */
void cli_report(const char *cmd, const char *file, long line,
                const char *kind, const char *reason);
/* The head of a summary line on stdout, "WHEN newsdex CMD DB: ", with the
 * database path escaped the same way. */
void cli_print_head(const char *when, const char *cmd, const char *db);
/* Parses a non-negative number argument; 0 on success. */
int cli_number(const char *cmd, const char *opt, const char *s,
               unsigned long max, unsigned long *out);
/* Like cli_number for a size: bytes, or a whole number with a K, M, G or T
 * suffix (powers of 1024; "KiB", "MB"... accepted too), at most max. */
int cli_size(const char *cmd, const char *opt, const char *s,
             unsigned long max, unsigned long *out);
/* Parses --shard K/N (0 <= K < N <= 4096); 0 on success. */
int cli_shard_arg(const char *cmd, const char *s, unsigned *k, unsigned *n);

/* The writer lock (cli_lock.c).  Every writing command takes it; on
 * failure prints who holds it and returns EXIT_LOCKED (or the exit code
 * of another error), else 0 with *out set.  `wait` in seconds. */
struct nx_lock;
int cli_lock(const char *cmd, const char *db, double wait,
             struct nx_lock **out);
/* Parses --wait[=SECONDS] (no value: CLI_WAIT_DEFAULT); 0 on success. */
#define CLI_WAIT_DEFAULT 3600.0
int cli_wait_arg(const char *cmd, const char *arg, double *wait);
/* The current time, ISO 8601 UTC ("2024-05-01T10:00:00Z"). */
void cli_now_iso(char out[32]);

/* `newsdex entities --db` (cmd_etable.c): the archive's entity table;
 * type -1 for all, limit 0 for no limit, pattern NULL for all. */
int cli_entities_db(const char *db, int json, int type, long limit,
                    const char *pattern);
/* The entity table stored in db into *out (an exit code; EXIT_DONE). */
struct nx_etable;
int cli_load_etable(const char *db, struct nx_etable **out);

int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_facets(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_rebuild(int argc, char **argv);
int cmd_rollback(int argc, char **argv);

/* The NER model: --model, else $NEWSDEX_NER_MODEL, else the default
 * (nx_extract_model_path, written into buf); NULL when that does not fit. */
const char *cli_ner_model(const char *opt, char *buf, size_t n);

#endif
