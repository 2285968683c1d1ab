/*
 * writer.cc — nx_writer: adds, replaces and deletes documents by unique id,
 * committing in batches.  Text goes through one TermGenerator whose stemmer
 * is the same libstemmer wrapper the QueryParser uses (stem.cc).
 */
#include "shim_internal.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>

extern "C" {
#include "nx_layout.h"   /* a C header without its own extern "C" */
}
#include "shim_doc.h"
#include "shim_facets.h"

/* Gap between text fields so phrase and NEAR queries never span two. */
static const Xapian::termpos FIELD_GAP = 100;

struct nx_writer {
    Xapian::WritableDatabase db;
    Xapian::TermGenerator tg;
    unsigned batch_size = 1000;
    unsigned pending = 0;   /* changes since the last commit */
    uint64_t pending_bytes = 0;  /* what they add, for the space check */
    std::string msg;        /* last error */
    std::string path;       /* the database directory */
    std::vector<std::string> facet_prefixes;  /* for the head file */
};

static int check_format(Xapian::WritableDatabase &db, std::string &msg)
{
    std::string v = db.get_metadata(NX_META_FORMAT);
    if (v.empty()) {
        if (db.get_doccount() != 0) {
            msg = "not a newsdex database (it has documents but no "
                  "newsdex.format metadata)";
            return NX_EVERSION;
        }
        db.set_metadata(NX_META_FORMAT, std::to_string(NX_FORMAT_VERSION));
        db.commit();
        return NX_OK;
    }
    if (v != std::to_string(NX_FORMAT_VERSION)) {
        msg = "database format " + v + " is not the format this newsdex "
              "reads (" + std::to_string(NX_FORMAT_VERSION) +
              "): rebuild the index with this version";
        return NX_EVERSION;
    }
    return NX_OK;
}

/* 0: `path` is missing, 1: an empty directory, 2: a directory holding
 * something, -1: not a directory or unreadable. */
static int dir_state(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return -1;
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int state = 1;
    while (struct dirent *e = readdir(d))
        if (std::strcmp(e->d_name, ".") != 0 &&
            std::strcmp(e->d_name, "..") != 0) {
            state = 2;
            break;
        }
    closedir(d);
    return state;
}

/* The tables every glass database has from its creation on (the others
 * are created when first written).  Xapian opens a database missing one
 * of them as if it were new and empty, so a writer must look first. */
static std::string missing_table(const std::string &path)
{
    static const char *const need[] = {"iamglass", "postlist.glass",
                                       "termlist.glass"};
    for (const char *f : need) {
        struct stat st;
        if (stat((path + "/" + f).c_str(), &st) != 0)
            return std::string(f) + ": " + std::strerror(errno);
        if (st.st_size == 0)
            return std::string(f) + " is empty";
    }
    return std::string();
}

static std::string damaged(const std::string &path, const std::string &why)
{
    return "the database is damaged (" + why + "): nothing was written; "
           "run xapian-check " + path + ", then `newsdex rollback` to the "
           "previous generation or `newsdex rebuild` from the sources";
}

extern "C" int nx_writer_open(nx_writer **out, const char *path,
                              const nx_writer_options *opts, char **err)
{
    nx_writer_options def = NX_WRITER_OPTIONS_INIT;
    if (!opts)
        opts = &def;
    *out = nullptr;
    if (err)
        *err = nullptr;
    nx_writer *w = nullptr;
    std::string msg;
    /* Only a missing or empty directory becomes a new database: an
     * existing one is opened, never silently re-created, whatever is
     * wrong with it. */
    int state = dir_state(path);
    bool create = opts->create && (state == 0 || state == 1);
    if (!create && state == 2) {
        std::string gone = missing_table(path);
        if (!gone.empty()) {
            if (err)
                *err = nx::dup(std::string(path) + ": " +
                               damaged(path, gone));
            return NX_EDB;
        }
    }
    int rc = nx::guarded(msg, [&]() -> int {
        w = new nx_writer();
        int flags = Xapian::DB_BACKEND_GLASS |
                    (create ? Xapian::DB_CREATE : Xapian::DB_OPEN);
        if (opts->no_sync)
            flags |= Xapian::DB_NO_SYNC;
        try {
            w->db = Xapian::WritableDatabase(path, flags);
        } catch (const Xapian::DatabaseLockError &) {
            throw;      /* another writer, or the lock file's own error */
        } catch (const Xapian::DatabaseVersionError &) {
            throw;
        } catch (const Xapian::DatabaseOpeningError &e) {
            /* The OS refusing (permissions, a read-only file system) is
             * an I/O error, said as such; a file that is not there or not
             * what glass wrote is damage. */
            const char *os = e.get_error_string();
            if (os && *os && std::strcmp(os, std::strerror(ENOENT)) != 0)
                throw;
            msg = damaged(path, state == 0 ? "its generation is missing"
                                           : e.get_msg());
            return NX_EDB;
        } catch (const Xapian::DatabaseCorruptError &e) {
            msg = damaged(path, e.get_msg());
            return NX_EDB;
        }
        int frc = check_format(w->db, msg);
        if (frc != NX_OK)
            return frc;
        w->batch_size = opts->batch_size ? opts->batch_size : 1000;
        w->path = path;
        for (const char *const *p = opts->facet_prefixes; p && *p; p++)
            w->facet_prefixes.emplace_back(*p);
        w->tg.set_stemmer(nx::make_stemmer());
        w->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        if (opts->spelling) {
            w->tg.set_database(w->db);
            w->tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        }
        /* All changes happen inside a transaction that each commit ends
         * and restarts: closing or dying without a commit leaves exactly
         * the last committed batch, never a partial one. */
        w->db.begin_transaction(true);
        return NX_OK;
    });
    if (rc != NX_OK) {
        if (err)
            *err = nx::dup(std::string(path) + ": " + msg);
        delete w;
        return rc;
    }
    *out = w;
    return NX_OK;
}

