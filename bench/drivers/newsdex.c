/*
 * newsdex.c — newsdex's search timed in-process, through the same library
 * calls the CLI makes (nx_db_open once, nx_query_run per query), so its
 * numbers compare with the peers' in-process drivers; the CLI as a whole
 * process is timed separately by run.py.
 *
 * Snippets are off (snippet_bytes 0): no peer makes them.  Facets counted:
 * place, person, org, category (the Reuters tags, topics -> category, plus
 * what extraction found).  Filters go in as --filter does.
 *
 *   nxb_newsdex query DB QUERIES.txt OUT.json REPS
 *   nxb_newsdex display DB < TAGS   # "facet<TAB>tag" -> "...<TAB>display"
 *
 * `display` tells run.py which display form (alias table of the index) a
 * Reuters tag gets in newsdex, so counts can be compared value by value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "nx_facets.h"
#include "nx_query.h"

/* The bench's facet names in newsdex's words. */
static const char *const NX_NAME[BQ_NFACETS] = {"place", "person", "org",
                                                "category"};
static const nx_facet_id NX_ID[BQ_NFACETS] = {
    NX_FACET_PLACE, NX_FACET_PERSON, NX_FACET_ORG, NX_FACET_CATEGORY};

static int run_query(void *ctx, const bq *q, int facets, bq_rec *rec)
{
    nx_db *db = ctx;
    char fbuf[BQ_MAX_FILTERS][96];
    const char *filters[BQ_MAX_FILTERS];
    for (size_t i = 0; i < q->nfilters; i++) {
        snprintf(fbuf[i], sizeof fbuf[i], "%s:%s", NX_NAME[q->facet[i]],
                 q->value[i]);
        filters[i] = fbuf[i];
    }
    nx_query_options o = NX_QUERY_OPTIONS_INIT;
    o.query = q->text;
    o.filters = filters;
    o.nfilters = q->nfilters;
    o.snippet_bytes = 0;
    o.facets = 0;
    if (facets)
        for (int f = 0; f < BQ_NFACETS; f++)
            o.facets |= 1u << NX_ID[f];
    /* Every value when recording, for the comparison; a page's 10 when
     * timed (sorting the list is not what costs). */
    o.facet_limit = rec ? 1000000 : 10;
    nx_query_result *r = NULL;
    char *err = NULL;
    int rc = nx_query_run(db, &o, &r, &err);
    if (rc != NX_OK) {
        fprintf(stderr, "%s: %s\n", q->qid, err ? err : nx_strerror(rc));
        free(err);
        return -1;
    }
    if (rec) {
        bq_rec_total(rec, r->total);
        for (int f = 0; f < BQ_NFACETS && facets; f++)
            for (size_t i = 0; i < r->nfacets[NX_ID[f]]; i++)
                bq_rec_count(rec, bq_facet_names[f],
                             r->facets[NX_ID[f]][i].value,
                             r->facets[NX_ID[f]][i].count);
    }
    nx_query_result_free(r);
    return 0;
}

static int display(nx_db *db)
{
    nx_aliases *al = nx_query_load_aliases(db);
    char line[512];
    while (al && fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        int f = -1;
        if (tab) {
            *tab = '\0';
            for (int i = 0; i < BQ_NFACETS; i++)
                if (strcmp(line, bq_facet_names[i]) == 0)
                    f = i;
        }
        if (f < 0)
            continue;
        nx_facet_terms t;
        const char *shown = tab + 1;
        int rc = nx_facet_terms_make(NX_ID[f], al, tab + 1, 0, &t);
        if (rc == NX_OK && t.display)
            shown = t.display;
        printf("%s\t%s\t%s\n", line, tab + 1, shown);
        if (rc == NX_OK)
            nx_facet_terms_clear(&t);
    }
    nx_aliases_free(al);
    return al ? 0 : 3;
}

int main(int argc, char **argv)
{
    int query = argc == 6 && strcmp(argv[1], "query") == 0;
    if (!query && !(argc == 3 && strcmp(argv[1], "display") == 0)) {
        fprintf(stderr, "usage: nxb_newsdex query DB QUERIES OUT.json REPS\n"
                        "       nxb_newsdex display DB < TAGS\n");
        return 2;
    }
    nx_db *db;
    char *err = NULL;
    if (nx_db_open(&db, argv[2], &err) != NX_OK) {
        fprintf(stderr, "nxb_newsdex: %s\n", err ? err : argv[2]);
        free(err);
        return 3;
    }
    int rc;
    if (query) {
        bq *qs;
        size_t n;
        unsigned reps = bq_uint_arg(argv[5], 1000);
        rc = bq_load(argv[3], &qs, &n) != 0 ? 2
             : bq_bench("newsdex", qs, n, reps, run_query, db, argv[4]) != 0
                 ? 3
                 : 0;
        if (rc != 2)
            free(qs);
    } else {
        rc = display(db);
    }
    nx_db_close(db);
    return rc;
}
