/*
 * ingest.c — walking the paths given to `newsdex index` and reading each
 * file with the reader of its kind (nx_ingest.h), plus what the readers
 * share (ingest_internal.h): reports, dates, the record checks.
 *
 * Ids must be stable across runs, so they never depend on the current
 * directory's absolute name or on readdir() order: a directory argument D
 * names its files "basename(D)/relative/path", a file argument keeps the
 * path as given (without a leading "./"), and directories are read in
 * strcmp() order.
 */
#include "ingest_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "nx_dates.h"
#include "nx_xapian.h"

#define PATH_BOUND 4096       /* bytes of a path built while walking */
#define DEPTH_BOUND 128       /* directories nested under an argument */
#define ENTRIES_BOUND 1000000 /* names read from one directory */
#define BLOCK (64 * 1024)     /* read size for streamed JSONL */

/* ------------------------------------------------------------- shared */

void nx_ing_init(nx_ing *g, const nx_ingest_options *opts, const char *name,
                 const char *root_rel, nx_article_fn on_article,
                 nx_report_fn on_report, void *ctx)
{
    g->id_field = opts && opts->id_field && *opts->id_field ? opts->id_field
                                                            : "id";
    g->max_record = opts && opts->max_record ? opts->max_record
                                             : NX_DEFAULT_MAX_RECORD;
    g->max_file = opts && opts->max_file ? opts->max_file
                                         : NX_DEFAULT_MAX_FILE;
    g->on_article = on_article;
    g->on_report = on_report;
    g->ctx = ctx;
    g->name = name ? name : "-";
    g->root_rel = root_rel ? root_rel : g->name;
}

void nx_ing_report(const nx_ing *g, nx_report_kind kind, long line,
                   const char *fmt, ...)
{
    if (!g->on_report)
        return;
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    g->on_report(g->ctx, kind, g->name, line, reason);
}

void nx_ing_format_size(char buf[32], uint64_t n)
{
    if (n >= (1u << 30) && n % (1u << 30) == 0)
        snprintf(buf, 32, "%llu GiB", (unsigned long long)(n >> 30));
    else if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, 32, "%llu MiB", (unsigned long long)(n >> 20));
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, 32, "%llu KiB", (unsigned long long)(n >> 10));
    else
        snprintf(buf, 32, "%llu bytes", (unsigned long long)n);
}

void nx_ing_report_toobig(const nx_ing *g, long line, uint64_t size)
{
    char bound[32];
    nx_ing_format_size(bound, g->max_record);
    nx_ing_report(g, NX_REPORT_SKIPPED, line,
                  "record is %llu bytes, over the %s bound (--max-record)",
                  (unsigned long long)size, bound);
}

void nx_ing_excerpt(char out[72], const char *s)
{
    size_t n = strlen(s);
    if (n <= 64) {
        memcpy(out, s, n + 1);
        return;
    }
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;    /* do not cut a UTF-8 sequence */
    memcpy(out, s, n);
    memcpy(out + n, "...", 4);
}

int nx_ing_set_date(const nx_ing *g, nx_article *a, const char *raw,
                    long line)
{
    if (!*raw)
        return NX_OK;
    if (!(a->date_raw = strdup(raw)))
        return NX_ENOMEM;
    const char *warning = NULL;
    char ex[72];
    nx_ing_excerpt(ex, raw);
    if (nx_date_parse(raw, &a->date, &warning) != 0) {
        a->date = NX_DATE_NONE;
        nx_ing_report(g, NX_REPORT_WARNING, line, "unreadable date \"%s\"",
                      ex);
    } else if (warning) {
        nx_ing_report(g, NX_REPORT_WARNING, line, "date \"%s\": %s", ex,
                      warning);
    }
    return NX_OK;
}

char *nx_ing_trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r'))
        i++;
    memmove(s, s + i, n - i);
    s[n - i] = '\0';
    return s;
}

