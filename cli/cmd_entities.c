/*
 * cmd_entities.c — `newsdex entities [--json] FILE...`: what the indexer
 * extracts from each record, without indexing.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_dates.h"
#include "nx_etable.h"
#include "nx_indexer.h"

static void help(FILE *f)
{
    fprintf(f,
"usage: newsdex entities [--json] [--aliases FILE] [--archive DB] FILE...\n"
"       newsdex entities --db DB [--json] [--type T] [--limit N] [PATTERN]\n"
"\n"
"With FILEs: prints what the indexer extracts from each record: title,\n"
"date, people, organisations, places, speakers (by) and every quote with\n"
"its speaker.  --json prints one object a line: {\"id\", \"title\",\n"
"\"date\", \"person\", \"org\", \"place\", \"by\", \"quotes\": [{\"speaker\",\n"
"\"text\"}], \"about\": [names], \"salience\": [{\"name\", \"kind\",\n"
"\"mentions\", \"headline\", \"lead\", \"first_offset\", \"about\"}]}\n"
"(docs/about.md).  --archive DB resolves them with DB's entity table, as\n"
"`newsdex index --db DB` would store them.\n"
"\n"
"With --db: lists the archive's entity table (computed by the last\n"
"rebuild): each entity's type (person, org, place, misc = not shown in\n"
"those facets), the articles naming it, the articles quoting it, first\n"
"and last date, and the names it absorbed; --type keeps one type,\n"
"PATTERN keeps names (or absorbed names) containing it, --limit N the\n"
"first N.  Corrections: docs/entities.md and `newsdex rebuild --help`.\n");
}

/* "about" (the names the article is about) and "salience" (why). */
static void salience_json(cJSON *o, const nx_entities *e)
{
    static const char *const kinds[] = {"person", "org", "place"};
    cJSON *about = cJSON_AddArrayToObject(o, "about");
    cJSON *sal = cJSON_AddArrayToObject(o, "salience");
    for (size_t i = 0; i < e->nsalience; i++) {
        const nx_salience *s = &e->salience[i];
        if (s->about)
            cJSON_AddItemToArray(about, cJSON_CreateString(s->name));
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", s->name);
        cJSON_AddStringToObject(x, "kind", kinds[s->kind % 3]);
        cJSON_AddNumberToObject(x, "mentions", s->mentions);
        cJSON_AddBoolToObject(x, "headline", s->headline);
        cJSON_AddBoolToObject(x, "lead", s->lead);
        cJSON_AddNumberToObject(x, "first_offset", (double)s->first_off);
        cJSON_AddBoolToObject(x, "about", s->about);
        cJSON_AddItemToArray(sal, x);
    }
}

typedef struct ent_ctx {
    nx_extractor *x;
    nx_etable *table;   /* --archive DB's entity table, or NULL */
    const nx_aliases *al;
    int json;
    int failed;
} ent_ctx;

static cJSON *list_json(const nx_strlist *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
    return a;
}

static void print_list(const char *label, const nx_strlist *l)
{
    printf("  %-7s", label);
    for (size_t i = 0; i < l->n; i++)
        printf("%s%s", i ? ", " : " ", l->v[i]);
    putchar('\n');
}

static int on_article(void *ctx, nx_article *a)
{
    ent_ctx *c = ctx;
    nx_entities e;
    nx_entities_init(&e);
    int rc = nx_extract_article(c->x, a, &e);
    char day[16] = "";
    if (a->date != NX_DATE_NONE)
        nx_date_format_day(a->date, day);
    if (rc == NX_OK && c->table)
        rc = nx_etable_apply(c->table, c->al, &e, day);
    if (rc != NX_OK) {
        cli_error("entities", "%s: extraction failed: %s", a->id,
                  nx_strerror(rc));
        c->failed++;
        nx_entities_clear(&e);
        return NX_OK;
    }
    if (c->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", a->id);
        cJSON_AddStringToObject(o, "title", a->title);
        if (*day)
            cJSON_AddStringToObject(o, "date", day);
        else
            cJSON_AddNullToObject(o, "date");
        cJSON_AddItemToObject(o, "person", list_json(&e.person));
        cJSON_AddItemToObject(o, "org", list_json(&e.org));
        cJSON_AddItemToObject(o, "place", list_json(&e.place));
        cJSON_AddItemToObject(o, "by", list_json(&e.by));
        cJSON_AddItemToObject(o, "by_low", list_json(&e.by_low));
        cJSON_AddNumberToObject(o, "unattributed", (double)e.unattributed);
        cJSON *qs = cJSON_AddArrayToObject(o, "quotes");
        for (size_t i = 0; i < e.nquotes; i++)
            cJSON_AddItemToArray(qs, nx_quote_json(&e.quotes[i]));
        salience_json(o, &e);
        char *s = cJSON_PrintUnformatted(o);
        if (s)
            puts(s);
        free(s);
        cJSON_Delete(o);
    } else {
        printf("%s\n  title   %s\n  date    %s\n", a->id, a->title,
               *day ? day : "undated");
        print_list("person", &e.person);
        print_list("org", &e.org);
        print_list("place", &e.place);
        print_list("by", &e.by);
        if (e.by_low.n)
            print_list("by~", &e.by_low);
        for (size_t i = 0; i < e.nquotes; i++) {
            const nx_quote *q = &e.quotes[i];
            printf("  quote   %s: \"%s\"\n",
                   q->speaker ? q->speaker : "(unattributed)", q->text);
            if (q->speaker)
                printf("          %s, confidence %.2f%s%s%s\n", q->how,
                       q->confidence, q->cue ? ", cue \"" : "",
                       q->cue ? q->cue : "", q->cue ? "\"" : "");
            if (q->evidence)
                printf("          in: %s\n", q->evidence);
        }
        putchar('\n');
    }
    nx_entities_clear(&e);
    return NX_OK;
}

