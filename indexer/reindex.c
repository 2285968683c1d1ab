/*
 * reindex.c — what makes a run incremental (nx_indexer.h, run_internal.h):
 *
 *  - change detection: a 64-bit FNV-1a hash of every field read from a
 *    record (plus the run's configuration) is stored with its document
 *    (NX_SLOT_HASH); a record whose stored hash is equal is skipped before
 *    extraction, the expensive part.  Not mtimes: a file rewritten with
 *    the same records changes nothing, one changed record in a big file
 *    changes one document.
 *  - sources: every document carries NX_PREFIX_SOURCE + its source file,
 *    so the documents of a source root are a few posting lists; those a
 *    run did not see are deleted, except where their file reported a
 *    skipped record (a record that no longer parses is not "gone").
 *  - progress: every commit carries NX_META_PROGRESS, how many records in
 *    source order the database reflects, written in the same transaction
 *    as the batch (the writer's transactions make the pair atomic).
 */
#include "run_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "nx_buf.h"
#include "nx_facets.h"
#include "nx_hash.h"
#include "nx_stored.h"

#define SOURCE_TERM_MAX 200   /* bytes of source in a term (< NX_TERM_MAX) */
#define PATH_BOUND 4096
#define DEPTH_BOUND 64
#define TAINT_BOUND 10000000   /* sources one run may mark as partly read */

/* ------------------------------------------------------------- hashing */

/* Length-prefixed, so ("ab","c") and ("a","bc") differ; NULL differs
 * from "". */
static uint64_t fnv_str(uint64_t h, const char *s)
{
    uint64_t n = s ? strlen(s) + 1 : 0;
    h = nx_fnv1a64(h, &n, sizeof n);
    return s ? nx_fnv1a64(h, s, n - 1) : h;
}

static uint64_t fnv_list(uint64_t h, const nx_strlist *l)
{
    uint64_t n = l->n;
    h = nx_fnv1a64(h, &n, sizeof n);
    for (size_t i = 0; i < l->n; i++)
        h = fnv_str(h, l->v[i]);
    return h;
}

uint64_t nx_article_hash(const nx_article *a, uint64_t config)
{
    uint64_t h = nx_fnv1a64(NX_FNV64_OFFSET, &config, sizeof config);
    h = fnv_str(h, a->id);
    h = fnv_str(h, a->title);
    h = fnv_str(h, a->body);
    h = fnv_str(h, a->url);
    h = fnv_str(h, a->source);
    h = nx_fnv1a64(h, &a->date, sizeof a->date);
    h = fnv_str(h, a->date_raw);
    h = fnv_list(h, &a->authors);
    h = fnv_list(h, &a->categories);
    h = fnv_list(h, &a->people);
    h = fnv_list(h, &a->orgs);
    return fnv_list(h, &a->places);
}

uint64_t nx_index_config_hash(int extract, const char *aliases_tsv)
{
    /* A new newsdex may extract differently: its version is part of it. */
    char head[64];
    snprintf(head, sizeof head, "newsdex %s format %d extract %d",
             NX_VERSION_STRING, NX_FORMAT_VERSION,
             extract == 2 ? 2 : extract ? 1 : 0);
    uint64_t h = fnv_str(NX_FNV64_OFFSET, head);
    return fnv_str(h, aliases_tsv);
}

char *nx_source_term(const char *source)
{
    size_t n = strlen(source), pl = strlen(NX_PREFIX_SOURCE);
    char *t = malloc(pl + (n < SOURCE_TERM_MAX ? n : SOURCE_TERM_MAX) + 18);
    if (!t)
        return NULL;
    if (n <= SOURCE_TERM_MAX) {
        snprintf(t, pl + n + 1, "%s%s", NX_PREFIX_SOURCE, source);
        return t;
    }
    /* Too long for a term: a prefix (so directory scopes still find it)
     * and a hash of the rest.  Pruning checks the stored source anyway. */
    snprintf(t, pl + SOURCE_TERM_MAX + 18, "%s%.*s#%016llx", NX_PREFIX_SOURCE,
             SOURCE_TERM_MAX, source,
             (unsigned long long)fnv_str(NX_FNV64_OFFSET, source));
    return t;
}

/* ------------------------------------------------------------- counting */

static uint64_t tree_bytes(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return (uint64_t)st.st_size;
    if (!S_ISDIR(st.st_mode) || depth >= DEPTH_BOUND)
        return 0;
    uint64_t sum = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    char sub[PATH_BOUND];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) <
            (int)sizeof sub)
            sum += tree_bytes(sub, depth + 1);
    }
    if (d)
        closedir(d);
    return sum;
}

