/*
 * search.cc — nx_db_search: the query language (QueryParser with boolean
 * operators, phrases, NEAR, wildcards, +/-; default AND; boolean facet
 * fields and a date range resolved through C callbacks), BM25 ranking with
 * ties ordered by date then id, facet counts over all matches, snippets and
 * spelling suggestions.
 *
 * Facet counting uses only Xapian's built-in ValueCountMatchSpy, one per
 * value slot in use (see facets/nx_facets.h), so the same request runs
 * unchanged over shards served by stock xapian-tcpsrv.
 */
#include "shim_internal.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <vector>

#include "shim_db.h"
#include "shim_facets.h"

struct nx_terms {
    std::vector<std::string> terms;
    bool range = false;
    unsigned slot = 0;
    bool has_lo = false, has_hi = false;
    std::string lo, hi;
};

extern "C" int nx_terms_add(nx_terms *t, const char *term)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        size_t n = std::char_traits<char>::length(term);
        /* A term Xapian cannot store cannot be in any document. */
        if (n > 0 && n <= NX_TERM_MAX)
            t->terms.emplace_back(term, n);
        return NX_OK;
    });
}

extern "C" int nx_terms_set_range(nx_terms *t, unsigned slot, const char *lo,
                                  size_t lolen, const char *hi, size_t hilen)
{
    std::string msg;
    return nx::guarded(msg, [&]() -> int {
        t->range = true;
        t->slot = slot;
        t->has_lo = lo != nullptr;
        t->has_hi = hi != nullptr;
        if (lo)
            t->lo.assign(lo, lolen);
        if (hi)
            t->hi.assign(hi, hilen);
        return NX_OK;
    });
}

/* A term ending in '\x1f' is a facet key: every term starting with it. */
static Xapian::Query term_query(const std::string &t)
{
    if (!t.empty() && t.back() == '\x1f')
        return Xapian::Query(Xapian::Query::OP_WILDCARD, t);
    return Xapian::Query(t);
}

