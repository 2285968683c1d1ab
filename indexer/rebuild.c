/*
 * rebuild.c — a full rebuild with an atomic swap, and rollback
 * (nx_indexer.h).
 *
 * Generations in the database directory (see shim/nx_layout.h):
 *
 *     XAPIANDB        "auto gen-000007": the live generation, what readers
 *                     open; replaced only by rename()
 *     gen-000006/     the generation the last swap replaced: rollback
 *     gen-000007/     live
 *     gen-000008/     a rebuild in progress (or interrupted), never named
 *                     by the stub until it is complete, synced and checked
 *
 * A rebuild's generation carries metadata NX_META_REBUILD, the sources
 * it is built from; an interrupted rebuild of the same sources finds it
 * again and goes on (the committed batches are current, so the run skips
 * them by content hash).  Rollback clears that key in the generation it
 * leaves, so no later rebuild resumes a generation someone rolled away
 * from.  Nothing is renamed inside a generation a reader may have open.
 */
#include "nx_indexer.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "nx_etable.h"
#include "nx_facets.h"
#include "nx_layout.h"

#define MAX_GENS 4096
#define MAX_JOBS 64
#define PART_ERR_MAX 4000

/* What a generation is built from: the sources as given and the id
 * field (both decide the ids).  malloc'd JSON. */
static char *rebuild_key(const nx_rebuild_options *o, const char *const *paths,
                         size_t npaths)
{
    cJSON *k = cJSON_CreateObject();
    cJSON *a = cJSON_AddArrayToObject(k, "sources");
    for (size_t i = 0; i < npaths; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(paths[i]));
    const char *idf = o->index.ingest.id_field;
    cJSON_AddStringToObject(k, "id_field", idf && *idf ? idf : "id");
    char *s = cJSON_PrintUnformatted(k);
    cJSON_Delete(k);
    return s;
}

/* The current generation, 0 when there is no database yet. */
static int current_gen(const char *db, unsigned *gen, char **err)
{
    char *path = NULL;
    *gen = 0;
    int rc = nx_layout_current(db, 0, &path, gen, err);
    free(path);
    if (rc == NX_ENOTFOUND) {
        free(*err);
        *err = NULL;
        *gen = 0;
        return NX_OK;
    }
    return rc;
}

/* An interrupted rebuild of the same sources: the newest generation
 * above the live one whose key matches.  0: none. */
static unsigned find_resumable(const char *db, const unsigned *gens, size_t n,
                               unsigned cur, const char *key)
{
    for (size_t i = n; i-- > 0;) {
        if (gens[i] <= cur)
            break;
        char *path = nx_layout_gen_path(db, gens[i]), *v = NULL, *e = NULL;
        uint64_t docs;
        int rc = path ? nx_db_peek(path, NX_META_REBUILD, &docs, &v, &e) : NX_ENOMEM;
        int same = rc == NX_OK && v && strcmp(v, key) == 0;
        free(path);
        free(v);
        free(e);
        if (same)
            return gens[i];
    }
    return 0;
}

/* The rollback target of `cur`: the newest generation below it. */
static unsigned previous_gen(const unsigned *gens, size_t n, unsigned cur)
{
    unsigned p = 0;
    for (size_t i = 0; i < n; i++)
        if (gens[i] < cur)
            p = gens[i];
    return p;
}

/* The documents in generation g; *ok 0 when it cannot be opened. */
static uint64_t gen_docs(const char *db, unsigned g, int *ok)
{
    char *path = nx_layout_gen_path(db, g), *e = NULL;
    uint64_t docs = 0;
    *ok = path && nx_db_peek(path, NULL, &docs, NULL, &e) == NX_OK;
    free(path);
    free(e);
    return *ok ? docs : 0;
}

/* The newest generation up to `upto` that holds documents (0: none): a
 * rebuild from an emptied source never prunes it, so rollback reaches
 * the articles whatever was switched to since. */
static unsigned last_with_docs(const char *db, const unsigned *gens,
                               size_t n, unsigned upto)
{
    for (size_t i = n; i-- > 0;) {
        int ok;
        if (gens[i] <= upto && gen_docs(db, gens[i], &ok) > 0)
            return gens[i];
    }
    return 0;
}