uint64_t nx_index_source_bytes(const char *const *paths, size_t npaths)
{
    uint64_t bytes = 0;
    for (size_t i = 0; i < npaths; i++)
        if (strcmp(paths[i], "-") != 0)
            bytes += tree_bytes(paths[i], 0);
    return bytes;
}

static int count_one(void *ctx, nx_article *a)
{
    (void)a;
    (*(uint64_t *)ctx)++;
    return 0;
}

int nx_index_count(const char *const *paths, size_t npaths,
                   const nx_ingest_options *opts, uint64_t max_bytes,
                   uint64_t *count)
{
    *count = 0;
    uint64_t bytes = 0;
    for (size_t i = 0; i < npaths; i++) {
        if (strcmp(paths[i], "-") == 0)
            return NX_EINVAL;   /* standard input can be read once */
        bytes += tree_bytes(paths[i], 0);
    }
    if (bytes > max_bytes)
        return NX_ETOOBIG;
    return nx_ingest_paths(paths, npaths, opts, count_one, NULL, count);
}

/* ------------------------------------------------------------- progress */

int nx_run_commit(run_ctx *c, const char *state)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NX_ENOMEM;
    cJSON_AddStringToObject(o, "command",
                            c->opts->command ? c->opts->command : "index");
    cJSON_AddStringToObject(o, "state", state);
    cJSON_AddNumberToObject(o, "records", (double)c->st->read);
    if (c->last_id)
        cJSON_AddStringToObject(o, "last_id", c->last_id);
    else
        cJSON_AddNullToObject(o, "last_id");
    cJSON_AddNumberToObject(o, "deleted", (double)c->st->deleted);
    /* The interrupted run this one follows had committed this many: the
     * database reflects the first max(records, resumed) records. */
    cJSON_AddNumberToObject(o, "resumed", (double)c->st->resumed);
    cJSON_AddStringToObject(o, "started", c->started);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s)
        return NX_ENOMEM;
    int rc = nx_writer_set_metadata(c->w, NX_META_PROGRESS, s);
    free(s);
    return rc == NX_OK ? nx_writer_commit(c->w) : rc;
}

void nx_run_read_progress(run_ctx *c)
{
    char *s = NULL;
    if (nx_writer_get_metadata(c->w, NX_META_PROGRESS, &s) != NX_OK || !s)
        return;
    cJSON *o = cJSON_Parse(s);
    free(s);
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "state");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, "records");
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "resumed");
    if (cJSON_IsString(st) && strcmp(st->valuestring, "done") != 0) {
        c->st->interrupted = 1;
        c->st->resumed = cJSON_IsNumber(n) ? (uint64_t)n->valuedouble : 0;
        if (cJSON_IsNumber(r) && r->valuedouble > (double)c->st->resumed)
            c->st->resumed = (uint64_t)r->valuedouble;
    }
    cJSON_Delete(o);
}

/* ----------------------------------------------------- change detection */

int nx_run_unchanged(run_ctx *c, const nx_article *a, uint64_t hash)
{
    size_t klen = strlen(a->id);
    long prev;
    if (nx_strmap_get(c->seen, a->id, klen, &prev)) {
        /* The later record wins; never call it unchanged, or the earlier
         * one just written would stay. */
        if (c->report)
            c->report(c->report_ctx, NX_REPORT_WARNING,
                      a->source ? a->source : "-", a->line,
                      "id already used by an earlier record; this one "
                      "replaces it");
        c->st->warnings++;
        return 0;
    }
    if (nx_strmap_put(c->seen, a->id, klen, 1) != 0)
        return NX_ENOMEM;
    char *v = NULL;
    size_t len = 0;
    int found = 0;
    int rc = nx_writer_get_value(c->w, a->id, NX_SLOT_HASH, &v, &len, &found);
    if (rc != NX_OK)
        return rc;
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
    int same = found && len == 16 && memcmp(v, hex, 16) == 0;
    free(v);
    return same;
}

/* ------------------------------------------------------ sources, scopes */

/* The id base of a root, by the rule of nx_ingest.h ("Ids and sources"):
 * a directory's last component (none for ".", ".." and "/"), a file's
 * path less leading "./".  test_reindex holds the two in step. */
