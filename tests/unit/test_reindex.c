/*
 * test_reindex.c — the pieces reindexing stands on: the content hash
 * (every field counts, nothing else does), source terms, the writer lock
 * and its holder lines, and the generations of a database directory.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nx_indexer.h"
#include "nx_layout.h"
#include "nx_test.h"

static void base(nx_article *a)
{
    nx_article_init(a);
    a->id = strdup("x-1");
    a->title = strdup("Markets rally");
    a->body = strdup("Stocks rose.");
    a->source = strdup("corpus/a.jsonl");
    a->date = 86400;
    nx_strlist_push(&a->authors, "Maria Keller");
}

/* Each edit changes one field: the hash must change. */
static void edit_id(nx_article *a) { free(a->id); a->id = strdup("x-2"); }
static void edit_title(nx_article *a) { free(a->title); a->title = strdup("Markets fall"); }
static void edit_body(nx_article *a) { free(a->body); a->body = strdup("Stocks rose!"); }
static void edit_source(nx_article *a) { free(a->source); a->source = strdup("corpus/b.jsonl"); }
static void edit_date(nx_article *a) { a->date = 86401; }
static void edit_url(nx_article *a) { a->url = strdup("https://example.org/"); }
static void edit_author(nx_article *a) { nx_strlist_push(&a->authors, "Jo Smith"); }
static void edit_place(nx_article *a) { nx_strlist_push(&a->places, "Paris"); }
static void edit_cat(nx_article *a) { nx_strlist_push(&a->categories, "Business"); }
/* Moving bytes between fields is a change too (length prefixes). */
static void edit_shift(nx_article *a)
{
    free(a->title);
    free(a->body);
    a->title = strdup("Markets rallyStocks");
    a->body = strdup(" rose.");
}

static void test_hash(void)
{
    static const struct {
        const char *name;
        void (*edit)(nx_article *);
    } cases[] = {
        {"id", edit_id}, {"title", edit_title}, {"body", edit_body},
        {"source", edit_source}, {"date", edit_date}, {"url", edit_url},
        {"author", edit_author}, {"place", edit_place},
        {"category", edit_cat}, {"shift", edit_shift},
    };
    nx_article a, b;
    base(&a);
    base(&b);
    uint64_t cfg = nx_index_config_hash(1, "a\tb\n");
    uint64_t h = nx_article_hash(&a, cfg);
    CHECK(h == nx_article_hash(&b, cfg));           /* same record */
    CHECK(h != nx_article_hash(&a, nx_index_config_hash(0, "a\tb\n")));
    CHECK(h != nx_article_hash(&a, nx_index_config_hash(1, "a\tc\n")));
    a.line = 99;   /* where a record sits is not its content */
    CHECK(h == nx_article_hash(&a, cfg));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nx_article c;
        base(&c);
        cases[i].edit(&c);
        if (nx_article_hash(&c, cfg) == h)
            fprintf(stderr, "hash ignores a change of %s\n", cases[i].name);
        CHECK(nx_article_hash(&c, cfg) != h);
        nx_article_clear(&c);
    }
    nx_article_clear(&a);
    nx_article_clear(&b);
}

static void test_source_term(void)
{
    char *t = nx_source_term("corpus/a.jsonl");
    CHECK_STR(t, "XSRCcorpus/a.jsonl");
    free(t);
    char longsrc[600];
    memset(longsrc, 'd', sizeof longsrc - 1);
    longsrc[sizeof longsrc - 1] = '\0';
    longsrc[3] = '/';
    t = nx_source_term(longsrc);
    CHECK(t && strlen(t) < 245);                  /* a valid Xapian term */
    CHECK(t && strncmp(t, "XSRCddd/ddd", 11) == 0); /* a directory prefix */
    char *t2 = nx_source_term(longsrc);
    CHECK_STR(t, t2);                              /* stable */
    longsrc[500] = 'e';
    char *t3 = nx_source_term(longsrc);
    CHECK(t && t3 && strcmp(t, t3) != 0);          /* the tail counts */
    free(t);
    free(t2);
    free(t3);
}

