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

/* A quote with its speaker and the evidence for it.  `how` says how the
 * speaker was found: "named" (a name beside the cue), "title+surname",
 * "pronoun" (he/she → the nearest fitting person named before),
 * "description" (the minister / the company → the nearest fitting one),
 * "continuation" (the speaker of the speech just before), "according-to",
 * "colon" (`X is blunt: “…”`), "unnamed" (a spokesman said) or "none". */
typedef struct nx_quote {
    char *speaker;   /* canonical display name; NULL when unattributed */
    char *text;      /* the quoted words, without the quote marks */
    const char *how; /* static string, see above */
    char *cue;       /* the cue as written ("said", "according to");
                        NULL when there is none (continuation, none) */
    long cue_off;    /* byte offset of the cue in the body, -1 if none or
                        outside the body (title, dateline) */
    char *evidence;  /* the sentence that attributes the quote, white
                        space squeezed; NULL when there is none */
    long start, end; /* byte offsets of the quoted words in the body:
                        body[start, end) is `text` as written (text is it
                        with white space squeezed); -1 both when the quote
                        is outside the body (title, dateline) */
    double confidence;  /* 0..1; by: holds the speakers of quotes and
                           reported speech at >= NX_BY_CONFIDENT */
} nx_quote;

/* The confidence an attribution needs for `by:`, chosen on the BBC dev
 * articles with bench/extraction/by-threshold (per quote: precision 0.93,
 * recall 0.48 at 0.80; 0.86 / 0.69 at 0.70).  Speakers attributed only
 * below it are kept in nx_entities.by_low, shown with their evidence and
 * searched with `byany:` (every attribution). */
#define NX_BY_CONFIDENT 0.80

/* Where and how often the article names one entity of its person, org
 * and place lists, and whether it is *about* it (`about:`; the rule in
 * nx_about_mark, docs/about.md). */
typedef struct nx_salience {
    char *name;          /* as in its list */
    int kind;            /* NX_ENT_PERSON, NX_ENT_ORG or NX_ENT_PLACE */
    unsigned mentions;   /* mentions in the headline, dateline and body */
    long first_off;      /* byte offset of the first mention in the body,
                            -1 when the body does not name it */
    unsigned char headline;  /* named in the headline */
    unsigned char lead;      /* named in the lead: the body's first
                                NX_ABOUT_LEAD_SENTENCES sentences */
    unsigned char about;     /* set by nx_about_mark */
} nx_salience;

#define NX_ABOUT_LEAD_SENTENCES 2
#define NX_ABOUT_MIN_MENTIONS 2
#define NX_ABOUT_TOP 3

/* The about rule over one article's entities: s[i].about = 1 when s[i] is
 * in the headline or the lead, or has at least NX_ABOUT_MIN_MENTIONS
 * mentions and fewer than NX_ABOUT_TOP entities have more; else 0. */
void nx_about_mark(nx_salience *s, size_t n);

/* Result of extraction; names are canonical display forms, each listed
 * once, in order of first mention. */
typedef struct nx_entities {
    nx_strlist person;
    nx_strlist org;
    nx_strlist place;
    nx_strlist by;          /* speakers: people and organisations quoted,
                               confidently (>= NX_BY_CONFIDENT) */
    nx_strlist by_low;      /* speakers attributed only below it (not in
                               by) */
    size_t unattributed;    /* quotes listed with no speaker */
    nx_quote *quotes;
    size_t nquotes, capquotes;
    /* The names extraction found (not the record's tags), in list order:
     * person, then org, then place. */
    nx_salience *salience;
    size_t nsalience;
    /* Tags given in the record (nx_extract_article, given.c): how many,
     * how many matched no name (title-cased), and 1 once they are in the
     * lists above (the indexer then skips the raw tags). */
    size_t given, given_titled;
    int given_done;
    /* Names the words around them call a sports club ("Newcastle boss"),
     * a title of a work or a band ("the film Sideways", "the band
     * Keane") or a competition ("the Six Nations title") in this article
     * (kind.c): what the archive's entity table learns from
     * (nx_etable.h). */
    nx_strlist cued_club, cued_work, cued_event;
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
                                      $NEWSDEX_NER_MODEL, else
                                      nx_extract_model_path(); "" = rules
                                      only */
    const nx_boiler *boiler;       /* learnt boilerplate (borrowed; NULL =
                                      none); read by nx_extract_article */
} nx_extract_options;
#define NX_EXTRACT_OPTIONS_INIT {NULL, NULL, NULL, NULL}

/* The default tagger model into out (n bytes): extract/ner/model/ner.model
 * in the build tree, share/newsdex/ner.model installed (nx_data.h).
 * NX_OK, or NX_ETOOBIG when it does not fit. */
int nx_extract_model_path(char *out, size_t n);

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
