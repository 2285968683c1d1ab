/*
 * facets.cc — exact facet counts on a local database, two ways:
 *
 *  - few matches: read the facet's value slots of just the matching
 *    documents (value streams, skipping to each match);
 *  - many matches (the expensive case: `said` over a million articles):
 *    walk the facet's terms instead.  Every value has a term
 *    prefix + key + '\x1f' + display whose term frequency bounds its count
 *    from above, so taking keys by that bound and counting each exactly
 *    (its posting list against the match bitmap) can stop as soon as the
 *    next bound cannot reach the current top `limit`.
 *
 * Both give the same (display, count) pairs the ValueCountMatchSpy path
 * gives over remote shards; query/ merges them by key.
 */
#include "shim_facets.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace nx {

namespace {

/* The slots of a facet that some document uses: a facet's k-th value sits
 * in slot + k, so the first empty slot ends it. */
std::vector<Xapian::valueno> slots_in_use(const Xapian::Database &db,
                                          const nx_facet_spec &spec,
                                          uint64_t *pairs)
{
    std::vector<Xapian::valueno> slots;
    *pairs = 0;
    for (unsigned k = 0; k < spec.nslots; k++) {
        Xapian::doccount f = db.get_value_freq(spec.slot + k);
        if (f == 0)
            break;
        slots.push_back(spec.slot + k);
        *pairs += f;
    }
    return slots;
}

FacetCounts count_values(const Xapian::Database &db, const MatchSet &set,
                         const std::vector<Xapian::valueno> &slots)
{
    std::unordered_map<std::string, uint64_t> counts;
    for (Xapian::valueno slot : slots) {
        Xapian::ValueIterator v = db.valuestream_begin(slot);
        Xapian::ValueIterator end = db.valuestream_end(slot);
        if (db.get_value_freq(slot) <= 4 * uint64_t(set.count())) {
            /* A sparse slot: walk it and test each document. */
            for (; v != end; ++v)
                if (set.has(v.get_docid()))
                    ++counts[*v];
            continue;
        }
        const std::vector<uint64_t> &bits = set.bits();
        for (size_t w = 0; w < bits.size() && v != end; w++) {
            for (uint64_t b = bits[w]; b && v != end; b &= b - 1) {
                Xapian::docid d = Xapian::docid(w * 64 + __builtin_ctzll(b));
                v.skip_to(d);
                if (v != end && v.get_docid() == d)
                    ++counts[*v];
            }
        }
    }
    return FacetCounts(counts.begin(), counts.end());
}

/* One spelling of a key: its term lives in the arena at [off, off+len);
 * its display starts at off + disp. */
struct Variant {
    size_t off, len, disp;
    Xapian::doccount tf;
};

/* One key: variants [first, first + n), and a bound on its count. */
struct Group {
    uint64_t bound;
    size_t first, n;
};

bool better(const std::pair<std::string, uint64_t> &a,
            const std::pair<std::string, uint64_t> &b)
{
    return a.second != b.second ? a.second > b.second : a.first < b.first;
}

/* Adds one key's exact count (over its spellings) to the top list; the
 * key shows the spelling most matches use (ties: the smallest). */
void count_group(const Xapian::Database &db, const MatchSet &set,
                 const std::vector<HeadVariant> &vars, size_t prefix_len,
                 size_t limit, FacetCounts &best)
{
    uint64_t total = 0, top = 0;
    std::string display;
    for (const HeadVariant &v : vars) {
        uint64_t c = 0;
        for (auto p = db.postlist_begin(v.term); p != db.postlist_end(v.term);
             ++p)
            c += set.has(*p);
        total += c;
        size_t sep = v.term.find('\x1f', prefix_len);
        std::string d = v.term.substr(sep + 1);
        if (c > top || (c == top && c && d < display)) {
            top = c;
            display = std::move(d);
        }
    }
    if (total == 0)
        return;
    auto item = std::make_pair(std::move(display), total);
    auto pos = std::upper_bound(best.begin(), best.end(), item, better);
    best.insert(pos, std::move(item));
    if (limit && best.size() > limit)
        best.pop_back();
}

static const uint64_t POSTLIST_OPEN_COST = 50;

/* With the head file: keys come already sorted by bound.  Counting a key
 * walks its postings; false when that would take more than *budget
 * postings in all (the caller counts another way), else *budget is what
 * is left. */
bool count_heads(const Xapian::Database &db, const MatchSet &set,
                 const nx_facet_spec &spec, HeadCursor c, uint64_t *budget,
                 FacetCounts &best)
{
    const size_t limit = spec.limit, plen = std::strlen(spec.prefix);
    uint64_t bound;
    std::vector<HeadVariant> vars;
    while (c.next(bound, vars)) {
        /* Ties can still win on value, so stop only below the last. */
        if (limit && best.size() == limit && bound < best.back().second)
            break;
        /* Opening a posting list costs about as much as walking
         * POSTLIST_OPEN_COST postings. */
        uint64_t cost = 0;
        for (const HeadVariant &v : vars)
            cost += v.tf + POSTLIST_OPEN_COST;
        if (budget) {
            if (cost > *budget)
                return false;
            *budget -= cost;
        }
        count_group(db, set, vars, plen, limit, best);
    }
    return true;
}

FacetCounts count_terms(const Xapian::Database &db, const MatchSet &set,
                        const nx_facet_spec &spec)
{
    const std::string prefix = spec.prefix;
    /* Terms go into one arena: a facet may have a million distinct
     * values, and one allocation per value would dominate the count. */
    std::string arena;
    std::vector<Variant> vars;
    std::vector<Group> groups;
    size_t last_key_off = 0, last_key_len = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix);
         ++t) {
        const std::string &term = *t;
        size_t sep = term.find('\x1f', prefix.size());
        /* Surname terms ("XP#lavrov") and anything else are not values. */
        if (sep == std::string::npos || term[prefix.size()] == '#')
            continue;
        size_t off = arena.size(), klen = sep - prefix.size();
        arena.append(term);
        bool same = !groups.empty() && klen == last_key_len &&
                    arena.compare(off + prefix.size(), klen, arena,
                                  last_key_off, klen) == 0;
        if (!same) {
            groups.push_back(Group{0, vars.size(), 0});
            last_key_off = off + prefix.size();
            last_key_len = klen;
        }
        Xapian::doccount tf = t.get_termfreq();
        vars.push_back(Variant{off, term.size(), sep + 1, tf});
        groups.back().bound += tf;
        groups.back().n++;
    }
    /* Take keys by bound, largest first, through a heap: only the keys
     * that can still reach the top are ever popped. */
    auto lower = [](const Group &a, const Group &b) {
        return a.bound != b.bound ? a.bound < b.bound : a.first > b.first;
    };
    std::make_heap(groups.begin(), groups.end(), lower);
    FacetCounts best;
    const size_t limit = spec.limit;
    std::vector<HeadVariant> hv;
    while (!groups.empty()) {
        std::pop_heap(groups.begin(), groups.end(), lower);
        Group g = groups.back();
        groups.pop_back();
        /* Ties can still win on value, so stop only below the last. */
        if (limit && best.size() == limit && g.bound < best.back().second)
            break;
        hv.clear();
        for (size_t i = g.first; i < g.first + g.n; i++)
            hv.push_back(HeadVariant{arena.substr(vars[i].off, vars[i].len),
                                     vars[i].tf});
        count_group(db, set, hv, prefix.size(), limit, best);
    }
    return best;
}

} // namespace

