/*
 * test_shim.c — the shim's C API from plain C: layout, writer, reader,
 * search (operators, stemming, wildcards, filters, facet spies, sorting),
 * snippets, spelling, metadata, format versions and error reporting.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nx_layout.h"
#include "nx_test.h"
#include "nx_xapian.h"

static const struct {
    const char *id, *title, *body, *facet1, *facet2, *sortkey;
} docs[] = {
    {"a", "NATO will not expand", "Putin wants guarantees that NATO will not "
     "expand eastward into Ukraine.", "Putin", "Biden", "3"},
    {"b", "Markets rally", "Stocks rallied as the central bank held interest "
     "rates, traders said.", "Lagarde", NULL, "1"},
    {"c", "Ukraine talks", "Diplomats met in Geneva to discuss Ukraine and "
     "security guarantees.", "Biden", NULL, "2"},
};

static char top[256], dir[300];

static void build(void)
{
    char *gen = NULL, *err = NULL;
    unsigned g = 0;
    CHECK_INT(nx_layout_current(dir, 1, &gen, &g, &err), NX_OK);
    CHECK_INT(g, 1);
    nx_writer *w = NULL;
    static const char *const prefixes[] = {"XP", NULL};
    nx_writer_options wo = NX_WRITER_OPTIONS_INIT;
    wo.facet_prefixes = prefixes;  /* closing writes the facet head file */
    CHECK_INT(nx_writer_open(&w, gen, &wo, &err), NX_OK);
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        nx_doc *d = NULL;
        CHECK_INT(nx_doc_new(&d), NX_OK);
        nx_doc_set_id(d, docs[i].id);
        nx_doc_add_text(d, docs[i].title, strlen(docs[i].title), 3, NULL);
        nx_doc_add_text(d, docs[i].title, strlen(docs[i].title), 1, "S");
        nx_doc_add_text(d, docs[i].body, strlen(docs[i].body), 1, NULL);
        char term[64];
        snprintf(term, sizeof term, "XP%s\x1f%s", docs[i].facet1,
                 docs[i].facet1);
        nx_doc_add_term(d, term);
        nx_doc_set_value(d, 100, docs[i].facet1, strlen(docs[i].facet1));
        if (docs[i].facet2) {
            snprintf(term, sizeof term, "XP%s\x1f%s", docs[i].facet2,
                     docs[i].facet2);
            nx_doc_add_term(d, term);
            nx_doc_set_value(d, 101, docs[i].facet2, strlen(docs[i].facet2));
        }
        nx_doc_set_value(d, 1, docs[i].sortkey, 1);
        /* Facet values slot: entries of id 0, 2-byte length, display. */
        char blob[64];
        size_t bl = 0;
        const char *vals[] = {docs[i].facet1, docs[i].facet2};
        for (int k = 0; k < 2 && vals[k]; k++) {
            blob[bl++] = 0;
            blob[bl++] = (char)strlen(vals[k]);
            blob[bl++] = 0;
            memcpy(blob + bl, vals[k], strlen(vals[k]));
            bl += strlen(vals[k]);
        }
        nx_doc_set_value(d, 2, blob, bl);
        nx_doc_set_data(d, docs[i].id, 1);
        int replaced = -1;
        CHECK_INT(nx_writer_put(w, d, &replaced), NX_OK);
        CHECK_INT(replaced, 0);
        nx_doc_free(d);
    }
    /* Same id again: replaced, not added. */
    nx_doc *d = NULL;
    nx_doc_new(&d);
    nx_doc_set_id(d, "b");
    nx_doc_add_text(d, docs[1].body, strlen(docs[1].body), 1, NULL);
    nx_doc_set_value(d, 100, "Lagarde", 7);
    nx_doc_add_term(d, "XPLagarde\x1fLagarde");
    nx_doc_set_value(d, 1, "1", 1);
    nx_doc_set_value(d, 2, "\0\7\0Lagarde", 10);
    nx_doc_set_data(d, "b", 1);
    int replaced = 0;
    CHECK_INT(nx_writer_put(w, d, &replaced), NX_OK);
    CHECK_INT(replaced, 1);
    nx_doc_free(d);
    CHECK_INT(nx_writer_doccount(w), 3);
    CHECK_INT(nx_writer_set_metadata(w, "k", "v"), NX_OK);
    CHECK_INT(nx_writer_close(w, &err), NX_OK);
    free(gen);
}

static int field(void *ctx, const char *f, const char *value, nx_terms *out,
                 char **err)
{
    (void)ctx;
    if (strcmp(value, "bad") == 0) {
        *err = strdup("bad value for person");
        return -1;
    }
    char term[64];
    snprintf(term, sizeof term, "XP%s\x1f", value);  /* any display */
    (void)f;
    return nx_terms_add(out, term);
}

