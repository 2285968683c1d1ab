/*
 * stem.cc — Snowball's libstemmer wrapped as a Xapian::StemImplementation,
 * so the TermGenerator (indexing) and the QueryParser (searching) share one
 * stemmer object and a word is indexed and searched identically.
 */
#include "shim_internal.h"

#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include <libstemmer.h>

namespace nx {

class SnowballStem : public Xapian::StemImplementation {
  public:
    SnowballStem() : st_(sb_stemmer_new("english", "UTF_8"))
    {
        if (!st_)
            throw std::bad_alloc();
    }
    ~SnowballStem() override { sb_stemmer_delete(st_); }
    SnowballStem(const SnowballStem &) = delete;
    SnowballStem &operator=(const SnowballStem &) = delete;

    std::string operator()(const std::string &word) override
    {
        /* Snippets stem every word of every hit's text, and most words
         * come again: a stem found once is looked up, not recomputed. */
        auto it = cache_.find(word);
        if (it != cache_.end())
            return it->second;
        std::string stem = compute(word);
        if (cache_.size() < CACHE_MAX)
            cache_.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override
    {
        return "newsdex-libstemmer-english";
    }

  private:
    static const size_t CACHE_MAX = 1 << 16;

    std::string compute(const std::string &word)
    {
        const sb_symbol *out = sb_stemmer_stem(
            st_, reinterpret_cast<const sb_symbol *>(word.data()),
            static_cast<int>(word.size()));
        if (!out)
            throw std::bad_alloc();
        return std::string(reinterpret_cast<const char *>(out),
                           static_cast<size_t>(sb_stemmer_length(st_)));
    }

    struct sb_stemmer *st_;
    std::unordered_map<std::string, std::string> cache_;
};

Xapian::Stem make_stemmer()
{
    return Xapian::Stem(new SnowballStem());
}

} // namespace nx

extern "C" char *nx_stem_word(const char *word)
{
    try {
        Xapian::Stem stem = nx::make_stemmer();
        return nx::dup(stem(word));
    } catch (...) {
        return nullptr;
    }
}