bool count_from_heads(const Xapian::Database &db, const MatchSet &set,
                      const nx_facet_spec &spec, const FacetHeads *heads,
                      uint64_t *budget, FacetCounts &out)
{
    /* Sorted bounds make the terms cheap once the matches are many; below
     * that, reading the matches' own values is cheaper. */
    HeadCursor c;
    if (!spec.prefix || !heads ||
        uint64_t(set.count()) * HEADS_MIN_SHARE < db.get_doccount() ||
        !heads->find(spec.prefix, c))
        return false;
    FacetCounts best;
    if (!count_heads(db, set, spec, c, budget, best))
        return false;
    out = std::move(best);
    return true;
}

uint64_t heads_min_cost(const Xapian::Database &db, const MatchSet &set,
                        const nx_facet_spec *specs, size_t n,
                        const FacetHeads *heads)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const nx_facet_spec &spec = specs[i];
        HeadCursor c;
        if (!spec.prefix || !heads ||
            uint64_t(set.count()) * HEADS_MIN_SHARE < db.get_doccount() ||
            !heads->find(spec.prefix, c))
            return UINT64_MAX;
        /* Counting stops no sooner than the top `limit` is full: those
         * keys' postings are walked whatever the matches. */
        uint64_t tf = 0, nvars = 0;
        for (size_t k = 0; (!spec.limit || k < spec.limit) && c.skip(tf, nvars);
             k++)
            ;
        total += tf + nvars * POSTLIST_OPEN_COST;
    }
    return total;
}

