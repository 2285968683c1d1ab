/*
 * run.c — an indexing run (nx_indexer.h): ingest → extract → document →
 * batched writes, with a progress line on a terminal and exact counts of
 * what was indexed, replaced and skipped.
 */
#include "nx_indexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_facets.h"
#include "nx_layout.h"

typedef struct run_ctx {
    const nx_index_options *opts;
    nx_writer *w;
    nx_extractor *x;
    nx_aliases *al;
    nx_index_stats *st;
    nx_report_fn report;
    void *report_ctx;
    double t0, last_progress;
    char *err;             /* the error that stopped the run */
} run_ctx;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(run_ctx *c, int final)
{
    FILE *f = c->opts->progress;
    if (!f)
        return;
    double t = now(), dt = t - c->t0;
    if (!final && t - c->last_progress < 0.25)
        return;
    c->last_progress = t;
    fprintf(f, "\r%llu records  %.0f records/s  %.1f MB/s   ",
            (unsigned long long)c->st->read,
            dt > 0 ? (double)c->st->read / dt : 0.0,
            dt > 0 ? (double)c->st->bytes / dt / 1e6 : 0.0);
    if (final)
        fputc('\n', f);
    fflush(f);
}

static void on_report(void *ctx, nx_report_kind kind, const char *file,
                      long line, const char *reason)
{
    run_ctx *c = ctx;
    if (kind == NX_REPORT_SKIPPED)
        c->st->skipped++;
    else
        c->st->warnings++;
    if (c->report)
        c->report(c->report_ctx, kind, file, line, reason);
}

static int on_article(void *ctx, nx_article *a)
{
    run_ctx *c = ctx;
    c->st->read++;
    nx_entities e;
    nx_entities_init(&e);
    int rc = c->x ? nx_extract_article(c->x, a, &e) : NX_OK;
    if (rc != NX_OK) {
        /* Extraction failing on one record loses its facets, not the
         * record: index the text and say so. */
        char why[96];
        snprintf(why, sizeof why, "entity extraction failed (%s); indexed "
                 "without it", nx_strerror(rc));
        on_report(c, NX_REPORT_WARNING, a->source ? a->source : a->id,
                  a->line, why);
        nx_entities_clear(&e);
        nx_entities_init(&e);
    }
    nx_doc *doc = NULL;
    rc = nx_article_document(a, c->x ? &e : NULL, c->al, &doc);
    nx_entities_clear(&e);
    if (rc != NX_OK) {
        c->err = strdup(nx_strerror(rc));
        return rc;
    }
    int replaced = 0;
    rc = nx_writer_put(c->w, doc, &replaced);
    nx_doc_free(doc);
    if (rc != NX_OK) {
        size_t n = strlen(nx_writer_errmsg(c->w)) + 64;
        c->err = malloc(n);
        if (c->err)
            snprintf(c->err, n, "writing the index: %s",
                     nx_writer_errmsg(c->w));
        return rc;
    }
    if (replaced)
        c->st->replaced++;
    else
        c->st->indexed++;
    c->st->bytes += strlen(a->title) + strlen(a->body);
    progress(c, 0);
    return NX_OK;
}


nx_aliases *nx_index_load_aliases(const char *const *files, size_t n,
                                  char **err)
{
    *err = NULL;
    nx_aliases *al = nx_aliases_new();
    if (!al)
        return NULL;
    const char *pkg = getenv("NEWSDEX_ALIASES");
    char def[4096];
    if (!pkg || !*pkg) {
        snprintf(def, sizeof def, "%s/aliases.tsv", NX_FACETS_DATA_DIR);
        pkg = def;
    }
    if (nx_aliases_add_file(al, pkg, err) != 0) {
        nx_aliases_free(al);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (nx_aliases_add_file(al, files[i], err) != 0) {
            nx_aliases_free(al);
            return NULL;
        }
    }
    return al;
}

/* Stores the alias table with the index so the query side uses it. */
static int store_aliases(run_ctx *c)
{
    char *tsv = nx_aliases_serialize(c->al);
    if (!tsv)
        return NX_ENOMEM;
    int rc = nx_writer_set_metadata(c->w, "newsdex.aliases", tsv);
    free(tsv);
    return rc;
}

/* `newsdex stats` shows when the index was last written and how it went. */
static int record_outcome(run_ctx *c)
{
    char when[32], outcome[160];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(outcome, sizeof outcome,
             "indexed %llu, replaced %llu, skipped %llu",
             (unsigned long long)c->st->indexed,
             (unsigned long long)c->st->replaced,
             (unsigned long long)c->st->skipped);
    int rc = nx_writer_set_metadata(c->w, "newsdex.last_reindex", when);
    if (rc == NX_OK)
        rc = nx_writer_set_metadata(c->w, "newsdex.last_outcome", outcome);
    return rc;
}

int nx_index_run(const nx_index_options *opts, const char *const *paths,
                 size_t npaths, nx_index_stats *stats, nx_report_fn report,
                 void *report_ctx, char **err)
{
    run_ctx c;
    memset(&c, 0, sizeof c);
    memset(stats, 0, sizeof *stats);
    c.opts = opts;
    c.st = stats;
    c.report = report;
    c.report_ctx = report_ctx;
    c.t0 = now();
    *err = NULL;

    char *gen_path = NULL;
    unsigned gen = 0;
    int rc = nx_layout_current(opts->db, 1, &gen_path, &gen, err);
    if (rc != NX_OK)
        return rc;
    c.al = nx_index_load_aliases(opts->alias_files, opts->nalias_files, err);
    if (!c.al) {
        free(gen_path);
        return *err ? NX_EINVAL : NX_ENOMEM;
    }
    if (opts->extract) {
        nx_extract_options xo = NX_EXTRACT_OPTIONS_INIT;
        xo.aliases = c.al;
        rc = nx_extractor_new(&c.x, &xo, err);
        if (rc != NX_OK)
            goto done;
    }
    nx_writer_options wo = NX_WRITER_OPTIONS_INIT;
    wo.facet_prefixes = nx_facet_prefixes;
    wo.batch_size = opts->batch_size;
    rc = nx_writer_open(&c.w, gen_path, &wo, err);
    if (rc != NX_OK)
        goto done;
    rc = store_aliases(&c);
    if (rc == NX_OK)
        rc = nx_ingest_paths(paths, npaths, &opts->ingest, on_article,
                             on_report, &c);
    if (rc != NX_OK) {
        /* Keep what was committed; drop the half batch. */
        nx_writer_abandon(c.w);
        c.w = NULL;
        if (!c.err)
            c.err = strdup(nx_strerror(rc));
        *err = c.err;
        c.err = NULL;
        goto done;
    }
    rc = record_outcome(&c);
    if (rc == NX_OK)
        rc = nx_writer_close(c.w, err);
    else
        *err = strdup(nx_writer_errmsg(c.w));
    c.w = NULL;
done:
    stats->seconds = now() - c.t0;
    progress(&c, 1);
    nx_writer_abandon(c.w);
    nx_extractor_free(c.x);
    nx_aliases_free(c.al);
    free(c.err);
    free(gen_path);
    return rc;
}
