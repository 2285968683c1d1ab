/*
 * run.c — an indexing run (nx_indexer.h): ingest → extract → document →
 * batched writes, with a progress line on a terminal and exact counts of
 * what was indexed, replaced and skipped.  Incremental runs (reindex.c)
 * skip records whose content hash is unchanged and then delete what is
 * gone; every commit records how far the run got (NX_META_PROGRESS).
 */
#include "nx_indexer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "nx_data.h"
#include "nx_facets.h"
#include "nx_hash.h"
#include "nx_layout.h"
#include "nx_meta.h"
#include "run_internal.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A bar with an ETA when the record count is known, else a rate line. */
static void progress(run_ctx *c, int final)
{
    FILE *f = c->opts->progress;
    if (!f)
        return;
    double t = now(), dt = t - c->t0;
    if (!final && t - c->last_progress < 0.25)
        return;
    c->last_progress = t;
    uint64_t n = c->st->read, total = c->opts->total;
    if (total && n <= total) {
        char bar[31];
        size_t fill = (size_t)(30.0 * (double)n / (double)total);
        for (size_t i = 0; i < 30; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[30] = '\0';
        double eta = n && dt > 0 ? dt * (double)(total - n) / (double)n : 0;
        fprintf(f, "\r[%s] %3.0f%%  %llu/%llu records  ETA %d:%02d   ", bar,
                100.0 * (double)n / (double)total, (unsigned long long)n,
                (unsigned long long)total, (int)(eta / 60), (int)eta % 60);
    } else {
        fprintf(f, "\r%llu records  %.0f records/s  %.1f MB/s   ",
                (unsigned long long)n, dt > 0 ? (double)n / dt : 0.0,
                dt > 0 ? (double)c->st->bytes / dt / 1e6 : 0.0);
    }
    if (final)
        fputc('\n', f);
    fflush(f);
}

/* A problem with one record: counted and passed on. */
static void note(run_ctx *c, nx_report_kind kind, const char *file,
                 long line, const char *reason)
{
    if (kind == NX_REPORT_SKIPPED)
        c->st->skipped++;
    else
        c->st->warnings++;
    if (c->report)
        c->report(c->report_ctx, kind, file, line, reason);
}

/* A problem the ingest found in the sources. */
static void on_report(void *ctx, nx_report_kind kind, const char *file,
                      long line, const char *reason)
{
    run_ctx *c = ctx;
    if (kind == NX_REPORT_SKIPPED && c->opts->prune &&
        nx_run_taint(c, file) != NX_OK && !c->err)
        c->err = strdup("out of memory");
    if (c->opts->nparts <= 1 || c->opts->part == 0)
        note(c, kind, file, line, reason);
}

static int writer_failed(run_ctx *c, int rc)
{
    free(c->err);
    c->err = nx_errf("writing the index: %s", nx_writer_errmsg(c->w));
    return rc;
}

/* The reindexing terms of a document: its source, for pruning, and the
 * content hash of its record, for change detection. */
static int add_reindex_terms(nx_doc *doc, const nx_article *a, uint64_t hash)
{
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
    int rc = nx_doc_set_value(doc, NX_SLOT_HASH, hex, 16);
    if (rc == NX_OK && a->source) {
        char *term = nx_source_term(a->source);
        rc = term ? nx_doc_add_term(doc, term) : NX_ENOMEM;
        free(term);
    }
    return rc;
}

static uint64_t id_hash(const char *id)
{
    return nx_fnv1a64(NX_FNV64_OFFSET, id, strlen(id));
}

unsigned nx_shard_of(const char *id, unsigned nshards)
{
    return nshards ? (unsigned)(id_hash(id) % nshards) : 0;
}

unsigned nx_part_of(const char *id, unsigned nshards, unsigned nparts)
{
    uint64_t h = id_hash(id) / (nshards ? nshards : 1);
    return nparts ? (unsigned)(h % nparts) : 0;
}

static int on_article(void *ctx, nx_article *a)
{
    run_ctx *c = ctx;
    c->st->read++;
    if (c->opts->nshards > 1 &&
        nx_shard_of(a->id, c->opts->nshards) != c->opts->shard) {
        c->st->other_shard++;
        return NX_OK;
    }
    if (c->opts->nparts > 1 &&
        nx_part_of(a->id, c->opts->nshards, c->opts->nparts) !=
        c->opts->part) {
        c->st->other_part++;
        return NX_OK;
    }
    uint64_t hash = nx_article_hash(a, c->config);
    int rc = NX_OK;
    char *id = strdup(a->id);
    if (!id)
        return NX_ENOMEM;
    free(c->last_id);
    c->last_id = id;
    /* The first pass's line for this record is taken even when the
     * record is unchanged: the spool stays in step with the walk. */
    nx_entities e;
    nx_entities_init(&e);
    int spooled = nx_run_spooled(c, a, &e);
    if (c->opts->incremental) {
        rc = nx_run_unchanged(c, a, hash);
        if (rc < 0 || rc == 1)
            nx_entities_clear(&e);
        if (rc < 0)
            return writer_failed(c, rc);
        if (rc == 1) {
            c->st->unchanged++;
            progress(c, 0);
            return NX_OK;
        }
    }
    rc = c->x && !spooled ? nx_extract_article(c->x, a, &e) : NX_OK;
    if (rc == NX_OK && c->x && c->etable) {
        char date[11];
        nx_spool_date(a->date, date);
        rc = nx_etable_apply(c->etable, c->al, &e, date);
    }
    if (rc != NX_OK) {
        /* Extraction failing on one record loses its facets, not the
         * record: index the text and say so. */
        char why[96];
        snprintf(why, sizeof why, "entity extraction failed (%s); indexed "
                 "without it", nx_strerror(rc));
        note(c, NX_REPORT_WARNING, a->source ? a->source : a->id, a->line,
             why);
        nx_entities_clear(&e);
        nx_entities_init(&e);
    }
    c->st->given += e.given;
    c->st->given_titled += e.given_titled;
    nx_doc *doc = NULL;
    rc = nx_article_document_q(a, c->x ? &e : NULL, c->al,
                               !c->opts->no_quotes, &doc);
    nx_entities_clear(&e);
    if (rc == NX_OK)
        rc = add_reindex_terms(doc, a, hash);
    if (rc != NX_OK) {
        nx_doc_free(doc);
        c->err = strdup(nx_strerror(rc));
        return rc;
    }
    int replaced = 0;
    rc = nx_writer_put(c->w, doc, &replaced);
    nx_doc_free(doc);
    if (rc != NX_OK)
        return writer_failed(c, rc);
    if (replaced)
        c->st->replaced++;
    else
        c->st->indexed++;
    c->st->bytes += strlen(a->title) + strlen(a->body);
    /* The batch ends here, with this record: the progress committed with
     * it says exactly which records the database now reflects. */
    if (nx_writer_pending(c->w) >= c->batch) {
        rc = nx_run_commit(c, "indexing");
        if (rc != NX_OK)
            return writer_failed(c, rc);
    }
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
        if (nx_data_path(def, sizeof def, NX_FACETS_DATA_DIR, "aliases.tsv")) {
            *err = strdup("the alias table's path is too long");
            nx_aliases_free(al);
            return NULL;
        }
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

/* Extraction's first pass (extract/boiler.c): the lines that recur across
 * the articles of each source, learnt from every record the run reads --
 * of all shards and parts, so each process of a sharded or parallel
 * build learns the same table -- before any is extracted, so the first
 * article gets the same treatment as the last.  A table kept per run
 * rather than stored with the index: a run reads its whole sources, and
 * an archive's boilerplate is a property of the archive, not of the
 * database.  Standard input can be read once: no first pass (nor
 * boilerplate) for "-". */
typedef struct learn_ctx {
    nx_boiler *b;
    int full;          /* the table filled up (reported once) */
} learn_ctx;

static int learn_one(void *ctx, nx_article *a)
{
    learn_ctx *l = ctx;
    int rc = l->full ? NX_OK : nx_boiler_add(l->b, a->source, a->body);
    if (rc == NX_ETOOBIG) {
        l->full = 1;
        rc = NX_OK;
    }
    return rc;
}

int nx_index_learn_boilerplate(const char *const *paths, size_t npaths,
                               const nx_ingest_options *io, nx_boiler **out,
                               int *full)
{
    *out = NULL;
    *full = 0;
    for (size_t i = 0; i < npaths; i++)
        if (strcmp(paths[i], "-") == 0)
            return NX_OK;
    learn_ctx l = {NULL, 0};
    int rc = nx_boiler_new(&l.b);
    if (rc == NX_OK)
        rc = nx_ingest_paths(paths, npaths, io, learn_one, NULL, &l);
    if (rc != NX_OK) {
        nx_boiler_free(l.b);
        return rc;
    }
    *full = l.full;
    *out = l.b;
    return NX_OK;
}

static int learn_boilerplate(run_ctx *c, nx_boiler **out)
{
    int full = 0;
    int rc = nx_index_learn_boilerplate(c->paths, c->npaths,
                                        &c->opts->ingest, out, &full);
    if (rc == NX_OK && full)
        note(c, NX_REPORT_WARNING, c->paths[0], 0, "the boilerplate table "
             "is full: lines of later articles were not counted");
    return rc;
}

/* Stores the alias table with the index so the query side uses it; the
 * table is part of what decides a document, so of the content hash. */
static int store_aliases(run_ctx *c)
{
    char *tsv = nx_aliases_serialize(c->al);
    if (!tsv)
        return NX_ENOMEM;
    c->config = nx_index_config_hash(
        c->opts->extract ? (c->opts->no_quotes ? 2 : 1) : 0, tsv);
    int rc = nx_writer_set_metadata(c->w, NX_META_ALIASES, tsv);
    free(tsv);
    return rc;
}

/* `newsdex stats` shows when the index was last written and how it went. */
static int record_outcome(run_ctx *c)
{
    char when[32], outcome[200];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const nx_index_stats *s = c->st;
    const char *cmd = c->opts->command ? c->opts->command : "index";
    if (c->refused)
        snprintf(outcome, sizeof outcome, "%s: refused to delete %llu of "
                 "%llu articles (--allow-shrink); added %llu, replaced %llu",
                 cmd, (unsigned long long)c->refused_lost,
                 (unsigned long long)c->refused_of,
                 (unsigned long long)s->indexed,
                 (unsigned long long)s->replaced);
    else if (c->opts->incremental && !s->indexed && !s->replaced &&
             !s->deleted)
        snprintf(outcome, sizeof outcome, "%s: nothing changed (%llu "
                 "unchanged, skipped %llu)", cmd,
                 (unsigned long long)s->unchanged,
                 (unsigned long long)s->skipped);
    else if (c->opts->incremental)
        snprintf(outcome, sizeof outcome, "%s: added %llu, replaced %llu, "
                 "deleted %llu, unchanged %llu, skipped %llu", cmd,
                 (unsigned long long)s->indexed,
                 (unsigned long long)s->replaced,
                 (unsigned long long)s->deleted,
                 (unsigned long long)s->unchanged,
                 (unsigned long long)s->skipped);
    else
        snprintf(outcome, sizeof outcome,
                 "indexed %llu, replaced %llu, skipped %llu",
                 (unsigned long long)s->indexed,
                 (unsigned long long)s->replaced,
                 (unsigned long long)s->skipped);
    int rc = nx_writer_set_metadata(c->w, NX_META_LAST_REINDEX, when);
    if (rc == NX_OK)
        rc = nx_writer_set_metadata(c->w, NX_META_LAST_OUTCOME,
                                    outcome);
    return rc;
}

/* A reindex never deletes the articles of a root it cannot see at all:
 * an unmounted archive must not empty the index. */
static int check_roots(run_ctx *c, char **err)
{
    for (size_t i = 0; i < c->npaths; i++) {
        struct stat st;
        if (strcmp(c->paths[i], "-") == 0 || stat(c->paths[i], &st) == 0)
            continue;
        *err = nx_errf("%s: %s; nothing was changed (a reindex does not "
                       "delete the articles of a source it cannot see: use "
                       "`newsdex delete` or a rebuild)", c->paths[i],
                       strerror(errno));
        return NX_EIO;
    }
    return NX_OK;
}

int nx_index_run(const nx_index_options *opts, const char *const *paths,
                 size_t npaths, nx_index_stats *stats, nx_report_fn report,
                 void *report_ctx, char **err)
{
    run_ctx c;
    memset(&c, 0, sizeof c);
    memset(stats, 0, sizeof *stats);
    c.opts = opts;
    c.paths = paths;
    c.npaths = npaths;
    c.st = stats;
    c.report = report;
    c.report_ctx = report_ctx;
    c.t0 = now();
    c.batch = opts->batch_size ? opts->batch_size : 1000;
    *err = NULL;
    time_t t0 = time(NULL);
    struct tm tm;
    gmtime_r(&t0, &tm);
    strftime(c.started, sizeof c.started, "%Y-%m-%dT%H:%M:%SZ", &tm);

    char *gen_path = NULL;
    unsigned gen = 0;
    nx_boiler *boiler = NULL;
    int rc = opts->prune ? check_roots(&c, err) : NX_OK;
    if (rc != NX_OK)
        return rc;
    if (opts->gen_path) {
        gen_path = strdup(opts->gen_path);
        rc = gen_path ? NX_OK : NX_ENOMEM;
    } else {
        rc = nx_layout_current(opts->db, 1, &gen_path, &gen, err);
    }
    if (rc != NX_OK)
        return rc;
    if (opts->incremental && !(c.seen = nx_strmap_new())) {
        free(gen_path);
        return NX_ENOMEM;
    }
    c.al = nx_index_load_aliases(opts->alias_files, opts->nalias_files, err);
    if (!c.al) {
        rc = *err ? NX_EINVAL : NX_ENOMEM;
        goto done;
    }
    if (opts->extract) {
        nx_extract_options xo = NX_EXTRACT_OPTIONS_INIT;
        xo.aliases = c.al;
        /* A part of a parallel rebuild takes its results from the first
         * pass; it extracts only a record that pass failed on, and
         * without the boilerplate table (not learnt again for that). */
        rc = opts->spool_path ? NX_OK : learn_boilerplate(&c, &boiler);
        if (rc != NX_OK) {
            nx_fail(err, rc, "learning boilerplate (first pass over the "
                    "sources): %s", nx_strerror(rc));
            goto done;
        }
        xo.boiler = boiler;
        rc = nx_extractor_new(&c.x, &xo, err);
        if (rc != NX_OK)
            goto done;
    }
    nx_writer_options wo = NX_WRITER_OPTIONS_INIT;
    /* The run commits itself (nx_run_commit), so every commit carries
     * the progress metadata of the records it completes. */
    wo.facet_prefixes = nx_facet_prefixes;
    wo.batch_size = ~0u;
    wo.no_sync = opts->no_sync;
    rc = nx_writer_open(&c.w, gen_path, &wo, err);
    if (rc != NX_OK)
        goto done;
    nx_run_read_progress(&c);
    rc = store_aliases(&c);
    if (rc == NX_OK) {
        char *terr = NULL;
        rc = nx_run_setup_table(&c, gen_path, &terr);
        if (rc != NX_OK) {
            *err = terr ? terr : strdup(nx_strerror(rc));
            goto done;
        }
        rc = nx_run_store_table(&c);
    }
    if (rc == NX_OK)
        rc = nx_ingest_paths(paths, npaths, &opts->ingest, on_article,
                             on_report, &c);
    if (rc == NX_OK && c.err)
        rc = NX_ENOMEM;     /* a report could not be recorded */
    stats->distinct = c.seen ? nx_strmap_count(c.seen) : 0;
    if (rc == NX_OK && opts->prune) {
        rc = nx_run_prune(&c);
        /* Refused to shrink: what was added and replaced stays, nothing
         * is deleted, and the run says so (its error below). */
        if (rc == NX_ESHRINK)
            rc = NX_OK;
        else if (rc != NX_OK && !c.err)
            writer_failed(&c, rc);
    }
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
    stats->documents = nx_writer_doccount(c.w);
    rc = record_outcome(&c);
    if (rc == NX_OK)
        rc = nx_run_commit(&c, "done");
    if (rc == NX_OK) {
        rc = nx_writer_close(c.w, err);     /* frees it, failed or not */
        c.w = NULL;
    } else {
        *err = strdup(nx_writer_errmsg(c.w));   /* c.w abandoned below */
    }
    if (rc == NX_OK && c.refused) {
        rc = NX_ESHRINK;
        *err = c.refused;
        c.refused = NULL;
    }
done:
    stats->seconds = now() - c.t0;
    progress(&c, 1);
    nx_writer_abandon(c.w);
    nx_spool_close(&c.spool);
    nx_etable_free(c.own_table);
    nx_extractor_free(c.x);
    nx_boiler_free(boiler);
    nx_aliases_free(c.al);
    nx_run_clear(&c);
    free(c.err);
    free(gen_path);
    return rc;
}