static int set_key(const char *path, const char *key, int create, char **err)
{
    nx_writer_options wo = NX_WRITER_OPTIONS_INIT;
    wo.create = create;
    wo.no_sync = 1;
    nx_writer *w = NULL;
    int rc = nx_writer_open(&w, path, &wo, err);
    if (rc != NX_OK)
        return rc;
    rc = nx_writer_set_metadata(w, NX_META_REBUILD, key);
    if (rc != NX_OK) {
        *err = strdup(nx_writer_errmsg(w));
        nx_writer_abandon(w);
        return rc;
    }
    return nx_writer_close(w, err);
}

/* Syncs and checks a finished generation: no inconsistency, and as many
 * documents as `want`. */
static int verify(const char *path, uint64_t want, char **err)
{
    int rc = nx_layout_sync_tree(path, err);
    if (rc != NX_OK)
        return rc;
    size_t nerr = 0;
    rc = nx_db_check(path, &nerr, err);
    if (rc != NX_OK)
        return rc;
    if (nerr) {
        char n[32];
        snprintf(n, sizeof n, "%zu", nerr);
        char *first = *err;
        *err = NULL;
        nx_fail(err, NX_EDB, "the new generation fails its check (%s "
                "errors): %s", n, first ? first : "?");
        free(first);
        return NX_EDB;
    }
    uint64_t docs = 0;
    rc = nx_db_peek(path, NULL, &docs, NULL, err);
    if (rc != NX_OK)
        return rc;
    if (docs != want) {
        char a[64];
        snprintf(a, sizeof a, "%llu documents, %llu expected",
                 (unsigned long long)docs, (unsigned long long)want);
        return nx_fail(err, NX_EDB, "the new generation holds %s%s", a,
                       " from the records read; not switched to");
    }
    return NX_OK;
}

static uint64_t dir_bytes(const char *path)
{
    uint64_t sum = 0;
    char sub[4096];
    static const char *const tables[] = {"docdata", "postlist", "position",
                                         "spelling", "synonym", "termlist"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        struct stat st;
        snprintf(sub, sizeof sub, "%s/%s.glass", path, tables[i]);
        if (stat(sub, &st) == 0)
            sum += (uint64_t)st.st_size;
    }
    return sum;
}

/* ---------------------------------------------------- parallel parts */

/* What a part's process sends back through its pipe: the run's outcome,
 * then errlen bytes of its error. */
typedef struct part_result {
    int rc;
    nx_index_stats st;
    size_t errlen;
} part_result;

static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static size_t read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

/* The child: build part k, report through fd, never return. */
static void run_part(const nx_index_options *io, unsigned k, unsigned jobs,
                     const char *path, const char *spool,
                     const char *const *paths, size_t npaths,
                     nx_report_fn report, void *report_ctx, pid_t parent,
                     int fd)
{
    /* A killed rebuild takes its parts with it. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
    nx_index_options po = *io;
    po.gen_path = path;
    po.part = k;
    po.nparts = jobs;
    po.spool_path = spool;
    if (k)
        po.progress = NULL;   /* part 0 draws the bar: each reads all */
    part_result r;
    memset(&r, 0, sizeof r);
    char *err = NULL;
    if (path)
        r.rc = nx_index_run(&po, paths, npaths, &r.st, report, report_ctx,
                            &err);
    else   /* the first pass: extraction into the spool */
        r.rc = nx_index_spool(&po, paths, npaths, NULL, spool, NULL, &err);
    r.errlen = err ? strlen(err) : 0;
    if (r.errlen > PART_ERR_MAX)
        r.errlen = PART_ERR_MAX;
    int ok = write_all(fd, &r, sizeof r) == 0 &&
             write_all(fd, err ? err : "", r.errlen) == 0;
    fflush(NULL);
    _exit(ok && r.rc == NX_OK ? 0 : 1);
}

/* The totals of the parts: each read every record, so what is about the
 * sources (records read, skipped) is part 0's; what was written adds up. */
