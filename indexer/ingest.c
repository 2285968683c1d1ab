/*
 * ingest.c — walking the paths given to `newsdex index` and reading each
 * file with the reader of its kind (nx_ingest.h).  What the readers share
 * (reports, dates, the record checks) is in record.c.
 *
 * Ids must be stable across runs, so they never depend on the current
 * directory's absolute name or on readdir() order: a directory argument D
 * names its files "basename(D)/relative/path", a file argument keeps the
 * path as given (without a leading "./"), and directories are read in
 * strcmp() order.
 *
 * A walk stays in the directory it was given: a symbolic link whose
 * target is outside it (a link to /proc/self/environ, to /dev/zero, to
 * another tree) is reported and not followed, and no file of a kernel
 * pseudo-file system (/proc, /sys…) or special file is read.  A path
 * named on the command line is the user's choice and is followed.
 */
#include "ingest_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "nx_buf.h"
#include "nx_xapian.h"

#define PATH_BOUND 4096       /* bytes of a path built while walking */
#define DEPTH_BOUND 128       /* directories nested under an argument */
#define ENTRIES_BOUND 1000000 /* names read from one directory */
#define BLOCK (64 * 1024)     /* read size for streamed JSONL */

/* --------------------------------------------------------------- files */

/* Streams JSONL from f line by line: memory is one record, whatever the
 * size of the file, and an over-long line is counted and passed over
 * without being kept. */
static int stream_jsonl(const nx_ing *g, FILE *f)
{
    char *block = malloc(BLOCK);
    nx_buf line = NX_BUF_INIT;   /* the line so far, within the bound */
    line.max = g->max_record + 1;
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
            if (line.n == 0 && over == 0)
                break;
        }
        const char *p = block, *e = block + n;
        while (rc == NX_OK && (p < e || eof)) {
            const char *nl = p < e ? memchr(p, '\n', (size_t)(e - p)) : NULL;
            const char *seg_end = nl ? nl : e;
            size_t seg = (size_t)(seg_end - p);
            if (over == 0 && line.n + seg > line.max) {
                over = line.n + seg;  /* +1: a CR before LF is not counted */
                line.n = 0;
            } else if (over) {
                over += seg;
            } else if (seg) {
                nx_buf_add(&line, p, seg);
                if ((rc = line.err) != NX_OK)
                    break;
            }
            if (!nl && !eof)
                break;
            lineno++;
            if (over) {
                nx_ing_report_toobig(g, lineno, over);
            } else {
                rc = nx_ing_jsonl_line(g, nx_buf_str(&line), line.n, lineno);
            }
            line.n = 0;
            over = 0;
            if (!nl)
                break;  /* the last line had no newline */
            p = nl + 1;
        }
    }
    nx_buf_free(&line);
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
    nx_buf buf = NX_BUF_INIT;
    buf.max = (size_t)bound;
    int rc = nx_buf_read(&buf, f);
    if (rc == NX_ETOOBIG) {
        if (is_txt)
            nx_ing_report_toobig(g, 0, bound + 1);
        else {
            nx_ing_format_size(b, g->max_file);
            nx_ing_report(g, NX_REPORT_SKIPPED, 0, "file is over the %s "
                          "bound (--max-file)", b);
        }
    } else if (rc == NX_EIO) {
        nx_ing_report(g, NX_REPORT_SKIPPED, 0, "read error: %s",
                      strerror(errno));
    }
    *len = buf.n;
    *out = rc == NX_OK ? nx_buf_take(&buf) : NULL;
    nx_buf_free(&buf);
    if (rc == NX_OK && !*out)
        rc = NX_ENOMEM;
    return rc == NX_ETOOBIG || rc == NX_EIO ? 1 : rc;
}

/* Streams a .jsonl file. */
static int read_jsonl(const nx_ing *g, FILE *f, const nx_ingest_options *opts)
{
    (void)opts;
    return stream_jsonl(g, f);
}

/* Reads a file whole (is_txt: one record, within the record bound) and
 * hands the buffer to its parser. */
static int read_parsed(const nx_ing *g, FILE *f, const nx_ingest_options *opts,
                       int is_txt,
                       int (*parse)(const char *, size_t, const char *,
                                    const char *, const nx_ingest_options *,
                                    nx_article_fn, nx_report_fn, void *))
{
    char *buf = NULL;
    size_t len = 0;
    int rc = read_whole(g, f, is_txt, &buf, &len);
    if (rc == NX_OK)
        rc = parse(buf, len, g->name, g->root_rel, opts, g->on_article,
                   g->on_report, g->ctx);
    else if (rc > 0)
        rc = NX_OK;     /* reported and skipped */
    free(buf);
    return rc;
}

static int read_json(const nx_ing *g, FILE *f, const nx_ingest_options *opts)
{
    return read_parsed(g, f, opts, 0, nx_ingest_json);
}

static int read_txt(const nx_ing *g, FILE *f, const nx_ingest_options *opts)
{
    return read_parsed(g, f, opts, 1, nx_ingest_txt);
}

