/*
 * facethead.cc — the facet head file, `nx-facets.idx` in a generation
 * directory: every facet's value terms grouped by key and sorted by their
 * total term frequency, largest first, written when a writer closes.
 *
 * Counting a facet over many matches takes keys by that bound and stops
 * once the next bound cannot reach the top N (facets.cc); without the file
 * it must first read every value term of the facet from the index (a
 * million, for people over a million articles).  With it, a search reads
 * only the head of each facet's list, through mmap.
 *
 * The file names the database revision it describes; a reader whose
 * revision differs (a writer committed since) ignores it and scans, so
 * counts stay exact.  A file that is not what its writer wrote (bad
 * magic, another size, a checksum that does not match, a table pointing
 * outside it) is ignored the same way, and problem() says why for
 * `newsdex stats`.  Layout, all integers little-endian:
 *
 *   "NXFACETS2\n"  u64 revision  u64 size (of the whole file)
 *   u64 checksum (head_checksum() of every byte after it)  u32 nfacets
 *   nfacets x { u16 len, prefix bytes, u64 offset, u64 ngroups }
 *   at each offset, ngroups x { u32 bound, u32 nvariants,
 *                               nvariants x { u32 tf, u16 len, term } }
 */
#include "shim_facets.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nx {

static const char MAGIC[] = "NXFACETS2\n";
static const char MAGIC_V1[] = "NXFACETS1\n";  /* no size, no checksum */
static const size_t MAGIC_LEN = sizeof MAGIC - 1;
static const size_t HEAD_FIXED = MAGIC_LEN + 8 + 8 + 8;  /* then nfacets */

namespace {

void put(std::string &out, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        out.push_back(char((v >> (8 * i)) & 0xff));
}

uint64_t get(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= uint64_t(p[i]) << (8 * i);
    return v;
}

struct WGroup {
    uint64_t bound = 0;
    std::vector<std::pair<std::string, Xapian::doccount>> vars;
};

/* One facet's groups, largest bound first (ties: key order, stable). */
std::string facet_section(const Xapian::Database &db, const std::string &prefix,
                          uint64_t *ngroups)
{
    std::vector<WGroup> groups;
    std::string last_key;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix);
         ++t) {
        const std::string &term = *t;
        size_t sep = term.find('\x1f', prefix.size());
        if (sep == std::string::npos || term[prefix.size()] == '#' ||
            term.size() > 0xffff)
            continue;
        std::string key = term.substr(prefix.size(), sep - prefix.size());
        if (groups.empty() || key != last_key) {
            groups.emplace_back();
            last_key = key;
        }
        groups.back().bound += t.get_termfreq();
        groups.back().vars.emplace_back(term, t.get_termfreq());
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const WGroup &a, const WGroup &b) {
                         return a.bound > b.bound;
                     });
    std::string out;
    for (const WGroup &g : groups) {
        put(out, std::min<uint64_t>(g.bound, 0xffffffffu), 4);
        put(out, g.vars.size(), 4);
        for (const auto &v : g.vars) {
            put(out, v.second, 4);
            put(out, v.first.size(), 2);
            out += v.first;
        }
    }
    *ngroups = groups.size();
    return out;
}

/* 64-bit FNV-1a over 8-byte words (then the tail bytes): a checksum fast
 * enough for a file every reader maps per request. */
uint64_t load_le64(const unsigned char *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);   /* one load where get() would take eight */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

uint64_t head_checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h ^= load_le64(p + i);
        h *= 0x100000001b3ull;
        h ^= h >> 29;
    }
    for (; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

} // namespace

void write_facet_heads(const Xapian::Database &db, const std::string &dir,
                       const std::vector<std::string> &prefixes)
{
    std::vector<std::string> sections;
    std::vector<uint64_t> counts;
    for (const std::string &p : prefixes) {
        uint64_t n = 0;
        sections.push_back(facet_section(db, p, &n));
        counts.push_back(n);
    }
    std::string head(MAGIC, MAGIC_LEN);
    put(head, db.get_revision(), 8);
    put(head, 0, 8);   /* size and checksum, filled in below */
    put(head, 0, 8);
    put(head, prefixes.size(), 4);
    size_t table = head.size();
    for (const std::string &p : prefixes)
        table += 2 + p.size() + 16;
    uint64_t off = table;
    for (size_t i = 0; i < prefixes.size(); i++) {
        put(head, prefixes[i].size(), 2);
        head += prefixes[i];
        put(head, off, 8);
        put(head, counts[i], 8);
        off += sections[i].size();
    }
    std::string body = head.substr(HEAD_FIXED);
    for (const std::string &sec : sections)
        body += sec;
    std::string fixed;
    put(fixed, off, 8);
    put(fixed, head_checksum(reinterpret_cast<const unsigned char *>(
                                 body.data()), body.size()), 8);
    head.replace(MAGIC_LEN + 8, 16, fixed);
    /* Write beside, then rename: a reader maps the old file or the new. */
    std::string path = dir + "/nx-facets.idx", tmp = path + ".tmp";
    /* "x" (O_EXCL) after the unlink: never written through a link. */
    std::remove(tmp.c_str());
    FILE *f = std::fopen(tmp.c_str(), "wbxe");
    if (!f)
        throw Xapian::DatabaseError("cannot write " + tmp);
    bool ok = std::fwrite(head.data(), 1, head.size(), f) == head.size();
    for (const std::string &s : sections)
        ok = ok && std::fwrite(s.data(), 1, s.size(), f) == s.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw Xapian::DatabaseError("cannot write " + path);
    }
}

