/*
 * cmd_reindex.c — `newsdex reindex`, `newsdex rebuild`, `newsdex rollback`:
 * the commands cron and people run to keep an index in step with an
 * archive (DESIGN.md "Reindexing").
 *
 * Output is for both: on a terminal a progress bar with an ETA; off one
 * (cron, systemd) nothing but errors (skipped records, failures) and one
 * summary line on stdout that starts with an ISO 8601 UTC timestamp, so a
 * log of runs is one line per run.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nx_indexer.h"
#include "nx_layout.h"

/* Counting records first costs a parse of the sources: worth it for an
 * ETA only up to this much. */
#define COUNT_BOUND ((uint64_t)1 << 30)

typedef struct rx_args {
    nx_index_options o;
    const char *db;
    const char *aliases[16];
    size_t naliases;
    double wait;
    int quiet, verbose, compact;
    unsigned jobs;           /* rebuild --jobs */
    int first;               /* index of the first SOURCE in argv */
} rx_args;

static void help_common(FILE *f)
{
    fprintf(f,
"  --db DB            database directory (default $NEWSDEX_DB, ./newsdex.db)\n"
"  --id-field NAME    JSON field holding the article id (default id)\n"
"  --max-record SIZE  bytes per record, or with K, M, G (default 8M)\n"
"  --max-file SIZE    bytes per .txt/.json file, or with K, M, G (default 1G)\n"
"  --batch N          changes per commit (default 1000)\n"
"  --aliases FILE     extra alias table (TSV variant<TAB>canonical)\n"
"  --entities FILE    corrections to the archive's entity table (TSV:\n"
"                     merge, rename, retype, drop; docs/entities.md)\n"
"  --no-extract       skip entity and quote extraction\n"
"  --no-quotes        do not index the words of quotes (quote: then finds\n"
"                     nothing; quotes, by: and facets stay)\n"
"  --shard K/N        only the records of shard K of N (as index --shard)\n"
"  --wait[=SECONDS]   wait for another writer to finish (default 3600 s)\n"
"  --allow-shrink     let an emptied source empty the index (see below)\n"
"  -v, --verbose      also print warnings (repaired records)\n"
"  -q, --quiet        no progress bar, no summary line\n"
"\n"
"An archive that is not there (an unmounted mount point) must not empty the\n"
"index: reindex deletes nothing when it would delete every article of a\n"
"SOURCE, or more than half of the index and more than 10 articles; rebuild\n"
"does not switch to a generation holding no articles, or fewer than half\n"
"of the live one's and more than 10 fewer.  Both then exit 3 naming the\n"
"numbers; --allow-shrink does it.  The last generation that had articles\n"
"is never deleted, so rollback can reach it.\n"
"\n"
"Off a terminal only errors and one summary line (ISO 8601 UTC timestamp\n"
"first) are printed.  Exit: 0 done; 1 done, some records skipped (each\n"
"reported); 2 usage; 3 I/O or database error, or a shrink refused; 4\n"
"another writer holds the database (its pid, command and start time are\n"
"printed).\n");
}

static void reindex_help(FILE *f)
{
    fprintf(f,
"usage: newsdex reindex [--db DB] [OPTIONS] SOURCE...\n"
"\n"
"Brings the database in step with the SOURCE files and directories: adds\n"
"new articles, replaces changed ones (by a hash of the record's content),\n"
"deletes articles whose record is gone from the sources, leaves the rest\n"
"alone.  Give the sources the same way every time: ids and sources are\n"
"relative to them.  A run interrupted at any point is finished by running\n"
"it again; a second run in a row changes nothing.\n\n");
    help_common(f);
}

static void rebuild_help(FILE *f)
{
    fprintf(f,
"usage: newsdex rebuild [--db DB] [--compact] [--jobs N] [OPTIONS] SOURCE...\n"
"\n"
"Builds a new generation of the database from the SOURCE files and\n"
"directories beside the live one, checks it, and switches readers to it\n"
"with one rename(); readers never see a half-built index.  The generation\n"
"it replaces is kept for `newsdex rollback`; older ones are deleted.  An\n"
"interrupted rebuild of the same sources resumes where it stopped.\n\n"
"  --compact          compact the new generation before the switch\n"
"  --jobs N           build in N processes (0: one per core), each one part\n"
"                     of the articles, merged compacted at the end (an\n"
"                     interrupted parallel rebuild starts over; default 1)\n");
    help_common(f);
}