static Xapian::Query any_of(const std::vector<std::string> &terms)
{
    if (terms.empty())
        return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> qs;
    for (const auto &t : terms)
        qs.push_back(term_query(t));
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

static Xapian::Query to_query(const nx_terms &t)
{
    if (t.range) {
        if (t.has_lo && t.has_hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, t.slot, t.lo,
                                 t.hi);
        if (t.has_lo)
            return Xapian::Query(Xapian::Query::OP_VALUE_GE, t.slot, t.lo);
        if (t.has_hi)
            return Xapian::Query(Xapian::Query::OP_VALUE_LE, t.slot, t.hi);
        return Xapian::Query::MatchAll;
    }
    return any_of(t.terms);
}

/* Records a callback's error for the caller to report once parsing ends.
 * Throwing through the QueryParser instead would leak its parser state. */
static Xapian::Query fail(std::string *error, char *err,
                          const std::string &fallback)
{
    if (error->empty())
        *error = err ? err : fallback;
    std::free(err);
    return Xapian::Query::MatchNothing;
}

namespace {

class FieldProc : public Xapian::FieldProcessor {
  public:
    FieldProc(const nx_search_request *req, std::string field,
              std::string *error)
        : req_(req), field_(std::move(field)), error_(error) {}
    Xapian::Query operator()(const std::string &value) override
    {
        nx_terms t;
        char *err = nullptr;
        if (req_->resolve(req_->ctx, field_.c_str(), value.c_str(), &t,
                          &err) != 0)
            return fail(error_, err, "invalid value for " + field_ + ": " +
                                         value);
        std::free(err);
        return to_query(t);
    }

  private:
    const nx_search_request *req_;
    std::string field_;
    std::string *error_;
};

class RangeProc : public Xapian::RangeProcessor {
  public:
    RangeProc(const nx_search_request *req, std::string *error)
        : Xapian::RangeProcessor(Xapian::BAD_VALUENO, req->range_prefix),
          req_(req), error_(error) {}
    Xapian::Query operator()(const std::string &b,
                             const std::string &e) override
    {
        nx_terms t;
        char *err = nullptr;
        if (req_->range(req_->ctx, b.c_str(), e.c_str(), &t, &err) != 0)
            return fail(error_, err, "invalid range " + b + ".." + e);
        std::free(err);
        return to_query(t);
    }

  private:
    const nx_search_request *req_;
    std::string *error_;
};

} // namespace

struct nx_results {
    Xapian::MSet mset;
    Xapian::Stem stem;
    uint64_t total = 0;
    bool exact = false;
    std::vector<std::string> data;
    std::vector<double> score;
    std::vector<std::vector<std::pair<std::string, uint64_t>>> facets;
    std::string suggestion;
    std::string snippet_msg;
    std::vector<std::string> terms;   /* of the query text as parsed */
};

static unsigned parse_flags(bool spelling)
{
    unsigned f = Xapian::QueryParser::FLAG_BOOLEAN |
                 Xapian::QueryParser::FLAG_PHRASE |
                 Xapian::QueryParser::FLAG_LOVEHATE |
                 Xapian::QueryParser::FLAG_WILDCARD |
                 Xapian::QueryParser::FLAG_PURE_NOT;
    if (spelling)
        f |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    return f;
}

/* The query parser for a request.  `spelling_only`: for a spelling
 * suggestion alone, the field values are not resolved (no callbacks). */
static void setup_parser(Xapian::QueryParser &qp, nx_db *db,
                         const nx_search_request *req, nx_results *r,
                         bool spelling_only, std::string *error)
{
    qp.set_stemmer(r->stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db->db);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_max_expansion(req->max_wildcard ? req->max_wildcard : 1000,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                         Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PARTIAL);
    for (size_t i = 0; i < req->nfields; i++) {
        const nx_field &f = req->fields[i];
        if (f.boolean && spelling_only) {
            qp.add_boolean_prefix(f.name, "XNXSPELL");
        } else if (f.boolean) {
            /* Each filter is its own group: `person:Putin person:Biden`
             * requires both (a document names many people). */
            std::string unique_group;
            auto *proc = new FieldProc(req, f.name, error);
            qp.add_boolean_prefix(f.name, proc->release(), &unique_group);
        } else {
            qp.add_prefix(f.name, f.prefix ? f.prefix : "");
        }
    }
    if (req->range && req->range_prefix)
        qp.add_rangeprocessor((new RangeProc(req, error))->release());
}

static bool blank(const std::string &text)
{
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

static Xapian::Query parse(nx_db *db, const nx_search_request *req,
                           nx_results *r, std::string *error)
{
    Xapian::QueryParser qp;
    setup_parser(qp, db, req, r, false, error);
    std::string text = req->query ? req->query : "";
    return blank(text) ? Xapian::Query::MatchAll
                       : qp.parse_query(text, parse_flags(false));
}

/* "Did you mean": looking each word up in the spelling table is a good
 * part of a search's time, so it is done only when the search found few
 * matches (SUGGEST_BELOW) — a query that finds plenty is taken as meant. */
static const Xapian::doccount SUGGEST_BELOW = 10;

static void suggest(nx_db *db, const nx_search_request *req, nx_results *r)
{
    std::string text = req->query ? req->query : "", ignored;
    if (blank(text))
        return;
    Xapian::QueryParser qp;
    setup_parser(qp, db, req, r, true, &ignored);
    qp.parse_query(text, parse_flags(true));
    r->suggestion = qp.get_corrected_query_string();
}

static Xapian::Query add_filters(Xapian::Query q, const nx_search_request *req)
{
    for (size_t i = 0; i < req->nfilters; i++) {
        const nx_filter &f = req->filters[i];
        std::vector<std::string> terms;
        for (size_t j = 0; j < f.nterms; j++)
            terms.emplace_back(f.terms[j]);
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, any_of(terms));
    }
    return q;
}

/* Facet counting: the cost of reading one match's facet values, in
 * postings walked (see run()). */
static const uint64_t POSTINGS_PER_READ = 64;

static int run(nx_db *db, const nx_search_request *req, nx_results *r)
{
    bool spelling = nx_db_has_spelling(db) != 0;
    std::string error;
    r->suggestion.clear();
    Xapian::Query q = parse(db, req, r, &error);
    if (!error.empty()) {
        db->msg = error;
        return NX_EQUERY;
    }
    r->terms.clear();
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end();
         ++t)
        r->terms.push_back(*t);
    q = add_filters(q, req);

    Xapian::Enquire enq(db->db);
    enq.set_query(q);
    /* Counting only (no hits asked for, as for a facet counted without
     * its own filter): no relevance to compute for every match. */
    if (req->limit == 0)
        enq.set_weighting_scheme(Xapian::BoolWeight());
    if (req->sort_by_date)
        enq.set_sort_by_value_then_relevance(req->sort_slot, false);
    else
        enq.set_sort_by_relevance_then_value(req->sort_slot, false);
    if (req->time_limit_ms)
        enq.set_time_limit(req->time_limit_ms / 1000.0);

    /* Local: one bitmap of the matches, counted afterwards (facets.cc).
     * Remote: one built-in spy per slot in use — a facet's k-th value sits
     * in slot base + k, so the first slot no document uses ends it. */
    std::unique_ptr<nx::MatchSet> set;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    std::vector<size_t> spy_facet;
    if (req->nfacets && db->local) {
        set.reset(new nx::MatchSet(db->db.get_lastdocid()));
        enq.add_matchspy(set.get());
    }
    for (size_t f = 0; f < req->nfacets && !set; f++) {
        const nx_facet_spec &fs = req->facets[f];
        for (unsigned k = 0; k < fs.nslots; k++) {
            if (db->db.get_value_freq(fs.slot + k) == 0)
                break;
            spies.emplace_back(new Xapian::ValueCountMatchSpy(fs.slot + k));
            spy_facet.push_back(f);
            enq.add_matchspy(spies.back().get());
        }
    }
    Xapian::doccount check = req->offset + req->limit;
    if (req->nfacets)
        check = db->db.get_doccount();
    /* Xapian 1.4 calls the spies a second time, on the client, for a
     * remote shard's match that sorts below a full page when the sort is
     * not by relevance alone (multimatch.cc, "sorts lower than min_item"):
     * counts came out a few too high.  A page as large as the matches
     * never fills, so there the spies run on the servers only; the remote
     * shards send every match anyway (check_at_least is all of them), and
     * the page is cut out below. */
    Xapian::doccount first = req->offset, size = req->limit;
    if (!spies.empty() && db->remote) {
        first = 0;
        size = check;
    }
    r->mset = enq.get_mset(first, size, check);
    r->total = r->mset.get_matches_estimated();
    r->exact = r->mset.get_matches_lower_bound() ==
               r->mset.get_matches_upper_bound();
    if (spelling && req->limit && r->total < SUGGEST_BELOW)
        suggest(db, req, r);

    r->facets.assign(req->nfacets, {});
    if (set) {
        const nx::FacetHeads *heads = nullptr;
        /* The head file serves only matches that are many (facets.cc);
         * for fewer, mapping and checking it (megabytes over a large
         * index) is not worth doing.  Its checksum waits until it is to
         * count (below). */
        if (!db->gen_dir.empty() &&
            uint64_t(set->count()) * nx::HEADS_MIN_SHARE >=
                db->db.get_doccount() &&
            db->heads.load(db->gen_dir, db->db.get_revision(), false))
            heads = &db->heads;
        std::vector<size_t> rest;
        std::vector<unsigned> ids;
        /* Keys from the head file cost their postings; the facet values
         * slot costs one read per match, for every facet at once.  The
         * head file is used while its postings stay within what that
         * pass would cost (a posting is about POSTINGS_PER_READ times
         * cheaper than a value read and its decoding): a long tail of
         * small keys, common with extracted names, tips it the other
         * way. */
        uint64_t budget = uint64_t(set->count()) * POSTINGS_PER_READ;
        /* Once the values pass runs for one facet it counts them all for
         * about the cost of one, so the head file is used for all of them
         * or none: not at all when its least cost already exceeds the
         * budget, no more once one facet has gone over it. */
        bool try_heads = !req->facet_values_slot ||
                         nx::heads_min_cost(db->db, *set, req->facets,
                                            req->nfacets, heads) <= budget;
        if (heads && try_heads && !db->heads.check())
            heads = nullptr;
        for (size_t f = 0; f < req->nfacets; f++) {
            if (try_heads &&
                nx::count_from_heads(db->db, *set, req->facets[f], heads,
                                     req->facet_values_slot ? &budget
                                                            : nullptr,
                                     r->facets[f]))
                continue;
            if (req->facet_values_slot)
                try_heads = false;
            rest.push_back(f);
            ids.push_back(req->facets[f].id);
        }
        if (req->facet_values_slot && !rest.empty()) {
            auto counts = nx::count_blobs(db->db, *set,
                                          req->facet_values_slot, ids);
            for (size_t i = 0; i < rest.size(); i++)
                r->facets[rest[i]] = std::move(counts[i]);
        } else {
            for (size_t f : rest)
                r->facets[f] = nx::count_local(db->db, *set, req->facets[f],
                                               heads);
        }
    } else {
        std::vector<std::unordered_map<std::string, uint64_t>> merged(
            req->nfacets);
        for (size_t s = 0; s < spies.size(); s++)
            for (auto v = spies[s]->values_begin();
                 v != spies[s]->values_end(); ++v)
                merged[spy_facet[s]][*v] += v.get_termfreq();
        for (size_t f = 0; f < req->nfacets; f++)
            r->facets[f].assign(merged[f].begin(), merged[f].end());
    }

    r->data.clear();
    r->score.clear();
    Xapian::doccount lo = req->offset - first;
    Xapian::doccount hi = std::min<Xapian::doccount>(
        r->mset.size(), lo + req->limit);
    for (Xapian::doccount i = lo; i < hi; i++) {
        Xapian::MSetIterator it = r->mset[i];
        r->data.push_back(it.get_document().get_data());
        r->score.push_back(it.get_weight());
    }
    return NX_OK;
}

