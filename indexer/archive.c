/*
 * archive.c — the archive's entity table in an indexing run
 * (extract/nx_etable.h): the first pass that extracts every record once
 * and counts it (nx_index_spool), the table a run applies — computed,
 * stored with the generation, or read back from it — and the
 * corrections of --entities FILE.
 *
 * A run that computes the table (a rebuild, an index into a database
 * without one) extracts in its first pass, writes each record's result
 * to a spool file in the generation's directory and counts it; the table
 * is decided; the second pass reads the records again, takes each
 * result from the spool, applies the table and writes the documents.
 * Extraction runs once.  A parallel rebuild runs the first pass in its
 * parts, decides in the parent over all the parts' spools, and forks
 * the parts again for the second pass (rebuild.c).
 */
#include "run_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nx_data.h"
#include "nx_meta.h"

#define ENTITIES_FILE_MAX ((size_t)16 << 20)

typedef struct spool_ctx {
    const nx_index_options *o;
    nx_extractor *x;
    FILE *f;
    nx_etable *t;
    uint64_t n;
    double last;
    int rc;
} spool_ctx;

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int spool_one(void *ctx, nx_article *a)
{
    spool_ctx *s = ctx;
    const nx_index_options *o = s->o;
    if (o->nshards > 1 && nx_shard_of(a->id, o->nshards) != o->shard)
        return NX_OK;
    if (o->nparts > 1 &&
        nx_part_of(a->id, o->nshards, o->nparts) != o->part)
        return NX_OK;
    nx_entities e;
    nx_entities_init(&e);
    /* A record whose extraction fails gets no line: the second pass
     * extracts it again and reports it. */
    int rc = nx_extract_article(s->x, a, &e);
    if (rc == NX_OK) {
        char date[11];
        nx_spool_date(a->date, date);
        if (s->t)
            rc = nx_etable_add(s->t, &e, date);
        if (rc == NX_OK)
            rc = nx_spool_put(s->f, a->id, date, &e);
    } else {
        rc = NX_OK;
    }
    nx_entities_clear(&e);
    s->n++;
    if (o->progress && (s->n % 256) == 0 && mono() - s->last > 0.25) {
        s->last = mono();
        fprintf(o->progress, "\rextracting: %llu records   ",
                (unsigned long long)s->n);
        fflush(o->progress);
    }
    return rc;
}

int nx_index_spool(const nx_index_options *o, const char *const *paths,
                   size_t npaths, nx_extractor *x, const char *spool_path,
                   nx_etable *t, char **err)
{
    *err = NULL;
    spool_ctx s;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.t = t;
    s.x = x;
    nx_aliases *al = NULL;
    nx_boiler *boiler = NULL;
    int rc = NX_OK;
    if (!x) {
        int full = 0;
        al = nx_index_load_aliases(o->alias_files, o->nalias_files, err);
        if (!al)
            return *err ? NX_EINVAL : NX_ENOMEM;
        rc = nx_index_learn_boilerplate(paths, npaths, &o->ingest, &boiler,
                                        &full);
        nx_extract_options xo = NX_EXTRACT_OPTIONS_INIT;
        xo.aliases = al;
        xo.boiler = boiler;
        if (rc == NX_OK)
            rc = nx_extractor_new(&s.x, &xo, err);
    }
    if (rc == NX_OK && !(s.f = fopen(spool_path, "w")))
        rc = nx_fail(err, NX_EIO, "%s: %s", spool_path, strerror(errno));
    if (rc == NX_OK)
        rc = nx_ingest_paths(paths, npaths, &o->ingest, spool_one, NULL, &s);
    if (s.f && fclose(s.f) != 0 && rc == NX_OK)
        rc = nx_fail(err, NX_EIO, "%s: %s", spool_path, strerror(errno));
    if (rc != NX_OK && !*err)
        *err = nx_errf("extracting (first pass): %s", nx_strerror(rc));
    if (o->progress && s.n) {
        fprintf(o->progress, "\rextracting: %llu records\n",
                (unsigned long long)s.n);
        fflush(o->progress);
    }
    if (!x)
        nx_extractor_free(s.x);
    nx_boiler_free(boiler);
    nx_aliases_free(al);
    return rc;
}

int nx_index_count_spool(nx_etable *t, const char *spool_path, char **err)
{
    *err = NULL;
    nx_spool s;
    if (nx_spool_open(&s, spool_path, "r") != NX_OK)
        return nx_fail(err, NX_EIO, "%s: %s", spool_path, strerror(errno));
    int rc = NX_OK;
    for (;;) {
        char *id = NULL, date[11];
        nx_entities e;
        nx_entities_init(&e);
        rc = nx_spool_get(&s, &id, date, &e);
        if (rc == NX_OK)
            rc = nx_etable_add(t, &e, date);
        free(id);
        nx_entities_clear(&e);
        if (rc != NX_OK)
            break;
    }
    nx_spool_close(&s);
    if (rc == NX_ENOTFOUND)
        return NX_OK;
    return nx_fail(err, rc, "%s: %s", spool_path, nx_strerror(rc));
}

