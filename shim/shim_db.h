/*
 * shim_db.h — the body of nx_db, shared by reader.cc and search.cc.
 */
#ifndef NX_SHIM_DB_H
#define NX_SHIM_DB_H

#include <string>
#include <sys/stat.h>
#include <vector>
#include <xapian.h>

#include <map>

#include "shim_internal.h"
#include "shim_facets.h"
#include "shim_shards.h"

struct nx_db {
    Xapian::Database db;
    std::string path;  /* as opened */
    bool local = true; /* no remote shard: facets may count from terms */
    bool remote = false; /* some shard is remote (xapian-tcpsrv) */
    std::vector<nx::Shard> shards;  /* when opened from a stub file */
    bool allow_partial = false;     /* answer from the shards that are up */
    std::string missing;            /* shards left out, comma-separated */
    std::string gen_dir;            /* a local database's own directory */
    nx::FacetHeads heads;           /* its facet head file, when current */
    std::string msg;   /* last error */
    /* The stub files the handle was opened through (the directory's
     * XAPIANDB, a stub of shards, each local shard's XAPIANDB) as they
     * were then: a rebuild rename()s a new one over the old. */
    struct Stamp {
        std::string path;
        dev_t dev = 0;
        ino_t ino = 0;
        off_t size = 0;
        long long mtime_ns = 0;
        bool operator==(const Stamp &o) const
        {
            return dev == o.dev && ino == o.ino && size == o.size &&
                   mtime_ns == o.mtime_ns;
        }
    };
    std::vector<Stamp> stubs;
    /* nx_db_attach(): objects the caller derived from the database. */
    struct Attachment {
        std::string stamp;
        void *obj = nullptr;
        void (*free_fn)(void *) = nullptr;
    };
    std::map<std::string, Attachment> attached;
    ~nx_db()
    {
        for (auto &a : attached)
            if (a.second.free_fn)
                a.second.free_fn(a.second.obj);
    }
};

namespace nx {

/* Runs f() behind the firewall; when the database was modified under the
 * reader (a writer committed twice meanwhile), reopens and tries again, as
 * DESIGN.md asks of readers — a few times, since a slow reader (under a
 * sanitizer, on a loaded machine) can lose the race more than once. */
template <class F> int with_retry(nx_db *db, F f)
{
    int rc = guarded(db->msg, f);
    /* Glass readers racing a writer sometimes meet a block the writer
     * has just reused and report DatabaseCorruptError ("Expected block N
     * to be level 1, not 0") where DatabaseModifiedError was meant (seen
     * in e2e/reindex_readers under load): reopened, a revision that is
     * really corrupt fails again and is reported as such. */
    bool corrupt_retried = false;
    for (int attempt = 0;
         attempt < 3 &&
         (rc == NX_EMODIFIED ||
          (rc == NX_EDB && !corrupt_retried &&
           db->msg.compare(0, 21, "DatabaseCorruptError:") == 0));
         attempt++) {
        corrupt_retried = corrupt_retried || rc == NX_EDB;
        rc = guarded(db->msg, [&]() -> int {
            db->db.reopen();
            return NX_OK;
        });
        if (rc == NX_OK)
            rc = guarded(db->msg, f);
    }
    return rc;
}

/* With allow_partial: leaves out the shards that stopped answering and
 * says whether any is left to retry on. */
bool drop_dead_shards(nx_db *db);

} // namespace nx

#endif