/* Parses the options of reindex and rebuild; -1: --help was printed. */
static int parse(const char *cmd, int argc, char **argv, rx_args *a,
                 void (*help)(FILE *))
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"id-field", required_argument, 0, 'i'},
        {"max-record", required_argument, 0, 'r'},
        {"max-file", required_argument, 0, 'f'},
        {"batch", required_argument, 0, 'b'},
        {"aliases", required_argument, 0, 'a'},
        {"entities", required_argument, 0, 'E'},
        {"no-extract", no_argument, 0, 'n'},
        {"no-quotes", no_argument, 0, 'Q'},
        {"wait", optional_argument, 0, 'w'},
        {"compact", no_argument, 0, 'c'},
        {"jobs", required_argument, 0, 'j'},
        {"shard", required_argument, 0, 'S'},
        {"allow-shrink", no_argument, 0, 'A'},
        {"verbose", no_argument, 0, 'v'},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    nx_index_options init = NX_INDEX_OPTIONS_INIT;
    memset(a, 0, sizeof *a);
    a->o = init;
    int c;
    unsigned long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'i': a->o.ingest.id_field = optarg; break;
        case 'r':
            if (cli_size(cmd, "--max-record", optarg, 1ul << 31, &v))
                return EXIT_USAGE;
            a->o.ingest.max_record = v;
            break;
        case 'f':
            if (cli_size(cmd, "--max-file", optarg, 1ul << 40, &v))
                return EXIT_USAGE;
            a->o.ingest.max_file = v;
            break;
        case 'b':
            if (cli_number(cmd, "--batch", optarg, 1000000, &v) || !v) {
                cli_error(cmd, "--batch wants 1 to 1000000");
                return EXIT_USAGE;
            }
            a->o.batch_size = (unsigned)v;
            break;
        case 'a':
            if (a->naliases == 16) {
                cli_error(cmd, "at most 16 --aliases files");
                return EXIT_USAGE;
            }
            a->aliases[a->naliases++] = optarg;
            break;
        case 'E': a->o.entities_file = optarg; break;
        case 'n': a->o.extract = 0; break;
        case 'Q': a->o.no_quotes = 1; break;
        case 'w':
            if (cli_wait_arg(cmd, optarg, &a->wait))
                return EXIT_USAGE;
            break;
        case 'c':
            if (help != rebuild_help) {
                cli_error(cmd, "--compact is an option of rebuild");
                return EXIT_USAGE;
            }
            a->compact = 1;
            break;
        case 'j':
            if (help != rebuild_help) {
                cli_error(cmd, "--jobs is an option of rebuild");
                return EXIT_USAGE;
            }
            if (cli_number(cmd, "--jobs", optarg, 64, &v))
                return EXIT_USAGE;
            if (v == 0) {
                long n = sysconf(_SC_NPROCESSORS_ONLN);
                v = n < 1 ? 1 : n > 64 ? 64 : (unsigned long)n;
            }
            a->jobs = (unsigned)v;
            break;
        case 'S':
            if (cli_shard_arg(cmd, optarg, &a->o.shard, &a->o.nshards))
                return EXIT_USAGE;
            break;
        case 'A': a->o.allow_shrink = 1; break;
        case 'v': a->verbose = 1; break;
        case 'q': a->quiet = 1; break;
        case 'h': help(stdout); return -1;
        default: help(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(cmd, "no SOURCE given (files or directories)");
        help(stderr);
        return EXIT_USAGE;
    }
    a->first = optind;
    a->o.db = cli_db_path(a->db);
    a->o.alias_files = a->aliases;
    a->o.nalias_files = a->naliases;
    a->o.command = cmd;
    int tty = isatty(STDERR_FILENO);
    a->o.progress = !a->quiet && tty ? stderr : NULL;
    if (a->o.progress) {
        uint64_t n = 0;
        if (nx_index_count((const char *const *)argv + optind,
                           (size_t)(argc - optind), &a->o.ingest, COUNT_BOUND,
                           &n) == NX_OK)
            a->o.total = n;
    }
    return 0;
}

typedef struct report_ctx {
    const char *cmd;
    int verbose;
} report_ctx;

static void report(void *ctx, nx_report_kind kind, const char *file,
                   long line, const char *reason)
{
    report_ctx *r = ctx;
    if (kind == NX_REPORT_WARNING && !r->verbose)
        return;     /* counted in the summary */
    cli_report(r->cmd, file, line,
               kind == NX_REPORT_SKIPPED ? "skipped" : "warning", reason);
}

/* "skipped 2 (reasons above), 12 warnings[, 40 given tags (3
 * title-cased)]" */
static void tail(char *buf, size_t n, const nx_index_stats *s)
{
    char given[80] = "";
    if (s->given)
        snprintf(given, sizeof given, ", %llu given tags (%llu title-cased)",
                 (unsigned long long)s->given,
                 (unsigned long long)s->given_titled);
    snprintf(buf, n, "skipped %llu%s, %llu warnings%s",
             (unsigned long long)s->skipped,
             s->skipped ? " (reasons above)" : "",
             (unsigned long long)s->warnings, given);
}