/* The input formats, by the extension of the file name (any case). */
static const struct reader {
    const char *ext;
    int (*read)(const nx_ing *g, FILE *f, const nx_ingest_options *opts);
} READERS[] = {
    {".jsonl", read_jsonl},
    {".json", read_json},
    {".txt", read_txt},
};

/* Whether the open file is on a kernel pseudo-file system, whose
 * "files" are process or machine state, never articles. */
static int on_pseudo_fs(FILE *f)
{
    struct statfs fs;
    if (fstatfs(fileno(f), &fs) != 0)
        return 0;
    switch ((unsigned long)fs.f_type) {
    case PROC_SUPER_MAGIC: case SYSFS_MAGIC: case DEBUGFS_MAGIC:
    case TRACEFS_MAGIC: case SECURITYFS_MAGIC: case EFIVARFS_MAGIC:
    case CGROUP_SUPER_MAGIC: case CGROUP2_SUPER_MAGIC: case BPF_FS_MAGIC:
    case DEVPTS_SUPER_MAGIC:
        return 1;
    default:
        return 0;
    }
}

/* Reads one file whose type its name says; `explicit`: named on the
 * command line, so an unsupported type is reported rather than passed.
 * `seen` (walks only): the file as judged before opening it; another file
 * found in its place (a link swapped meanwhile) is not read. */
static int read_file(const nx_ingest_options *opts, const char *path,
                     const char *rel, int explicit, const struct stat *seen,
                     nx_article_fn on_article, nx_report_fn on_report,
                     void *ctx)
{
    nx_ing g;
    nx_ing_init(&g, opts, path, rel, on_article, on_report, ctx);
    const struct reader *r = NULL;
    for (size_t i = 0; !r && i < sizeof READERS / sizeof READERS[0]; i++)
        if (has_ext(path, READERS[i].ext))
            r = &READERS[i];
    if (!r) {
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
    struct stat now;
    if (seen && (fstat(fileno(f), &now) != 0 || now.st_dev != seen->st_dev ||
                 now.st_ino != seen->st_ino)) {
        nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "changed while being read "
                      "(replaced by another file); not read");
        fclose(f);
        return NX_OK;
    }
    if (seen && on_pseudo_fs(f)) {
        nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "on a kernel pseudo-file "
                      "system (/proc, /sys...); not read");
        fclose(f);
        return NX_OK;
    }
    int rc = r->read(&g, f, opts);
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
    char root[PATH_MAX];    /* the argument's real path: links stay in it */
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
        if ((rc = nx_grow(&v, &cap, *n + 1, sizeof *v, ENTRIES_BOUND)) !=
            NX_OK)
            break;
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

static int is_article_name(const char *name)
{
    return has_ext(name, ".jsonl") || has_ext(name, ".json") ||
           has_ext(name, ".txt");
}

/* Whether the real path `p` is the walk's root or under it. */
static int in_root(const walk *w, const char *p)
{
    size_t n = strlen(w->root);
    if (n == 1)
        return 1;   /* "/" */
    return strncmp(p, w->root, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* A symbolic link at `path`: 1 (reported) when it must not be followed
 * because its target is outside the root; 0 to go on with stat(). */
static int link_leaves_root(const walk *w, const char *path, const char *rel)
{
    char *target = realpath(path, NULL);
    if (!target)
        return 0;   /* dangling or a loop: stat() says which */
    int leaves = !in_root(w, target);
    if (leaves) {
        struct stat st;
        /* A link that would not be read anyway (notes.md -> elsewhere) is
         * passed over like any other file of that name. */
        int relevant = is_article_name(rel) ||
                       (stat(target, &st) == 0 && S_ISDIR(st.st_mode));
        if (relevant) {
            char msg[2 * PATH_BOUND + 96];
            snprintf(msg, sizeof msg, "symbolic link to %s, outside the "
                     "indexed directory %s; not followed", target, w->root);
            report_path(w, path, "%s", msg);
        }
    }
    free(target);
    return leaves;
}

static const char *special_kind(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket"
         : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : "a special file";
}

static int walk_entry(walk *w, const char *path, const char *rel)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
        link_leaves_root(w, path, rel))
        return NX_OK;
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
        return read_file(w->opts, path, rel, 0, &st, w->on_article,
                         w->on_report, w->ctx);
    /* Sockets, FIFOs, devices are not articles; one named like an article
     * is reported (opening a FIFO would wait for ever). */
    if (is_article_name(rel))
        report_path(w, path, "not a regular file (%s); not read",
                    special_kind(st.st_mode));
    return NX_OK;
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
    w.root[0] = '\0';
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
            if (!realpath(path, w.root)) {
                report_path(&w, path, "cannot read: %s", strerror(errno));
                free(rel);
                continue;
            }
            w.dev[0] = st.st_dev;
            w.ino[0] = st.st_ino;
            w.depth = 1;
            rc = walk_dir(&w, path, rel);
            free(rel);
        } else if (S_ISREG(st.st_mode)) {
            rc = read_file(opts, path, file_rel(path), 1, NULL, on_article,
                           on_report, ctx);
        } else {
            report_path(&w, path, "%s", "not a regular file or directory");
        }
    }
    return rc;
}
