/*
 * cmd_search.c — `newsdex search` and `newsdex facets`.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "nx_query.h"
#include "nx_render.h"

#define MAX_FILTERS 64
#define MAX_QUERY 4096

static void search_help(FILE *f)
{
    fprintf(f,
"usage: newsdex search [--db DB] [--json] [--limit N] [--offset N]\n"
"                      [--sort relevance|date] [--facets LIST]\n"
"                      [--facet-limit N] [--filter FACET:VALUE]... QUERY\n"
"\n"
"QUERY: words (all must match), AND OR NOT, \"a phrase\", a NEAR b, +must,\n"
"-mustnot, wild*, (grouping), title:word, and facet fields by:Lavrov,\n"
"person:\"Joe Biden\", org:NATO, place:Ukraine, category:, author:,\n"
"year:2021, month:2021-12, date:2021-12-01..2022-01 (open ends allowed).\n"
"\n"
"  --db DB              database (default $NEWSDEX_DB, ./newsdex.db)\n"
"  --json               JSON output (see README)\n"
"  --limit N            hits to show (default 10, at most 1000)\n"
"  --offset N           hits to skip (default 0)\n"
"  --sort relevance|date  relevance (then newest) or newest first\n"
"  --facets LIST        from by,person,org,place,category,author,year,month,\n"
"                       byany,about\n"
"                       (default by,person,org,place,category,year; \"\" none)\n"
"  --facet-limit N      values per facet (default 10)\n"
"  --filter FACET:VALUE filter outside the query: values of one facet ORed,\n"
"                       facets ANDed (repeatable)\n"
"  --allow-partial      over a stub of shards, answer from the shards that\n"
"                       are up and say which are missing (else: exit 3)\n"
"\n"
"Exit: 0 hits; 1 no hits; 2 usage or query error; 3 database error.\n");
}

static void facets_help(FILE *f)
{
    fprintf(f,
"usage: newsdex facets [--db DB] [--json] [--limit N] FACET [QUERY]\n"
"\n"
"Lists the top values of FACET (by, person, org, place, category, author,\n"
"year, month, byany, about) with exact counts over the articles matching QUERY (all\n"
"articles when there is none).\n");
}

/* Joins the remaining arguments into one query text. */
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

static int open_db(const char *cmd, const char *path, int allow_partial,
                   nx_db **db)
{
    char *err = NULL;
    nx_db_options o = NX_DB_OPTIONS_INIT;
    o.allow_partial = allow_partial;
    int rc = nx_db_open_ex(db, path, &o, &err);
    if (rc != NX_OK) {
        cli_error(cmd, "%s", err ? err : nx_strerror(rc));
        free(err);
    }
    return rc;
}

static int run_query(const char *cmd, const char *dbpath, int allow_partial,
                     const nx_query_options *o, nx_query_result **r)
{
    nx_db *db = NULL;
    int rc = open_db(cmd, dbpath, allow_partial, &db);
    if (rc != NX_OK)
        return rc;
    char *err = NULL;
    rc = nx_query_run(db, o, r, &err);
    if (rc != NX_OK) {
        if (rc == NX_EQUERY)
            cli_error(cmd, "cannot parse the query: %s", err ? err : "");
        else
            cli_error(cmd, "%s", err ? err : nx_strerror(rc));
    }
    free(err);
    if (rc == NX_OK && (*r)->missing)
        cli_error(cmd, "partial results: shard(s) %s did not answer",
                  (*r)->missing);
    nx_db_close(db);
    return rc;
}

