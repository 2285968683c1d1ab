/*
 * maintain.cc — checking, compacting and inspecting a generation
 * (nx_xapian.h "maintenance"): the library calls behind xapian-check and
 * xapian-compact, their errors through the one firewall.  nx_db_check()
 * itself runs the xapian-check tool (check.c).
 */
#include "shim_internal.h"
#include "shim_facets.h"

#include <sstream>

extern "C" int nx_db_check_library(const char *path, size_t *nerrors,
                                   char **err)
{
    *nerrors = 0;
    if (err)
        *err = nullptr;
    std::string msg;
    std::ostringstream out;
    int rc = nx::guarded(msg, [&]() -> int {
        *nerrors = Xapian::Database::check(path, Xapian::DBCHECK_SHORT_TREE,
                                           &out);
        return NX_OK;
    });
    if (rc != NX_OK) {
        /* A check that throws found the database unreadable: one error. */
        *nerrors = 1;
        if (err)
            *err = nx::dup(std::string(path) + ": " + msg);
        return NX_OK;
    }
    if (*nerrors && err) {
        std::string first = out.str();
        size_t nl = first.find('\n');
        *err = nx::dup(std::string(path) + ": " + first.substr(0, nl));
    }
    return NX_OK;
}

extern "C" int nx_db_compact(const char *const *srcs, size_t nsrcs,
                             const char *dst,
                             const char *const *facet_prefixes, char **err)
{
    if (err)
        *err = nullptr;
    std::string msg;
    int rc = nx::guarded(msg, [&]() -> int {
        Xapian::Database db;
        for (size_t i = 0; i < nsrcs; i++)
            db.add_database(Xapian::Database(srcs[i], Xapian::DB_BACKEND_GLASS));
        db.compact(dst, nsrcs == 1 ? Xapian::DBCOMPACT_NO_RENUMBER : 0);
        std::vector<std::string> prefixes;
        for (const char *const *p = facet_prefixes; p && *p; p++)
            prefixes.emplace_back(*p);
        if (!prefixes.empty()) {
            Xapian::Database out(dst, Xapian::DB_BACKEND_GLASS);
            nx::write_facet_heads(out, dst, prefixes);
        }
        return NX_OK;
    });
    if (rc != NX_OK && err)
        *err = nx::dup(std::string(nsrcs ? srcs[0] : dst) + ": " + msg);
    return rc;
}

extern "C" int nx_db_peek(const char *path, const char *key,
                          uint64_t *doccount, char **value, char **err)
{
    *doccount = 0;
    if (value)
        *value = nullptr;
    if (err)
        *err = nullptr;
    std::string msg;
    int rc = nx::guarded(msg, [&]() -> int {
        Xapian::Database db(path, Xapian::DB_BACKEND_GLASS);
        *doccount = db.get_doccount();
        if (value && key) {
            *value = nx::dup(db.get_metadata(key));
            if (!*value)
                return NX_ENOMEM;
        }
        return NX_OK;
    });
    if (rc != NX_OK && err)
        *err = nx::dup(std::string(path) + ": " + msg);
    return rc;
}
