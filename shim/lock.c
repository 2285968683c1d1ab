/*
 * lock.c — the one-writer-at-a-time lock of a database directory
 * (nx_layout.h): flock(2) on DB/lock plus the holder's pid, command and
 * start time written in the file for the message the next writer gets.
 */
#include "nx_layout.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nx_xapian.h"

struct nx_lock {
    int fd;
};

/* Parses the holder lines; missing ones stay empty. */
static void parse_holder(const char *text, nx_lock_holder *h)
{
    memset(h, 0, sizeof *h);
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len > 4 && strncmp(p, "pid=", 4) == 0)
            h->pid = strtol(p + 4, NULL, 10);
        else if (len > 8 && strncmp(p, "command=", 8) == 0)
            snprintf(h->command, sizeof h->command, "%.*s", (int)(len - 8),
                     p + 8);
        else if (len > 6 && strncmp(p, "since=", 6) == 0)
            snprintf(h->since, sizeof h->since, "%.*s", (int)(len - 6), p + 6);
        p = nl ? nl + 1 : NULL;
    }
}

static void read_holder(int fd, nx_lock_holder *h)
{
    char buf[512];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    parse_holder(buf, h);
}

static void write_holder(int fd, const char *command)
{
    char since[32], text[256];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int n = snprintf(text, sizeof text, "pid=%ld\ncommand=%.96s\nsince=%s\n",
                     (long)getpid(), command, since);
    /* Best effort: the lines only inform; the flock is the lock. */
    if (ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)n, 0) != n)
        (void)ftruncate(fd, 0);
}

/* Why the opened lock file cannot be written, or NULL. */
static const char *lock_file_problem(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return strerror(errno);
    if (!S_ISREG(st.st_mode))
        return "is not a regular file (remove it)";
    if (st.st_nlink > 1)
        return "has other hard links, so writing it would change another "
               "file (remove it)";
    return NULL;
}

int nx_lock_acquire(nx_lock **out, const char *dbdir, const char *command,
                    double wait_seconds, nx_lock_holder *holder, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    if (holder)
        memset(holder, 0, sizeof *holder);
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dbdir, NX_LOCK_NAME) >=
        (int)sizeof path) {
        return nx_fail(err, NX_EINVAL, "%s: path too long", dbdir);
    }
    if (mkdir(dbdir, 0755) != 0 && errno != EEXIST)
        return nx_fail(err, NX_EIO, "%s: %s", dbdir, strerror(errno));
    /* The holder lines truncate the file: never through a link planted
     * there (O_NOFOLLOW), nor into a FIFO or device (O_NONBLOCK keeps the
     * open itself from waiting on one; the fstat refuses it). */
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
                  0644);
    if (fd < 0) {
        int e = errno;
        return nx_fail(err, e == ENOTDIR ? NX_EINVAL : NX_EIO, "%s: %s", path,
                       e == ELOOP ? "is a symbolic link, not a lock file "
                                    "(remove it)"
                                  : strerror(e));
    }
    const char *why = lock_file_problem(fd);
    if (why) {
        close(fd);
        return nx_fail(err, NX_EIO, "%s: %s", path, why);
    }
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int rc = nx_fail(err, NX_EIO, "%s: %s", path, strerror(errno));
            close(fd);
            return rc;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        double waited = (double)(now.tv_sec - start.tv_sec) +
                        (now.tv_nsec - start.tv_nsec) / 1e9;
        if (waited >= wait_seconds) {
            if (holder)
                read_holder(fd, holder);
            close(fd);
            return NX_ELOCKED;
        }
        /* Polling keeps the wait bounded without signals (alarm() would
         * interfere with the caller's own handlers). */
        struct timespec nap = {0, 100 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    nx_lock *l = malloc(sizeof *l);
    if (!l) {
        close(fd);
        return NX_ENOMEM;
    }
    l->fd = fd;
    write_holder(fd, command);
    *out = l;
    return NX_OK;
}

void nx_lock_release(nx_lock *l)
{
    if (!l)
        return;
    /* Cleared before the unlock, so the lines never name a finished run. */
    if (ftruncate(l->fd, 0) != 0) {
        /* stale lines are recognised by their dead pid anyway */
    }
    flock(l->fd, LOCK_UN);
    close(l->fd);
    free(l);
}

int nx_lock_holder_get(const char *dbdir, nx_lock_holder *holder)
{
    memset(holder, 0, sizeof *holder);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dbdir, NX_LOCK_NAME);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    if (lock_file_problem(fd)) {
        close(fd);
        return 0;
    }
    read_holder(fd, holder);
    close(fd);
    if (holder->pid <= 0)
        return 0;
    if (kill((pid_t)holder->pid, 0) != 0 && errno == ESRCH) {
        memset(holder, 0, sizeof *holder);  /* killed writer: stale lines */
        return 0;
    }
    return 1;
}
