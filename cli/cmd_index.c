/*
 * cmd_index.c — `newsdex index [--db DB] [--id-field NAME] PATH...`
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nx_indexer.h"
#include "nx_layout.h"

static void help(FILE *f)
{
    fprintf(f,
"usage: newsdex index [--db DB] [--id-field NAME] [OPTIONS] PATH...\n"
"\n"
"Adds articles to the database (creating it if needed); an article with an\n"
"id already indexed is replaced.  PATH: .txt, .json, .jsonl files,\n"
"directories (recursively), or - for JSONL on standard input.\n"
"\n"
"  --db DB            database directory (default $NEWSDEX_DB, ./newsdex.db)\n"
"  --id-field NAME    JSON field holding the article id (default id)\n"
"  --max-record SIZE  bytes per record, or with K, M, G (default 8M)\n"
"  --max-file SIZE    bytes per .txt/.json file, or with K, M, G (default 1G)\n"
"  --batch N          articles per commit (default 1000)\n"
"  --aliases FILE     extra alias table (TSV variant<TAB>canonical)\n"
"  --entities FILE    corrections to the archive's entity table (TSV:\n"
"                     merge, rename, retype, drop; docs/entities.md)\n"
"  --no-extract       skip entity and quote extraction\n"
"  --no-quotes        do not index the words of quotes (quote: then finds\n"
"                     nothing; quotes, by: and facets stay)\n"
"  --shard K/N        index only the records of shard K of N (0-based, by a\n"
"                     hash of the id); serve the shards with xapian-tcpsrv\n"
"                     and search them through a stub file (README, Shards)\n"
"  --wait[=SECONDS]   wait for another writer to finish (default 3600 s)\n"
"  -q, --quiet        no progress line, no summary\n"
"\n"
"Exit: 0 done; 1 some records skipped (each reported with file, line and\n"
"reason); 2 usage; 3 I/O or database error; 4 database locked.\n");
}

typedef struct report_ctx {
    int quiet;
} report_ctx;

static void report(void *ctx, nx_report_kind kind, const char *file,
                   long line, const char *reason)
{
    (void)ctx;
    cli_report("index", file, line,
               kind == NX_REPORT_SKIPPED ? "skipped" : "warning", reason);
}

int cmd_index(int argc, char **argv)
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
        {"shard", required_argument, 0, 'S'},
        {"wait", optional_argument, 0, 'w'},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    nx_index_options o = NX_INDEX_OPTIONS_INIT;
    const char *db = NULL;
    const char *aliases[16];
    size_t naliases = 0;
    int quiet = 0, c;
    unsigned long v;
    double wait = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'i': o.ingest.id_field = optarg; break;
        case 'r':
            if (cli_size("index", "--max-record", optarg, 1ul << 31, &v))
                return EXIT_USAGE;
            o.ingest.max_record = v;
            break;
        case 'f':
            if (cli_size("index", "--max-file", optarg, 1ul << 40, &v))
                return EXIT_USAGE;
            o.ingest.max_file = v;
            break;
        case 'b':
            if (cli_number("index", "--batch", optarg, 1000000, &v) || !v) {
                cli_error("index", "--batch wants 1 to 1000000");
                return EXIT_USAGE;
            }
            o.batch_size = (unsigned)v;
            break;
        case 'a':
            if (naliases == 16) {
                cli_error("index", "at most 16 --aliases files");
                return EXIT_USAGE;
            }
            aliases[naliases++] = optarg;
            break;
        case 'E': o.entities_file = optarg; break;
        case 'n': o.extract = 0; break;
        case 'Q': o.no_quotes = 1; break;
        case 'S':
            if (cli_shard_arg("index", optarg, &o.shard, &o.nshards))
                return EXIT_USAGE;
            break;
        case 'w':
            if (cli_wait_arg("index", optarg, &wait))
                return EXIT_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_DONE;
        default: help(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("index", "no PATH given (files, directories or -)");
        help(stderr);
        return EXIT_USAGE;
    }
    o.db = cli_db_path(db);
    o.alias_files = aliases;
    o.nalias_files = naliases;
    o.progress = !quiet && isatty(STDERR_FILENO) ? stderr : NULL;

    struct nx_lock *lock = NULL;
    int rc = cli_lock("index", o.db, wait, &lock);
    if (rc)
        return rc;
    nx_index_stats st;
    char *err = NULL;
    rc = nx_index_run(&o, (const char *const *)argv + optind,
                      (size_t)(argc - optind), &st, report, NULL, &err);
    nx_lock_release(lock);
    if (rc != NX_OK) {
        cli_error("index", "%s", err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    if (!quiet)
        fprintf(stderr,
                "newsdex index: indexed %llu, replaced %llu, skipped %llu%s, "
                "%llu warnings, in %.2f s (%.0f records/s, %.1f MB/s) -> %s\n",
                (unsigned long long)st.indexed,
                (unsigned long long)st.replaced,
                (unsigned long long)st.skipped,
                st.skipped ? " (reasons above)" : "",
                (unsigned long long)st.warnings, st.seconds,
                st.seconds > 0 ? (double)st.read / st.seconds : 0.0,
                st.seconds > 0 ? (double)st.bytes / st.seconds / 1e6 : 0.0,
                o.db);
    if (!quiet && st.given)
        fprintf(stderr, "newsdex index: %llu given tags, %llu matching no "
                "name in the article, the alias table or the gazetteers "
                "(title-cased)\n", (unsigned long long)st.given,
                (unsigned long long)st.given_titled);
    if (!quiet && o.nshards > 1)
        fprintf(stderr, "newsdex index: shard %u of %u: %llu records left "
                "to the other shards\n", o.shard, o.nshards,
                (unsigned long long)st.other_shard);
    return st.skipped ? EXIT_PARTIAL : EXIT_DONE;
}
