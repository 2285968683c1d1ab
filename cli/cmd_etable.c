/*
 * cmd_etable.c — `newsdex entities --db DB [--json] [--type T] [--limit N]
 * [PATTERN]`: the archive's entity table stored with the live generation
 * (extract/nx_etable.h), so a newsroom finds what to correct with
 * --entities FILE.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_etable.h"
#include "nx_meta.h"
#include "nx_render.h"
#include "nx_xapian.h"

/* 1 when the folded pattern is in the entry's name or a variant. */
static int matches(const nx_etable_entry *e, const char *pkey)
{
    if (!pkey || !*pkey)
        return 1;
    char *k = nx_name_key(e->name);
    int hit = k && strstr(k, pkey) != NULL;
    free(k);
    if (!hit && *e->variants) {
        char *v = nx_name_key(e->variants);
        hit = v && strstr(v, pkey) != NULL;
        free(v);
    }
    return hit;
}

static cJSON *variants_json(const char *v)
{
    cJSON *a = cJSON_CreateArray();
    while (a && *v) {
        const char *sep = strstr(v, "; ");
        size_t n = sep ? (size_t)(sep - v) : strlen(v);
        char *one = strndup(v, n);
        if (one)
            cJSON_AddItemToArray(a, cJSON_CreateString(one));
        free(one);
        v += n + (sep ? 2 : 0);
    }
    return a;
}

int cli_load_etable(const char *db, nx_etable **out)
{
    *out = NULL;
    const char *path = cli_db_path(db);
    nx_db *h = NULL;
    char *err = NULL, *tsv = NULL;
    int rc = nx_db_open(&h, path, &err);
    if (rc != NX_OK) {
        cli_error("entities", "%s", err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    nx_db_get_metadata(h, NX_META_ENTITIES, &tsv);
    nx_db_close(h);
    if (!tsv || !*tsv) {
        free(tsv);
        cli_error("entities", "%s: no entity table (indexed without "
                  "extraction, or by a newsdex before it had one): run "
                  "`newsdex rebuild` to compute it", path);
        return EXIT_PARTIAL;
    }
    rc = nx_etable_parse(out, tsv, strlen(tsv), &err);
    free(tsv);
    if (rc != NX_OK) {
        cli_error("entities", "%s: %s", path, err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    return EXIT_DONE;
}

int cli_entities_db(const char *db, int json, int type, long limit,
                    const char *pattern)
{
    nx_etable *t = NULL;
    int rc = cli_load_etable(db, &t);
    if (rc != EXIT_DONE)
        return rc;
    const char *path = cli_db_path(db);
    char *pkey = pattern ? nx_name_key(pattern) : NULL;
    cJSON *root = json ? cJSON_CreateObject() : NULL, *arr = NULL;
    if (root) {
        cJSON_AddStringToObject(root, "computed", nx_etable_computed(t));
        cJSON_AddNumberToObject(root, "articles",
                                (double)nx_etable_articles(t));
        arr = cJSON_AddArrayToObject(root, "entities");
    } else {
        printf("entity table of %s: computed %s over %llu articles\n", path,
               *nx_etable_computed(t) ? nx_etable_computed(t) : "(unknown)",
               (unsigned long long)nx_etable_articles(t));
        printf("%8s %7s  %-6s  %s\n", "articles", "quoted", "type", "name");
    }
    long shown = 0;
    for (size_t i = 0; i < nx_etable_count(t); i++) {
        const nx_etable_entry *e = nx_etable_get(t, i);
        if ((type >= 0 && e->type != type) || !matches(e, pkey))
            continue;
        if (limit > 0 && shown >= limit)
            break;
        shown++;
        if (root) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", e->name);
            cJSON_AddStringToObject(o, "type", nx_etable_type_name(e->type));
            cJSON_AddNumberToObject(o, "articles", e->articles);
            cJSON_AddNumberToObject(o, "quoted", e->quoted);
            if (*e->first)
                cJSON_AddStringToObject(o, "first", e->first);
            else
                cJSON_AddNullToObject(o, "first");
            if (*e->last)
                cJSON_AddStringToObject(o, "last", e->last);
            else
                cJSON_AddNullToObject(o, "last");
            cJSON_AddItemToObject(o, "variants", variants_json(e->variants));
            cJSON_AddStringToObject(o, "why", e->why);
            cJSON_AddItemToArray(arr, o);
        } else {
            printf("%8u %7u  %-6s  ", e->articles, e->quoted,
                   nx_etable_type_name(e->type));
            fflush(stdout);
            nx_render_safe_line(stdout, e->name);
            if (*e->first)
                printf("  (%s .. %s)", e->first, e->last);
            if (*e->why)
                printf("  [%s]", e->why);
            if (*e->variants) {
                printf("\n%8s %7s  %-6s  also: ", "", "", "");
                nx_render_safe_line(stdout, e->variants);
            }
            putchar('\n');
        }
    }
    if (root) {
        char *s = cJSON_PrintUnformatted(root);
        if (s)
            puts(s);
        free(s);
        cJSON_Delete(root);
    }
    free(pkey);
    nx_etable_free(t);
    return shown ? EXIT_DONE : EXIT_PARTIAL;
}