int cmd_reindex(int argc, char **argv)
{
    rx_args a;
    int rc = parse("reindex", argc, argv, &a, reindex_help);
    if (rc)
        return rc < 0 ? EXIT_DONE : rc;
    struct nx_lock *lock = NULL;
    if ((rc = cli_lock("reindex", a.o.db, a.wait, &lock)) != 0)
        return rc;
    a.o.incremental = 1;
    a.o.prune = NX_PRUNE_PATHS;
    nx_index_stats st;
    report_ctx rctx = {"reindex", a.verbose};
    char *err = NULL;
    rc = nx_index_run(&a.o, (const char *const *)argv + a.first,
                      (size_t)(argc - a.first), &st, report, &rctx, &err);
    nx_lock_release(lock);
    if (rc != NX_OK) {
        cli_error("reindex", "%s", err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    if (!a.quiet) {
        char when[32], t[192], what[320], held[96] = "", resumed[96] = "";
        cli_now_iso(when);
        tail(t, sizeof t, &st);
        if (!st.indexed && !st.replaced && !st.deleted)
            snprintf(what, sizeof what, "nothing changed (%llu unchanged), "
                     "%s", (unsigned long long)st.unchanged, t);
        else
            snprintf(what, sizeof what, "added %llu, replaced %llu, deleted "
                     "%llu, unchanged %llu, %s",
                     (unsigned long long)st.indexed,
                     (unsigned long long)st.replaced,
                     (unsigned long long)st.deleted,
                     (unsigned long long)st.unchanged, t);
        if (st.held)
            snprintf(held, sizeof held, "; kept %llu articles whose file "
                     "had unreadable records", (unsigned long long)st.held);
        if (st.interrupted)
            snprintf(resumed, sizeof resumed, "; finished an interrupted "
                     "run (%llu records were committed)",
                     (unsigned long long)st.resumed);
        cli_print_head(when, "reindex", a.o.db);
        printf("%s%s%s; %llu documents, in %.2f s\n", what, held, resumed,
               (unsigned long long)st.documents, st.seconds);
        fflush(stdout);
    }
    return st.skipped ? EXIT_PARTIAL : EXIT_DONE;
}

int cmd_rebuild(int argc, char **argv)
{
    rx_args a;
    int rc = parse("rebuild", argc, argv, &a, rebuild_help);
    if (rc)
        return rc < 0 ? EXIT_DONE : rc;
    struct nx_lock *lock = NULL;
    if ((rc = cli_lock("rebuild", a.o.db, a.wait, &lock)) != 0)
        return rc;
    nx_rebuild_options ro = NX_REBUILD_OPTIONS_INIT;
    ro.index = a.o;
    ro.compact = a.compact;
    ro.jobs = a.jobs ? a.jobs : 1;
    nx_rebuild_stats st;
    report_ctx rctx = {"rebuild", a.verbose};
    char *err = NULL;
    rc = nx_rebuild_run(&ro, (const char *const *)argv + a.first,
                        (size_t)(argc - a.first), &st, report, &rctx, &err);
    nx_lock_release(lock);
    if (rc != NX_OK) {
        cli_error("rebuild", "%s%s", err ? err : nx_strerror(rc),
                  st.old_gen ? "; the live index is unchanged" : "");
        free(err);
        return cli_exit_code(rc);
    }
    if (!a.quiet) {
        char when[32], t[192], was[48] = "", resumed[64] = "";
        cli_now_iso(when);
        tail(t, sizeof t, &st.index);
        if (st.old_gen)
            snprintf(was, sizeof was, " (was %u, kept for rollback)",
                     st.old_gen);
        if (st.resumed_gen)
            snprintf(resumed, sizeof resumed, "; finished the interrupted "
                     "generation %u", st.resumed_gen);
        cli_print_head(when, "rebuild", a.o.db);
        printf("generation %u%s%s: %llu documents, "
               "%s, %.1f MB%s, in %.2f s\n", st.new_gen, was,
               resumed, (unsigned long long)st.index.documents, t,
               (double)st.size_bytes / 1e6,
               st.compacted ? " compacted" : "",
               st.index.seconds);
        fflush(stdout);
    }
    return st.index.skipped ? EXIT_PARTIAL : EXIT_DONE;
}

static void rollback_help(FILE *f)
{
    fprintf(f,
"usage: newsdex rollback [--db DB] [--wait[=SECONDS]] [-q]\n"
"\n"
"Switches readers back to the generation the last rebuild replaced (one\n"
"rename(), like the rebuild's own switch).  Changes made by reindex,\n"
"index or delete since that rebuild are not in it.\n"
"Exit: 0 done; 2 usage; 3 no earlier generation, or I/O or database\n"
"error; 4 another writer holds the database.\n");
}

int cmd_rollback(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"wait", optional_argument, 0, 'w'},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *db = NULL;
    double wait = 0;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'w':
            if (cli_wait_arg("rollback", optarg, &wait))
                return EXIT_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': rollback_help(stdout); return EXIT_DONE;
        default: rollback_help(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        cli_error("rollback", "takes no arguments");
        return EXIT_USAGE;
    }
    const char *path = cli_db_path(db);
    struct nx_lock *lock = NULL;
    int rc = cli_lock("rollback", path, wait, &lock);
    if (rc)
        return rc;
    unsigned from, to;
    char *err = NULL;
    rc = nx_rollback(path, &from, &to, &err);
    nx_lock_release(lock);
    if (rc != NX_OK) {
        cli_error("rollback", "%s", err ? err : nx_strerror(rc));
        free(err);
        return rc == NX_ENOTFOUND ? EXIT_IO : cli_exit_code(rc);
    }
    if (!quiet) {
        char when[32];
        cli_now_iso(when);
        cli_print_head(when, "rollback", path);
        printf("generation %u (was %u)\n", to, from);
    }
    return EXIT_DONE;
}
