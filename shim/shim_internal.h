/*
 * shim_internal.h — private to shim/: the C++ side of nx_xapian.h.  No
 * Xapian type crosses into C; this header is never included from C.
 */
#ifndef NX_SHIM_INTERNAL_H
#define NX_SHIM_INTERNAL_H

#include <string>
#include <xapian.h>

#include "nx_xapian.h"

namespace nx {

/* The libstemmer-backed English stemmer (stem.cc). */
Xapian::Stem make_stemmer();

/* A malloc'd copy of s (the C side frees with free()). */
char *dup(const std::string &s);

/* The id term of a document (nx_term.h), and whether Xapian can hold it. */
inline std::string id_term(const std::string &id)
{
    return NX_ID_PREFIX + id;
}
inline bool term_fits(const std::string &t)
{
    return t.size() <= NX_TERM_MAX;
}

/* The exception firewall: maps the exception in flight to a status code
 * and writes its message into `msg`.  Call only inside a catch block. */
int firewall(std::string &msg);

/* Runs f() behind the firewall: returns f's status, or the mapped code. */
template <class F> int guarded(std::string &msg, F f)
{
    try {
        return f();
    } catch (...) {
        return firewall(msg);
    }
}

} // namespace nx

#endif