static Xapian::Document build(nx_writer *w, const nx_doc *d)
{
    Xapian::Document doc;
    w->tg.set_document(doc);
    bool first = true;
    for (const auto &t : d->texts) {
        if (!first)
            w->tg.increase_termpos(FIELD_GAP);
        first = false;
        w->tg.index_text(t.text, t.weight, t.prefix);
    }
    for (const auto &term : d->terms)
        doc.add_boolean_term(term);
    for (const auto &v : d->values)
        doc.add_value(v.first, v.second);
    doc.set_data(d->data);
    doc.add_boolean_term(nx::id_term(d->id));
    return doc;
}

/* About what a commit of the pending changes writes: the text, terms,
 * values and data put (their postings, positions and termlists come to
 * about three times that), a few blocks for each delete, and the floor
 * every commit needs.  Checked before the commit, so a full disk refuses
 * it with the numbers instead of failing in the middle of one. */
static int space_for_commit(nx_writer *w)
{
    if (!w->pending)
        return NX_OK;
    char *err = nullptr;
    int rc = nx_space_check(w->path.c_str(),
                            NX_SPACE_FLOOR + 3 * w->pending_bytes, &err);
    if (rc != NX_OK) {
        w->msg = std::string(err ? err : "No space left on device") +
                 "; nothing since the last commit was written";
        std::free(err);
    }
    return rc;
}

static uint64_t doc_bytes(const nx_doc *d)
{
    uint64_t n = d->id.size() + d->data.size();
    for (const auto &t : d->texts)
        n += t.text.size();
    for (const auto &t : d->terms)
        n += t.size();
    for (const auto &v : d->values)
        n += v.second.size();
    return n;
}

static int after_change(nx_writer *w)
{
    if (++w->pending >= w->batch_size)
        return nx_writer_commit(w);
    return NX_OK;
}

extern "C" int nx_writer_put(nx_writer *w, const nx_doc *d, int *replaced)
{
    return nx::guarded(w->msg, [&]() -> int {
        if (d->id.empty()) {
            w->msg = "document has no id";
            return NX_EINVAL;
        }
        std::string idterm = nx::id_term(d->id);
        if (!nx::term_fits(idterm)) {
            w->msg = "id is longer than " +
                     std::to_string(NX_TERM_MAX - (sizeof NX_ID_PREFIX - 1)) +
                     " bytes: " + d->id.substr(0, 60);
            return NX_EINVAL;
        }
        if (replaced)
            *replaced = w->db.term_exists(idterm) ? 1 : 0;
        w->db.replace_document(idterm, build(w, d));
        w->pending_bytes += doc_bytes(d);
        return after_change(w);
    });
}

extern "C" int nx_writer_delete(nx_writer *w, const char *id, int *found)
{
    return nx::guarded(w->msg, [&]() -> int {
        std::string idterm = nx::id_term(id);
        bool exists = nx::term_fits(idterm) && w->db.term_exists(idterm);
        if (found)
            *found = exists ? 1 : 0;
        if (!exists)
            return NX_OK;
        w->db.delete_document(idterm);
        w->pending_bytes += 16384;   /* the blocks of its terms */
        return after_change(w);
    });
}

extern "C" int nx_writer_set_metadata(nx_writer *w, const char *key,
                                      const char *value)
{
    return nx::guarded(w->msg, [&]() -> int {
        w->db.set_metadata(key, value);
        return NX_OK;
    });
}

extern "C" int nx_writer_get_metadata(nx_writer *w, const char *key,
                                      char **out)
{
    *out = nullptr;
    return nx::guarded(w->msg, [&]() -> int {
        *out = nx::dup(w->db.get_metadata(key));
        return *out ? NX_OK : NX_ENOMEM;
    });
}

extern "C" int nx_writer_commit(nx_writer *w)
{
    int rc = space_for_commit(w);
    if (rc != NX_OK)
        return rc;
    return nx::guarded(w->msg, [&]() -> int {
        w->db.commit_transaction();
        w->pending = 0;
        w->pending_bytes = 0;
        w->db.begin_transaction(true);
        return NX_OK;
    });
}

