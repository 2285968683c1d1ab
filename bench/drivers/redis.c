/*
 * redis.c — the RediSearch peer (Debian's redis-redisearch 1.2 module in
 * redis-server), through hiredis.  The server is started and stopped by
 * run.py; this program only talks to it.
 *
 *  - FT.CREATE with title (weight 3) and body TEXT, and the 4 tag facets as
 *    TAG fields ("usa,canada"); STOPWORDS 0 so no query word is dropped
 *    (newsdex and the other peers keep stop words).
 *  - FT.ADD pipelined 1000 documents at a time (the batch of the others).
 *  - top 10: FT.SEARCH ... NOCONTENT LIMIT 0 10; facet counts: one
 *    FT.AGGREGATE per facet (LOAD the tag field, APPLY split() so a
 *    multi-valued field counts each value, GROUPBY, REDUCE COUNT) — 1.2
 *    has no way to count several fields in one pass.  The 5 commands go in
 *    one pipeline, one round trip.
 *
 *   nxb_redis index PORT CORPUS.jsonl
 *   nxb_redis query PORT QUERIES.txt OUT.json REPS
 */
#include <hiredis/hiredis.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define BATCH 1000

static redisContext *connect_port(const char *port)
{
    redisContext *c = redisConnect("127.0.0.1", (int)bq_uint_arg(port, 65535));
    if (!c || c->err) {
        fprintf(stderr, "nxb_redis: connect: %s\n", c ? c->errstr : "oom");
        redisFree(c);
        return NULL;
    }
    return c;
}

/* Reads n pipelined replies; -1 on the first error reply. */
static int drain(redisContext *c, unsigned n)
{
    int rc = 0;
    for (unsigned i = 0; i < n; i++) {
        redisReply *r;
        if (redisGetReply(c, (void **)&r) != REDIS_OK) {
            fprintf(stderr, "nxb_redis: %s\n", c->errstr);
            return -1;
        }
        if (r->type == REDIS_REPLY_ERROR && rc == 0) {
            fprintf(stderr, "nxb_redis: %s\n", r->str);
            rc = -1;
        }
        freeReplyObject(r);
    }
    return rc;
}

/* A copy of s with line breaks and tabs as spaces: RediSearch 1.2's
 * tokenizer does not split words at '\n' ("said\nit" is one token), and
 * Reuters bodies are broken into lines.  *buf grows to the longest text,
 * which the corpus reader bounds. */
static const char *spaced(const char *s, char **buf, size_t *cap)
{
    size_t n = strlen(s);
    if (n + 1 > *cap) {
        char *grown = realloc(*buf, n + 1);
        if (!grown)
            return NULL;
        *buf = grown;
        *cap = n + 1;
    }
    for (size_t i = 0; i <= n; i++)
        (*buf)[i] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
    return *buf;
}

static int do_index(const char *port, const char *corpus)
{
    redisContext *c = connect_port(port);
    bq_reader *r = c ? bq_reader_open(corpus) : NULL;
    if (!r) {
        redisFree(c);
        return 3;
    }
    redisAppendCommand(c, "FT.CREATE idx STOPWORDS 0 SCHEMA title TEXT WEIGHT"
                          " 3 body TEXT place TAG person TAG org TAG topic TAG");
    unsigned pending = 1;
    int rc = 0, more = 0;
    bq_doc d;
    /* The tags of a document joined by ',' (TAG's separator); bounded like
     * the reader's 64 tags of at most a line's length each. */
    static char tags[BQ_NFACETS][8192];
    char *tbuf = NULL, *bbuf = NULL;
    size_t tcap = 0, bcap = 0;
    while (rc == 0 && (more = bq_next(r, &d)) == 1) {
        const char *argv[16];
        const char *title = spaced(d.title, &tbuf, &tcap);
        const char *body = spaced(d.body, &bbuf, &bcap);
        if (!title || !body) {
            fprintf(stderr, "nxb_redis: out of memory\n");
            rc = -1;
            break;
        }
        char key[32];
        snprintf(key, sizeof key, "d%lld", d.id);
        size_t argc = 0;
        argv[argc++] = "FT.ADD";
        argv[argc++] = "idx";
        argv[argc++] = key;
        argv[argc++] = "1.0";
        argv[argc++] = "FIELDS";
        argv[argc++] = "title";
        argv[argc++] = title;
        argv[argc++] = "body";
        argv[argc++] = body;
        for (int f = 0; f < BQ_NFACETS; f++) {
            size_t len = 0;
            tags[f][0] = '\0';
            for (size_t i = 0; i < d.ntags[f] && len < sizeof tags[f]; i++)
                len += (size_t)snprintf(tags[f] + len, sizeof tags[f] - len,
                                        "%s%s", i ? "," : "", d.tags[f][i]);
            if (len == 0)
                continue;   /* an empty TAG is an error in 1.2 */
            argv[argc++] = bq_facet_names[f];
            argv[argc++] = tags[f];
        }
        redisAppendCommandArgv(c, (int)argc, argv, NULL);
        if (++pending == BATCH) {
            rc = drain(c, pending);
            pending = 0;
        }
    }
    if (rc == 0)
        rc = drain(c, pending);
    free(tbuf);
    free(bbuf);
    bq_reader_close(r);
    redisFree(c);
    return rc == 0 && more == 0 ? 0 : 3;
}

