/*
 * reader.cc — nx_db: a read-only database, opened through a newsdex
 * database directory (its XAPIANDB stub names the current generation), a
 * generation directory, or a stub file of shards.
 */
#include "shim_internal.h"

#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include "shim_db.h"

static int check_format(nx_db *db)
{
    std::string v = db->db.get_metadata(NX_META_FORMAT);
    if (v == std::to_string(NX_FORMAT_VERSION))
        return NX_OK;
    if (v.empty()) {
        if (db->db.get_doccount() == 0)
            return NX_OK;
        db->msg = "not a newsdex database (no newsdex.format metadata)";
    } else {
        db->msg = "database format " + v + " is not the format this "
                  "newsdex reads (" + std::to_string(NX_FORMAT_VERSION) +
                  "): rebuild the index with this version";
    }
    return NX_EVERSION;
}

/* The directory holding the database itself: a newsdex database
 * directory's current generation (its XAPIANDB stub says `auto NAME`), or
 * the directory given.  "" when it is neither. */
static std::string own_dir(const std::string &path)
{
    std::ifstream stub(path + "/XAPIANDB");
    std::string type, name;
    if (stub >> type >> name)
        return type == "auto" && name.find('/') == std::string::npos
                   ? path + "/" + name
                   : std::string();
    return path;
}

/* Whether the file `stub` exists and names nothing (no line but blanks and
 * comments): Xapian opens that as an empty database, which would make a
 * damaged database look like one with no articles. */
static bool stub_is_empty(const std::string &stub)
{
    std::ifstream in(stub);
    if (!in)
        return false;
    std::string line;
    while (std::getline(in, line)) {
        size_t i = line.find_first_not_of(" \t\r");
        if (i != std::string::npos && line[i] != '#')
            return false;
    }
    return true;
}

static void mark_missing(nx_db *db, const nx::Shard &s)
{
    db->missing += (db->missing.empty() ? "" : ",") + s.name;
}

/* The stub a path is opened through: the file itself, or a directory's
 * XAPIANDB (none for a bare generation directory: all zeros). */
static nx_db::Stamp stamp_of(const std::string &path)
{
    nx_db::Stamp s;
    struct stat st;
    s.path = path;
    if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        s.path += "/XAPIANDB";
    if (stat(s.path.c_str(), &st) == 0) {
        s.dev = st.st_dev;
        s.ino = st.st_ino;
        s.size = st.st_size;
        s.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
                     st.st_mtim.tv_nsec;
    }
    return s;
}

/* A stub file of shards: each shard opened on its own (shards.cc). */
static int open_stub(nx_db *db, const char *path, const nx_db_options *o)
{
    int rc = nx::read_stub(path, db->shards, db->msg);
    if (rc != NX_OK)
        return rc;
    size_t up = 0;
    for (nx::Shard &s : db->shards) {
        std::string msg;
        if (!s.remote)
            db->stubs.push_back(stamp_of(s.name));
        rc = nx::open_shard(s, o->timeout_ms, msg);
        if (rc != NX_OK && !o->allow_partial) {
            db->msg = msg;
            return rc;
        }
        s.up = rc == NX_OK;
        if (s.up)
            up++;
        else
            mark_missing(db, s);
        if (s.remote) {
            db->local = false;
            db->remote = true;
        }
    }
    if (up == 0) {
        db->msg = "no shard is available (" + db->missing + ")";
        return NX_ENETWORK;
    }
    db->db = nx::combine(db->shards);
    /* Several databases behind one: count facets with the built-in spies
     * (exact everywhere) rather than a bitmap of docids, since a match
     * spy over several local databases does not see the combined docids
     * the value streams and posting lists use. */
    if (up > 1)
        db->local = false;
    return NX_OK;
}

extern "C" int nx_db_changed(const nx_db *db)
{
    /* Out of memory while checking: say changed, so the caller opens
     * afresh rather than serve a generation that may be gone. */
    try {
        for (const nx_db::Stamp &s : db->stubs)
            if (!(stamp_of(s.path) == s))
                return 1;
        return 0;
    } catch (...) {
        return 1;
    }
}

/* Opens db->path with db->opts: a stub file of shards or a database
 * directory (through its XAPIANDB). */
static int open_path(nx_db *db)
{
    const char *path = db->path.c_str();
    const nx_db_options *opts = &db->opts;
    struct stat st;
    /* Before opening: a swap between the two is then seen as a
     * change on the next check, never missed. */
    db->stubs.assign(1, stamp_of(db->path));
    db->shards.clear();
    db->missing.clear();
    db->local = true;
    db->remote = false;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        int src = open_stub(db, path, opts);
        if (src != NX_OK)
            return src;
    } else {
        std::string stub = std::string(path) + "/XAPIANDB";
        if (stub_is_empty(stub)) {
            db->msg = "the database is damaged: " + stub + " is empty "
                      "(it names no generation); `newsdex rollback` or "
                      "`newsdex rebuild` writes a new one";
            return NX_EDB;
        }
        db->db = Xapian::Database(path);
        db->gen_dir = own_dir(path);
    }
    return check_format(db);
}

/* A writer committing twice while we open (or a rebuild's swap) discards
 * the revision being read: open again, as readers should. */
static int open_retrying(nx_db *db)
{
    int rc = NX_EMODIFIED;
    bool corrupt_retried = false;   /* a block reused under us: shim_db.h */
    for (int attempt = 0; attempt < 4; attempt++) {
        rc = nx::guarded(db->msg, [&]() -> int { return open_path(db); });
        bool corrupt = rc == NX_EDB &&
                       db->msg.compare(0, 21, "DatabaseCorruptError:") == 0;
        if (rc != NX_EMODIFIED && !(corrupt && !corrupt_retried))
            break;
        corrupt_retried = corrupt_retried || corrupt;
    }
    return rc;
}