static char *read_small(const char *path, size_t *len, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = nx_errf("%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(ENTITIES_FILE_MAX + 1);
    size_t n = buf ? fread(buf, 1, ENTITIES_FILE_MAX + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad || n > ENTITIES_FILE_MAX) {
        *err = nx_errf("%s: %s", path, !buf ? "out of memory" : bad
                       ? "read error" : "larger than 16 MB");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int nx_index_add_entities_file(nx_etable *t, const char *path, char **err)
{
    *err = NULL;
    size_t len = 0;
    char *buf = read_small(path, &len, err);
    if (!buf)
        return NX_EIO;
    if (memchr(buf, '\0', len)) {
        free(buf);
        *err = nx_errf("%s: a NUL byte: not a text file", path);
        return NX_EINVAL;
    }
    int rc = nx_etable_add_overrides(t, buf, len, path, err);
    free(buf);
    return rc;
}

/* The stored table, without its corrections when new ones replace
 * them (the O lines). */
static int load_stored(run_ctx *c, nx_etable **out, char **err)
{
    *out = NULL;
    char *tsv = NULL;
    int rc = nx_writer_get_metadata(c->w, NX_META_ENTITIES, &tsv);
    if (rc != NX_OK || !tsv || !*tsv) {
        free(tsv);
        return rc == NX_ENOTFOUND ? NX_OK : rc;
    }
    if (c->opts->entities_file) {
        char *w = tsv;
        for (char *r = tsv; *r;) {
            char *nl = strchr(r, '\n');
            size_t n = nl ? (size_t)(nl - r) + 1 : strlen(r);
            if (!(n >= 2 && r[0] == 'O' && r[1] == '\t')) {
                memmove(w, r, n);
                w += n;
            }
            r += n;
        }
        *w = '\0';
    }
    rc = nx_etable_parse(out, tsv, strlen(tsv), err);
    free(tsv);
    return rc;
}

int nx_run_setup_table(run_ctx *c, const char *gen_path, char **err)
{
    const nx_index_options *o = c->opts;
    *err = NULL;
    if (!o->extract)
        return o->entities_file
                   ? nx_fail(err, NX_EINVAL, "--entities %s: the entity "
                             "table comes with extraction (drop "
                             "--no-extract)", o->entities_file)
                   : NX_OK;
    int rc = NX_OK;
    if (o->etable) {
        c->etable = o->etable;   /* a part of a parallel rebuild */
        if (o->spool_path && nx_spool_open(&c->spool, o->spool_path, "r"))
            return nx_fail(err, NX_EIO, "%s: %s", o->spool_path,
                           strerror(errno));
        return NX_OK;
    }
    rc = load_stored(c, &c->own_table, err);
    if (rc != NX_OK)
        return rc;
    nx_etable_attach(c->own_table, c->x);
    int compute = o->archive_table ||
                  (!c->own_table && nx_writer_doccount(c->w) == 0);
    if (compute) {
        nx_etable_free(c->own_table);
        c->own_table = NULL;
        size_t n = strlen(gen_path) + 32;
        char *sp = malloc(n);
        if (!sp)
            return NX_ENOMEM;
        snprintf(sp, n, "%s/entities.spool", gen_path);
        rc = nx_etable_new(&c->own_table, c->x);
        if (rc == NX_OK)
            rc = nx_index_spool(o, c->paths, c->npaths, c->x, sp,
                                c->own_table, err);
        if (rc == NX_OK)
            rc = nx_etable_finish(c->own_table, c->started);
        if (rc == NX_OK && nx_spool_open(&c->spool, sp, "r") != NX_OK)
            rc = nx_fail(err, NX_EIO, "%s: %s", sp, strerror(errno));
        /* The file goes with the run; the open stream stays readable. */
        unlink(sp);
        free(sp);
    }
    if (rc == NX_OK && o->entities_file) {
        if (!c->own_table) {
            rc = nx_etable_new(&c->own_table, NULL);
            if (rc == NX_OK)
                rc = nx_etable_finish(c->own_table, c->started);
        }
        if (rc == NX_OK)
            rc = nx_index_add_entities_file(c->own_table, o->entities_file,
                                            err);
    }
    c->etable = c->own_table;
    return rc;
}

int nx_run_store_table(run_ctx *c)
{
    if (!c->etable)
        return NX_OK;
    char *tsv = nx_etable_serialize(c->etable);
    if (!tsv)
        return NX_ENOMEM;
    int rc = nx_writer_set_metadata(c->w, NX_META_ENTITIES, tsv);
    free(tsv);
    c->config = c->config * 1099511628211ull ^ nx_etable_hash(c->etable);
    return rc;
}

/* The entities of record a from the first pass, when it has them: 1 and
 * e filled, 0 when this record must be extracted.  A record the first
 * pass has no line for (its extraction failed there) leaves the line
 * read ahead for the next record. */
int nx_run_spooled(run_ctx *c, const nx_article *a, nx_entities *e)
{
    nx_spool *s = &c->spool;
    if (!s->f)
        return 0;
    if (!s->pend_id) {
        char date[11];
        nx_entities_init(&s->pend);
        if (nx_spool_get(s, &s->pend_id, date, &s->pend) != NX_OK) {
            nx_spool_close(s);   /* the end, or unreadable: extract */
            return 0;
        }
    }
    if (strcmp(s->pend_id, a->id) != 0)
        return 0;
    nx_entities_clear(e);
    *e = s->pend;
    nx_entities_init(&s->pend);
    free(s->pend_id);
    s->pend_id = NULL;
    return 1;
}
