/*
 * status.c — texts for the status codes of nx_status.h and the formatting
 * of detailed messages.
 */
#include "nx_status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *nx_strerror(int code)
{
    switch (code) {
    case NX_OK: return "ok";
    case NX_ENOMEM: return "out of memory";
    case NX_EINVAL: return "invalid argument";
    case NX_EIO: return "I/O error";
    case NX_EDB: return "database error";
    case NX_EQUERY: return "query syntax error";
    case NX_ENOTFOUND: return "not found";
    case NX_ELOCKED: return "database locked by another writer";
    case NX_EVERSION: return "unsupported database format";
    case NX_EMODIFIED: return "database modified during read";
    case NX_ENETWORK: return "remote database unreachable";
    case NX_ETOOBIG: return "input too large";
    case NX_EPARSE: return "input does not parse";
    case NX_ESHRINK: return "refused: the index would shrink too much";
    case NX_ENOSPC: return "No space left on device";
    default: return "unknown error";
    }
}

static char *verrf(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *m = n < 0 ? NULL : malloc((size_t)n + 1);
    if (m)
        vsnprintf(m, (size_t)n + 1, fmt, again);
    va_end(again);
    return m;
}

char *nx_errf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = verrf(fmt, ap);
    va_end(ap);
    return m;
}

int nx_fail(char **err, int code, const char *fmt, ...)
{
    if (err && !*err) {
        va_list ap;
        va_start(ap, fmt);
        *err = verrf(fmt, ap);
        va_end(ap);
    }
    return code;
}
