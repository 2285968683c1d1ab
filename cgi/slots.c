/*
 * slots.c — a cap on concurrent searches (nx_cgi.h): each request holds
 * one of N lock files for its lifetime; the kernel drops the lock when the
 * process ends, however it ends, so a crashed request never leaks a slot.
 */
#include "nx_cgi.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int nx_cgi_slot_take(const char *dir, unsigned n)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    /* A directory someone else made for us (a world-writable /tmp path)
     * must not decide where we write. */
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != geteuid()) {
        errno = EACCES;
        return -1;
    }
    int busy = 0;
    for (unsigned i = 0; i < n; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/slot-%u", dir, i) >=
            sizeof path) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0)
            return -1;
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        busy = errno == EWOULDBLOCK;
        close(fd);
        if (!busy)
            return -1;
    }
    errno = EWOULDBLOCK;
    return -1;
}