static char *root_rel(const char *root, int *is_dir)
{
    struct stat st;
    *is_dir = strcmp(root, "-") != 0 && stat(root, &st) == 0 &&
              S_ISDIR(st.st_mode);
    if (!*is_dir) {
        while (root[0] == '.' && root[1] == '/') {
            root += 2;
            while (*root == '/')
                root++;
        }
        return strdup(root);
    }
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    size_t s = n;
    while (s > 0 && root[s - 1] != '/')
        s--;
    size_t len = n - s;
    const char *base = root + s;
    if (len == 0 || (len == 1 && (base[0] == '.' || base[0] == '/')) ||
        (len == 2 && base[0] == '.' && base[1] == '.'))
        len = 0;
    return strndup(base, len);
}

/* Whether source lies under (or is) `scope`; "" is everything. */
static int under(const char *source, const char *scope)
{
    size_t n = strlen(scope);
    return n == 0 || (strncmp(source, scope, n) == 0 &&
                      (source[n] == '\0' || source[n] == '/'));
}

/* The source of a file the ingest reported, given the roots. */
static char *source_of(run_ctx *c, const char *file)
{
    for (size_t i = 0; i < c->npaths; i++) {
        const char *r = c->paths[i];
        int is_dir;
        size_t n = strlen(r);
        if (strcmp(file, r) == 0)
            return root_rel(r, &is_dir);
        if (n == 0 || strncmp(file, r, n) != 0 ||
            (r[n - 1] != '/' && file[n] != '/'))
            continue;
        char *rel = root_rel(r, &is_dir);
        if (!rel || !is_dir) {
            free(rel);
            continue;
        }
        const char *sub = file + n;
        while (*sub == '/')
            sub++;
        size_t m = strlen(rel) + strlen(sub) + 2;
        char *s = malloc(m);
        if (s)
            snprintf(s, m, "%s%s%s", rel, *rel ? "/" : "", sub);
        free(rel);
        return s;
    }
    return strdup("");   /* not placeable: hold back every deletion */
}

int nx_run_taint(run_ctx *c, const char *file)
{
    char *s = source_of(c, file);
    if (!s)
        return NX_ENOMEM;
    for (size_t i = 0; i < c->ntaint; i++)
        if (strcmp(c->taint[i], s) == 0) {
            free(s);
            return NX_OK;
        }
    int rc = nx_grow(&c->taint, &c->taint_cap, c->ntaint + 1,
                     sizeof *c->taint, TAINT_BOUND);
    if (rc != NX_OK) {
        free(s);
        return rc;
    }
    c->taint[c->ntaint++] = s;
    return NX_OK;
}

/* One root's scope while pruning. */
typedef struct prune_ctx {
    run_ctx *c;
    const char *scope;   /* source prefix ("" = all); NULL: exact `file` */
    const char *file;    /* the one source of a file root */
    uint64_t in_scope;   /* documents of the root found */
    uint64_t doomed;     /* of them, not seen: to delete */
} prune_ctx;

static char *stored_source(run_ctx *c, const char *id, int *rc)
{
    char *data = NULL, *src = NULL;
    size_t len;
    int found;
    *rc = nx_writer_get_data(c->w, id, &data, &len, &found);
    if (*rc != NX_OK || !found)
        return NULL;
    nx_stored d;
    if (nx_stored_parse(&d, data, len) == NX_ENOMEM ||
        (d.source && !(src = strdup(d.source))))
        *rc = NX_ENOMEM;
    nx_stored_clear(&d);
    free(data);
    return src;
}

/* Decides one document of a root's scope; the deletions are collected
 * first, so the shrink rule sees them all before any is made. */
static int prune_one(void *ctx, const char *id)
{
    prune_ctx *p = ctx;
    run_ctx *c = p->c;
    size_t klen = strlen(id);
    long v;
    if (nx_strmap_get(c->seen, id, klen, &v)) {
        p->in_scope += v == 1;   /* seen by the run: kept */
        return NX_OK;
    }
    /* Overlapping roots visit a document twice: decide once. */
    if (nx_strmap_put(c->seen, id, klen, 2) != 0)
        return NX_ENOMEM;
    int rc;
    char *src = stored_source(c, id, &rc);
    if (rc != NX_OK)
        return rc;
    /* The term found it; the stored source decides (a long source's term
     * is only a prefix of it). */
    int in = p->file ? src && strcmp(src, p->file) == 0
                     : !*p->scope || (src && under(src, p->scope));
    int held = 0;
    for (size_t i = 0; in && i < c->ntaint && !held; i++)
        held = !src || under(src, c->taint[i]);
    free(src);
    if (!in)
        return NX_OK;
    p->in_scope++;
    if (held) {
        c->st->held++;
        return NX_OK;
    }
    p->doomed++;
    return nx_strlist_push(&c->doomed, id);
}