namespace {

/* Counts of byte strings: open addressing over one arena of key bytes, so
 * counting a value already seen allocates nothing (one std::string per
 * value and per match was most of a page's facet counting). */
class KeyCounter {
  public:
    void add(const char *p, size_t len)
    {
        if (2 * (n_ + 1) > slots_.size())
            grow();
        uint64_t h = hash(p, len);
        size_t mask = slots_.size() - 1;
        for (size_t i = size_t(h) & mask;; i = (i + 1) & mask) {
            Slot &s = slots_[i];
            if (s.count == 0) {
                s = Slot{h, arena_.size(), len, 1};
                arena_.append(p, len);
                n_++;
                return;
            }
            if (s.hash == h && s.len == len &&
                std::memcmp(arena_.data() + s.off, p, len) == 0) {
                s.count++;
                return;
            }
        }
    }
    FacetCounts take() const
    {
        FacetCounts out;
        out.reserve(n_);
        for (const Slot &s : slots_)
            if (s.count)
                out.emplace_back(arena_.substr(s.off, s.len), s.count);
        return out;
    }

  private:
    struct Slot {
        uint64_t hash;
        size_t off, len;
        uint64_t count;   /* 0: empty */
    };
    static uint64_t hash(const char *p, size_t len)
    {
        uint64_t h = 1469598103934665603ull;   /* FNV-1a */
        for (size_t i = 0; i < len; i++)
            h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
        return h ^ (h >> 32);
    }
    void grow()
    {
        std::vector<Slot> old(slots_.empty() ? 64 : 2 * slots_.size(),
                              Slot{0, 0, 0, 0});
        old.swap(slots_);
        size_t mask = slots_.size() - 1;
        for (const Slot &s : old) {
            if (!s.count)
                continue;
            size_t i = size_t(s.hash) & mask;
            while (slots_[i].count)
                i = (i + 1) & mask;
            slots_[i] = s;
        }
    }
    std::vector<Slot> slots_;
    std::string arena_;
    size_t n_ = 0;
};

} // namespace

std::vector<FacetCounts> count_blobs(const Xapian::Database &db,
                                     const MatchSet &set, Xapian::valueno slot,
                                     const std::vector<unsigned> &ids)
{
    /* Entries: facet id (1 byte), length (2 bytes, little-endian), the
     * display form.  One value read per match counts every facet. */
    std::vector<KeyCounter> counts(ids.size());
    int want[256];
    std::fill(want, want + 256, -1);
    for (size_t i = 0; i < ids.size(); i++)
        if (ids[i] < 256)
            want[ids[i]] = int(i);
    Xapian::ValueIterator v = db.valuestream_begin(slot);
    Xapian::ValueIterator end = db.valuestream_end(slot);
    const std::vector<uint64_t> &bits = set.bits();
    std::string blob;
    for (size_t w = 0; w < bits.size() && v != end; w++) {
        for (uint64_t b = bits[w]; b && v != end; b &= b - 1) {
            Xapian::docid d = Xapian::docid(w * 64 + __builtin_ctzll(b));
            v.skip_to(d);
            if (v == end || v.get_docid() != d)
                continue;
            blob = *v;
            for (size_t p = 0; p + 3 <= blob.size();) {
                unsigned id = (unsigned char)blob[p];
                size_t len = (unsigned char)blob[p + 1] |
                             size_t((unsigned char)blob[p + 2]) << 8;
                if (p + 3 + len > blob.size())
                    break;
                if (want[id] >= 0)
                    counts[size_t(want[id])].add(blob.data() + p + 3, len);
                p += 3 + len;
            }
        }
    }
    std::vector<FacetCounts> out;
    for (const KeyCounter &c : counts)
        out.push_back(c.take());
    return out;
}

FacetCounts count_local(const Xapian::Database &db, const MatchSet &set,
                        const nx_facet_spec &spec, const FacetHeads *heads)
{
    uint64_t pairs = 0;
    std::vector<Xapian::valueno> slots = slots_in_use(db, spec, &pairs);
    if (slots.empty() || set.count() == 0)
        return FacetCounts();
    /* Reading values costs about matches x values per document; walking
     * terms about the facet's distinct values plus the postings of the
     * keys that can reach the top.  Per-document reads are dearer, so the
     * terms win well before the matches are most of the database. */
    HeadCursor c;
    if (spec.prefix && heads && heads->find(spec.prefix, c)) {
        /* Sorted bounds make the terms cheap once matches are many. */
        FacetCounts best;
        if (uint64_t(set.count()) * HEADS_MIN_SHARE >= db.get_doccount() &&
            count_heads(db, set, spec, c, nullptr, best))
            return best;
        return count_values(db, set, slots);
    }
    uint64_t per_doc = pairs / std::max<Xapian::doccount>(1, db.get_doccount());
    uint64_t value_cost = uint64_t(set.count()) * std::max<uint64_t>(1, per_doc) * 8;
    if (!spec.prefix || value_cost < pairs)
        return count_values(db, set, slots);
    return count_terms(db, set, spec);
}

} // namespace nx
