/*
 * fuzz_query.c — the query path: parse + search with facets, filters and
 * snippets over a small database built on first use.  The first byte of the
 * input picks options; the rest is the query text, and after a NUL byte a
 * --filter value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "nx_indexer.h"
#include "nx_query.h"
#include "nx_render.h"

static nx_db *db;
static char dir[] = "/tmp/nx-fuzz-query-XXXXXX";

/* The database goes when the process ends (a replay or a fuzzing run). */
static void remove_dir(void)
{
    nx_db_close(db);
    db = NULL;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[sizeof dir + 256];
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static void add(nx_writer *w, const char *id, const char *title,
                const char *body, const char *person, int64_t date)
{
    nx_article a;
    nx_article_init(&a);
    a.id = strdup(id);
    a.title = strdup(title);
    a.body = strdup(body);
    a.date = date;
    nx_strlist_push(&a.people, person);
    nx_strlist_push(&a.categories, "World News");
    nx_entities e;
    nx_entities_init(&e);
    nx_strlist_push(&e.by, person);
    nx_doc *d = NULL;
    if (nx_article_document(&a, &e, NULL, &d) == NX_OK)
        nx_writer_put(w, d, NULL);
    nx_doc_free(d);
    nx_entities_clear(&e);
    nx_article_clear(&a);
}

static void setup(void)
{
    if (!mkdtemp(dir))
        abort();
    atexit(remove_dir);
    char *err = NULL;
    nx_writer *w = NULL;
    if (nx_writer_open(&w, dir, NULL, &err) != NX_OK)
        abort();
    add(w, "1", "NATO will not expand", "Putin wants NATO guarantees; "
        "\"playing with fire\", Lavrov said.", "Sergey Lavrov", 1638525600);
    add(w, "2", "Markets <b>rally</b> & rates", "Stocks rallied as the central "
        "bank held interest rates.", "Christine Lagarde", 1577836800);
    add(w, "3", "Ukraine talks", "Diplomats met in Geneva.", "Joe Biden",
        INT64_MIN);
    nx_writer_close(w, &err);
    if (nx_db_open(&db, dir, &err) != NX_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        setup();
    if (size < 1 || size > 4096)
        return 0;
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    size_t qlen = strlen(text);
    const char *filter = qlen + 1 < size - 1 ? text + qlen + 1 : NULL;

    nx_query_options o = NX_QUERY_OPTIONS_INIT;
    o.query = text;
    o.sort_by_date = data[0] & 1;
    o.facets = data[0] & 2 ? 0xff : 0;
    o.offset = data[0] & 4 ? 1 : 0;
    o.max_wildcard = 50;
    o.filters = filter ? &filter : NULL;
    o.nfilters = filter ? 1 : 0;
    nx_query_result *r = NULL;
    char *err = NULL;
    if (nx_query_run(db, &o, &r, &err) == NX_OK) {
        char *json = nx_render_json(r);
        free(json);
        nx_query_result_free(r);
    }
    free(err);
    free(text);
    return 0;
}