static void test_lock(const char *dir)
{
    nx_lock *a = NULL, *b = NULL;
    nx_lock_holder h;
    char *err = NULL;
    CHECK_INT(nx_lock_holder_get(dir, &h), 0);     /* no lock file yet */
    CHECK_INT(nx_lock_acquire(&a, dir, "newsdex reindex", 0, &h, &err), NX_OK);
    CHECK_INT(nx_lock_holder_get(dir, &h), 1);
    CHECK_INT(h.pid, getpid());
    CHECK_STR(h.command, "newsdex reindex");
    CHECK(strlen(h.since) == 20 && h.since[19] == 'Z');
    /* flock is per open file description: a second open is turned away,
     * even in the same process, after the bounded wait. */
    CHECK_INT(nx_lock_acquire(&b, dir, "newsdex rebuild", 0.3, &h, &err),
              NX_ELOCKED);
    CHECK(b == NULL);
    CHECK_STR(h.command, "newsdex reindex");
    nx_lock_release(a);
    CHECK_INT(nx_lock_holder_get(dir, &h), 0);     /* lines cleared */
    CHECK_INT(nx_lock_acquire(&b, dir, "newsdex rebuild", 0, &h, &err), NX_OK);
    nx_lock_release(b);
    nx_lock_release(NULL);
    /* Stale lines of a killed writer (a pid that is gone) are ignored. */
    char path[512];
    snprintf(path, sizeof path, "%s/lock", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "pid=999999999\ncommand=newsdex index\nsince=x\n");
    fclose(f);
    CHECK_INT(nx_lock_holder_get(dir, &h), 0);
}

static void test_gens(const char *dir)
{
    /* Directory | the file in it.  Only generations holding nothing but a
     * glass database's files are newsdex's to delete. */
    static const struct {
        const char *name, *file;
        int gone;                  /* after pruning all but 3 and 4 */
    } t[] = {
        {"gen-000001", "postlist.glass", 1},
        {"gen-000003", "postlist.glass", 0},
        {"gen-000004", "iamglass", 0},
        {"gen-000010.trash", "termlist.glass", 1},
        {"gen-12", "nx-facets.idx", 1},
        {"gen-000007", "important.doc", 0},   /* someone's: left alone */
        {"other", "file", 0},
    };
    char p[512];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, t[i].name);
        mkdir(p, 0755);
        snprintf(p, sizeof p, "%s/%s/%s", dir, t[i].name, t[i].file);
        FILE *f = fopen(p, "w");
        fputs("x", f);
        fclose(f);
    }
    unsigned g[8];
    size_t n = 0;
    CHECK_INT(nx_layout_list_gens(dir, g, 8, &n), NX_OK);
    CHECK_INT(n, 4);
    CHECK(n == 4 && g[0] == 1 && g[1] == 3 && g[2] == 4 && g[3] == 7);
    snprintf(p, sizeof p, "%s/gen-000003", dir);
    char *err = NULL;
    CHECK_INT(nx_layout_sync_tree(p, &err), NX_OK);
    unsigned keep[] = {3, 4};
    CHECK_INT(nx_layout_prune(dir, keep, 2, &err), NX_EINVAL);
    CHECK(err && strstr(err, "gen-000007: not a newsdex generation"));
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        snprintf(p, sizeof p, "%s/%s/%s", dir, t[i].name, t[i].file);
        if ((access(p, F_OK) != 0) != t[i].gone)
            fprintf(stderr, "%s: %s\n", t[i].name,
                    t[i].gone ? "kept, should be deleted" : "deleted");
        CHECK((access(p, F_OK) != 0) == t[i].gone);
    }
    free(err);
}

int main(void)
{
    char tmpl[] = "/tmp/nx_reindex.XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir)
        return 1;
    test_hash();
    test_source_term();
    test_lock(dir);
    test_gens(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return nx_test_done();
}