int nx::reopen_path(nx_db *db)
{
    db->heads.reset();
    int rc = nx::guarded(db->msg, [&]() -> int {
        db->db = Xapian::Database();
        return NX_OK;
    });
    return rc == NX_OK ? open_retrying(db) : rc;
}

extern "C" int nx_db_open(nx_db **out, const char *path, char **err)
{
    nx_db_options o = NX_DB_OPTIONS_INIT;
    return nx_db_open_ex(out, path, &o, err);
}

extern "C" int nx_db_open_ex(nx_db **out, const char *path,
                             const nx_db_options *opts, char **err)
{
    nx_db_options def = NX_DB_OPTIONS_INIT;
    if (!opts)
        opts = &def;
    *out = nullptr;
    if (err)
        *err = nullptr;
    nx_db *db = new (std::nothrow) nx_db();
    if (!db)
        return NX_ENOMEM;
    db->allow_partial = opts->allow_partial != 0;
    db->opts = *opts;
    int rc = nx::guarded(db->msg, [&]() -> int {
        db->path = path;
        return NX_OK;
    });
    if (rc == NX_OK)
        rc = open_retrying(db);
    if (rc != NX_OK) {
        if (err)
            *err = nx::dup(std::string(path) + ": " + db->msg);
        delete db;
        return rc;
    }
    *out = db;
    return NX_OK;
}

extern "C" int nx_db_facet_heads_problem(nx_db *db, char **problem)
{
    *problem = nullptr;
    return nx::with_retry(db, [&]() -> int {
        if (db->gen_dir.empty())
            return NX_OK;
        db->heads.load(db->gen_dir, db->db.get_revision());
        if (!db->heads.problem().empty() &&
            !(*problem = nx::dup(db->heads.problem())))
            return NX_ENOMEM;
        return NX_OK;
    });
}

extern "C" const char *nx_db_missing_shards(const nx_db *db)
{
    return db->missing.c_str();
}

extern "C" void *nx_db_attached(const nx_db *db, const char *name,
                                const char *stamp)
{
    auto it = db->attached.find(name);
    return it != db->attached.end() && it->second.stamp == stamp
               ? it->second.obj
               : nullptr;
}

extern "C" int nx_db_attach(nx_db *db, const char *name, const char *stamp,
                            void *obj, void (*free_fn)(void *))
{
    std::string msg;
    int rc = nx::guarded(msg, [&]() -> int {
        nx_db::Attachment &a = db->attached[name];
        if (a.free_fn && a.obj != obj)
            a.free_fn(a.obj);
        a.stamp = stamp;
        a.obj = obj;
        a.free_fn = free_fn;
        return NX_OK;
    });
    if (rc != NX_OK && free_fn)
        free_fn(obj);
    return rc;
}

extern "C" size_t nx_db_shard_count(const nx_db *db)
{
    return db->shards.size();
}

extern "C" size_t nx_db_shard_position(const nx_db *db, const char *name)
{
    for (size_t i = 0; i < db->shards.size(); i++)
        if (db->shards[i].name == name)
            return i + 1;
    return 0;
}

namespace nx {

bool drop_dead_shards(nx_db *db)
{
    if (!db->allow_partial || db->shards.empty())
        return false;
    size_t dropped = 0, up = 0;
    for (Shard &s : db->shards) {
        if (s.up && !shard_alive(s)) {
            s.up = false;
            mark_missing(db, s);
            dropped++;
        }
        up += s.up;
    }
    if (!dropped || !up)
        return false;
    db->db = combine(db->shards);
    return true;
}

} // namespace nx

extern "C" int nx_db_reopen(nx_db *db)
{
    return nx::guarded(db->msg, [&]() -> int {
        db->db.reopen();
        return NX_OK;
    });
}

extern "C" void nx_db_close(nx_db *db)
{
    delete db;
}

extern "C" const char *nx_db_errmsg(const nx_db *db)
{
    return db ? db->msg.c_str() : "no database";
}

extern "C" uint64_t nx_db_doccount(nx_db *db)
{
    uint64_t n = 0;
    nx::guarded(db->msg, [&]() -> int {
        n = db->db.get_doccount();
        return NX_OK;
    });
    return n;
}

extern "C" int nx_db_get_metadata(nx_db *db, const char *key, char **out)
{
    *out = nullptr;
    return nx::guarded(db->msg, [&]() -> int {
        *out = nx::dup(db->db.get_metadata(key));
        return *out ? NX_OK : NX_ENOMEM;
    });
}

extern "C" int nx_db_get_data(nx_db *db, const char *id, char **out,
                              size_t *len)
{
    *out = nullptr;
    *len = 0;
    return nx::with_retry(db, [&]() -> int {
        std::string idterm = nx::id_term(id);
        if (!nx::term_fits(idterm))
            return NX_ENOTFOUND;
        Xapian::PostingIterator p = db->db.postlist_begin(idterm);
        if (p == db->db.postlist_end(idterm)) {
            db->msg = std::string("no article with id ") + id;
            return NX_ENOTFOUND;
        }
        std::string data = db->db.get_document(*p).get_data();
        *out = nx::dup(data);
        if (!*out)
            return NX_ENOMEM;
        *len = data.size();
        return NX_OK;
    });
}

extern "C" int nx_db_has_spelling(nx_db *db)
{
    int has = 0;
    nx::guarded(db->msg, [&]() -> int {
        /* Remote shards carry no spelling data; a local database has some
         * once text was indexed with spelling on. */
        has = db->db.spellings_begin() != db->db.spellings_end();
        return NX_OK;
    });
    return has;
}
