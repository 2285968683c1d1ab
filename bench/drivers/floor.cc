/*
 * floor.cc — the bare Xapian indexer and searcher: the floor newsdex is
 * measured against.  It does what newsdex must do and nothing more:
 *
 *  - the same text, title (weight 3) then body with a position gap, through
 *    TermGenerator with the same Snowball English stemmer (libstemmer, as
 *    newsdex's shim) and STEM_SOME; a "Q" id term; commits every 1000
 *    documents (newsdex's default batch);
 *  - the 4 Reuters tag facets as boolean terms (newsdex's prefixes XL, XP,
 *    XO, XC + the tag as given) for filtering, and all of a document's tags
 *    packed in ONE value slot, counted by ONE custom MatchSpy — a single
 *    value read per match, where newsdex's layout reads one slot per value
 *    position per facet;
 *  - no extraction, no spelling data, no stored article (data = the id),
 *    no snippets, no sort key.
 *
 *   nxb_floor index DB CORPUS.jsonl
 *   nxb_floor query DB QUERIES.txt OUT.json REPS
 */
#include <xapian.h>
#include <libstemmer.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "common.h"

static const char *const PREFIX[BQ_NFACETS] = {"XL", "XP", "XO", "XC"};
static const Xapian::valueno TAG_SLOT = 0;
static const unsigned BATCH = 1000;

/* Snowball English through libstemmer, as newsdex's shim/stem.cc: Xapian's
 * built-in copy of the algorithm may be of another Snowball release. */
class SnowballStem : public Xapian::StemImplementation {
  public:
    SnowballStem() : st_(sb_stemmer_new("english", "UTF_8")) {}
    ~SnowballStem() override { sb_stemmer_delete(st_); }
    SnowballStem(const SnowballStem &) = delete;
    SnowballStem &operator=(const SnowballStem &) = delete;
    std::string operator()(const std::string &w) override
    {
        const sb_symbol *s = sb_stemmer_stem(
            st_, reinterpret_cast<const sb_symbol *>(w.data()), (int)w.size());
        return std::string(reinterpret_cast<const char *>(s),
                           (size_t)sb_stemmer_length(st_));
    }
    std::string get_description() const override { return "bench-english"; }

  private:
    struct sb_stemmer *st_;
};

/* The tag slot: for each tag, one byte facet number then the tag then NUL. */
static std::string pack_tags(const bq_doc &d)
{
    std::string v;
    for (int f = 0; f < BQ_NFACETS; f++)
        for (size_t i = 0; i < d.ntags[f]; i++) {
            v += char('0' + f);
            v += d.tags[f][i];
            v += '\0';
        }
    return v;
}

static int do_index(const char *dbpath, const char *corpus)
{
    bq_reader *r = bq_reader_open(corpus);
    if (!r)
        return 3;
    Xapian::WritableDatabase db(dbpath, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem(new SnowballStem()));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    /* An experiment knob, not a benchmark setting: NXB_FLOOR_SPELLING=1
     * builds spelling data as newsdex does, to price it on the floor. */
    if (std::getenv("NXB_FLOOR_SPELLING")) {
        tg.set_database(db);
        tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    }
    bq_doc d;
    int rc;
    unsigned pending = 0;
    while ((rc = bq_next(r, &d)) == 1) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(d.title, 3);
        tg.increase_termpos(100);
        tg.index_text(d.body);
        std::string id = std::to_string(d.id);
        for (int f = 0; f < BQ_NFACETS; f++)
            for (size_t i = 0; i < d.ntags[f]; i++)
                doc.add_boolean_term(PREFIX[f] + std::string(d.tags[f][i]));
        doc.add_value(TAG_SLOT, pack_tags(d));
        doc.set_data(id);
        doc.add_boolean_term("Q" + id);
        db.replace_document("Q" + id, doc);
        if (++pending == BATCH) {
            db.commit();
            pending = 0;
        }
    }
    db.commit();
    bq_reader_close(r);
    return rc == 0 ? 0 : 3;
}

/* Counts every tag of every match: exact counts over all matches, given
 * check_at_least = doccount. */
class TagSpy : public Xapian::MatchSpy {
  public:
    std::unordered_map<std::string, uint64_t> counts[BQ_NFACETS];
    void operator()(const Xapian::Document &doc, double) override
    {
        const std::string v = doc.get_value(TAG_SLOT);
        for (size_t p = 0; p < v.size();) {
            size_t end = v.find('\0', p);
            int f = v[p] - '0';
            if (end == std::string::npos || f < 0 || f >= BQ_NFACETS)
                break;
            counts[f][v.substr(p + 1, end - p - 1)]++;
            p = end + 1;
        }
    }
};

struct Searcher {
    Xapian::Database db;
    Xapian::QueryParser qp;
};

static int run_query(void *ctx, const bq *q, int facets, bq_rec *rec)
{
    Searcher *s = static_cast<Searcher *>(ctx);
    try {
        Xapian::Query query = s->qp.parse_query(
            q->text, Xapian::QueryParser::FLAG_BOOLEAN |
                         Xapian::QueryParser::FLAG_PHRASE |
                         Xapian::QueryParser::FLAG_LOVEHATE);
        for (size_t i = 0; i < q->nfilters; i++)
            query = Xapian::Query(
                Xapian::Query::OP_FILTER, query,
                Xapian::Query(PREFIX[q->facet[i]] + std::string(q->value[i])));
        Xapian::Enquire enq(s->db);
        enq.set_query(query);
        TagSpy spy;
        Xapian::doccount check = 10;
        if (facets) {
            enq.add_matchspy(&spy);
            check = s->db.get_doccount();
        }
        Xapian::MSet m = enq.get_mset(0, 10, check);
        std::string ids;
        for (auto it = m.begin(); it != m.end(); ++it)
            ids += it.get_document().get_data();   /* what a page shows */
        if (rec) {
            bq_rec_total(rec, m.get_matches_estimated());
            for (int f = 0; f < BQ_NFACETS; f++)
                for (const auto &kv : spy.counts[f])
                    bq_rec_count(rec, bq_facet_names[f], kv.first.c_str(),
                                 kv.second);
        }
        return 0;
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "%s: %s\n", q->qid, e.get_description().c_str());
        return -1;
    }
}

static int do_query(const char *dbpath, const char *queries, const char *out,
                    unsigned reps)
{
    bq *qs;
    size_t n;
    if (bq_load(queries, &qs, &n) != 0)
        return 2;
    Searcher s;
    s.db = Xapian::Database(dbpath);
    s.qp.set_stemmer(Xapian::Stem(new SnowballStem()));
    s.qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    s.qp.set_default_op(Xapian::Query::OP_AND);
    s.qp.set_database(s.db);
    int rc = bq_bench("floor", qs, n, reps, run_query, &s, out);
    free(qs);
    return rc == 0 ? 0 : 3;
}

int main(int argc, char **argv)
{
    try {
        if (argc == 4 && std::strcmp(argv[1], "index") == 0)
            return do_index(argv[2], argv[3]);
        if (argc == 6 && std::strcmp(argv[1], "query") == 0)
            return do_query(argv[2], argv[3], argv[4],
                            bq_uint_arg(argv[5], 1000));
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "nxb_floor: %s\n", e.get_description().c_str());
        return 3;
    }
    std::fprintf(stderr, "usage: nxb_floor index DB CORPUS.jsonl\n"
                         "       nxb_floor query DB QUERIES OUT.json REPS\n");
    return 2;
}
