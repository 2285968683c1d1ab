/*
 * shim_db.h — the body of nx_db, shared by reader.cc and search.cc.
 */
#ifndef NX_SHIM_DB_H
#define NX_SHIM_DB_H

#include <string>
#include <xapian.h>

#include "shim_internal.h"

struct nx_db {
    Xapian::Database db;
    std::string path;  /* as opened */
    bool local = true; /* no remote shard: facets may count from terms */
    std::string msg;   /* last error */
};

namespace nx {

/* Runs f() behind the firewall; when the database was modified under the
 * reader (a writer committed twice meanwhile), reopens and tries once more,
 * as DESIGN.md asks of readers. */
template <class F> int with_retry(nx_db *db, F f)
{
    int rc = guarded(db->msg, f);
    if (rc == NX_EMODIFIED) {
        rc = guarded(db->msg, [&] {
            db->db.reopen();
            return NX_OK;
        });
        if (rc == NX_OK)
            rc = guarded(db->msg, f);
    }
    return rc;
}

} // namespace nx

#endif