/* Appends s to out with every non-alphanumeric byte escaped (RediSearch
 * query syntax); returns the new length. */
static size_t esc(char *out, size_t len, size_t size, const char *s)
{
    for (; *s && len + 2 < size; s++) {
        if (!isalnum((unsigned char)*s))
            out[len++] = '\\';
        out[len++] = *s;
    }
    out[len] = '\0';
    return len;
}

static void redis_query(const bq *q, char *out, size_t size)
{
    char buf[256];
    const char *w[32];
    int kind;
    size_t n = bq_words(q, buf, sizeof buf, w, 32, &kind), len = 0;
    out[0] = '\0';
    if (kind == BQ_PHRASE)
        out[len++] = '"';
    for (size_t i = 0; i < n && len + 4 < size; i++) {
        if (i)
            out[len++] = kind == BQ_OR ? '|' : ' ';
        len = esc(out, len, size, w[i]);
    }
    if (kind == BQ_PHRASE && len + 1 < size)
        out[len++] = '"';
    for (size_t i = 0; i < q->nfilters && len + 16 < size; i++) {
        len += (size_t)snprintf(out + len, size - len, " @%s:{",
                                bq_facet_names[q->facet[i]]);
        len = esc(out, len, size, q->value[i]);
        if (len + 1 < size)
            out[len++] = '}';
    }
    out[len < size ? len : size - 1] = '\0';
}

static int run_query(void *ctx, const bq *q, int facets, bq_rec *rec)
{
    redisContext *c = ctx;
    char query[1024];
    redis_query(q, query, sizeof query);
    redisAppendCommand(c, "FT.SEARCH idx %s NOCONTENT LIMIT 0 10", query);
    for (int f = 0; f < BQ_NFACETS && facets; f++)
        redisAppendCommand(c, "FT.AGGREGATE idx %s LOAD 1 @%s APPLY split(@%s)"
                              " AS v GROUPBY 1 @v REDUCE COUNT 0 AS n"
                              " LIMIT 0 100000",
                           query, bq_facet_names[f], bq_facet_names[f]);
    int rc = 0;
    long long total = -1;
    for (int i = 0; i < (facets ? 1 + BQ_NFACETS : 1); i++) {
        redisReply *r;
        if (redisGetReply(c, (void **)&r) != REDIS_OK) {
            fprintf(stderr, "nxb_redis: %s\n", c->errstr);
            return -1;
        }
        if (i == 0 && r->type == REDIS_REPLY_ARRAY && r->elements > 0)
            total = r->element[0]->integer;
        /* 1.2's FT.AGGREGATE fails on a word that is in no document
         * ("Internal error processing QueryParseCtx"): no counts, not an
         * error, when the search found nothing. */
        if (i > 0 && total == 0 && r->type == REDIS_REPLY_ERROR) {
            freeReplyObject(r);
            continue;
        }
        if (r->type != REDIS_REPLY_ARRAY || r->elements < 1) {
            if (rc == 0)
                fprintf(stderr, "%s: %s\n", q->qid,
                        r->type == REDIS_REPLY_ERROR ? r->str : "bad reply");
            rc = -1;
        } else if (rec && i == 0 && facets) {
            bq_rec_total(rec, (uint64_t)total);
        } else if (rec && i > 0) {
            /* rows: [v, value, n, count] */
            for (size_t k = 1; k < r->elements; k++) {
                redisReply *row = r->element[k];
                if (row->type != REDIS_REPLY_ARRAY || row->elements < 4 ||
                    row->element[1]->type != REDIS_REPLY_STRING ||
                    row->element[1]->len == 0)
                    continue;   /* documents without this facet */
                bq_rec_count(rec, bq_facet_names[i - 1], row->element[1]->str,
                             strtoull(row->element[3]->str, NULL, 10));
            }
        }
        freeReplyObject(r);
    }
    return rc;
}

static int do_query(const char *port, const char *queries, const char *out,
                    unsigned reps)
{
    bq *qs;
    size_t n;
    if (bq_load(queries, &qs, &n) != 0)
        return 2;
    redisContext *c = connect_port(port);
    int rc = c ? bq_bench("redisearch", qs, n, reps, run_query, c, out) : -1;
    redisFree(c);
    free(qs);
    return rc == 0 ? 0 : 3;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "index") == 0)
        return do_index(argv[2], argv[3]);
    if (argc == 6 && strcmp(argv[1], "query") == 0)
        return do_query(argv[2], argv[3], argv[4], bq_uint_arg(argv[5], 1000));
    fprintf(stderr, "usage: nxb_redis index PORT CORPUS.jsonl\n"
                    "       nxb_redis query PORT QUERIES OUT.json REPS\n");
    return 2;
}
