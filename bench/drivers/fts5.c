/*
 * fts5.c — the SQLite FTS5 peer, in-process against libsqlite3.
 *
 *  - docs: an FTS5 table (title, body) with the porter tokenizer over
 *    unicode61; rowid = the corpus id.  Ranking bm25 with the title
 *    weighing 3, as newsdex's.
 *  - facets(doc, facet, value): one row per tag, indexed by (facet, value,
 *    doc) for filters and by (doc) for counting.
 *  - counts: the matches go into a temporary table once, then one GROUP BY
 *    joins them with facets — how an application would do it without
 *    running the full-text match twice.
 *
 * Writes in transactions of 1000 documents (newsdex's batch), WAL journal.
 *
 *   nxb_fts5 index DB CORPUS.jsonl
 *   nxb_fts5 query DB QUERIES.txt OUT.json REPS
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static int exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "nxb_fts5: %s: %s\n", sql, msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fprintf(stderr, "nxb_fts5: %s: %s\n", sql, sqlite3_errmsg(db));
    return st;
}

static int do_index(const char *path, const char *corpus)
{
    remove(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return 3;
    bq_reader *r = bq_reader_open(corpus);
    int rc = r ? 0 : -1;
    if (rc == 0)
        rc = exec(db, "PRAGMA journal_mode=WAL;"
                      "CREATE VIRTUAL TABLE docs USING fts5(title, body,"
                      " tokenize='porter unicode61');"
                      "CREATE TABLE facets(doc INTEGER NOT NULL,"
                      " facet TEXT NOT NULL, value TEXT NOT NULL);"
                      "BEGIN");
    sqlite3_stmt *ins = rc ? NULL : prepare(db, "INSERT INTO docs(rowid,"
                                                " title, body) VALUES(?,?,?)");
    sqlite3_stmt *tag = rc ? NULL : prepare(db, "INSERT INTO facets"
                                                " VALUES(?,?,?)");
    bq_doc d;
    unsigned pending = 0;
    int more = 0;
    while (ins && tag && rc == 0 && (more = bq_next(r, &d)) == 1) {
        sqlite3_bind_int64(ins, 1, d.id);
        sqlite3_bind_text(ins, 2, d.title, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, d.body, -1, SQLITE_STATIC);
        rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(ins);
        for (int f = 0; f < BQ_NFACETS && rc == 0; f++)
            for (size_t i = 0; i < d.ntags[f] && rc == 0; i++) {
                sqlite3_bind_int64(tag, 1, d.id);
                sqlite3_bind_text(tag, 2, bq_facet_names[f], -1, SQLITE_STATIC);
                sqlite3_bind_text(tag, 3, d.tags[f][i], -1, SQLITE_STATIC);
                rc = sqlite3_step(tag) == SQLITE_DONE ? 0 : -1;
                sqlite3_reset(tag);
            }
        if (rc == 0 && ++pending == 1000) {
            rc = exec(db, "COMMIT; BEGIN");
            pending = 0;
        }
    }
    if (rc != 0)
        fprintf(stderr, "nxb_fts5: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(ins);
    sqlite3_finalize(tag);
    if (rc == 0 && more == 0)
        rc = exec(db, "COMMIT;"
                      "CREATE INDEX facets_fvd ON facets(facet, value, doc);"
                      "CREATE INDEX facets_doc ON facets(doc);"
                      "ANALYZE");
    bq_reader_close(r);
    sqlite3_close(db);
    return rc == 0 && more == 0 ? 0 : 3;
}

/* The FTS5 query for the neutral syntax: every word quoted (so no word is
 * taken for an operator), OR kept, a phrase as one quoted string. */
static void fts_query(const bq *q, char *out, size_t size)
{
    char buf[256];
    const char *w[32];
    int kind;
    size_t n = bq_words(q, buf, sizeof buf, w, 32, &kind), len = 0;
    out[0] = '\0';
    if (kind == BQ_PHRASE)
        len += (size_t)snprintf(out + len, size - len, "\"");
    for (size_t i = 0; i < n && len < size; i++) {
        const char *sep = i == 0 ? "" : kind == BQ_OR ? " OR " : " ";
        if (kind == BQ_PHRASE)
            len += (size_t)snprintf(out + len, size - len, "%s%s",
                                    i ? " " : "", w[i]);
        else
            len += (size_t)snprintf(out + len, size - len, "%s\"%s\"", sep,
                                    w[i]);
    }
    if (kind == BQ_PHRASE && len < size)
        snprintf(out + len, size - len, "\"");
}

