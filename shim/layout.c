/*
 * layout.c — the newsdex database directory (nx_layout.h).
 */
#include "nx_layout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nx_xapian.h"

char *nx_layout_gen_path(const char *dbdir, unsigned gen)
{
    size_t n = strlen(dbdir) + 32;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/gen-%06u", dbdir, gen);
    return p;
}

/* Reads the generation number from the stub's "auto gen-NNNNNN" line. */
static int read_stub(const char *dbdir, unsigned *gen, char **err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dbdir, NX_STUB_NAME);
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? NX_ENOTFOUND
                               : nx_fail(err, NX_EIO, "%s: %s", path,
                                         strerror(errno));
    char line[512];
    int rc = nx_fail(err, NX_EINVAL,
                     "%s: %s", path, "does not name a newsdex generation "
                     "(expected a line \"auto gen-NNNNNN\")");
    while (fgets(line, sizeof line, f)) {
        unsigned g;
        char tail;
        if (sscanf(line, "auto gen-%u%c", &g, &tail) == 2 &&
            (tail == '\n' || tail == '\r') && g > 0) {
            *gen = g;
            if (err) {
                free(*err);
                *err = NULL;
            }
            rc = NX_OK;
            break;
        }
    }
    fclose(f);
    return rc;
}

int nx_layout_switch(const char *dbdir, unsigned gen, char **err)
{
    char tmp[4096], path[4096], text[64];
    snprintf(tmp, sizeof tmp, "%s/%s.tmp", dbdir, NX_STUB_NAME);
    snprintf(path, sizeof path, "%s/%s", dbdir, NX_STUB_NAME);
    int n = snprintf(text, sizeof text, "auto gen-%06u\n", gen);
    /* A leftover (a crashed switch, or a link planted there) is removed,
     * not written through: the caller holds the lock, so no other writer
     * owns it, and O_EXCL never follows a link that reappears. */
    if (unlink(tmp) != 0 && errno != ENOENT)
        return nx_fail(err, NX_EIO, "%s: %s", tmp, strerror(errno));
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0644);
    if (fd < 0)
        return nx_fail(err, NX_EIO, "%s: %s", tmp, strerror(errno));
    if (write(fd, text, (size_t)n) != n || fsync(fd) != 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        return nx_fail(err, NX_EIO, "%s: %s", tmp, strerror(e));
    }
    close(fd);
    if (rename(tmp, path) != 0)
        return nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
    /* Make the rename itself durable. */
    int dfd = open(dbdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return NX_OK;
}

int nx_layout_current(const char *dbdir, int create, char **gen_path,
                      unsigned *gen, char **err)
{
    *gen_path = NULL;
    if (err)
        *err = NULL;
    struct stat st;
    if (stat(dbdir, &st) == 0 && !S_ISDIR(st.st_mode))
        return nx_fail(err, NX_EINVAL, "%s: %s", dbdir,
                       "is a file (a stub of shards?), not a newsdex database "
                       "directory: index into each shard's directory");
    int rc = read_stub(dbdir, gen, err);
    if (rc == NX_ENOTFOUND) {
        if (!create)
            return nx_fail(err, NX_ENOTFOUND, "%s: %s", dbdir,
                           "no newsdex database here (create one with "
                           "`newsdex index`)");
        char iam[4096];
        snprintf(iam, sizeof iam, "%s/iamglass", dbdir);
        if (access(iam, F_OK) == 0)
            return nx_fail(err, NX_EINVAL, "%s: %s", dbdir,
                           "is a bare Xapian database, not a newsdex database "
                           "directory");
        rc = nx_layout_check_dir(dbdir, err);
        if (rc != NX_OK)
            return rc;
        if (mkdir(dbdir, 0755) != 0 && errno != EEXIST)
            return nx_fail(err, NX_EIO, "%s: %s", dbdir, strerror(errno));
        *gen = 1;
        char *gp = nx_layout_gen_path(dbdir, 1);
        if (!gp)
            return NX_ENOMEM;
        if (mkdir(gp, 0755) != 0 && errno != EEXIST) {
            rc = nx_fail(err, NX_EIO, "%s: %s", gp, strerror(errno));
            free(gp);
            return rc;
        }
        free(gp);
        rc = nx_layout_switch(dbdir, 1, err);
    }
    if (rc != NX_OK)
        return rc;
    *gen_path = nx_layout_gen_path(dbdir, *gen);
    if (!*gen_path)
        return NX_ENOMEM;
    /* A writer must never make a new empty database where the stub names
     * one that is gone (the generation is created before the stub). */
    if (create && stat(*gen_path, &st) != 0) {
        rc = nx_fail(err, NX_EDB, "%s: the database is damaged (XAPIANDB "
                     "names this generation: %s): nothing was written; "
                     "`newsdex rollback` to the previous generation or "
                     "`newsdex rebuild` from the sources",
                     *gen_path, strerror(errno));
        free(*gen_path);
        *gen_path = NULL;
    }
    return rc;
}
