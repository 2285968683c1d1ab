/*
 * layout_gens.c — generations of a database directory (nx_layout.h):
 * listing them, pruning all but the live one and the one it replaced, and
 * syncing a generation a writer built without fsync.
 */
#include "nx_layout.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nx_buf.h"
#include "nx_xapian.h"

#define PATH_BOUND 4096
#define DEPTH_BOUND 16   /* a Xapian generation is one level deep */
#define GENS_BOUND 100000   /* entries "gen-*" of one database listed */

/* The number of a name "gen-NNNNNN" exactly (six digits), else 0. */
static unsigned gen_number(const char *name)
{
    if (strncmp(name, "gen-", 4) != 0 || strlen(name) != 10)
        return 0;
    unsigned g = 0;
    for (const char *p = name + 4; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        g = g * 10 + (unsigned)(*p - '0');
    }
    return g;
}

static int cmp_u(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

int nx_layout_list_gens(const char *dbdir, unsigned *out, size_t max,
                        size_t *n)
{
    *n = 0;
    DIR *d = opendir(dbdir);
    if (!d)
        return errno == ENOENT ? NX_OK : NX_EIO;
    struct dirent *e;
    while ((e = readdir(d)) && *n < max) {
        unsigned g = gen_number(e->d_name);
        if (g)
            out[(*n)++] = g;
    }
    closedir(d);
    qsort(out, *n, sizeof *out, cmp_u);
    return NX_OK;
}

int nx_layout_remove_tree(const char *path, char **err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? NX_OK
                               : nx_fail(err, NX_EIO, "%s: %s", path,
                                         strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0 ? NX_OK
                                 : nx_fail(err, NX_EIO, "%s: %s", path,
                                           strerror(errno));
    DIR *d = opendir(path);
    if (!d)
        return nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
    int rc = NX_OK;
    struct dirent *e;
    char sub[PATH_BOUND];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >=
            (int)sizeof sub)
            continue;
        /* A generation holds files only; a subdirectory is not ours. */
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            rc = nx_fail(err, NX_EIO, "%s: %s", sub, strerror(EISDIR));
        else if (unlink(sub) != 0 && errno != ENOENT)
            rc = nx_fail(err, NX_EIO, "%s: %s", sub, strerror(errno));
    }
    closedir(d);
    if (rc == NX_OK && rmdir(path) != 0)
        rc = nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
    return rc;
}

/* Whether `name` is a file a Xapian glass database or newsdex writes in a
 * generation. */
static int glass_file(const char *name)
{
    size_t n = strlen(name);
    return strcmp(name, "iamglass") == 0 || strcmp(name, "flintlock") == 0 ||
           strncmp(name, "nx-facets.idx", 13) == 0 ||
           strncmp(name, "changes", 7) == 0 ||
           (n > 6 && strcmp(name + n - 6, ".glass") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".tmp") == 0);
}

/* Whether the directory `path` is a generation newsdex made: it holds
 * nothing but the files of a glass database (or nothing).  Someone's
 * directory that happens to be called gen-000007 is not: it is never
 * deleted.  When not, *what (size `n`) names the first stranger. */
static int ours(const char *path, char *what, size_t n)
{
    DIR *d = opendir(path);
    if (!d) {
        snprintf(what, n, "%s", path);
        return 0;
    }
    int yes = 1;
    struct dirent *e;
    char sub[PATH_BOUND];
    while (yes && (e = readdir(d))) {
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (!glass_file(e->d_name) || lstat(sub, &st) != 0 ||
            !S_ISREG(st.st_mode)) {
            snprintf(what, n, "%s", sub);
            yes = 0;
        }
    }
    closedir(d);
    return yes;
}