static void report(void *ctx, nx_report_kind kind, const char *file,
                   long line, const char *reason)
{
    ent_ctx *c = ctx;
    if (kind == NX_REPORT_SKIPPED)
        c->failed++;
    fprintf(stderr, "newsdex entities: %s:%ld: %s: %s\n", file, line,
            kind == NX_REPORT_SKIPPED ? "skipped" : "warning", reason);
}

int cmd_entities(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, 0, 'j'},
        {"aliases", required_argument, 0, 'a'},
        {"db", required_argument, 0, 'd'},
        {"archive", required_argument, 0, 'A'},
        {"type", required_argument, 0, 't'},
        {"limit", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    ent_ctx c = {0};
    const char *db = NULL, *archive = NULL;
    int type = -1;
    unsigned long limit = 0;
    const char *aliases[16];
    size_t naliases = 0;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'j': c.json = 1; break;
        case 'a':
            if (naliases == 16) {
                cli_error("entities", "at most 16 --aliases files");
                return EXIT_USAGE;
            }
            aliases[naliases++] = optarg;
            break;
        case 'd': db = optarg; break;
        case 'A': archive = optarg; break;
        case 't':
            type = nx_etable_type_of(optarg);
            if (type < 0) {
                cli_error("entities", "--type %s: not a type (person, org, "
                          "place, misc)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'l':
            if (cli_number("entities", "--limit", optarg, 100000000, &limit))
                return EXIT_USAGE;
            break;
        case 'h': help(stdout); return EXIT_DONE;
        default: help(stderr); return EXIT_USAGE;
        }
    }
    if (db) {
        if (argc - optind > 1) {
            cli_error("entities", "with --db, at most one PATTERN");
            return EXIT_USAGE;
        }
        if (naliases || archive) {
            cli_error("entities", "--aliases and --archive are for FILEs, "
                      "not --db");
            return EXIT_USAGE;
        }
        return cli_entities_db(db, c.json, type, (long)limit,
                               optind < argc ? argv[optind] : NULL);
    }
    if (type >= 0 || limit) {
        cli_error("entities", "--type and --limit need --db");
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("entities", "no FILE given");
        return EXIT_USAGE;
    }
    char *err = NULL;
    if (archive) {
        int trc = cli_load_etable(archive, &c.table);
        if (trc != EXIT_DONE)
            return trc;
    }
    nx_aliases *al = nx_index_load_aliases(aliases, naliases, &err);
    if (!al) {
        cli_error("entities", "%s", err ? err : "out of memory");
        free(err);
        return EXIT_USAGE;
    }
    /* as the indexer does: the sources' boilerplate first */
    nx_ingest_options io = NX_INGEST_OPTIONS_INIT;
    nx_boiler *boiler = NULL;
    int full = 0;
    int rc = nx_index_learn_boilerplate((const char *const *)argv + optind,
                                        (size_t)(argc - optind), &io, &boiler,
                                        &full);
    if (rc != NX_OK) {
        cli_error("entities", "learning boilerplate: %s", nx_strerror(rc));
        nx_aliases_free(al);
        return cli_exit_code(rc);
    }
    if (full)
        cli_error("entities", "warning: the boilerplate table is full: lines "
                  "of later articles were not counted");
    nx_extract_options xo = NX_EXTRACT_OPTIONS_INIT;
    xo.aliases = al;
    xo.boiler = boiler;
    c.al = al;
    rc = nx_extractor_new(&c.x, &xo, &err);
    if (rc != NX_OK) {
        cli_error("entities", "%s", err ? err : nx_strerror(rc));
        free(err);
        nx_aliases_free(al);
        nx_boiler_free(boiler);
        return EXIT_IO;
    }
    nx_etable_attach(c.table, c.x);
    rc = nx_ingest_paths((const char *const *)argv + optind,
                         (size_t)(argc - optind), &io, on_article, report, &c);
    nx_extractor_free(c.x);
    nx_boiler_free(boiler);
    nx_aliases_free(al);
    nx_etable_free(c.table);
    if (rc != NX_OK) {
        cli_error("entities", "%s", nx_strerror(rc));
        return cli_exit_code(rc);
    }
    return c.failed ? EXIT_PARTIAL : EXIT_DONE;
}