extern "C" uint64_t nx_writer_doccount(nx_writer *w)
{
    uint64_t n = 0;
    nx::guarded(w->msg, [&]() -> int {
        n = w->db.get_doccount();
        return NX_OK;
    });
    return n;
}

extern "C" int nx_writer_close(nx_writer *w, char **err)
{
    if (err)
        *err = nullptr;
    if (!w)
        return NX_OK;
    int rc = space_for_commit(w);
    if (rc != NX_OK) {
        if (err)
            *err = nx::dup(w->msg);
        nx_writer_abandon(w);
        return rc;
    }
    rc = nx::guarded(w->msg, [&]() -> int {
        w->db.commit_transaction();
        return NX_OK;
    });
    if (rc == NX_OK && !w->facet_prefixes.empty()) {
        /* Only a speed-up: readers of a revision without a current head
         * file count without it, exactly, so a failure here is no error. */
        std::string ignored;
        nx::guarded(ignored, [&]() -> int {
            nx::write_facet_heads(w->db, w->path, w->facet_prefixes);
            return NX_OK;
        });
    }
    if (rc == NX_OK)
        rc = nx::guarded(w->msg, [&]() -> int {
            w->db.close();
            return NX_OK;
        });
    if (rc != NX_OK && err)
        *err = nx::dup(w->msg);
    delete w;
    return rc;
}

extern "C" void nx_writer_abandon(nx_writer *w)
{
    if (!w)
        return;
    nx::guarded(w->msg, [&]() -> int {
        w->db.cancel_transaction();
        w->db.close();
        return NX_OK;
    });
    delete w;
}

extern "C" const char *nx_writer_errmsg(const nx_writer *w)
{
    return w ? w->msg.c_str() : "no writer";
}

/* ------------------------------------------------------------ reindexing */

/* The document with this id term, or 0. */
static Xapian::docid find_id(nx_writer *w, const std::string &idterm)
{
    if (!nx::term_fits(idterm))
        return 0;
    Xapian::PostingIterator p = w->db.postlist_begin(idterm);
    return p == w->db.postlist_end(idterm) ? 0 : *p;
}

extern "C" int nx_writer_get_value(nx_writer *w, const char *id,
                                   unsigned slot, char **out, size_t *len,
                                   int *found)
{
    *out = nullptr;
    *len = 0;
    *found = 0;
    return nx::guarded(w->msg, [&]() -> int {
        Xapian::docid did = find_id(w, nx::id_term(id));
        if (!did)
            return NX_OK;
        std::string v = w->db.get_document(did).get_value(slot);
        *found = 1;
        *out = nx::dup(v);
        *len = v.size();
        return *out ? NX_OK : NX_ENOMEM;
    });
}

extern "C" int nx_writer_get_data(nx_writer *w, const char *id, char **out,
                                  size_t *len, int *found)
{
    *out = nullptr;
    *len = 0;
    *found = 0;
    return nx::guarded(w->msg, [&]() -> int {
        Xapian::docid did = find_id(w, nx::id_term(id));
        if (!did)
            return NX_OK;
        std::string v = w->db.get_document(did).get_data();
        *found = 1;
        *out = nx::dup(v);
        *len = v.size();
        return *out ? NX_OK : NX_ENOMEM;
    });
}

/* The id of a document: its one NX_ID_PREFIX term.  Facet and text terms
 * never start with that upper-case letter (see facets/nx_facets.h). */
static std::string id_of(nx_writer *w, Xapian::docid did)
{
    const size_t np = sizeof NX_ID_PREFIX - 1;
    Xapian::TermIterator t = w->db.termlist_begin(did);
    t.skip_to(NX_ID_PREFIX);
    if (t != w->db.termlist_end(did) && (*t).compare(0, np, NX_ID_PREFIX) == 0)
        return (*t).substr(np);
    return std::string();
}

extern "C" int nx_writer_each_id(nx_writer *w, const char *term, int exact,
                                 nx_id_fn fn, void *ctx)
{
    std::vector<std::string> ids;
    int rc = nx::guarded(w->msg, [&]() -> int {
        std::string prefix(term);
        if (prefix == NX_ID_PREFIX && !exact) {
            /* Every document: the id terms themselves. */
            for (auto t = w->db.allterms_begin(prefix);
                 t != w->db.allterms_end(prefix); ++t)
                ids.push_back((*t).substr(prefix.size()));
            return NX_OK;
        }
        for (auto t = w->db.allterms_begin(prefix);
             t != w->db.allterms_end(prefix); ++t) {
            if (exact && *t != prefix)
                break;
            for (auto p = w->db.postlist_begin(*t);
                 p != w->db.postlist_end(*t); ++p) {
                std::string id = id_of(w, *p);
                if (!id.empty())
                    ids.push_back(id);
            }
        }
        return NX_OK;
    });
    for (size_t i = 0; rc == NX_OK && i < ids.size(); i++)
        rc = fn(ctx, ids[i].c_str());
    return rc;
}

extern "C" unsigned nx_writer_pending(const nx_writer *w)
{
    return w->pending;
}
