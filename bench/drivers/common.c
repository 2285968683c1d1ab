/*
 * common.c — query file, timing loop, JSON output and corpus reader shared
 * by the benchmark drivers (common.h).
 */
#include "common.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const bq_facet_names[BQ_NFACETS] = {"place", "person", "org",
                                                "topic"};

/* A line of the corpus or the query file: bounded so a broken input is an
 * error, not an unbounded allocation. */
#define MAX_LINE (8u << 20)

static int facet_index(const char *name, size_t len)
{
    for (int f = 0; f < BQ_NFACETS; f++)
        if (strlen(bq_facet_names[f]) == len &&
            memcmp(bq_facet_names[f], name, len) == 0)
            return f;
    return -1;
}

static void copy_field(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static int parse_filters(bq *q, char *s)
{
    for (char *tok = strtok(s, " "); tok; tok = strtok(NULL, " ")) {
        char *colon = strchr(tok, ':');
        int f = colon ? facet_index(tok, (size_t)(colon - tok)) : -1;
        if (f < 0 || q->nfilters == BQ_MAX_FILTERS)
            return -1;
        q->facet[q->nfilters] = f;
        copy_field(q->value[q->nfilters], sizeof q->value[0], colon + 1,
                   strlen(colon + 1));
        q->nfilters++;
    }
    return 0;
}

int bq_load(const char *path, bq **out, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 256, len = 0;
    bq *qs = calloc(cap, sizeof *qs);
    char line[1024];
    int lineno = 0, rc = 0;
    while (qs && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (len == cap) {
            bq *grown = realloc(qs, 2 * cap * sizeof *qs);
            if (!grown)
                break;
            qs = grown;
            cap *= 2;
        }
        bq *q = &qs[len];
        memset(q, 0, sizeof *q);
        char *col[4] = {line, NULL, NULL, NULL};
        for (int c = 1; c < 4 && col[c - 1]; c++) {
            col[c] = strchr(col[c - 1], '\t');
            if (col[c])
                *col[c]++ = '\0';
        }
        if (!col[2] || strlen(col[2]) >= sizeof q->text ||
            parse_filters(q, col[3] ? col[3] : (char *)"") != 0) {
            fprintf(stderr, "%s:%d: bad query line\n", path, lineno);
            rc = -1;
            break;
        }
        copy_field(q->qid, sizeof q->qid, col[0], strlen(col[0]));
        copy_field(q->cls, sizeof q->cls, col[1], strlen(col[1]));
        copy_field(q->text, sizeof q->text, col[2], strlen(col[2]));
        len++;
    }
    fclose(f);
    if (!qs || rc != 0) {
        if (!qs)
            fprintf(stderr, "%s: out of memory\n", path);
        free(qs);
        return -1;
    }
    *out = qs;
    *n = len;
    return 0;
}

size_t bq_words(const bq *q, char *buf, size_t bufsize, const char **words,
                size_t maxw, int *kind)
{
    copy_field(buf, bufsize, q->text, strlen(q->text));
    *kind = strchr(buf, '"') ? BQ_PHRASE : BQ_AND;
    size_t n = 0;
    for (char *tok = strtok(buf, " \""); tok && n < maxw;
         tok = strtok(NULL, " \"")) {
        if (strcmp(tok, "OR") == 0) {
            *kind = BQ_OR;
            continue;
        }
        words[n++] = tok;
    }
    return n;
}

double bq_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

unsigned bq_uint_arg(const char *s, unsigned max)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v > max) {
        fprintf(stderr, "bad number: %s (at most %u)\n", s, max);
        exit(2);
    }
    return (unsigned)v;
}

/* ------------------------------------------------------------ recording */

struct bq_rec {
    cJSON *query;    /* this query's object in the output */
    cJSON *facets;   /* {facet: {value: count}} */
};

void bq_rec_total(bq_rec *rec, uint64_t total)
{
    cJSON_ReplaceItemInObject(rec->query, "total",
                              cJSON_CreateNumber((double)total));
}

