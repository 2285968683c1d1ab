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

/* Counts one facet over the matches in `set`, exactly. */
FacetCounts count_local(const Xapian::Database &db, const MatchSet &set,
                        const nx_facet_spec &spec);

} // namespace nx

#endif
