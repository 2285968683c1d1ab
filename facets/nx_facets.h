/*
 * nx_facets.h — the facet schema: facet names, their term prefixes and
 * value slots, and the encodings both the indexer and the query side use.
 *
 * Storage (one schema for local databases and for shards behind stock
 * xapian-tcpsrv, which only knows Xapian's built-in match spies):
 *
 *  - a boolean term per value: prefix + nx_name_key(value) + NX_TERM_SEP +
 *    display form, e.g. "XBYsergey lavrov\x1fSergey Lavrov"; year
 *    "Y2021\x1f2021", month "M202112\x1f2021-12".  A filter names the key
 *    only ("XBYsergey lavrov\x1f", a prefix of every spelling of it), so
 *    filters match by key while a local database can count a facet from
 *    its terms alone, display forms included.  For people (by, person)
 *    also prefix + "#" + surname key ("XBY#lavrov") so a bare surname in a
 *    query finds them.  `byany` (XBZ) holds every attributed speaker,
 *    `by` only those attributed with confidence >= NX_BY_CONFIDENT.
 *    `about` (XT) holds the entities the article is about, a subset of
 *    person, org and place; its people also under "XT#" + surname.
 *  - counting: a multi-valued facet puts its k-th value (display form) in
 *    value slot base + k, k < NX_FACET_MAX_VALUES; counting sums one
 *    ValueCountMatchSpy per slot in use and merges values by key.
 *  - slot 0: the publication date (nx_date_encode), slot 1: the sort key
 *    (date newest first, then id), so ties order the same on shards;
 *    slot 3: all facet values at once (NX_SLOT_FACETS).
 *
 * The layout is part of the on-disk format (NX_FORMAT_VERSION).
 */
#ifndef NX_FACETS_H
#define NX_FACETS_H

#include <stddef.h>
#include <stdint.h>

#define NX_TERM_SEP '\x1f'  /* between key and display in facet terms */
#define NX_SLOT_DATE 0
#define NX_SLOT_SORT 1
/* Reindexing (indexer/reindex.c): the record's content hash (16 hex
 * digits) in slot 2, and a boolean term "XSRC" + source file per document
 * so "every article from file F" is one posting list. */
#define NX_SLOT_HASH 2
#define NX_PREFIX_SOURCE "XSRC"
/* Every facet value of the document in one value, for counting over few
 * matches with one read each: entries of facet id (1 byte), length (2
 * bytes, little-endian), display form. */
#define NX_SLOT_FACETS 3
#define NX_FACET_MAX_VALUES 256

typedef enum nx_facet_id {
    NX_FACET_BY = 0,
    NX_FACET_PERSON,
    NX_FACET_ORG,
    NX_FACET_PLACE,
    NX_FACET_CATEGORY,
    NX_FACET_AUTHOR,
    NX_FACET_YEAR,
    NX_FACET_MONTH,
    NX_FACET_BYANY,          /* every speaker, confident or not (by is the
                                confident ones, NX_BY_CONFIDENT) */
    NX_FACET_ABOUT,          /* the people, orgs and places the article is
                                about (nx_about_mark, docs/about.md) */
    NX_FACET_COUNT
} nx_facet_id;

typedef struct nx_facet_def {
    const char *name;      /* "by", "person", ... (also the query prefix) */
    const char *prefix;    /* term prefix */
    unsigned slot;         /* first value slot */
    unsigned nslots;       /* slots reserved (1 for single-valued facets) */
    int entity;            /* an entity facet: names normalised via aliases */
    int surname;           /* also indexed under the surname key */
} nx_facet_def;

/* The schema, indexed by nx_facet_id. */
extern const nx_facet_def nx_facet_defs[NX_FACET_COUNT];

/* The term prefixes of every facet, NULL-terminated (for the writer's
 * facet head file). */
extern const char *const nx_facet_prefixes[NX_FACET_COUNT + 1];

/* The facet with this name, or -1. */
int nx_facet_lookup(const char *name);

/* The term of a facet value: prefix + key + NX_TERM_SEP + display (cut on
 * a UTF-8 boundary to fit NX_TERM_MAX, Xapian's bound), or with display NULL
 * the filter form prefix + key + NX_TERM_SEP that matches every term
 * starting with it.  malloc'd. */
char *nx_facet_term(nx_facet_id f, const char *key, const char *display);
/* Term for a surname key: prefix + "#" + surname. */
char *nx_facet_surname_term(nx_facet_id f, const char *surname);

/* The terms that stand for `value` in facet f (by, person, org, place,
 * category, author), computed by this one function on both sides so the
 * indexer and the query can never disagree:
 *  - display: the canonical display form (entity facets go through the
 *    alias table `al`, which may be NULL);
 *  - terms[0]: nx_facet_term() of the key of the display form (with the
 *    display at index time, the filter form in a query);
 *  - terms[1] (people only): at index time the surname term of a
 *    many-word name; in a query (`for_query`) the surname term of a
 *    one-word value, so `by:Lavrov` finds "Sergey Lavrov" but
 *    `by:"Sergey Lavrov"` does not find other Lavrovs.
 * Returns NX_OK, NX_ENOMEM, or NX_EINVAL for a value with no letters or
 * digits (out->n = 0).  Free with nx_facet_terms_clear(). */
#define NX_FACET_TERMS_MAX 3
typedef struct nx_facet_terms {
    char *display;
    char *terms[NX_FACET_TERMS_MAX];
    size_t n;
} nx_facet_terms;
struct nx_aliases;
int nx_facet_terms_make(nx_facet_id f, const struct nx_aliases *al,
                        const char *value, int for_query, nx_facet_terms *out);
void nx_facet_terms_clear(nx_facet_terms *t);

/* Quotes (docs/quotes.md): the words of each quote as free text under
 * NX_PREFIX_QUOTE (any speaker), and again under a prefix per speaker
 * term: "XQB" + the by: term's key (or "#" + surname) + ':', so `by:X
 * quote:W` is W under X's quote prefixes.  Each quote is its own text
 * field, so the position gap between fields keeps phrases and NEAR inside
 * one quote. */
#define NX_PREFIX_QUOTE "XQ"
#define NX_PREFIX_QUOTE_BY "XQB"
/* The longest word the TermGenerator indexes (Xapian's default). */
#define NX_QUOTE_WORD_MAX 64
/* The quote prefix bound to the speaker of a by: term (index or filter
 * form, or a surname term: "XBYsergey lavrov\x1f...", "XBY#lavrov"), the
 * key cut on a UTF-8 boundary so "Z" + prefix + a word of
 * NX_QUOTE_WORD_MAX bytes fits NX_TERM_MAX.  malloc'd; NULL when out of
 * memory or `by_term` is not a by: term. */
char *nx_quote_prefix(const char *by_term);

/* The sort key for slot NX_SLOT_SORT: newest first, then id ascending,
 * undated last.  malloc'd, *len its size. */
char *nx_sort_key(int64_t date, const char *id, size_t *len);

#endif