int nx_ing_emit(const nx_ing *g, nx_article *a, long line, size_t nbad)
{
    int rc = NX_OK;
    /* A record without text is still an article when it carries anything
     * else (a date, tags, a url): it can be found through its facets, and
     * dropping it would lose it (Reuters-21578 has one such record). */
    int has_fields = a->date != NX_DATE_NONE || a->url || a->authors.n ||
                     a->categories.n || a->people.n || a->orgs.n ||
                     a->places.n;
    size_t idlen = a->id ? strlen(a->id) : 0;
    if (idlen > NX_ID_MAX) {
        /* Not a term Xapian can store: a bad record like any other, not
         * an error that stops the run (and every later one) at it. */
        nx_ing_report(g, NX_REPORT_SKIPPED, line, "id is %zu bytes, over "
                      "the %d-byte bound of an id (a Xapian term)", idlen,
                      NX_ID_MAX);
    } else if (!*a->title && !*a->body && !has_fields) {
        nx_ing_report(g, NX_REPORT_SKIPPED, line, "no title or body");
    } else {
        if (!*a->title && !*a->body)
            nx_ing_report(g, NX_REPORT_WARNING, line,
                          "no title or body; indexed for its other fields");
        if (nbad)
            nx_ing_report(g, NX_REPORT_WARNING, line,
                          "%zu invalid UTF-8 sequence(s) or control "
                          "character(s) replaced by U+FFFD", nbad);
        if (g->on_article)
            rc = g->on_article(g->ctx, a);
    }
    nx_article_clear(a);
    return rc;
}

/* --------------------------------------------------------------- files */

/* Streams JSONL from f line by line: memory is one record, whatever the
 * size of the file, and an over-long line is counted and passed over
 * without being kept. */
static int stream_jsonl(const nx_ing *g, FILE *f)
{
    char *block = malloc(BLOCK), *lb = NULL;
    size_t llen = 0, lcap = 0;
    uint64_t over = 0;  /* > 0: the line so far is over the bound */
    long lineno = 0;
    int rc = NX_OK, eof = 0;
    if (!block)
        return NX_ENOMEM;
    while (rc == NX_OK && !eof) {
        size_t n = fread(block, 1, BLOCK, f);
        if (n == 0) {
            eof = 1;
            if (ferror(f))
                nx_ing_report(g, NX_REPORT_SKIPPED, lineno + 1,
                              "read error: %s; the rest of the file is "
                              "not read", strerror(errno));
            if (llen == 0 && over == 0)
                break;
        }
        const char *p = block, *e = block + n;
        while (rc == NX_OK && (p < e || eof)) {
            const char *nl = p < e ? memchr(p, '\n', (size_t)(e - p)) : NULL;
            const char *seg_end = nl ? nl : e;
            size_t seg = (size_t)(seg_end - p);
            if (over == 0 && llen + seg > g->max_record + 1) {
                over = llen + seg;  /* +1: a CR before LF is not counted */
                llen = 0;
            } else if (over) {
                over += seg;
            } else if (seg) {
                if (llen + seg > lcap) {
                    size_t cap = lcap ? lcap : BLOCK;
                    while (cap < llen + seg)
                        cap *= 2;
                    if (cap > g->max_record + 1)
                        cap = g->max_record + 1;
                    char *nb = realloc(lb, cap);
                    if (!nb) {
                        rc = NX_ENOMEM;
                        break;
                    }
                    lb = nb;
                    lcap = cap;
                }
                memcpy(lb + llen, p, seg);
                llen += seg;
            }
            if (!nl && !eof)
                break;
            lineno++;
            if (over) {
                nx_ing_report_toobig(g, lineno, over);
            } else {
                rc = nx_ing_jsonl_line(g, lb ? lb : "", llen, lineno);
            }
            llen = 0;
            over = 0;
            if (!nl)
                break;  /* the last line had no newline */
            p = nl + 1;
        }
    }
    free(lb);
    free(block);
    return rc;
}

static int has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), m = strlen(ext);
    return n > m && strcasecmp(name + n - m, ext) == 0;
}

/* Reads a .json or .txt file whole, within the file bound (and, for .txt,
 * which is one record, the record bound). */
