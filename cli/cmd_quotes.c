/*
 * cmd_quotes.c — `newsdex quotes`: the quotes themselves as results
 * (nx_quotes.h), for a terminal, as JSON, or exported as CSV / JSON lines.
 */
#include "cli.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nx_quotes.h"

#define MAX_FILTERS 64
#define MAX_QUERY 4096

static void quotes_help(FILE *f)
{
    fprintf(f,
"usage: newsdex quotes [--db DB] [--by NAME]... [--json | --format csv|jsonl]\n"
"                      [--limit N] [--offset N] [--sort relevance|date]\n"
"                      [--facet-limit N] [--filter FACET:VALUE]... [QUERY]\n"
"\n"
"Lists the quotes that match, not the articles: the speaker, the quote with\n"
"the query's words highlighted, how it was attributed, and its article.\n"
"QUERY is read as by `newsdex search`, except that words typed without a\n"
"field are words of quotes (as quote:word): `--by Lavrov fire` lists the\n"
"quotes of Lavrov that hold \"fire\".  With speakers named (--by, by:,\n"
"--filter by:) only their quotes are listed; with words, only quotes that\n"
"hold them.  Ranked by relevance (more of the query's words, confident\n"
"attributions, the article's relevance), then newest; counts by speaker\n"
"and year over all matching quotes.\n"
"\n"
"  --db DB              database (default $NEWSDEX_DB, ./newsdex.db)\n"
"  --by NAME            a speaker's quotes (repeatable: any of them)\n"
"  --json               JSON output (see README)\n"
"  --format csv|jsonl   export: one quote a record with article id,\n"
"                       speaker, start/end byte offsets in the body, text,\n"
"                       date, title, source, url, how, confidence, evidence;\n"
"                       every matching quote unless --limit is given\n"
"  --limit N            quotes to show (default 10, at most 100000)\n"
"  --offset N           quotes to skip (default 0)\n"
"  --sort relevance|date  relevance (then newest) or newest first\n"
"  --facet-limit N      speakers to count (default 10; 0 all)\n"
"  --filter FACET:VALUE filter outside the query (repeatable)\n"
"  --allow-partial      over a stub of shards, answer from the shards up\n"
"\n"
"Exit: 0 quotes; 1 no quote matches; 2 usage or query error; 3 database\n"
"error.\n");
}

static int join_query(int argc, char **argv, int from, char *buf)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = from; i < argc; i++) {
        size_t l = strlen(argv[i]);
        if (n + l + 2 > MAX_QUERY)
            return -1;
        if (n)
            buf[n++] = ' ';
        memcpy(buf + n, argv[i], l + 1);
        n += l;
    }
    return 0;
}

enum { OUT_TEXT, OUT_JSON, OUT_CSV, OUT_JSONL };

static int run(const char *dbpath, int partial, const nx_quotes_options *o,
               nx_quotes_result **r)
{
    nx_db *db = NULL;
    char *err = NULL;
    nx_db_options dopts = NX_DB_OPTIONS_INIT;
    dopts.allow_partial = partial;
    int rc = nx_db_open_ex(&db, dbpath, &dopts, &err);
    if (rc != NX_OK) {
        cli_error("quotes", "%s", err ? err : nx_strerror(rc));
        free(err);
        return rc;
    }
    rc = nx_quotes_run(db, o, r, &err);
    if (rc == NX_EQUERY)
        cli_error("quotes", "cannot parse the query: %s", err ? err : "");
    else if (rc != NX_OK)
        cli_error("quotes", "%s", err ? err : nx_strerror(rc));
    free(err);
    if (rc == NX_OK && (*r)->missing)
        cli_error("quotes", "partial results: shard(s) %s did not answer",
                  (*r)->missing);
    nx_db_close(db);
    return rc;
}

