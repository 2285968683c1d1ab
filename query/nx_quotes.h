/*
 * nx_quotes.h — quotes as search results (`newsdex quotes`, issue 15):
 * runs a search and returns the matching *quotes*, not the articles, with
 * counts by speaker and year over every matching quote.
 *
 * What matches (docs/quotes.md, "Quotes as results"):
 *  - the articles: the query as `newsdex search` reads it, except that
 *    words typed without a field are words of quotes, as if written
 *    `quote:` — bound to the speakers the query names (`by:` in the text,
 *    --by, --filter by:), else any speaker's;
 *  - in each such article, its quotes: only those of the named speakers
 *    (attributed to them at any confidence, as `quote:` binds — the
 *    article is by:'s, confident; `by:unattributed` for quotes with no
 *    speaker) when speakers are named; and, when the query
 *    has words, only the quotes holding at least one of them (stemmed as
 *    the body: "ports" holds `port`), so a speaker's quote and someone
 *    else's word in the same article never combine.
 *  - Ranking (relevance): more of the query's words first, then the
 *    confident attributions, then the article's relevance, then newest, then article id, then the quote's
 *    place in the article; by date: newest first, then id, then place.
 * Counts are exact over every matching article (read in batches) up to
 * opts.max_articles; past that total_exact is 0.
 */
#ifndef NX_QUOTES_H
#define NX_QUOTES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nx_query.h"
#include "nx_stored.h"
#include "nx_xapian.h"

typedef struct nx_quotes_options {
    const char *query;               /* query text ("" = every article) */
    const char *const *speakers;     /* --by NAME values (ORed); may be NULL */
    size_t nspeakers;
    const char *const *filters;      /* "FACET:VALUE" (--filter) */
    size_t nfilters;
    unsigned offset, limit;          /* the page of quotes (limit 0: counts
                                        only) */
    int sort_by_date;                /* newest first */
    unsigned facet_limit;            /* speakers listed (0 = all); years
                                        are all listed */
    unsigned max_articles;           /* articles read at most (0 =
                                        NX_QUOTES_MAX_ARTICLES) */
    unsigned time_limit_ms;          /* per search batch (0 = none) */
    unsigned max_wildcard;           /* 0 = default */
} nx_quotes_options;
#define NX_QUOTES_MAX_ARTICLES 100000u
#define NX_QUOTES_OPTIONS_INIT \
    {"", NULL, 0, NULL, 0, 0, 10, 0, 10, 0, 0, 0}

typedef struct nx_quote_hit {
    unsigned rank;          /* 1-based, across pages */
    unsigned matched;       /* distinct query words the quote holds */
    double score;           /* the article's relevance */
    size_t index;           /* the quote is doc.quotes[index] */
    char *data;             /* the article's stored JSON (nx_stored.h) */
    nx_stored doc;          /* data parsed */
    char *highlight;        /* the quote's text HTML-escaped, the query's
                               words between NX_HI_START and NX_HI_END */
} nx_quote_hit;

typedef struct nx_quotes_result {
    char *query;
    uint64_t total;         /* matching quotes */
    uint64_t articles;      /* articles holding them */
    int total_exact;        /* 0: max_articles cut the reading short */
    unsigned offset;
    nx_quote_hit *hits;
    size_t nhits;
    nx_facet_count *speakers;  /* by speaker (NX_STORED_UNATTRIBUTED for
                                  none), count most first, ties by value */
    size_t nspeakers;
    nx_facet_count *years;     /* by the article's year, the same order */
    size_t nyears;
    nx_facet_count *months;    /* by its month ("YYYY-MM"), the same */
    size_t nmonths;
    char *missing;          /* shards left out (comma-separated), or NULL */
} nx_quotes_result;

/* Runs the search.  NX_EQUERY / NX_EINVAL with *err (malloc'd) in plain
 * words for a query that does not parse or a bad filter.  *out is the
 * caller's, freed with nx_quotes_result_free() (NULL is a no-op). */
int nx_quotes_run(nx_db *db, const nx_quotes_options *opts,
                  nx_quotes_result **out, char **err);
void nx_quotes_result_free(nx_quotes_result *r);

/* The words a quote is matched against, from the terms of the search
 * that ran (nx_results_term): unprefixed body words and `quote:` words
 * ("Zfire", "fire", "XQfire", "ZXQBlavrov:fire"); title words, facet
 * terms and the like are not a quote's.  Caller frees. */
typedef struct nx_quote_words nx_quote_words;
int nx_quote_words_new(nx_quote_words **out, const char *const *terms,
                       size_t n);
size_t nx_quote_words_count(const nx_quote_words *w);
void nx_quote_words_free(nx_quote_words *w);
/* How many distinct words of w `text` holds, tokenised and lower-cased as
 * the indexer's text, each word tried as written and stemmed.  With hl,
 * *hl gets text HTML-escaped with the matching words between NX_HI_START
 * and NX_HI_END (malloc'd).  NX_OK or NX_ENOMEM. */
int nx_quote_words_match(const nx_quote_words *w, const char *text,
                         unsigned *matched, char **hl);

/* Output: the --json object (README, "JSON"); one JSON object a line per
 * quote (--format jsonl); CSV with a header line (--format csv); text for
 * a terminal (`bold`: terminal bold for matches).  The strings are
 * malloc'd, NULL on out-of-memory. */
char *nx_quotes_json(const nx_quotes_result *r);
char *nx_quotes_jsonl(const nx_quotes_result *r);
char *nx_quotes_csv(const nx_quotes_result *r);
void nx_quotes_text(FILE *out, const nx_quotes_result *r, int bold);

#endif
