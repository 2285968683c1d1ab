/*
 * main.c — the `newsdex` command: dispatch to subcommands and the helpers
 * they share (cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "nx_query.h"
#include "nx_render.h"
#include "nx_xapian.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    {"index", cmd_index, "add or replace articles from files, dirs or -"},
    {"search", cmd_search, "ranked, faceted search"},
    {"facets", cmd_facets, "top values of one facet for a query"},
    {"quotes", cmd_quotes, "the quotes that match, with speaker and article"},
    {"show", cmd_show, "stored fields and entities of one article"},
    {"delete", cmd_delete, "delete articles by id"},
    {"entities", cmd_entities, "what the indexer extracts, without indexing"},
    {"tag", cmd_tag, "the entity tagger on CoNLL columns"},
    {"reindex", cmd_reindex, "incremental: add new, replace changed, delete gone"},
    {"rebuild", cmd_rebuild, "full rebuild beside the live index, atomic swap"},
    {"rollback", cmd_rollback, "back to the generation the last rebuild replaced"},
    {"stats", cmd_stats, "database size, generation, last run, writer"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: newsdex COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n`newsdex COMMAND --help` for its options.  The database is "
               "--db DB, else $NEWSDEX_DB,\nelse ./newsdex.db.  Exit codes: "
               "0 done; 1 no results or records skipped;\n2 usage or query "
               "error; 3 I/O or database error; 4 database locked.\n");
}

const char *cli_db_path(const char *opt)
{
    return nx_query_db_path(opt);
}

int cli_exit_code(int st)
{
    switch (st) {
    case NX_OK: return EXIT_DONE;
    case NX_EQUERY: case NX_EINVAL: return EXIT_USAGE;
    case NX_ELOCKED: return EXIT_LOCKED;
    default: return EXIT_IO;
    }
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    /* Messages quote arguments and input: shown without their control
     * characters (nx_render_safe), so they cannot drive the terminal. */
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "newsdex %s: ", cmd);
    nx_render_safe(stderr, msg);
    fputc('\n', stderr);
}

void cli_report(const char *cmd, const char *file, long line,
                const char *kind, const char *reason)
{
    fprintf(stderr, "newsdex %s: ", cmd);
    nx_render_safe_line(stderr, file);
    if (line > 0)
        fprintf(stderr, ":%ld", line);
    fprintf(stderr, ": %s: ", kind);
    nx_render_safe_line(stderr, reason);
    fputc('\n', stderr);
}

void cli_print_head(const char *when, const char *cmd, const char *db)
{
    printf("%s newsdex %s ", when, cmd);
    nx_render_safe_line(stdout, db);
    fputs(": ", stdout);
}

int cli_number(const char *cmd, const char *opt, const char *s,
               unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || *s == '-' || v > max) {
        cli_error(cmd, "%s wants a whole number from 0 to %lu, not \"%s\"",
                  opt, max, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* "2 GiB", "1 TiB", "4096 bytes": a bound as a user would write it. */
static void size_text(char buf[32], unsigned long v)
{
    static const char *const unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (u < 4 && v >= 1024 && v % 1024 == 0) {
        v /= 1024;
        u++;
    }
    snprintf(buf, 32, "%lu %s", v, unit[u]);
}

int cli_size(const char *cmd, const char *opt, const char *s,
             unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    int shift = 0, ok = *s >= '0' && *s <= '9' && !errno;
    if (ok && *end) {
        static const char units[] = "KMGT";
        int c = end[0] >= 'a' && end[0] <= 'z' ? end[0] - 32 : end[0];
        const char *u = c ? strchr(units, c) : NULL;
        shift = u ? 10 * (int)(u - units + 1) : -1;
        const char *tail = end + 1;
        ok = shift > 0 && (!*tail || strcmp(tail, "B") == 0 ||
                           strcmp(tail, "iB") == 0);
    }
    if (ok && shift && v > (max >> shift))
        ok = 0;
    if (ok)
        v <<= shift;
    if (!ok || v > max) {
        char m[32];
        size_text(m, max);
        cli_error(cmd, "%s wants a size (bytes, or a whole number with K, M "
                  "or G: 16M is 16 MiB) of at most %s, not \"%s\"", opt, m, s);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_shard_arg(const char *cmd, const char *s, unsigned *k, unsigned *n)
{
    char tail;
    if (sscanf(s, "%u/%u%c", k, n, &tail) != 2 || *n == 0 || *n > 4096 ||
        *k >= *n || strchr(s, '-')) {
        cli_error(cmd, "--shard wants K/N with 0 <= K < N <= 4096, not "
                  "\"%s\"", s);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("newsdex 0.1.0 (index format %d)\n", NX_FORMAT_VERSION);
        return EXIT_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "newsdex: unknown command \"%s\"\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