extern "C" int nx_db_search(nx_db *db, const nx_search_request *req,
                            nx_results **out)
{
    *out = nullptr;
    nx_results *r = new (std::nothrow) nx_results();
    if (!r)
        return NX_ENOMEM;
    int rc = nx::guarded(db->msg, [&]() -> int {
        /* One stemmer for the process: a FastCGI worker's stems stay
         * known from one request to the next (stem.cc keeps them). */
        static Xapian::Stem shared = nx::make_stemmer();
        r->stem = shared;
        return NX_OK;
    });
    if (rc == NX_OK)
        rc = nx::with_retry(db, [&]() -> int { return run(db, req, r); });
    /* A shard that died since the open: answer from the others when the
     * caller allows partial results (the answer says which are missing). */
    if (rc == NX_ENETWORK && nx::drop_dead_shards(db))
        rc = nx::with_retry(db, [&]() -> int { return run(db, req, r); });
    if (rc != NX_OK) {
        delete r;
        return rc;
    }
    *out = r;
    return NX_OK;
}

extern "C" void nx_results_free(nx_results *r)
{
    delete r;
}

extern "C" uint64_t nx_results_total(const nx_results *r, int *exact)
{
    if (exact)
        *exact = r->exact;
    return r->total;
}

extern "C" size_t nx_results_size(const nx_results *r)
{
    return r->data.size();
}

