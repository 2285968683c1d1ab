/*
 * errors.cc — status codes and the one exception firewall every extern "C"
 * entry point goes through.  Xapian::Error does not derive from
 * std::exception, so it is caught on its own, before std::bad_alloc and
 * std::exception, with `...` last.
 */
#include "shim_internal.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace nx {

char *dup(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

static int map_xapian(const Xapian::Error &e, std::string &msg)
{
    msg = e.get_msg();
    /* The OS's reason (Xapian keeps errno apart from the message). */
    const char *os = e.get_error_string();
    if (os && *os && msg.find(os) == std::string::npos)
        msg += std::string(": ") + os;
    const char *type = e.get_type();
    if (std::strcmp(type, "QueryParserError") == 0)
        return NX_EQUERY;
    if (std::strcmp(type, "DatabaseLockError") == 0) {
        /* Only a lock someone holds is "another writer"; a lock file that
         * cannot be opened (permissions, a read-only file system) is an
         * I/O error like any other, or cron would wait on it for ever. */
        if (msg.find("already locked") != std::string::npos) {
            msg = "another writer holds the database (" + msg + ")";
            return NX_ELOCKED;
        }
        return NX_EIO;
    }

    /* Whatever failed, a full disk is said as such (and is exit 3). */
    if (msg.find("No space left on device") != std::string::npos) {
        msg += "; the commit was not made: free space, then run again "
               "(`newsdex rollback` if the index no longer opens)";
        return NX_ENOSPC;
    }
    if (std::strcmp(type, "DatabaseModifiedError") == 0)
        return NX_EMODIFIED;
    if (std::strcmp(type, "DatabaseVersionError") == 0)
        return NX_EVERSION;
    if (std::strcmp(type, "DatabaseOpeningError") == 0 ||
        std::strcmp(type, "DatabaseNotFoundError") == 0)
        return NX_ENOTFOUND;
    if (std::strncmp(type, "Network", 7) == 0) {
        msg = "remote database: " + msg;
        return NX_ENETWORK;
    }
    if (std::strcmp(type, "InvalidArgumentError") == 0)
        return NX_EINVAL;
    msg = std::string(type) + ": " + msg;
    return NX_EDB;
}

int firewall(std::string &msg)
{
    try {
        throw;
    } catch (const Xapian::Error &e) {
        return map_xapian(e, msg);
    } catch (const std::bad_alloc &) {
        msg = "out of memory";
        return NX_ENOMEM;
    } catch (const std::exception &e) {
        msg = e.what();
        return NX_EDB;
    } catch (...) {
        msg = "unknown internal error";
        return NX_EDB;
    }
}

} // namespace nx