int cmd_quotes(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"by", required_argument, 0, 'b'},
        {"json", no_argument, 0, 'j'},
        {"format", required_argument, 0, 'T'},
        {"limit", required_argument, 0, 'l'},
        {"offset", required_argument, 0, 'o'},
        {"sort", required_argument, 0, 's'},
        {"facet-limit", required_argument, 0, 'L'},
        {"filter", required_argument, 0, 'f'},
        {"allow-partial", no_argument, 0, 'P'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    nx_quotes_options o = NX_QUOTES_OPTIONS_INIT;
    const char *db = NULL, *filters[MAX_FILTERS], *speakers[MAX_FILTERS];
    size_t nfilters = 0, nspeakers = 0;
    int out = OUT_TEXT, json = 0, partial = 0, limited = 0, c;
    unsigned long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'b':
            if (nspeakers == MAX_FILTERS) {
                cli_error("quotes", "at most %d --by options", MAX_FILTERS);
                return EXIT_USAGE;
            }
            if (!*optarg) {
                cli_error("quotes", "--by wants a speaker's name, not \"\"");
                return EXIT_USAGE;
            }
            speakers[nspeakers++] = optarg;
            break;
        case 'j': json = 1; break;
        case 'T':
            if (strcmp(optarg, "csv") == 0) {
                out = OUT_CSV;
            } else if (strcmp(optarg, "jsonl") == 0) {
                out = OUT_JSONL;
            } else {
                cli_error("quotes", "--format is csv or jsonl, not \"%s\"",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'l':
            if (cli_number("quotes", "--limit", optarg, 100000, &v))
                return EXIT_USAGE;
            o.limit = (unsigned)v;
            limited = 1;
            break;
        case 'o':
            if (cli_number("quotes", "--offset", optarg, 10000000, &v))
                return EXIT_USAGE;
            o.offset = (unsigned)v;
            break;
        case 's':
            if (strcmp(optarg, "date") == 0) {
                o.sort_by_date = 1;
            } else if (strcmp(optarg, "relevance") == 0) {
                o.sort_by_date = 0;
            } else {
                cli_error("quotes", "--sort is relevance or date, not \"%s\"",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'L':
            if (cli_number("quotes", "--facet-limit", optarg, 10000, &v))
                return EXIT_USAGE;
            o.facet_limit = (unsigned)v;
            break;
        case 'f':
            if (nfilters == MAX_FILTERS) {
                cli_error("quotes", "at most %d --filter options", MAX_FILTERS);
                return EXIT_USAGE;
            }
            filters[nfilters++] = optarg;
            break;
        case 'P': partial = 1; break;
        case 'h': quotes_help(stdout); return EXIT_DONE;
        default: quotes_help(stderr); return EXIT_USAGE;
        }
    }
    if (json && out != OUT_TEXT) {
        cli_error("quotes", "--json and --format are two outputs: give one");
        return EXIT_USAGE;
    }
    if (json)
        out = OUT_JSON;
    /* an export is every matching quote unless told otherwise */
    if ((out == OUT_CSV || out == OUT_JSONL) && !limited)
        o.limit = UINT32_MAX;
    static char query[MAX_QUERY];
    if (join_query(argc, argv, optind, query) != 0) {
        cli_error("quotes", "the query is longer than %d bytes", MAX_QUERY - 1);
        return EXIT_USAGE;
    }
    o.query = query;
    o.filters = filters;
    o.nfilters = nfilters;
    o.speakers = speakers;
    o.nspeakers = nspeakers;
    nx_quotes_result *r = NULL;
    int rc = run(cli_db_path(db), partial, &o, &r);
    if (rc != NX_OK)
        return cli_exit_code(rc);
    char *s = NULL;
    switch (out) {
    case OUT_JSON: s = nx_quotes_json(r); break;
    case OUT_CSV: s = nx_quotes_csv(r); break;
    case OUT_JSONL: s = nx_quotes_jsonl(r); break;
    default: {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        int bold = isatty(STDOUT_FILENO) && !(nc && *nc) &&
                   !(term && strcmp(term, "dumb") == 0);
        nx_quotes_text(stdout, r, bold);
    }
    }
    int code = r->total ? EXIT_DONE : EXIT_PARTIAL;
    if (out != OUT_TEXT && !s) {
        cli_error("quotes", "%s", nx_strerror(NX_ENOMEM));
        code = EXIT_IO;
    } else if (s) {
        fputs(s, stdout);
        if (out == OUT_JSON)
            fputc('\n', stdout);
    }
    free(s);
    nx_quotes_result_free(r);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("quotes", "cannot write the output");
        return EXIT_IO;
    }
    return code;
}
