/*
 * slots.c — a cap on concurrent searches (nx_cgi.h): each search holds
 * one of N lock files; the kernel drops the lock when the process ends,
 * however it ends, so a crashed request never leaks a slot.
 *
 * The cap fails closed: a directory this process cannot trust to be its
 * own (another user's, writable by others, reached through a link) is an
 * error, not a reason to search uncapped — otherwise any local user could
 * lift the cap by pre-creating the directory.
 */
#include "nx_cgi.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why `dir` cannot hold the slots, or NULL; `why` is the buffer. */
static const char *untrusted(const char *dir, char *why, size_t n)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        snprintf(why, n, "%s", strerror(errno));
    else if (S_ISLNK(st.st_mode))
        snprintf(why, n, "is a symbolic link");
    else if (!S_ISDIR(st.st_mode))
        snprintf(why, n, "is not a directory");
    else if (st.st_uid != geteuid())
        snprintf(why, n, "is owned by uid %lu, not by this user (uid %lu)",
                 (unsigned long)st.st_uid, (unsigned long)geteuid());
    else if (st.st_mode & (S_IWGRP | S_IWOTH))
        snprintf(why, n, "is writable by other users (mode %03o)",
                 (unsigned)(st.st_mode & 0777));
    else
        return NULL;
    return why;
}

int nx_cgi_slot_take(const char *dir, unsigned n, char *why, size_t whylen)
{
    why[0] = '\0';
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        snprintf(why, whylen, "cannot create: %s", strerror(errno));
        return -1;
    }
    if (untrusted(dir, why, whylen))
        return -1;
    for (unsigned i = 0; i < n; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/slot-%u", dir, i) >=
            sizeof path) {
            snprintf(why, whylen, "path too long");
            return -1;
        }
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
                      O_CLOEXEC, 0600);
        if (fd < 0) {
            snprintf(why, whylen, "slot-%u: %s", i, strerror(errno));
            return -1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        int e = errno;
        close(fd);
        if (e != EWOULDBLOCK) {
            snprintf(why, whylen, "slot-%u: %s", i, strerror(e));
            return -1;
        }
    }
    errno = EWOULDBLOCK;
    return -1;
}

void nx_cgi_slot_release(int *slot)
{
    if (*slot >= 0)
        close(*slot);   /* closing the only descriptor drops the flock */
    *slot = -1;
}
