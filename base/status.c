/*
 * status.c — texts for the status codes of nx_status.h.
 */
#include "nx_status.h"

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
