/*
 * sphinx.c — the Sphinx 2.2 peer's searches, over SphinxQL (the MySQL
 * protocol) with MariaDB's client library.  run.py makes the data (tsvpipe)
 * and the configuration, runs `indexer` and starts `searchd`.
 *
 * Tags are multi-valued integer attributes (MVA): run.py numbers every
 * facet value (TAGS file: facet<TAB>value<TAB>id) and this program maps
 * filters to numbers and counted numbers back to values.
 *
 *  - top 10: SELECT id ... WHERE MATCH(...) [AND place = N] LIMIT 10,
 *    title weighing 3 like newsdex's;
 *  - with facets: that SELECT, SHOW META (total_found) and one
 *    SELECT GROUPBY(), COUNT(*) ... GROUP BY <mva> per facet sent as one
 *    multi-statement batch: searchd runs a batch with the same MATCH and
 *    filters as a multi-query, matching the text once.
 *
 *   nxb_sphinx query PORT TAGS QUERIES.txt OUT.json REPS
 */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define MAX_TAGS 100000

typedef struct tag {
    int facet;
    char *value;
} tag;

typedef struct ctx {
    MYSQL *my;
    tag *tags;        /* by id; value NULL when unused */
    size_t ntags;
} ctx;

static int load_tags(ctx *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    c->tags = calloc(MAX_TAGS, sizeof *c->tags);
    char line[512], val[256], fac[16];
    unsigned id;
    while (c->tags && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%15[^\t]\t%255[^\t]\t%u", fac, val, &id) != 3 ||
            id >= MAX_TAGS)
            continue;
        for (int k = 0; k < BQ_NFACETS; k++)
            if (strcmp(fac, bq_facet_names[k]) == 0) {
                c->tags[id].facet = k;
                c->tags[id].value = strdup(val);
            }
        if (id >= c->ntags)
            c->ntags = id + 1;
    }
    fclose(f);
    return c->tags ? 0 : -1;
}

/* A tag's number, or 0 (no document has it: the filter matches nothing,
 * like newsdex's unknown value). */
static unsigned tag_id(const ctx *c, int facet, const char *value)
{
    for (size_t i = 1; i < c->ntags; i++)
        if (c->tags[i].value && c->tags[i].facet == facet &&
            strcmp(c->tags[i].value, value) == 0)
            return (unsigned)i;
    return 0;
}

/* WHERE clause: MATCH in Sphinx's extended syntax (OR is `|`), filters. */
static void where(const ctx *c, const bq *q, char *out, size_t size)
{
    char buf[256];
    const char *w[32];
    int kind;
    size_t n = bq_words(q, buf, sizeof buf, w, 32, &kind);
    size_t len = (size_t)snprintf(out, size, "MATCH('%s",
                                  kind == BQ_PHRASE ? "\\\"" : "");
    for (size_t i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s",
                                i == 0 ? "" : kind == BQ_OR ? " | " : " ", w[i]);
    if (len < size)
        len += (size_t)snprintf(out + len, size - len, "%s')",
                                kind == BQ_PHRASE ? "\\\"" : "");
    for (size_t i = 0; i < q->nfilters && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, " AND %s = %u",
                                bq_facet_names[q->facet[i]],
                                tag_id(c, q->facet[i], q->value[i]));
}

static int run_query(void *vctx, const bq *q, int facets, bq_rec *rec)
{
    ctx *c = vctx;
    char w[1024], sql[8192];
    where(c, q, w, sizeof w);
    size_t len = (size_t)snprintf(sql, sizeof sql,
                                  "SELECT id FROM nx WHERE %s LIMIT 10"
                                  " OPTION field_weights=(title=3, body=1)",
                                  w);
    if (facets) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, "; SHOW META");
        for (int f = 0; f < BQ_NFACETS && len < sizeof sql; f++)
            len += (size_t)snprintf(sql + len, sizeof sql - len,
                                    "; SELECT GROUPBY() AS g, COUNT(*) AS n"
                                    " FROM nx WHERE %s GROUP BY %s LIMIT 5000"
                                    " OPTION max_matches=5000",
                                    w, bq_facet_names[f]);
    }
    if (mysql_real_query(c->my, sql, (unsigned long)len) != 0) {
        fprintf(stderr, "%s: %s\n", q->qid, mysql_error(c->my));
        return -1;
    }
    int rc = 0;
    for (int stmt = 0;; stmt++) {
        MYSQL_RES *res = mysql_store_result(c->my);
        MYSQL_ROW row;
        while (res && (row = mysql_fetch_row(res))) {
            if (!rec || stmt == 0)
                continue;
            if (stmt == 1 && row[0] && strcmp(row[0], "total_found") == 0)
                bq_rec_total(rec, strtoull(row[1], NULL, 10));
            if (stmt >= 2 && row[0] && row[1]) {
                unsigned long id = strtoul(row[0], NULL, 10);
                if (id < c->ntags && c->tags[id].value)
                    bq_rec_count(rec, bq_facet_names[stmt - 2],
                                 c->tags[id].value, strtoull(row[1], NULL, 10));
            }
        }
        if (!res && mysql_errno(c->my)) {
            fprintf(stderr, "%s: %s\n", q->qid, mysql_error(c->my));
            rc = -1;
        }
        mysql_free_result(res);
        int next = mysql_next_result(c->my);
        if (next > 0) {
            fprintf(stderr, "%s: %s\n", q->qid, mysql_error(c->my));
            return -1;
        }
        if (next != 0)
            break;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 7 || strcmp(argv[1], "query") != 0) {
        fprintf(stderr,
                "usage: nxb_sphinx query PORT TAGS QUERIES OUT.json REPS\n");
        return 2;
    }
    unsigned port = bq_uint_arg(argv[2], 65535), reps = bq_uint_arg(argv[6], 1000);
    ctx c = {0};
    bq *qs;
    size_t n;
    if (load_tags(&c, argv[3]) != 0 || bq_load(argv[4], &qs, &n) != 0)
        return 2;
    c.my = mysql_init(NULL);
    if (!c.my || !mysql_real_connect(c.my, "127.0.0.1", "", "", "", port, NULL,
                                     CLIENT_MULTI_STATEMENTS)) {
        fprintf(stderr, "nxb_sphinx: connect: %s\n",
                c.my ? mysql_error(c.my) : "out of memory");
        return 3;
    }
    int rc = bq_bench("sphinx", qs, n, reps, run_query, &c, argv[5]);
    mysql_close(c.my);
    free(qs);
    for (size_t i = 0; i < c.ntags; i++)
        free(c.tags[i].value);
    free(c.tags);
    return rc == 0 ? 0 : 3;
}
