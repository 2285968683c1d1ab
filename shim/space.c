/*
 * space.c — free space before a write (nx_layout.h).
 *
 * Xapian's glass backend writes a commit's changed blocks beside the old
 * ones and then its new base files; a file system that fills up in the
 * middle can leave a database no writer opens again (docs/full-disk.md).
 * So newsdex looks before it writes, and refuses a commit or a rebuild
 * that would not fit, with the numbers, instead of starting it.
 */
#include "nx_layout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "nx_xapian.h"

#define MB 1000000ull

int nx_space_check(const char *path, uint64_t need, char **err)
{
    if (err)
        *err = NULL;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    struct statvfs vfs;
    /* A directory about to be created: its parent's file system. */
    while (statvfs(dir, &vfs) != 0) {
        char *slash = strrchr(dir, '/');
        if (errno != ENOENT || !slash)
            return NX_OK;   /* cannot tell: the write reports ENOSPC */
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    uint64_t avail = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    if (avail >= need)
        return NX_OK;
    if (err) {
        size_t n = strlen(path) + 128;
        if ((*err = malloc(n)))
            snprintf(*err, n, "%s: No space left on device (%llu MB free, "
                     "about %llu MB needed)", path,
                     (unsigned long long)(avail / MB),
                     (unsigned long long)((need + MB - 1) / MB));
    }
    return NX_ENOSPC;
}