int nx_layout_check_dir(const char *dbdir, char **err)
{
    if (err)
        *err = NULL;
    char path[PATH_BOUND], what[PATH_BOUND] = "";
    snprintf(path, sizeof path, "%s/XAPIANDB", dbdir);
    struct stat st;
    if (lstat(path, &st) == 0)
        return NX_OK;   /* a database: nx_layout_current() reads it */
    DIR *d = opendir(dbdir);
    if (!d)
        return errno == ENOENT || errno == ENOTDIR ? NX_OK
                                                   : nx_fail(err, NX_EIO, "%s: %s",
                                                             dbdir,
                                                             strerror(errno));
    struct dirent *e;
    while (!*what && (e = readdir(d))) {
        const char *nm = e->d_name;
        if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 ||
            strcmp(nm, NX_LOCK_NAME) == 0 || strcmp(nm, "XAPIANDB.tmp") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dbdir, nm);
        /* An interrupted first rebuild leaves its generation (or parts)
         * and no stub yet: the next rebuild finishes it. */
        if (strncmp(nm, "gen-", 4) == 0 && lstat(path, &st) == 0 &&
            S_ISDIR(st.st_mode) && ours(path, what, sizeof what))
            continue;
        if (!*what)
            snprintf(what, sizeof what, "%s", path);
    }
    closedir(d);
    if (!*what)
        return NX_OK;
    const char *fmt = "%s is not empty and holds no newsdex database (found "
                      "\"%s\"): refusing to create one there; give a new or "
                      "empty directory";
    size_t n = strlen(fmt) + strlen(dbdir) + strlen(what) + 1;
    if (err && (*err = malloc(n)))
        snprintf(*err, n, fmt, dbdir, what);
    return NX_EINVAL;
}

static int kept(unsigned g, const unsigned *keep, size_t nkeep)
{
    for (size_t i = 0; i < nkeep; i++)
        if (keep[i] == g)
            return 1;
    return 0;
}

int nx_layout_prune(const char *dbdir, const unsigned *keep, size_t nkeep,
                    char **err)
{
    if (err)
        *err = NULL;
    DIR *d = opendir(dbdir);
    if (!d)
        return nx_fail(err, NX_EIO, "%s: %s", dbdir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = NX_OK;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "gen-", 4) != 0)
            continue;
        unsigned g = gen_number(e->d_name);
        if (g && kept(g, keep, nkeep))
            continue;
        if ((rc = nx_grow(&names, &cap, n + 1, sizeof *names,
                          GENS_BOUND)) != NX_OK)
            break;
        if (!(names[n] = strdup(e->d_name))) {
            rc = NX_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    char from[PATH_BOUND], to[PATH_BOUND], what[PATH_BOUND];
    for (size_t i = 0; i < n; i++) {
        snprintf(from, sizeof from, "%s/%s", dbdir, names[i]);
        if (!ours(from, what, sizeof what)) {
            if (err && !*err) {
                size_t m = strlen(from) + strlen(what) + 80;
                if ((*err = malloc(m)))
                    snprintf(*err, m, "%s: not a newsdex generation (it "
                             "holds %s): left alone", from, what);
            }
            rc = rc == NX_OK ? NX_EINVAL : rc;
            free(names[i]);
            continue;
        }
        size_t len = strlen(names[i]);
        if (len > 6 && strcmp(names[i] + len - 6, ".trash") == 0) {
            snprintf(to, sizeof to, "%s", from);
        } else {
            snprintf(to, sizeof to, "%s/%s.trash", dbdir, names[i]);
            if (rename(from, to) != 0) {
                int r = nx_fail(err, NX_EIO, "%s: %s", from,
                                strerror(errno));
                rc = rc == NX_OK ? r : rc;
                free(names[i]);
                continue;
            }
        }
        int r = nx_layout_remove_tree(to, err);
        rc = rc == NX_OK ? r : rc;
        free(names[i]);
    }
    free(names);
    return rc;
}

static int sync_path(const char *path, int depth, char **err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
    int rc = NX_OK;
    if (S_ISDIR(st.st_mode) && depth < DEPTH_BOUND) {
        DIR *d = opendir(path);
        if (!d)
            return nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
        struct dirent *e;
        char sub[PATH_BOUND];
        while ((e = readdir(d)) && rc == NX_OK) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) <
                (int)sizeof sub)
                rc = sync_path(sub, depth + 1, err);
        }
        closedir(d);
    } else if (!S_ISREG(st.st_mode)) {
        return NX_OK;
    }
    if (rc != NX_OK)
        return rc;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
    if (fsync(fd) != 0) {
        int e = errno;
        close(fd);
        return nx_fail(err, NX_EIO, "%s: %s", path, strerror(e));
    }
    close(fd);
    return NX_OK;
}

int nx_layout_sync_tree(const char *path, char **err)
{
    if (err)
        *err = NULL;
    return sync_path(path, 0, err);
}
