/*
 * cmd_db.c — `newsdex show`, `newsdex delete` and `newsdex stats`.
 */
#include "cli.h"

#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "nx_indexer.h"
#include "nx_layout.h"
#include "nx_etable.h"
#include "nx_meta.h"
#include "nx_stored.h"
#include "nx_xapian.h"

/* Parses the options every one of these commands takes. */
static double wait_seconds;   /* --wait (delete only) */

static int db_opts(const char *cmd, int argc, char **argv, const char **db,
                   int *json, void (*help)(FILE *))
{
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},
        {"wait", optional_argument, 0, 'w'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'j':
            if (!json) {
                cli_error(cmd, "--json is not an option of %s", cmd);
                return EXIT_USAGE;
            }
            *json = 1;
            break;
        case 'w':
            if (strcmp(cmd, "delete") != 0) {
                cli_error(cmd, "--wait is not an option of %s", cmd);
                return EXIT_USAGE;
            }
            if (cli_wait_arg(cmd, optarg, &wait_seconds))
                return EXIT_USAGE;
            break;
        case 'h': help(stdout); return -1;
        default: help(stderr); return EXIT_USAGE;
        }
    }
    return 0;
}

static void show_help(FILE *f)
{
    fprintf(f, "usage: newsdex show [--db DB] [--json] ID\n\n"
               "Prints the stored fields, entities and quotes of one article.\n"
               "Exit: 0 shown; 1 no article with that id; 3 database error.\n");
}

/* A list field, labelled. */
static void print_list(const char *label, const nx_stored_list *l)
{
    if (l->n == 0)
        return;
    printf("%-9s", label);
    for (size_t i = 0; i < l->n; i++)
        printf("%s%s", i ? ", " : " ", l->v[i]);
    putchar('\n');
}

static const char *text_or(const char *s, const char *dflt)
{
    return s ? s : dflt;
}