/* Runs a query; returns the hits' ids concatenated ("ac") or "ERR". */
static char *ids(nx_db *db, const char *q, int by_date)
{
    static char buf[64];
    static const nx_field fields[] = {{"person", 1, NULL}, {"title", 0, "S"}};
    nx_search_request req = {0};
    req.query = q;
    req.fields = fields;
    req.nfields = 2;
    req.resolve = field;
    req.limit = 10;
    req.sort_slot = 1;
    req.sort_by_date = by_date;
    nx_results *r = NULL;
    if (nx_db_search(db, &req, &r) != NX_OK)
        return strcpy(buf, "ERR");
    buf[0] = '\0';
    for (size_t i = 0; i < nx_results_size(r); i++)
        strcat(buf, nx_results_data(r, i, NULL));
    nx_results_free(r);
    return buf;
}

static void test_queries(nx_db *db)
{
    static const struct { const char *q; const char *want; } rows[] = {
        {"NATO", "a"},
        {"expands", "a"},          /* stemmed like the indexed "expand" */
        {"ukraine guarantees", "ac"},
        {"ukraine AND NOT nato", "c"},
        {"ukraine -nato", "c"},
        {"\"security guarantees\"", "c"},
        {"\"guarantees security\"", ""},
        {"diplomats NEAR geneva", "c"},
        {"rall*", "b"},
        {"geneva OR stocks", "bc"},
        {"title:nato", "a"},
        {"title:stocks", ""},
        {"title:ukraine", "c"},
        {"person:Biden", "ac"},
        {"ukraine person:Putin", "a"},
        {"person:Biden person:Putin", "a"},  /* both required */
        {"person:Nobody", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *got = ids(db, rows[i].q, 0);
        /* Order within relevance ties is by the sort key; compare sets. */
        int ok = strlen(got) == strlen(rows[i].want);
        for (const char *p = rows[i].want; *p && ok; p++)
            ok = strchr(got, *p) != NULL;
        if (!ok)
            fprintf(stderr, "query %s: got \"%s\" want \"%s\"\n", rows[i].q,
                    got, rows[i].want);
        CHECK(ok);
    }
    /* Sorting by the sort key ascending. */
    CHECK_STR(ids(db, "ukraine OR stocks", 1), "bca");
}

static void test_errors(nx_db *db)
{
    nx_search_request req = {0};
    req.query = "AND AND";
    req.limit = 10;
    nx_results *r = NULL;
    CHECK_INT(nx_db_search(db, &req, &r), NX_EQUERY);
    CHECK(strlen(nx_db_errmsg(db)) > 0);
    static const nx_field fields[] = {{"person", 1, NULL}};
    req.query = "person:bad";
    req.fields = fields;
    req.nfields = 1;
    req.resolve = field;
    CHECK_INT(nx_db_search(db, &req, &r), NX_EQUERY);
    CHECK_STR(nx_db_errmsg(db), "bad value for person");

    nx_db *none = NULL;
    char *err = NULL;
    CHECK(nx_db_open(&none, "/nonexistent/newsdex.db", &err) != NX_OK);
    CHECK(err && strstr(err, "/nonexistent/newsdex.db"));
    free(err);
}

/* Counts facet "person" for `query` with `spec`; returns "Biden=2 ..." in
 * value order. */
static unsigned values_slot;  /* facet values slot the searches use */

static char *facet_counts(nx_db *db, const char *query, nx_facet_spec spec,
                          const nx_filter *filter)
{
    static char buf[256];
    nx_search_request req = {0};
    req.facet_values_slot = values_slot;
    req.query = query;
    req.limit = 10;
    req.facets = &spec;
    req.nfacets = 1;
    req.filters = filter;
    req.nfilters = filter ? 1 : 0;
    nx_results *r = NULL;
    if (nx_db_search(db, &req, &r) != NX_OK)
        return strcpy(buf, "ERR");
    const char *vals[16];
    uint64_t counts[16];
    size_t n = nx_results_facet_size(r, 0);
    for (size_t i = 0; i < n && i < 16; i++)
        vals[i] = nx_results_facet_value(r, 0, i, &counts[i]);
    /* Order does not matter to the shim's contract: sort for comparing. */
    for (size_t i = 0; i < n && i < 16; i++)
        for (size_t j = i + 1; j < n && j < 16; j++)
            if (strcmp(vals[j], vals[i]) < 0) {
                const char *tv = vals[i];
                uint64_t tc = counts[i];
                vals[i] = vals[j], counts[i] = counts[j];
                vals[j] = tv, counts[j] = tc;
            }
    buf[0] = '\0';
    for (size_t i = 0; i < n && i < 16; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s=%llu",
                 i ? " " : "", vals[i], (unsigned long long)counts[i]);
    nx_results_free(r);
    return buf;
}

static void test_facets_snippets_spelling(nx_db *db)
{
    /* From the value slots (no prefix) and from the terms: the same. */
    nx_facet_spec by_values = {"person", 100, 8, NULL, 0, 0};
    nx_facet_spec by_terms = {"person", 100, 8, "XP", 0, 0};
    nx_facet_spec top1 = {"person", 100, 8, "XP", 1, 0};
    /* Biden sits in slot 101 of a and slot 100 of c: summed. */
    CHECK_STR(facet_counts(db, "", by_values, NULL),
              "Biden=2 Lagarde=1 Putin=1");
    CHECK_STR(facet_counts(db, "", by_terms, NULL),
              "Biden=2 Lagarde=1 Putin=1");
    CHECK_STR(facet_counts(db, "", top1, NULL), "Biden=2");
    CHECK_STR(facet_counts(db, "ukraine", by_terms, NULL), "Biden=2 Putin=1");
    CHECK_STR(facet_counts(db, "ukraine", by_values, NULL), "Biden=2 Putin=1");
    CHECK_STR(facet_counts(db, "nothingmatches", by_terms, NULL), "");
    /* From the one slot holding all facet values: the same again. */
    values_slot = 2;
    CHECK_STR(facet_counts(db, "", by_values, NULL),
              "Biden=2 Lagarde=1 Putin=1");
    CHECK_STR(facet_counts(db, "ukraine", by_values, NULL), "Biden=2 Putin=1");
    values_slot = 0;

    const char *terms[] = {"XPBiden\x1f", "XPLagarde\x1f"};
    nx_filter filter = {terms, 2};  /* Biden OR Lagarde */
    CHECK_STR(facet_counts(db, "", by_terms, &filter),
              "Biden=2 Lagarde=1 Putin=1");

    nx_search_request req = {0};
    nx_results *r = NULL;
    req.limit = 10;
    req.query = "expand";
    req.nfilters = 0;
    CHECK_INT(nx_db_search(db, &req, &r), NX_OK);
    const char *text = "Putin wants guarantees that NATO will not expand.";
    char *s = nx_results_snippet(r, text, strlen(text), 200);
    CHECK(s && strstr(s, "\x02" "expand" "\x03"));
    free(s);
    text = "<script> & expand";
    s = nx_results_snippet(r, text, strlen(text), 200);
    CHECK(s && strstr(s, "&lt;script&gt;") && !strstr(s, "<script>"));
    free(s);
    nx_results_free(r);

    /* The query's terms as parsed, once each, in byte order: stemmed
     * with Z, a phrase's words as written, a field's prefix; the default
     * field ("") mapped to a prefix too; filters add none. */
    static const nx_field tf[] = {{"title", 0, "S"}, {"", 0, "XQ"}};
    static const char *const ft[] = {"XPBiden\x1f"};
    nx_filter tfil = {ft, 1};
    req.query = "expands \"security guarantees\" title:nato";
    req.fields = tf;
    req.nfields = 2;
    req.filters = &tfil;
    req.nfilters = 1;
    CHECK_INT(nx_db_search(db, &req, &r), NX_OK);
    char joined[256] = "";
    for (size_t i = 0; i < nx_results_term_count(r); i++) {
        strcat(joined, i ? "|" : "");
        strcat(joined, nx_results_term(r, i));
    }
    CHECK_STR(joined, "XQguarantees|XQsecurity|ZSnato|ZXQexpand");
    CHECK(nx_results_term(r, nx_results_term_count(r)) == NULL);
    nx_results_free(r);
    req.fields = NULL;
    req.nfields = 0;
    req.filters = NULL;
    req.nfilters = 0;
    req.query = "expand";

    CHECK(nx_db_has_spelling(db));
    req.query = "guarantes";
    CHECK_INT(nx_db_search(db, &req, &r), NX_OK);
    CHECK_STR(nx_results_suggestion(r), "guarantees");
    nx_results_free(r);
}

/* Objects attached to a handle: kept per stamp, replaced and freed. */
static int freed;
static void count_free(void *p)
{
    freed++;
    free(p);
}

static void test_attach(void)
{
    nx_db *db = NULL;
    char *err = NULL;
    CHECK_INT(nx_db_open(&db, dir, &err), NX_OK);
    if (!db)
        return;
    freed = 0;
    CHECK(nx_db_attached(db, "t", "a") == NULL);
    char *one = strdup("one"), *two = strdup("two");
    CHECK_INT(nx_db_attach(db, "t", "a", one, count_free), NX_OK);
    CHECK(nx_db_attached(db, "t", "a") == one);
    CHECK(nx_db_attached(db, "t", "b") == NULL);   /* another stamp */
    CHECK(nx_db_attached(db, "u", "a") == NULL);   /* another name */
    CHECK_INT(nx_db_attach(db, "t", "b", two, count_free), NX_OK);
    CHECK_INT(freed, 1);                            /* one replaced */
    CHECK(nx_db_attached(db, "t", "b") == two);
    CHECK(nx_db_attached(db, "t", "a") == NULL);
    nx_db_close(db);
    CHECK_INT(freed, 2);                            /* two with the handle */
}

static void test_format_and_delete(void)
{
    char *gen = NULL, *err = NULL, *v = NULL;
    unsigned g;
    CHECK_INT(nx_layout_current(dir, 0, &gen, &g, &err), NX_OK);
    nx_writer *w = NULL;
    CHECK_INT(nx_writer_open(&w, gen, NULL, &err), NX_OK);
    CHECK_INT(nx_writer_get_metadata(w, "k", &v), NX_OK);
    CHECK_STR(v, "v");
    free(v);
    int found = 0;
    CHECK_INT(nx_writer_delete(w, "c", &found), NX_OK);
    CHECK_INT(found, 1);
    CHECK_INT(nx_writer_delete(w, "zz", &found), NX_OK);
    CHECK_INT(found, 0);
    /* Another writer is refused while this one is open. */
    nx_writer *w2 = NULL;
    CHECK_INT(nx_writer_open(&w2, gen, NULL, &err), NX_ELOCKED);
    free(err);
    err = NULL;
    CHECK_INT(nx_writer_close(w, &err), NX_OK);

    nx_db *db = NULL;
    CHECK_INT(nx_db_open(&db, dir, &err), NX_OK);
    CHECK_INT(nx_db_doccount(db), 2);
    /* The head file now describes an older revision: counts ignore it. */
    nx_facet_spec by_terms = {"person", 100, 8, "XP", 0, 0};
    CHECK_STR(facet_counts(db, "", by_terms, NULL), "Biden=1 Lagarde=1 Putin=1");
    char *data = NULL;
    size_t len;
    CHECK_INT(nx_db_get_data(db, "a", &data, &len), NX_OK);
    CHECK_STR(data, "a");
    free(data);
    CHECK_INT(nx_db_get_data(db, "c", &data, &len), NX_ENOTFOUND);
    nx_db_close(db);

    /* A format this build cannot read is refused with a clear message. */
    CHECK_INT(nx_writer_open(&w, gen, NULL, &err), NX_OK);
    nx_writer_set_metadata(w, "newsdex.format", "99");
    CHECK_INT(nx_writer_close(w, &err), NX_OK);
    CHECK_INT(nx_db_open(&db, dir, &err), NX_EVERSION);
    CHECK(err && strstr(err, "format 99"));
    free(err);
    CHECK_INT(nx_writer_open(&w, gen, NULL, &err), NX_EVERSION);
    free(err);
    free(gen);
}

static void test_abandon(void)
{
    char path[400], *err = NULL;
    snprintf(path, sizeof path, "%s/abandon", dir);
    nx_writer *w = NULL;
    CHECK_INT(nx_writer_open(&w, path, NULL, &err), NX_OK);
    nx_doc *d = NULL;
    nx_doc_new(&d);
    nx_doc_set_id(d, "x");
    nx_doc_set_data(d, "x", 1);
    CHECK_INT(nx_writer_put(w, d, NULL), NX_OK);
    nx_doc_free(d);
    nx_writer_abandon(w);  /* uncommitted: gone */
    nx_db *db = NULL;
    CHECK_INT(nx_db_open(&db, path, &err), NX_OK);
    CHECK_INT(nx_db_doccount(db), 0);
    nx_db_close(db);
}

int main(void)
{
    char *s = nx_stem_word("expands");
    CHECK_STR(s, "expand");
    free(s);
    s = nx_stem_word("running");
    CHECK_STR(s, "run");
    free(s);
    CHECK_STR(nx_strerror(NX_ELOCKED), "database locked by another writer");

    snprintf(top, sizeof top, "%s/shimtest-XXXXXX", P_tmpdir);
    if (!mkdtemp(top))
        return 1;
    snprintf(dir, sizeof dir, "%s/db", top);
    build();
    FILE *f = NULL;
    char stub[400], line[64] = "";
    snprintf(stub, sizeof stub, "%s/XAPIANDB", dir);
    f = fopen(stub, "r");
    CHECK(f && fgets(line, sizeof line, f));
    if (f)
        fclose(f);
    CHECK_STR(line, "auto gen-000001\n");

    nx_db *db = NULL;
    char *err = NULL;
    CHECK_INT(nx_db_open(&db, dir, &err), NX_OK);
    if (db) {
        test_queries(db);
        test_errors(db);
        test_facets_snippets_spelling(db);
        nx_db_close(db);
    }
    test_attach();
    test_format_and_delete();
    test_abandon();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", top);
    return nx_test_done();
}