int cmd_search(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},
        {"limit", required_argument, 0, 'l'},
        {"offset", required_argument, 0, 'o'},
        {"sort", required_argument, 0, 's'},
        {"facets", required_argument, 0, 'F'},
        {"facet-limit", required_argument, 0, 'L'},
        {"filter", required_argument, 0, 'f'},
        {"allow-partial", no_argument, 0, 'P'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    nx_query_options o = NX_QUERY_OPTIONS_INIT;
    const char *db = NULL, *filters[MAX_FILTERS];
    size_t nfilters = 0;
    int json = 0, partial = 0, c;
    unsigned long v;
    char *err = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'l':
            if (cli_number("search", "--limit", optarg, 1000, &v))
                return EXIT_USAGE;
            o.limit = (unsigned)v;
            break;
        case 'o':
            if (cli_number("search", "--offset", optarg, 1000000, &v))
                return EXIT_USAGE;
            o.offset = (unsigned)v;
            break;
        case 's':
            if (strcmp(optarg, "date") == 0) {
                o.sort_by_date = 1;
            } else if (strcmp(optarg, "relevance") == 0) {
                o.sort_by_date = 0;
            } else {
                cli_error("search", "--sort is relevance or date, not \"%s\"",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'F':
            if (nx_query_parse_facets(optarg, &o.facets, &err) != 0) {
                cli_error("search", "--facets: %s", err);
                free(err);
                return EXIT_USAGE;
            }
            break;
        case 'L':
            if (cli_number("search", "--facet-limit", optarg, 10000, &v))
                return EXIT_USAGE;
            o.facet_limit = (unsigned)v;
            break;
        case 'f':
            if (nfilters == MAX_FILTERS) {
                cli_error("search", "at most %d --filter options", MAX_FILTERS);
                return EXIT_USAGE;
            }
            filters[nfilters++] = optarg;
            break;
        case 'P': partial = 1; break;
        case 'h': search_help(stdout); return EXIT_DONE;
        default: search_help(stderr); return EXIT_USAGE;
        }
    }
    static char query[MAX_QUERY];
    if (join_query(argc, argv, optind, query) != 0) {
        cli_error("search", "the query is longer than %d bytes", MAX_QUERY - 1);
        return EXIT_USAGE;
    }
    if (!*query && nfilters == 0) {
        cli_error("search", "no QUERY given");
        search_help(stderr);
        return EXIT_USAGE;
    }
    o.query = query;
    o.filters = filters;
    o.nfilters = nfilters;
    nx_query_result *r = NULL;
    int rc = run_query("search", cli_db_path(db), partial, &o, &r);
    if (rc != NX_OK)
        return cli_exit_code(rc);
    if (json) {
        char *s = nx_render_json(r);
        if (s)
            puts(s);
        free(s);
    } else {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        int bold = isatty(STDOUT_FILENO) && !(nc && *nc) &&
                   !(term && strcmp(term, "dumb") == 0);
        nx_render_text(stdout, r, bold);
    }
    int code = r->total ? EXIT_DONE : EXIT_PARTIAL;
    nx_query_result_free(r);
    return code;
}

int cmd_facets(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},
        {"limit", required_argument, 0, 'l'},
        {"allow-partial", no_argument, 0, 'P'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    nx_query_options o = NX_QUERY_OPTIONS_INIT;
    const char *db = NULL;
    int json = 0, partial = 0, c;
    unsigned long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j': json = 1; break;
        case 'l':
            if (cli_number("facets", "--limit", optarg, 100000, &v))
                return EXIT_USAGE;
            o.facet_limit = (unsigned)v;
            break;
        case 'P': partial = 1; break;
        case 'h': facets_help(stdout); return EXIT_DONE;
        default: facets_help(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("facets", "no FACET given");
        facets_help(stderr);
        return EXIT_USAGE;
    }
    int f = nx_facet_lookup(argv[optind]);
    if (f < 0) {
        cli_error("facets", "unknown facet \"%s\" (facets: by, person, org, "
                  "place, category, author, year, month, byany, about)", argv[optind]);
        return EXIT_USAGE;
    }
    static char query[MAX_QUERY];
    if (join_query(argc, argv, optind + 1, query) != 0) {
        cli_error("facets", "the query is longer than %d bytes", MAX_QUERY - 1);
        return EXIT_USAGE;
    }
    o.query = query;
    o.limit = 0;
    o.snippet_bytes = 0;
    o.facets = 1u << f;
    nx_query_result *r = NULL;
    int rc = run_query("facets", cli_db_path(db), partial, &o, &r);
    if (rc != NX_OK)
        return cli_exit_code(rc);
    if (json) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "facet", nx_facet_defs[f].name);
        cJSON_AddNumberToObject(j, "total", (double)r->total);
        cJSON *vals = cJSON_AddArrayToObject(j, "values");
        for (size_t i = 0; i < r->nfacets[f]; i++) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "value", r->facets[f][i].value);
            cJSON_AddNumberToObject(e, "count", (double)r->facets[f][i].count);
            cJSON_AddItemToArray(vals, e);
        }
        char *s = cJSON_PrintUnformatted(j);
        if (s)
            puts(s);
        free(s);
        cJSON_Delete(j);
    } else {
        printf("%s over %llu matching articles:\n", nx_facet_defs[f].name,
               (unsigned long long)r->total);
        for (size_t i = 0; i < r->nfacets[f]; i++)
            printf("%8llu  %s\n", (unsigned long long)r->facets[f][i].count,
                   r->facets[f][i].value);
    }
    int code = r->nfacets[f] ? EXIT_DONE : EXIT_PARTIAL;
    nx_query_result_free(r);
    return code;
}