static void add_part(nx_index_stats *sum, const nx_index_stats *p, unsigned k)
{
    if (k == 0) {
        sum->read = p->read;
        sum->skipped = p->skipped;
        sum->other_shard = p->other_shard;
    }
    sum->indexed += p->indexed;
    sum->replaced += p->replaced;
    sum->warnings += p->warnings;
    sum->bytes += p->bytes;
    sum->unchanged += p->unchanged;
    sum->deleted += p->deleted;
    sum->held += p->held;
    sum->distinct += p->distinct;
    sum->given += p->given;
    sum->given_titled += p->given_titled;
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The first pass of a parallel rebuild: each part extracts its records
 * into a spool (build.spool-K), then the archive's entity table is
 * decided here over all of them, with the corrections of --entities.
 * The parts of the second pass inherit it. */
static int first_pass(const nx_rebuild_options *o, const nx_index_options *io,
                      const char *build, unsigned jobs, char **spools,
                      nx_etable **table, const char *const *paths,
                      size_t npaths, char **err)
{
    *table = NULL;
    for (unsigned k = 0; k < jobs; k++) {
        size_t n = strlen(build) + 32;
        if (!(spools[k] = malloc(n)))
            return NX_ENOMEM;
        snprintf(spools[k], n, "%s.spool-%u", build, k);
    }
    pid_t pids[MAX_JOBS];
    int fds[MAX_JOBS];
    unsigned started = 0;
    int rc = NX_OK;
    pid_t self = getpid();
    fflush(NULL);
    for (; started < jobs; started++) {
        int p[2];
        if (pipe(p) != 0) {
            rc = nx_fail(err, NX_EIO, "%s: %s", "pipe", strerror(errno));
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            close(p[0]);
            close(p[1]);
            rc = nx_fail(err, NX_EIO, "%s: %s", "fork", strerror(errno));
            break;
        }
        if (pid == 0) {
            close(p[0]);
            for (unsigned j = 0; j < started; j++)
                close(fds[j]);
            run_part(io, started, jobs, NULL, spools[started], paths,
                     npaths, NULL, NULL, self, p[1]);
        }
        close(p[1]);
        pids[started] = pid;
        fds[started] = p[0];
    }
    for (unsigned k = 0; k < started; k++) {
        part_result r;
        char msg[PART_ERR_MAX + 1];
        size_t got = read_all(fds[k], &r, sizeof r);
        size_t n = got == sizeof r
                       ? read_all(fds[k], msg, r.errlen < PART_ERR_MAX
                                                  ? r.errlen : PART_ERR_MAX)
                       : 0;
        msg[n] = '\0';
        close(fds[k]);
        int status;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
        if (rc != NX_OK)
            continue;
        if (got != sizeof r)
            rc = nx_fail(err, NX_EIO, "%s%s", "an extracting process "
                         "stopped without an answer (killed?)", "");
        else if (r.rc != NX_OK)
            rc = nx_fail(err, r.rc, "%s%s", msg, "");
    }
    /* The decisions use the gazetteers: an extractor of the parent's. */
    nx_aliases *al = NULL;
    nx_extractor *x = NULL;
    if (rc == NX_OK) {
        al = nx_index_load_aliases(io->alias_files, io->nalias_files, err);
        rc = al ? NX_OK : *err ? NX_EINVAL : NX_ENOMEM;
    }
    if (rc == NX_OK) {
        nx_extract_options xo = NX_EXTRACT_OPTIONS_INIT;
        xo.aliases = al;
        xo.ner_model = "";   /* the gazetteers only */
        rc = nx_extractor_new(&x, &xo, err);
    }
    if (rc == NX_OK)
        rc = nx_etable_new(table, x);
    for (unsigned k = 0; k < jobs && rc == NX_OK; k++)
        rc = nx_index_count_spool(*table, spools[k], err);
    if (rc == NX_OK) {
        char when[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        rc = nx_etable_finish(*table, when);
    }
    if (rc == NX_OK && o->index.entities_file)
        rc = nx_index_add_entities_file(*table, o->index.entities_file, err);
    nx_extractor_free(x);
    nx_aliases_free(al);
    if (rc != NX_OK) {
        nx_etable_free(*table);
        *table = NULL;
    }
    return rc;
}

/* Builds generation `build` with o->jobs processes, one part each, then
 * merges the parts into it by compaction and deletes them. */
static int build_parallel(const nx_rebuild_options *o, const char *key,
                          const char *build, const char *const *paths,
                          size_t npaths, nx_index_stats *sum,
                          nx_report_fn report, void *report_ctx, char **err)
{
    unsigned jobs = o->jobs > MAX_JOBS ? MAX_JOBS : o->jobs;
    char *parts[MAX_JOBS] = {0};
    pid_t pids[MAX_JOBS];
    int fds[MAX_JOBS];
    double t0 = mono_now();
    unsigned started = 0;
    int rc = NX_OK;
    memset(sum, 0, sizeof *sum);
    for (unsigned k = 0; k < jobs && rc == NX_OK; k++) {
        size_t n = strlen(build) + 32;
        if (!(parts[k] = malloc(n))) {
            rc = NX_ENOMEM;
            break;
        }
        snprintf(parts[k], n, "%s.part-%u", build, k);
        rc = nx_layout_remove_tree(parts[k], err);
        if (rc == NX_OK)
            rc = set_key(parts[k], key, 1, err);
    }
    nx_index_options io = o->index;
    io.command = "rebuild";
    io.no_sync = 1;
    io.incremental = 1;
    io.prune = NX_PRUNE_ALL;
    char *spools[MAX_JOBS] = {0};
    nx_etable *table = NULL;
    if (rc == NX_OK && io.extract)
        rc = first_pass(o, &io, build, jobs, spools, &table, paths, npaths,
                        err);
    io.etable = table;
    pid_t self = getpid();
    fflush(NULL);
    for (; rc == NX_OK && started < jobs; started++) {
        int p[2];
        if (pipe(p) != 0) {
            rc = nx_fail(err, NX_EIO, "%s: %s", "pipe", strerror(errno));
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            close(p[0]);
            close(p[1]);
            rc = nx_fail(err, NX_EIO, "%s: %s", "fork", strerror(errno));
            break;
        }
        if (pid == 0) {
            close(p[0]);
            for (unsigned j = 0; j < started; j++)
                close(fds[j]);
            run_part(&io, started, jobs, parts[started], spools[started],
                     paths, npaths, report, report_ctx, self, p[1]);
        }
        close(p[1]);
        pids[started] = pid;
        fds[started] = p[0];
    }
    /* Wait for all; the first part to fail stops the others. */
    unsigned left = started;
    int failed = rc != NX_OK;
    if (failed)
        for (unsigned k = 0; k < started; k++)
            kill(pids[k], SIGKILL);
    while (left) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (unsigned k = 0; k < started; k++) {
            if (pids[k] != pid)
                continue;
            left--;
            if (!failed && !(WIFEXITED(status) &&
                             WEXITSTATUS(status) == 0)) {
                failed = 1;
                for (unsigned j = 0; j < started; j++)
                    if (j != k)
                        kill(pids[j], SIGKILL);
            }
        }
    }
    for (unsigned k = 0; k < started; k++) {
        part_result r;
        char msg[PART_ERR_MAX + 1];
        if (read_all(fds[k], &r, sizeof r) != sizeof r) {
            close(fds[k]);
            if (rc == NX_OK && failed)
                continue;     /* killed because another part failed */
            rc = nx_fail(err, NX_EIO, "%s%s", "a rebuild process stopped "
                         "without an answer (killed?)", "");
            continue;
        }
        size_t n = read_all(fds[k], msg, r.errlen < PART_ERR_MAX
                            ? r.errlen : PART_ERR_MAX);
        msg[n] = '\0';
        close(fds[k]);
        if (r.rc != NX_OK && rc == NX_OK) {
            rc = r.rc;
            nx_fail(err, r.rc, "%s%s", msg, "");
        }
        add_part(sum, &r.st, k);
    }
    if (rc == NX_OK && failed)
        rc = nx_fail(err, NX_EIO, "%s%s", "a rebuild process failed", "");
    if (rc == NX_OK) {
        if (o->index.progress) {
            fprintf(o->index.progress, "merging %u parts...", jobs);
            fflush(o->index.progress);
        }
        rc = nx_layout_remove_tree(build, err);
        if (rc == NX_OK)
            rc = nx_db_compact((const char *const *)parts, jobs, build,
                               nx_facet_prefixes, err);
        if (o->index.progress) {
            fputc('\n', o->index.progress);
            fflush(o->index.progress);
        }
    }
    for (unsigned k = 0; k < jobs; k++) {
        if (parts[k]) {
            char *e2 = NULL;
            nx_layout_remove_tree(parts[k], &e2);
            free(e2);
        }
        free(parts[k]);
        if (spools[k])
            unlink(spools[k]);
        free(spools[k]);
    }
    nx_etable_free(table);
    sum->seconds = mono_now() - t0;
    return rc;
}

int nx_rebuild_run(const nx_rebuild_options *o, const char *const *paths,
                   size_t npaths, nx_rebuild_stats *st, nx_report_fn report,
                   void *report_ctx, char **err)
{
    memset(st, 0, sizeof *st);
    *err = NULL;
    const char *db = o->index.db;
    unsigned *gens = malloc(MAX_GENS * sizeof *gens);
    char *key = rebuild_key(o, paths, npaths);
    char *build = NULL, *compacted = NULL;
    size_t n = 0;
    unsigned cur = 0, target = 0, final = 0;
    int rc = gens && key ? NX_OK : NX_ENOMEM;
    if (rc == NX_OK)
        rc = current_gen(db, &cur, err);
    if (rc == NX_OK && !cur)
        rc = nx_layout_check_dir(db, err);   /* never adopt a foreign one */
    if (rc == NX_OK && mkdir(db, 0755) != 0 && errno != EEXIST)
        rc = nx_fail(err, NX_EIO, "%s: %s", db, strerror(errno));
    if (rc == NX_OK && nx_layout_list_gens(db, gens, MAX_GENS, &n) != NX_OK)
        rc = nx_fail(err, NX_EIO, "%s: %s", db, "cannot list generations");
    if (rc != NX_OK)
        goto done;
    st->old_gen = cur;
    target = find_resumable(db, gens, n, cur, key);
    st->resumed_gen = target;
    {
        /* Space first: what is neither live, nor the rollback target, nor
         * the work being resumed is a leftover. */
        unsigned keep[4] = {cur, previous_gen(gens, n, cur), target,
                            last_with_docs(db, gens, n, cur)};
        char *perr = NULL;
        nx_layout_prune(db, keep, 4, &perr);
        free(perr);
    }
    if (!st->resumed_gen) {
        /* A rebuild that cannot finish is not started: about the live
         * generation's size again (an index is ~3 times its text), twice
         * when a compacted copy or the parts are written as well. */
        uint64_t src = 3 * nx_index_source_bytes(paths, npaths), need = src;
        if (cur) {
            char *live = nx_layout_gen_path(db, cur);
            uint64_t have = live ? dir_bytes(live) : 0;
            free(live);
            need = have > src ? have : src;
        }
        if (o->compact || o->jobs > 1)
            need *= 2;
        rc = nx_space_check(db, NX_SPACE_FLOOR + need, err);
        if (rc != NX_OK)
            goto done;
    }
    if (!target)
        target = (n && gens[n - 1] > cur ? gens[n - 1] : cur) + 1;
    build = nx_layout_gen_path(db, target);
    if (!build) {
        rc = NX_ENOMEM;
        goto done;
    }
    int parallel = !st->resumed_gen && o->jobs > 1;
    if (!st->resumed_gen) {
        rc = nx_layout_remove_tree(build, err);
        if (rc == NX_OK && !parallel)
            rc = set_key(build, key, 1, err);
        if (rc != NX_OK)
            goto done;
    }

    if (parallel) {
        rc = build_parallel(o, key, build, paths, npaths, &st->index, report,
                            report_ctx, err);
    } else {
        nx_index_options io = o->index;
        io.command = "rebuild";
        io.gen_path = build;
        io.no_sync = 1;      /* synced once, before the swap (verify) */
        io.incremental = 1;  /* a resumed generation keeps what it has */
        io.prune = NX_PRUNE_ALL;
        io.archive_table = 1;
        rc = nx_index_run(&io, paths, npaths, &st->index, report, report_ctx,
                          err);
    }
    if (rc == NX_ENOSPC) {
        /* Give the space back: the live generation (and the one kept for
         * rollback) must go on working on this disk. */
        char *e2 = NULL;
        nx_layout_remove_tree(build, &e2);
        free(e2);
    }
    if (rc != NX_OK)
        goto done;   /* the generation stays, for the next run to resume */
    rc = verify(build, st->index.distinct + st->index.held, err);
    if (rc != NX_OK) {
        /* Never resume a generation that failed its check. */
        char *e2 = NULL;
        nx_layout_remove_tree(build, &e2);
        free(e2);
        goto done;
    }
    st->index.documents = st->index.distinct + st->index.held;
    if (cur && !o->index.allow_shrink) {
        int ok;
        uint64_t live = gen_docs(db, cur, &ok);
        if (ok && nx_shrink_refused(live, st->index.documents)) {
            char a[96];
            snprintf(a, sizeof a, "%llu documents where the live generation "
                     "has %llu", (unsigned long long)st->index.documents,
                     (unsigned long long)live);
            rc = nx_fail(err, NX_ESHRINK, "refusing to switch to a generation "
                         "of %s (the sources yield none or far fewer "
                         "articles: an unmounted or emptied archive?); check "
                         "the sources, or run again with --allow-shrink", a);
            char *e2 = NULL;
            nx_layout_remove_tree(build, &e2);
            free(e2);
            goto done;
        }
    }
    final = target;
    if (o->compact && !parallel) {   /* the parts were merged compacted */
        final = target + 1;
        compacted = nx_layout_gen_path(db, final);
        rc = compacted ? nx_layout_remove_tree(compacted, err) : NX_ENOMEM;
        if (rc == NX_OK)
            rc = nx_db_compact((const char *const *)&build, 1, compacted,
                               nx_facet_prefixes, err);
        if (rc == NX_OK)
            rc = verify(compacted, st->index.documents, err);
        if (rc != NX_OK) {
            char *e2 = NULL;
            nx_layout_remove_tree(compacted, &e2);
            free(e2);
            goto done;
        }
    }
    rc = nx_layout_switch(db, final, err);
    if (rc != NX_OK)
        goto done;
    st->new_gen = final;
    st->size_bytes = dir_bytes(compacted ? compacted : build);
    st->compacted = compacted || parallel;
    {
        /* Readers that opened the old generation keep it until the next
         * rebuild: only the one before it goes now. */
        unsigned keep[3] = {final, cur, last_with_docs(db, gens, n, cur)};
        char *perr = NULL;
        if (nx_layout_prune(db, keep, 3, &perr) != NX_OK &&
            report) {
            report(report_ctx, NX_REPORT_WARNING, db, 0, perr ? perr
                   : "could not delete an old generation");
        }
        free(perr);
    }
done:
    free(gens);
    free(key);
    free(build);
    free(compacted);
    return rc;
}

int nx_rollback(const char *db, unsigned *from, unsigned *to, char **err)
{
    *from = *to = 0;
    *err = NULL;
    unsigned gens[MAX_GENS / 16];
    size_t n = 0;
    int rc = current_gen(db, from, err);
    if (rc != NX_OK)
        return rc;
    if (!*from)
        return nx_fail(err, NX_ENOTFOUND, "%s: %s", db, "no newsdex database "
                       "here");
    if (nx_layout_list_gens(db, gens, sizeof gens / sizeof gens[0], &n) !=
        NX_OK)
        return nx_fail(err, NX_EIO, "%s: %s", db, "cannot list generations");
    *to = previous_gen(gens, n, *from);
    char *path = *to ? nx_layout_gen_path(db, *to) : NULL;
    uint64_t docs;
    if (!*to || !path || nx_db_peek(path, NULL, &docs, NULL, err) != NX_OK) {
        free(path);
        free(*err);
        *err = NULL;
        *to = 0;
        return nx_fail(err, NX_ENOTFOUND, "%s: %s", db, "no earlier "
                       "generation to roll back to (a rebuild keeps the one "
                       "it replaces)");
    }
    free(path);
    rc = nx_layout_switch(db, *to, err);
    if (rc != NX_OK)
        return rc;
    /* The generation left behind must not look like a rebuild to resume. */
    char *left = nx_layout_gen_path(db, *from);
    if (left && set_key(left, "", 0, err) != NX_OK) {
        free(*err);     /* the switch is done; this only affects resuming */
        *err = NULL;
    }
    free(left);
    return NX_OK;
}