int cmd_show(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0;
    int rc = db_opts("show", argc, argv, &db, &json, show_help);
    if (rc)
        return rc < 0 ? EXIT_DONE : rc;
    if (optind + 1 != argc) {
        cli_error("show", "give exactly one ID");
        return EXIT_USAGE;
    }
    nx_db *h = NULL;
    char *err = NULL, *data = NULL;
    size_t len;
    rc = nx_db_open(&h, cli_db_path(db), &err);
    if (rc != NX_OK) {
        cli_error("show", "%s", err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    rc = nx_db_get_data(h, argv[optind], &data, &len);
    if (rc == NX_ENOTFOUND) {
        cli_error("show", "no article with id \"%s\"", argv[optind]);
        nx_db_close(h);
        return EXIT_PARTIAL;
    }
    if (rc != NX_OK) {
        cli_error("show", "%s", nx_db_errmsg(h));
        nx_db_close(h);
        return cli_exit_code(rc);
    }
    nx_db_close(h);
    if (json) {
        puts(data);
        free(data);
        return EXIT_DONE;
    }
    nx_stored d;
    rc = nx_stored_parse(&d, data, strlen(data));
    free(data);
    if (rc == NX_ENOMEM) {
        cli_error("show", "%s", nx_strerror(rc));
        return cli_exit_code(rc);
    }
    printf("id        %s\ntitle     %s\ndate      %s\nsource    %s\n",
           text_or(d.id, ""), text_or(d.title, ""), text_or(d.time, "undated"),
           text_or(d.source, ""));
    if (d.url)
        printf("url       %s\n", d.url);
    static const nx_facet_id lists[] = {NX_FACET_AUTHOR, NX_FACET_CATEGORY,
                                        NX_FACET_PERSON, NX_FACET_ORG,
                                        NX_FACET_PLACE,  NX_FACET_BY,
                                        NX_FACET_ABOUT};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        print_list(nx_stored_list_field(lists[i]), &d.list[lists[i]]);
    print_list("by~", &d.by_low);
    for (size_t i = 0; i < d.nquotes; i++) {
        const nx_stored_quote *q = &d.quotes[i];
        printf("quote     %s: \"%s\"\n", text_or(q->speaker, "(unattributed)"),
               text_or(q->text, ""));
        if (q->speaker && q->confidence >= 0)
            printf("          %s, confidence %.2f%s%s%s\n",
                   text_or(q->how, "none"), q->confidence,
                   q->cue ? ", cue \"" : "", text_or(q->cue, ""),
                   q->cue ? "\"" : "");
        if (q->evidence)
            printf("          in: %s\n", q->evidence);
    }
    printf("\n%s\n", text_or(d.body, ""));
    nx_stored_clear(&d);
    return EXIT_DONE;
}

static void delete_help(FILE *f)
{
    fprintf(f, "usage: newsdex delete [--db DB] [--wait[=SECONDS]] ID...\n\n"
               "Deletes articles by id.  Exit: 0 all deleted; 1 some ids were "
               "not found;\n3 database error; 4 database locked.\n");
}

static void report_missing(void *ctx, const char *id)
{
    (void)ctx;
    cli_error("delete", "no article with id \"%s\"", id);
}

int cmd_delete(int argc, char **argv)
{
    const char *db = NULL;
    int rc = db_opts("delete", argc, argv, &db, NULL, delete_help);
    if (rc)
        return rc < 0 ? EXIT_DONE : rc;
    if (optind >= argc) {
        cli_error("delete", "no ID given");
        return EXIT_USAGE;
    }
    char *err = NULL;
    const char *path = cli_db_path(db);
    struct nx_lock *lock = NULL;
    if (access(path, F_OK) == 0 && (rc = cli_lock("delete", path,
                                                  wait_seconds, &lock)))
        return rc;
    size_t missing = 0;
    rc = nx_index_delete(path, (const char *const *)argv + optind,
                         (size_t)(argc - optind), report_missing, NULL,
                         &missing, &err);
    nx_lock_release(lock);
    if (rc != NX_OK) {
        cli_error("delete", "%s", err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    return missing ? EXIT_PARTIAL : EXIT_DONE;
}

static void stats_help(FILE *f)
{
    fprintf(f, "usage: newsdex stats [--db DB] [--json]\n\n"
               "Document count, generation, last indexing run and outcome, "
               "size on disk,\nindex format, the writer running now (if "
               "any) and an interrupted run.\n");
}

static uint64_t du(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return (uint64_t)st.st_size;
    uint64_t sum = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        sum += du(sub);
    }
    if (d)
        closedir(d);
    return sum;
}

int cmd_stats(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0;
    int rc = db_opts("stats", argc, argv, &db, &json, stats_help);
    if (rc)
        return rc < 0 ? EXIT_DONE : rc;
    const char *path = cli_db_path(db);
    nx_db *h = NULL;
    char *err = NULL, *last = NULL, *outcome = NULL, *format = NULL;
    rc = nx_db_open(&h, path, &err);
    if (rc != NX_OK) {
        cli_error("stats", "%s", err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    char *gen_path = NULL;
    unsigned gen = 0;
    if (nx_layout_current(path, 0, &gen_path, &gen, &err) != NX_OK) {
        free(err);  /* a stub of shards or a bare database: no generation */
        gen = 0;
    }
    uint64_t docs = nx_db_doccount(h), size = du(gen_path ? gen_path : path);
    nx_db_get_metadata(h, NX_META_LAST_REINDEX, &last);
    nx_db_get_metadata(h, NX_META_LAST_OUTCOME, &outcome);
    nx_db_get_metadata(h, NX_META_FORMAT, &format);
    char *progress = NULL, *etext = NULL, *eerr = NULL;
    nx_db_get_metadata(h, NX_META_PROGRESS, &progress);
    /* when the archive's entity table was computed (nx_etable.h) */
    nx_etable *et = NULL;
    nx_db_get_metadata(h, NX_META_ENTITIES, &etext);
    if (etext && *etext)
        nx_etable_parse(&et, etext, strlen(etext), &eerr);
    free(etext);
    free(eerr);
    cJSON *prog = progress && *progress ? cJSON_Parse(progress) : NULL;
    free(progress);
    const cJSON *pstate = cJSON_GetObjectItemCaseSensitive(prog, "state");
    int interrupted = cJSON_IsString(pstate) &&
                      strcmp(pstate->valuestring, "done") != 0;
    nx_lock_holder holder;
    int writing = gen ? nx_lock_holder_get(path, &holder) : 0;
    char *heads = NULL;   /* a damaged facet head file: counted without */
    nx_db_facet_heads_problem(h, &heads);
    if (heads)
        cli_error("stats", "warning: %s", heads);
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "documents", (double)docs);
        if (gen)
            cJSON_AddNumberToObject(o, "generation", gen);
        else
            cJSON_AddNullToObject(o, "generation");
        if (last && *last)
            cJSON_AddStringToObject(o, "last_reindex", last);
        else
            cJSON_AddNullToObject(o, "last_reindex");
        if (outcome && *outcome)
            cJSON_AddStringToObject(o, "last_outcome", outcome);
        else
            cJSON_AddNullToObject(o, "last_outcome");
        cJSON_AddNumberToObject(o, "size_bytes", (double)size);
        cJSON_AddNumberToObject(o, "format", format ? atoi(format) : 0);
        if (writing) {
            cJSON *w = cJSON_AddObjectToObject(o, "writer");
            cJSON_AddNumberToObject(w, "pid", (double)holder.pid);
            cJSON_AddStringToObject(w, "command", holder.command);
            cJSON_AddStringToObject(w, "since", holder.since);
        } else {
            cJSON_AddNullToObject(o, "writer");
        }
        /* How far the last run's commits got (an interrupted run is
         * finished by running it again). */
        if (prog)
            cJSON_AddItemToObject(o, "progress", cJSON_Duplicate(prog, 1));
        else
            cJSON_AddNullToObject(o, "progress");
        if (et) {
            cJSON *t = cJSON_AddObjectToObject(o, "entity_table");
            cJSON_AddStringToObject(t, "computed", nx_etable_computed(et));
            cJSON_AddNumberToObject(t, "articles",
                                    (double)nx_etable_articles(et));
            cJSON_AddNumberToObject(t, "entities",
                                    (double)nx_etable_count(et));
        } else {
            cJSON_AddNullToObject(o, "entity_table");
        }
        cJSON *warn = cJSON_AddArrayToObject(o, "warnings");
        if (heads)
            cJSON_AddItemToArray(warn, cJSON_CreateString(heads));
        char *s = cJSON_PrintUnformatted(o);
        if (s)
            puts(s);
        free(s);
        cJSON_Delete(o);
    } else {
        printf("database      %s\ndocuments     %llu\n", path,
               (unsigned long long)docs);
        if (gen)
            printf("generation    %u\n", gen);
        printf("last run      %s\noutcome       %s\nsize          %.1f MB\n"
               "format        %s\n",
               last && *last ? last : "never", outcome && *outcome ? outcome : "-",
               (double)size / 1e6, format && *format ? format : "?");
        if (et)
            printf("entities      computed %s over %llu articles (newsdex "
                   "entities --db)\n", *nx_etable_computed(et)
                   ? nx_etable_computed(et) : "(unknown)",
                   (unsigned long long)nx_etable_articles(et));
        else
            printf("entities      no entity table (rebuild computes it)\n");
        if (writing)
            printf("writer        %s (pid %ld) since %s\n", holder.command,
                   holder.pid, holder.since);
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(prog, "records");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(prog, "command");
        if (interrupted && !writing)
            printf("interrupted   %s stopped after %.0f records; run it "
                   "again to finish\n", cJSON_IsString(c) ? c->valuestring
                   : "a run", cJSON_IsNumber(n) ? n->valuedouble : 0.0);
        if (heads)
            printf("warning       %s\n", heads);
    }
    free(heads);
    nx_etable_free(et);
    cJSON_Delete(prog);
    free(gen_path);
    free(last);
    free(outcome);
    free(format);
    nx_db_close(h);
    return EXIT_DONE;
}