void bq_rec_count(bq_rec *rec, const char *facet, const char *value,
                  uint64_t count)
{
    cJSON *f = cJSON_GetObjectItemCaseSensitive(rec->facets, facet);
    if (!f)
        f = cJSON_AddObjectToObject(rec->facets, facet);
    cJSON *old = cJSON_GetObjectItemCaseSensitive(f, value);
    if (old) /* a value met twice (merged display forms): sum */
        cJSON_SetNumberValue(old, old->valuedouble + (double)count);
    else
        cJSON_AddNumberToObject(f, value, (double)count);
}

int bq_bench(const char *engine, const bq *qs, size_t n, unsigned reps,
             bq_run_fn run, void *ctx, const char *out_path)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "engine", engine);
    cJSON_AddNumberToObject(root, "reps", reps);
    cJSON *arr = cJSON_AddArrayToObject(root, "queries");
    cJSON **t10 = calloc(n, sizeof *t10), **tf = calloc(n, sizeof *tf);
    if (!root || !arr || !t10 || !tf) {
        fprintf(stderr, "%s: out of memory\n", engine);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        cJSON *q = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, q);
        cJSON_AddStringToObject(q, "qid", qs[i].qid);
        cJSON_AddStringToObject(q, "class", qs[i].cls);
        cJSON_AddNullToObject(q, "total");
        bq_rec rec = {q, cJSON_AddObjectToObject(q, "facets")};
        if (run(ctx, &qs[i], 1, &rec) != 0)
            cJSON_AddTrueToObject(q, "error");
        t10[i] = cJSON_AddArrayToObject(q, "t10");
        tf[i] = cJSON_AddArrayToObject(q, "tf");
    }
    for (unsigned r = 0; r < reps; r++) {
        for (int facets = 0; facets <= 1; facets++) {
            for (size_t i = 0; i < n; i++) {
                double t0 = bq_now_ms();
                int rc = run(ctx, &qs[i], facets, NULL);
                double ms = bq_now_ms() - t0;
                if (rc == 0)
                    cJSON_AddItemToArray(facets ? tf[i] : t10[i],
                                         cJSON_CreateNumber(ms));
            }
        }
    }
    char *text = cJSON_PrintUnformatted(root);
    FILE *f = fopen(out_path, "w");
    int rc = text && f && fputs(text, f) >= 0 ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        perror(out_path);
    free(text);
    free(t10);
    free(tf);
    cJSON_Delete(root);
    return rc;
}

/* --------------------------------------------------------------- corpus */

struct bq_reader {
    FILE *f;
    char *line;
    size_t cap;
    long lineno;
    const char *path;
    cJSON *json;    /* the current record; strings of bq_doc point in it */
};

bq_reader *bq_reader_open(const char *path)
{
    bq_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->path = path;
    r->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!r->f) {
        perror(path);
        free(r);
        return NULL;
    }
    return r;
}

static const char *str_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : "";
}

int bq_next(bq_reader *r, bq_doc *d)
{
    static const char *const keys[BQ_NFACETS] = {"places", "people", "orgs",
                                                 "topics"};
    cJSON_Delete(r->json);
    r->json = NULL;
    ssize_t len = getline(&r->line, &r->cap, r->f);
    if (len < 0)
        return 0;
    r->lineno++;
    if ((size_t)len > MAX_LINE) {
        fprintf(stderr, "%s:%ld: record over %u bytes\n", r->path, r->lineno,
                MAX_LINE);
        return -1;
    }
    r->json = cJSON_ParseWithLength(r->line, (size_t)len);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(r->json, "id");
    if (!cJSON_IsNumber(id)) {
        fprintf(stderr, "%s:%ld: not a corpus record\n", r->path, r->lineno);
        return -1;
    }
    memset(d, 0, sizeof *d);
    d->id = (long long)id->valuedouble;
    d->title = str_field(r->json, "title");
    d->body = str_field(r->json, "body");
    for (int f = 0; f < BQ_NFACETS; f++) {
        const cJSON *v;
        cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(r->json, keys[f]))
        {
            if (cJSON_IsString(v) && d->ntags[f] < 64)
                d->tags[f][d->ntags[f]++] = v->valuestring;
        }
    }
    return 1;
}

void bq_reader_close(bq_reader *r)
{
    if (!r)
        return;
    cJSON_Delete(r->json);
    free(r->line);
    if (r->f && r->f != stdin)
        fclose(r->f);
    free(r);
}