extern "C" double nx_results_score(const nx_results *r, size_t i)
{
    return i < r->score.size() ? r->score[i] : 0.0;
}

extern "C" const char *nx_results_data(const nx_results *r, size_t i,
                                       size_t *len)
{
    if (i >= r->data.size())
        return nullptr;
    if (len)
        *len = r->data[i].size();
    return r->data[i].c_str();
}

extern "C" char *nx_results_snippet(nx_results *r, const char *text,
                                    size_t len, size_t bytes)
{
    char *out = nullptr;
    /* The background model (word frequencies from the index) picks the
     * window and breaks ties between windows the same way over one
     * database and over shards; without it, remote and local shards
     * picked different windows for the same hit.  It reads term
     * statistics after the search's retry: a writer committing meanwhile
     * (or a rebuild's swap) makes it throw, and then the snippet goes
     * without the model, which needs only the text, rather than failing
     * the page.  Not exhaustive: a good snippet early is enough, and each
     * hit's whole text would otherwise be stemmed word by word. */
    unsigned flags[] = {Xapian::MSet::SNIPPET_BACKGROUND_MODEL, 0};
    for (unsigned f : flags) {
        int rc = nx::guarded(r->snippet_msg, [&]() -> int {
            static const char hs[] = {NX_HI_START, 0}, he[] = {NX_HI_END, 0};
            std::string s = r->mset.snippet(std::string(text, len), bytes,
                                            r->stem, f, hs, he,
                                            "\xe2\x80\xa6");
            out = nx::dup(s);
            return out ? NX_OK : NX_ENOMEM;
        });
        if (rc == NX_OK || rc == NX_ENOMEM)
            break;
    }
    return out;
}

extern "C" size_t nx_results_facet_size(const nx_results *r, size_t f)
{
    return f < r->facets.size() ? r->facets[f].size() : 0;
}

extern "C" const char *nx_results_facet_value(const nx_results *r, size_t f,
                                              size_t i, uint64_t *count)
{
    if (f >= r->facets.size() || i >= r->facets[f].size())
        return nullptr;
    if (count)
        *count = r->facets[f][i].second;
    return r->facets[f][i].first.c_str();
}

extern "C" size_t nx_results_term_count(const nx_results *r)
{
    return r->terms.size();
}

extern "C" const char *nx_results_term(const nx_results *r, size_t i)
{
    return i < r->terms.size() ? r->terms[i].c_str() : nullptr;
}

extern "C" const char *nx_results_suggestion(const nx_results *r)
{
    return r->suggestion.empty() ? nullptr : r->suggestion.c_str();
}

