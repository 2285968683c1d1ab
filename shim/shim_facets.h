/*
 * shim_facets.h — exact facet counting on a local database (facets.cc),
 * private to shim/.  Remote shards count with ValueCountMatchSpy instead
 * (search.cc): stock xapian-tcpsrv knows no other spy.
 */
#ifndef NX_SHIM_FACETS_H
#define NX_SHIM_FACETS_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "nx_xapian.h"

namespace nx {

/* Records the docid of every match in a bitmap: cheap enough to run on
 * every match, and what both local counting strategies start from. */
class MatchSet : public Xapian::MatchSpy {
  public:
    explicit MatchSet(Xapian::docid last) : bits_((last >> 6) + 1, 0) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        Xapian::docid d = doc.get_docid();
        if ((d >> 6) < bits_.size()) {
            bits_[d >> 6] |= uint64_t(1) << (d & 63);
            ++count_;
        }
    }
    bool has(Xapian::docid d) const
    {
        return (d >> 6) < bits_.size() && ((bits_[d >> 6] >> (d & 63)) & 1);
    }
    Xapian::doccount count() const { return count_; }
    const std::vector<uint64_t> &bits() const { return bits_; }

  private:
    std::vector<uint64_t> bits_;
    Xapian::doccount count_ = 0;
};

typedef std::vector<std::pair<std::string, uint64_t>> FacetCounts;

/* The head file counts a facet only when at least one document in
 * HEADS_MIN_SHARE matches; below that, the matches' own values are
 * cheaper to read. */
const uint64_t HEADS_MIN_SHARE = 20;

/* The facet head file (facethead.cc). */
struct HeadVariant {
    std::string term;
    Xapian::doccount tf;
};

/* Walks one facet's groups, largest bound first. */
struct HeadCursor {
    const unsigned char *p = nullptr, *end = nullptr;
    uint64_t left = 0;
    bool next(uint64_t &bound, std::vector<HeadVariant> &vars);
    /* Passes over one group, adding its variants' term frequencies to tf
     * and their number to nvars. */
    bool skip(uint64_t &tf, uint64_t &nvars);
};

class FacetHeads {
  public:
    FacetHeads() = default;
    ~FacetHeads();
    FacetHeads(const FacetHeads &) = delete;
    FacetHeads &operator=(const FacetHeads &) = delete;
    /* Maps dir/nx-facets.idx if it describes `revision` and is sound
     * (magic, size, and with `verify` the checksum). */
    bool load(const std::string &dir, Xapian::rev revision,
              bool verify = true);
    /* The checksum of the file mapped, computed once per mapping: false
     * (and the file forgotten, problem() saying why) when it does not
     * match.  A file not yet checked may be read for estimates only
     * (find() and HeadCursor stay within the mapping), never for counts. */
    bool check();
    bool find(const std::string &prefix, HeadCursor &c) const;
    /* Forgets the file mapped (the handle moved to another generation,
     * whose revision numbers may be the same). */
    void reset() { unmap(); problem_.clear(); revision_ = 0; }
    /* Why the last load() ignored a damaged file ("" when it did not). */
    const std::string &problem() const { return problem_; }

  private:
    void unmap();
    void fail(const std::string &why);
    std::string problem_, path_;
    bool checked_ = false;
    unsigned char *map_ = nullptr;
    size_t size_ = 0;
    Xapian::rev revision_ = 0;
};

/* Writes dir/nx-facets.idx for these term prefixes at db's revision. */
void write_facet_heads(const Xapian::Database &db, const std::string &dir,
                       const std::vector<std::string> &prefixes);

/* Counts a facet from the head file when it is current and the matches
 * are many enough for that to pay; false when it did not, or when it
 * would walk more than *budget postings (budget NULL: no bound; else
 * decreased by what was walked). */
bool count_from_heads(const Xapian::Database &db, const MatchSet &set,
                      const nx_facet_spec &spec, const FacetHeads *heads,
                      uint64_t *budget, FacetCounts &out);
/* The fewest postings (a posting list's opening counted as
 * POSTLIST_OPEN_COST of them) that counting all n facets from the head
 * file would walk; UINT64_MAX when one of them cannot be counted so. */
uint64_t heads_min_cost(const Xapian::Database &db, const MatchSet &set,
                        const nx_facet_spec *specs, size_t n,
                        const FacetHeads *heads);
/* Counts the facets with these ids from the matches' facet values slot
 * (facets/nx_facets.h: NX_SLOT_FACETS), all in one pass. */
std::vector<FacetCounts> count_blobs(const Xapian::Database &db,
                                     const MatchSet &set, Xapian::valueno slot,
                                     const std::vector<unsigned> &ids);
/* Counts one facet over the matches in `set`, exactly; `heads` may be
 * NULL. */
FacetCounts count_local(const Xapian::Database &db, const MatchSet &set,
                        const nx_facet_spec &spec, const FacetHeads *heads);

} // namespace nx

#endif