/* "docs MATCH ?1" plus one IN (...) per filter, binding ?2..  The unary
 * `+` keeps the planner from handing the IN list to FTS5 as rowid
 * constraints, which runs the full-text match once per listed row (100x
 * slower for place:usa). */
static void where(const bq *q, char *out, size_t size)
{
    size_t len = (size_t)snprintf(out, size, "docs MATCH ?1");
    for (size_t i = 0; i < q->nfilters && len < size; i++)
        len += (size_t)snprintf(out + len, size - len,
                                " AND +rowid IN (SELECT doc FROM facets"
                                " WHERE facet = ?%zu AND value = ?%zu)",
                                2 * i + 2, 2 * i + 3);
}

static sqlite3_stmt *bound(sqlite3 *db, const char *sql, const bq *q,
                           const char *match)
{
    sqlite3_stmt *st = prepare(db, sql);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
    for (size_t i = 0; i < q->nfilters; i++) {
        sqlite3_bind_text(st, (int)(2 * i + 2), bq_facet_names[q->facet[i]],
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(st, (int)(2 * i + 3), q->value[i], -1,
                          SQLITE_STATIC);
    }
    return st;
}

static int run_query(void *ctx, const bq *q, int facets, bq_rec *rec)
{
    sqlite3 *db = ctx;
    char match[512], w[1024], sql[2048];
    fts_query(q, match, sizeof match);
    where(q, w, sizeof w);
    snprintf(sql, sizeof sql, "SELECT rowid FROM docs WHERE %s"
             " ORDER BY bm25(docs, 3.0, 1.0) LIMIT 10", w);
    sqlite3_stmt *st = bound(db, sql, q, match);
    int rc = st ? SQLITE_ROW : SQLITE_ERROR;
    long long ids = 0;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW)
        ids += sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || !facets)
        return rc == SQLITE_DONE ? 0 : -1;

    snprintf(sql, sizeof sql, "INSERT INTO m SELECT rowid FROM docs WHERE %s",
             w);
    if (exec(db, "DELETE FROM m") != 0 || !(st = bound(db, sql, q, match)))
        return -1;
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    st = prepare(db, "SELECT count(*) FROM m");
    if (st && sqlite3_step(st) == SQLITE_ROW && rec)
        bq_rec_total(rec, (uint64_t)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    st = prepare(db, "SELECT facet, value, count(*) FROM m JOIN facets"
                     " ON facets.doc = m.doc GROUP BY facet, value");
    rc = st ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW)
        if (rec)
            bq_rec_count(rec, (const char *)sqlite3_column_text(st, 0),
                         (const char *)sqlite3_column_text(st, 1),
                         (uint64_t)sqlite3_column_int64(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int do_query(const char *path, const char *queries, const char *out,
                    unsigned reps)
{
    bq *qs;
    size_t n;
    if (bq_load(queries, &qs, &n) != 0)
        return 2;
    sqlite3 *db;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = exec(db, "CREATE TEMP TABLE m(doc INTEGER PRIMARY KEY)");
    if (rc == SQLITE_OK)
        rc = bq_bench("fts5", qs, n, reps, run_query, db, out);
    sqlite3_close(db);
    free(qs);
    return rc == 0 ? 0 : 3;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "index") == 0)
        return do_index(argv[2], argv[3]);
    if (argc == 6 && strcmp(argv[1], "query") == 0)
        return do_query(argv[2], argv[3], argv[4], bq_uint_arg(argv[5], 1000));
    fprintf(stderr, "usage: nxb_fts5 index DB CORPUS.jsonl\n"
                    "       nxb_fts5 query DB QUERIES OUT.json REPS\n");
    return 2;
}