int nx_shrink_refused(uint64_t before, uint64_t after)
{
    if (after >= before)
        return 0;
    uint64_t lost = before - after;
    return after == 0 ||
           (lost * 100 > before * NX_SHRINK_SHARE && lost > NX_SHRINK_HANDFUL);
}

static void refuse(run_ctx *c, uint64_t lost, uint64_t of, const char *where,
                   const char *why)
{
    if (c->refused)
        return;
    c->refused_lost = lost;
    c->refused_of = of;
    const char *fmt = "refusing to delete %llu of %llu articles%s%s (%s); "
                      "nothing was deleted: check the source, or run again "
                      "with --allow-shrink to delete them";
    size_t n = strlen(fmt) + strlen(where) + strlen(why) + 64;
    if ((c->refused = malloc(n)))
        snprintf(c->refused, n, fmt, (unsigned long long)lost,
                 (unsigned long long)of, *where ? " under " : "", where, why);
}

static int prune_root(run_ctx *c, const char *root)
{
    int is_dir;
    char *rel = root_rel(root, &is_dir);
    if (!rel)
        return NX_ENOMEM;
    prune_ctx p = {c, NULL, NULL, 0, 0};
    char *term = NULL;
    int exact = 1;
    if (is_dir) {
        p.scope = rel;
        size_t n = strlen(rel);
        /* "corpus/" finds corpus/a.jsonl, never corpus2/b.jsonl. */
        char *dir = malloc(n + 2);
        if (dir) {
            snprintf(dir, n + 2, "%s%s", rel, n ? "/" : "");
            if (n + 1 > SOURCE_TERM_MAX)
                dir[SOURCE_TERM_MAX] = '\0';
            term = malloc(strlen(dir) + sizeof NX_PREFIX_SOURCE);
            if (term)
                sprintf(term, "%s%s", NX_PREFIX_SOURCE, dir);
            free(dir);
        }
        exact = 0;
    } else {
        p.file = rel;
        term = nx_source_term(rel);
    }
    int rc = term ? nx_writer_each_id(c->w, term, exact, prune_one, &p)
                  : NX_ENOMEM;
    if (rc == NX_OK && !c->opts->allow_shrink && p.doomed &&
        nx_shrink_refused(p.in_scope, p.in_scope - p.doomed))
        refuse(c, p.doomed, p.in_scope, *rel ? rel : root,
               p.doomed == p.in_scope
                   ? "the source yields none of them: an unmounted or "
                     "emptied archive?"
                   : "more than half of them are missing from the source");
    free(term);
    free(rel);
    return rc;
}

int nx_run_prune(run_ctx *c)
{
    int rc = NX_OK;
    if (c->opts->prune == NX_PRUNE_ALL) {
        prune_ctx p = {c, "", NULL, 0, 0};
        rc = nx_writer_each_id(c->w, NX_ID_PREFIX, 0, prune_one, &p);
    } else {
        uint64_t total = nx_writer_doccount(c->w);
        for (size_t i = 0; i < c->npaths && rc == NX_OK; i++)
            rc = prune_root(c, c->paths[i]);
        if (rc == NX_OK && !c->opts->allow_shrink &&
            nx_shrink_refused(total, total - c->doomed.n))
            refuse(c, c->doomed.n, total, "",
                   "more than half of the index is missing from the sources");
        if (rc == NX_OK && c->refused)
            return NX_ESHRINK;
    }
    for (size_t i = 0; rc == NX_OK && i < c->doomed.n; i++) {
        int found = 0;
        rc = nx_writer_delete(c->w, c->doomed.v[i], &found);
        if (rc == NX_OK && found)
            c->st->deleted++;
        if (rc == NX_OK && nx_writer_pending(c->w) >= c->batch)
            rc = nx_run_commit(c, "deleting");
    }
    return rc;
}

void nx_run_clear(run_ctx *c)
{
    nx_strmap_free(c->seen);
    for (size_t i = 0; i < c->ntaint; i++)
        free(c->taint[i]);
    free(c->taint);
    free(c->last_id);
    nx_strlist_clear(&c->doomed);
    free(c->refused);
}
