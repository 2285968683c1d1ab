/*
 * nx_status.h — the status codes every newsdex module returns (0 or a
 * negative NX_E... code), their static texts and the formatting of a
 * detailed message.  The ground floor:
 * it knows nothing of Xapian, news or files.
 */
#ifndef NX_STATUS_H
#define NX_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
    NX_OK = 0,
    NX_ENOMEM = -1,     /* out of memory */
    NX_EINVAL = -2,     /* bad argument or parameter */
    NX_EIO = -3,        /* file system error */
    NX_EDB = -4,        /* database error (corrupt, unreadable, Xapian) */
    NX_EQUERY = -5,     /* the query does not parse */
    NX_ENOTFOUND = -6,  /* no such document / database */
    NX_ELOCKED = -7,    /* another writer holds the database */
    NX_EVERSION = -8,   /* database format this build cannot read */
    NX_EMODIFIED = -9,  /* database changed under a reader: reopen */
    NX_ENETWORK = -10,  /* a remote shard is unreachable or timed out */
    NX_ETOOBIG = -11,   /* an input or a buffer passed its bound */
    NX_EPARSE = -12,    /* an input record does not parse */
    NX_ESHRINK = -13,   /* a run would delete most of the index: refused */
    NX_ENOSPC = -14     /* not enough free space to write safely */
};

/* Static text for a status code ("database error"); never NULL. */
const char *nx_strerror(int code);

/* The one way a module formats a detailed error message: a new string
 * from a printf format, owned by the caller (free()); NULL on ENOMEM. */
char *nx_errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sets *err to the formatted message and returns `code`, so a failure is
 * one line: `return nx_fail(err, NX_EIO, "%s: %s", path, strerror(e));`.
 * Nothing is set when err is NULL or *err already holds a message (the
 * first, most specific failure wins and none is leaked). */
int nx_fail(char **err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif
