/*
 * nx_extract.h — what the indexer extracts from an article: people,
 * organisations and places mentioned, who is quoted (`by:`), and each quote
 * with its speaker.
 *
 * Extraction is a pipeline of plug-ins behind one interface (STYLE.md §8):
 * each extractor adds mentions to a shared per-article state; rules and
 * gazetteers come first, then the trained tagger (extract/ner); the
 * final step merges mentions of one entity (a bare surname joins the full
 * name seen in the same article) and canonicalises names through
 * facets/nx_names.h.
 */
#ifndef NX_EXTRACT_H
#define NX_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include "nx_article.h"
#include "nx_names.h"

typedef struct nx_quote {
    char *speaker;   /* canonical display name; NULL when unattributed */
    char *text;      /* the quoted words, without the quote marks */
} nx_quote;

/* Result of extraction; names are canonical display forms, each listed
 * once, in order of first mention. */
typedef struct nx_entities {
    nx_strlist person;
    nx_strlist org;
    nx_strlist place;
    nx_strlist by;          /* speakers: people and organisations quoted */
    nx_quote *quotes;
    size_t nquotes, capquotes;
    /* Tags given in the record (nx_extract_article, given.c): how many,
     * how many matched no name (title-cased), and 1 once they are in the
     * lists above (the indexer then skips the raw tags). */
    size_t given, given_titled;
    int given_done;
} nx_entities;

void nx_entities_init(nx_entities *e);
void nx_entities_clear(nx_entities *e);

typedef struct nx_extractor nx_extractor;

/* Boilerplate learnt from an archive (boiler.c): lines that recur across
 * many articles of one source (a wire's sign-off, filler) are not mined
 * for names.  The indexer counts its sources' articles into one in a first
 * pass and hands it to the extractor; the text stays searchable. */
typedef struct nx_boiler nx_boiler;
int nx_boiler_new(nx_boiler **out);
void nx_boiler_free(nx_boiler *b);
/* Counts the lines of one article's body under its source (the article's
 * `source`: its file, or for a .txt file its directory).  NX_ETOOBIG once
 * the table is full (millions of distinct lines): later articles are not
 * counted, the table learnt so far stays usable. */
int nx_boiler_add(nx_boiler *b, const char *source, const char *body);
uint64_t nx_boiler_articles(const nx_boiler *b);

typedef struct nx_extract_options {
    const char *data_dir;          /* gazetteers (NULL = built-in default) */
    const nx_aliases *aliases;     /* alias table (borrowed; may be NULL) */
    const char *ner_model;         /* tagger model file: NULL = the
                                      $NEWSDEX_NER_MODEL, else the built-in
                                      NX_NER_MODEL; "" = rules only */
    const nx_boiler *boiler;       /* learnt boilerplate (borrowed; NULL =
                                      none); read by nx_extract_article */
} nx_extract_options;
#define NX_EXTRACT_OPTIONS_INIT {NULL, NULL, NULL, NULL}

/* Loads gazetteers and the tagger model (mmap'd once per extractor);
 * *err (malloc'd) says what failed. */
int nx_extractor_new(nx_extractor **out, const nx_extract_options *opts,
                     char **err);
void nx_extractor_free(nx_extractor *x);
/* Extracts from title and body into e (which the caller initialised). */
int nx_extract(nx_extractor *x, const char *title, const char *body,
               nx_entities *e);
/* The same for an article: its title, its dateline when it has one (a
 * paragraph before the body, as published: "SALVADOR, Feb 26 -" names
 * where the story is from) and its body; the people, organisations and
 * places the record gives are resolved against what was found and join
 * the lists ("james-baker" → the article's James Baker, "ussr" → Soviet
 * Union). */
int nx_extract_article(nx_extractor *x, const nx_article *a,
                       nx_entities *e);

#endif