static int read_whole(const nx_ing *g, FILE *f, int is_txt,
                      char **out, size_t *len)
{
    struct stat st;
    uint64_t bound = g->max_file;
    char b[32];
    if (is_txt && g->max_record < bound)
        bound = g->max_record;
    if (fstat(fileno(f), &st) == 0 && (uint64_t)st.st_size > bound) {
        if (bound == g->max_file) {
            nx_ing_format_size(b, g->max_file);
            nx_ing_report(g, NX_REPORT_SKIPPED, 0, "file is %llu bytes, over "
                          "the %s bound (--max-file)",
                          (unsigned long long)st.st_size, b);
        } else {
            nx_ing_report_toobig(g, 0, (uint64_t)st.st_size);
        }
        return 1;
    }
    /* The size may change while we read (or be 0 for special files):
     * read to EOF, never past the bound. */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap || !buf) {
            if (buf)
                cap = cap > bound / 2 ? (size_t)bound + 1 : cap * 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return NX_ENOMEM;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > bound) {
            free(buf);
            if (is_txt)
                nx_ing_report_toobig(g, 0, n);
            else {
                nx_ing_format_size(b, g->max_file);
                nx_ing_report(g, NX_REPORT_SKIPPED, 0, "file is over the %s "
                              "bound (--max-file)", b);
            }
            return 1;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        nx_ing_report(g, NX_REPORT_SKIPPED, 0, "read error: %s",
                      strerror(errno));
        free(buf);
        return 1;
    }
    *out = buf;
    *len = n;
    return NX_OK;
}

/* Reads one file whose type its name says; `explicit`: named on the
 * command line, so an unsupported type is reported rather than passed. */
static int read_file(const nx_ingest_options *opts, const char *path,
                     const char *rel, int explicit, nx_article_fn on_article,
                     nx_report_fn on_report, void *ctx)
{
    nx_ing g;
    nx_ing_init(&g, opts, path, rel, on_article, on_report, ctx);
    int kind = has_ext(path, ".jsonl") ? 1 : has_ext(path, ".json") ? 2
             : has_ext(path, ".txt")   ? 3 : 0;
    if (kind == 0) {
        if (explicit)
            nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "not a .txt, .json or "
                          ".jsonl file");
        return NX_OK;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "cannot read: %s",
                      strerror(errno));
        return NX_OK;
    }
    int rc;
    if (kind == 1) {
        rc = stream_jsonl(&g, f);
    } else {
        char *buf = NULL;
        size_t len = 0;
        rc = read_whole(&g, f, kind == 3, &buf, &len);
        if (rc == NX_OK)
            rc = (kind == 2 ? nx_ingest_json : nx_ingest_txt)(
                buf, len, path, rel, opts, on_article, on_report, ctx);
        else if (rc > 0)
            rc = NX_OK;     /* reported and skipped */
        free(buf);
    }
    fclose(f);
    return rc;
}

/* ---------------------------------------------------------- directories */

/* The directories being read, from the argument down, to catch symlink
 * loops (a link back to an ancestor) before they recurse for ever. */
typedef struct walk {
    const nx_ingest_options *opts;
    nx_article_fn on_article;
    nx_report_fn on_report;
    void *ctx;
    dev_t dev[DEPTH_BOUND];
    ino_t ino[DEPTH_BOUND];
    int depth;
} walk;

static void report_path(const walk *w, const char *path, const char *fmt,
                        const char *arg)
{
    nx_ing g;
    nx_ing_init(&g, w->opts, path, path, NULL, w->on_report, w->ctx);
    nx_ing_report(&g, NX_REPORT_SKIPPED, 0, fmt, arg);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in a directory, hidden ones left out. */
static int list_dir(const walk *w, const char *path, char ***out, size_t *n)
{
    DIR *d = opendir(path);
    *out = NULL;
    *n = 0;
    if (!d) {
        report_path(w, path, "cannot read directory: %s", strerror(errno));
        return NX_OK;
    }
    char **v = NULL;
    size_t cap = 0;
    int rc = NX_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (*n == ENTRIES_BOUND) {
            report_path(w, path, "%s", "more than 1000000 entries; "
                        "the rest are not read");
            break;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                rc = NX_ENOMEM;
                break;
            }
            v = nv;
        }
        if (!(v[*n] = strdup(de->d_name))) {
            rc = NX_ENOMEM;
            break;
        }
        (*n)++;
    }
    closedir(d);
    if (v)
        qsort(v, *n, sizeof *v, cmp_names);
    *out = v;
    return rc;
}

static int walk_dir(walk *w, const char *path, const char *rel);