FacetHeads::~FacetHeads()
{
    unmap();
}

void FacetHeads::unmap()
{
    if (map_)
        munmap(map_, size_);
    map_ = nullptr;
    size_ = 0;
    checked_ = false;
}

bool FacetHeads::load(const std::string &dir, Xapian::rev revision,
                      bool verify)
{
    if (map_ && revision == revision_)
        return !verify || check();
    unmap();
    problem_.clear();
    std::string path = dir + "/nx-facets.idx";
    path_ = path;
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;   /* none: counting scans, as it always may */
    struct stat st;
    size_t fsize = fstat(fd, &st) == 0 ? size_t(st.st_size) : 0;
    if (fsize >= HEAD_FIXED + 4) {
        void *m = mmap(nullptr, fsize, PROT_READ, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) {
            map_ = static_cast<unsigned char *>(m);
            size_ = fsize;
        }
    }
    close(fd);
    std::string why;
    if (!map_ && fsize >= HEAD_FIXED + 4)
        why = "cannot be mapped";
    else if (!map_ || (std::memcmp(map_, MAGIC, MAGIC_LEN) != 0 &&
                       std::memcmp(map_, MAGIC_V1, MAGIC_LEN) != 0))
        why = "bad magic (not a facet head file)";
    else if (std::memcmp(map_, MAGIC_V1, MAGIC_LEN) == 0) {
        unmap();        /* an older newsdex's: rewritten by the next write */
        return false;
    } else if (get(map_ + MAGIC_LEN, 8) != revision) {
        unmap();        /* stale: a writer committed since */
        return false;
    } else if (get(map_ + MAGIC_LEN + 8, 8) != size_)
        why = "size " + std::to_string(size_) + " bytes, the file says " +
              std::to_string(get(map_ + MAGIC_LEN + 8, 8));
    if (!why.empty()) {
        fail(why);
        return false;
    }
    checked_ = false;
    revision_ = revision;
    return !verify || check();
}

void FacetHeads::fail(const std::string &why)
{
    problem_ = path_ + ": " + why + "; ignored: facets are counted from "
               "the index (exact, slower) until the next write or rebuild "
               "rewrites it";
    unmap();
}

bool FacetHeads::check()
{
    if (!map_)
        return false;
    if (checked_)
        return true;
    if (head_checksum(map_ + HEAD_FIXED, size_ - HEAD_FIXED) !=
        get(map_ + MAGIC_LEN + 16, 8)) {
        fail("checksum mismatch");
        return false;
    }
    checked_ = true;
    return true;
}

bool FacetHeads::find(const std::string &prefix, HeadCursor &c) const
{
    if (!map_)
        return false;
    size_t pos = HEAD_FIXED;
    uint64_t n = get(map_ + pos, 4);
    pos += 4;
    for (uint64_t i = 0; i < n && pos + 2 <= size_; i++) {
        size_t len = size_t(get(map_ + pos, 2));
        if (pos + 2 + len + 16 > size_)
            return false;
        const char *p = reinterpret_cast<const char *>(map_ + pos + 2);
        uint64_t off = get(map_ + pos + 2 + len, 8);
        uint64_t groups = get(map_ + pos + 2 + len + 8, 8);
        if (len == prefix.size() && std::memcmp(p, prefix.data(), len) == 0) {
            if (off > size_)
                return false;
            c.p = map_ + off;
            c.end = map_ + size_;
            c.left = groups;
            return true;
        }
        pos += 2 + len + 16;
    }
    return false;
}

bool HeadCursor::next(uint64_t &bound, std::vector<HeadVariant> &vars)
{
    vars.clear();
    if (left == 0 || end - p < 8)
        return false;
    bound = get(p, 4);
    uint64_t n = get(p + 4, 4);
    p += 8;
    for (uint64_t i = 0; i < n; i++) {
        if (end - p < 6)
            return false;
        HeadVariant v;
        v.tf = Xapian::doccount(get(p, 4));
        size_t len = size_t(get(p + 4, 2));
        p += 6;
        if (size_t(end - p) < len)
            return false;
        v.term.assign(reinterpret_cast<const char *>(p), len);
        p += len;
        vars.push_back(std::move(v));
    }
    left--;
    return true;
}

bool HeadCursor::skip(uint64_t &tf, uint64_t &nvars)
{
    if (left == 0 || end - p < 8)
        return false;
    uint64_t n = get(p + 4, 4);
    const unsigned char *q = p + 8;
    for (uint64_t i = 0; i < n; i++) {
        if (end - q < 6)
            return false;
        size_t len = size_t(get(q + 4, 2));
        if (size_t(end - q - 6) < len)
            return false;
        tf += get(q, 4);
        q += 6 + len;
    }
    nvars += n;
    p = q;
    left--;
    return true;
}

} // namespace nx
