/*
 * shards.cc — opening a stub file of shards ourselves, one shard at a
 * time, so that a remote shard gets a connect and an operation timeout (a
 * stub opened by Xapian gets neither) and one that is down is named in the
 * error — or, with allow_partial, left out and reported.
 *
 * Stub lines (Xapian's syntax): `auto PATH` / `glass PATH` (relative to
 * the stub's directory), `remote HOST:PORT` (xapian-tcpsrv), `#` comments.
 */
#include "shim_shards.h"

#include <cstring>
#include <fstream>
#include <sstream>

namespace nx {

namespace {

std::string dir_of(const std::string &path)
{
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool parse_hostport(const std::string &s, std::string &host, unsigned &port)
{
    size_t colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == s.size())
        return false;
    host = s.substr(0, colon);
    char *end = nullptr;
    unsigned long p = std::strtoul(s.c_str() + colon + 1, &end, 10);
    if (*end || p == 0 || p > 65535)
        return false;
    port = unsigned(p);
    return true;
}

} // namespace

int read_stub(const std::string &path, std::vector<Shard> &out,
              std::string &msg)
{
    std::ifstream in(path);
    if (!in) {
        msg = "cannot read the stub file";
        return NX_EIO;
    }
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
        lineno++;
        std::istringstream ls(line);
        std::string type, where;
        if (!(ls >> type) || type[0] == '#')
            continue;
        ls >> where;
        Shard s;
        if (type == "auto" || type == "glass") {
            s.remote = false;
            s.name = where[0] == '/' ? where : dir_of(path) + "/" + where;
        } else if (type == "remote" && parse_hostport(where, s.host, s.port)) {
            s.remote = true;
            s.name = where;
        } else {
            msg = "line " + std::to_string(lineno) + ": \"" + line +
                  "\" is not `auto PATH`, `glass PATH` or `remote HOST:PORT`";
            return NX_EINVAL;
        }
        if (s.name.empty()) {
            msg = "line " + std::to_string(lineno) + ": no path";
            return NX_EINVAL;
        }
        out.push_back(s);
    }
    if (out.empty()) {
        /* An emptied stub is a damaged database, not an empty one. */
        msg = "the stub is empty: it names no database";
        return NX_EDB;
    }
    return NX_OK;
}

int open_shard(Shard &s, unsigned timeout_ms, std::string &msg)
{
    int rc = guarded(msg, [&]() -> int {
        if (s.remote)
            s.db = Xapian::Remote::open(s.host, s.port, timeout_ms,
                                        timeout_ms);
        else
            s.db = Xapian::Database(s.name);
        return NX_OK;
    });
    if (rc != NX_OK)
        msg = "shard " + s.name + " is unavailable: " + msg;
    return rc;
}

bool shard_alive(Shard &s)
{
    try {
        s.db.keep_alive();
        return true;
    } catch (...) {
        return false;
    }
}

Xapian::Database combine(const std::vector<Shard> &shards)
{
    Xapian::Database all;
    for (const Shard &s : shards)
        if (s.up)
            all.add_database(s.db);
    return all;
}

} // namespace nx