static int walk_entry(walk *w, const char *path, const char *rel)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        report_path(w, path, errno == ELOOP ? "symlink loop (%s)"
                    : "cannot read: %s", strerror(errno));
        return NX_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        for (int i = 0; i < w->depth; i++)
            if (w->dev[i] == st.st_dev && w->ino[i] == st.st_ino) {
                report_path(w, path, "%s", "symlink loop: the directory "
                            "is already being read; not read again");
                return NX_OK;
            }
        if (w->depth == DEPTH_BOUND) {
            report_path(w, path, "%s", "directories nested too deep; "
                        "not read");
            return NX_OK;
        }
        w->dev[w->depth] = st.st_dev;
        w->ino[w->depth] = st.st_ino;
        w->depth++;
        int rc = walk_dir(w, path, rel);
        w->depth--;
        return rc;
    }
    if (S_ISREG(st.st_mode))
        return read_file(w->opts, path, rel, 0, w->on_article, w->on_report,
                         w->ctx);
    return NX_OK;   /* sockets, fifos, devices: not articles */
}

static int walk_dir(walk *w, const char *path, const char *rel)
{
    char **names;
    size_t n;
    int rc = list_dir(w, path, &names, &n);
    char *sub = malloc(PATH_BOUND), *subrel = malloc(PATH_BOUND);
    if (!sub || !subrel)
        rc = NX_ENOMEM;
    size_t plen = strlen(path);
    const char *sep = plen > 0 && path[plen - 1] == '/' ? "" : "/";
    for (size_t i = 0; i < n; i++) {
        if (rc == NX_OK) {
            int a = snprintf(sub, PATH_BOUND, "%s%s%s", path, sep, names[i]);
            int b = *rel ? snprintf(subrel, PATH_BOUND, "%s/%s", rel,
                                    names[i])
                         : snprintf(subrel, PATH_BOUND, "%s", names[i]);
            if (a < 0 || a >= PATH_BOUND || b < 0 || b >= PATH_BOUND)
                report_path(w, path, "path of \"%s\" too long; not read",
                            names[i]);
            else
                rc = walk_entry(w, sub, subrel);
        }
        free(names[i]);
    }
    free(names);
    free(sub);
    free(subrel);
    return rc;
}

/* The id base of a file argument: the path as given, less leading "./". */
static const char *file_rel(const char *path)
{
    while (path[0] == '.' && path[1] == '/') {
        path += 2;
        while (*path == '/')
            path++;
    }
    return path;
}

/* The id base of a directory argument: its last component; none for ".",
 * ".." and "/", whose names say nothing about the articles. */
static char *dir_rel(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t s = n;
    while (s > 0 && path[s - 1] != '/')
        s--;
    const char *base = path + s;
    size_t len = n - s;
    if ((len == 1 && base[0] == '.') || (len == 2 && base[0] == '.' &&
        base[1] == '.') || (len == 1 && base[0] == '/') || len == 0)
        len = 0;
    return strndup(base, len);
}

int nx_ingest_paths(const char *const *paths, size_t npaths,
                    const nx_ingest_options *opts,
                    nx_article_fn on_article, nx_report_fn on_report,
                    void *ctx)
{
    walk w;
    w.opts = opts;
    w.on_article = on_article;
    w.on_report = on_report;
    w.ctx = ctx;
    w.depth = 0;
    int rc = NX_OK;
    for (size_t i = 0; i < npaths && rc == NX_OK; i++) {
        const char *path = paths[i];
        struct stat st;
        if (strcmp(path, "-") == 0) {
            nx_ing g;
            nx_ing_init(&g, opts, "-", "-", on_article, on_report, ctx);
            rc = stream_jsonl(&g, stdin);
        } else if (stat(path, &st) != 0) {
            report_path(&w, path, errno == ELOOP ? "symlink loop (%s)"
                        : "cannot read: %s", strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            char *rel = dir_rel(path);
            if (!rel)
                return NX_ENOMEM;
            w.dev[0] = st.st_dev;
            w.ino[0] = st.st_ino;
            w.depth = 1;
            rc = walk_dir(&w, path, rel);
            free(rel);
        } else if (S_ISREG(st.st_mode)) {
            rc = read_file(opts, path, file_rel(path), 1, on_article,
                           on_report, ctx);
        } else {
            report_path(&w, path, "%s", "not a regular file or directory");
        }
    }
    return rc;
}
