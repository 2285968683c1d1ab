/*
 * x_internal.h — the extraction pipeline's private types (nx_extract.h is
 * the public side).
 *
 * One article becomes an x_doc: the text (title, a blank line, body), its
 * tokens, sentences and quote spans, then the mentions the stages add and
 * the speech events the quote stage finds.  Stages run in the order of the
 * static table in extract.c; each is a small vtable {name, create, run,
 * destroy} (STYLE.md §8): tokenize, rules, tagger, resolve, quotes, merge.
 * The tagger stage (tagger.c) adds its spans with x_doc_add_mention like
 * the rules; the resolve stage combines overlapping mentions of the two
 * (combine.c says how) before anything reads them.  The x_doc helpers
 * (doc.c) are what the stages share; the stages never call the driver.
 */
#ifndef NX_X_INTERNAL_H
#define NX_X_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nx_extract.h"
#include "nx_strmap.h"

/* ------------------------------------------------------------ gazetteers */

enum {                       /* x_gent.flags */
    XG_ORG = 1,
    XG_COUNTRY = 2,
    XG_SUBDIV = 4,
    XG_CITY = 8,
    XG_FIRST = 16,           /* a given name */
    XG_NAT = 32,             /* a nationality adjective or demonym */
    XG_PCUE = 64,            /* a person cue: title, honorific, role */
    XG_OCUE = 128,           /* an organisation cue: suffix or head noun */
    XG_MALE = 256,           /* a given name listed as a man's (m or u) */
    XG_FEMALE = 512,         /* a given name listed as a woman's (f or u) */
    XG_NATION = 1024,        /* a country, or a part called one (Wales):
                                its side is a national team */
    XG_PLACE = XG_COUNTRY | XG_SUBDIV | XG_CITY
};

typedef struct x_gent {
    unsigned flags;
    int org_canon;           /* string index of the canonical org name, -1 */
    int place_canon;         /* string index of the canonical place, -1 */
    int nat_country;         /* a nationality's country (string index), -1 */
    long population;         /* cities: the largest population, 0 unknown */
} x_gent;

typedef struct x_gaz {
    nx_strmap *names;        /* nx_name_key(name) → entry index */
    x_gent *ents;
    size_t nents, capents;
    char **strs;             /* canonical names (interned) */
    size_t nstrs, capstrs;
    nx_strmap *strindex;     /* canonical string → index */
    int max_words;           /* the longest name, in words */
} x_gaz;

/* Loads every gazetteer file of dir; *err names the file that failed. */
int x_gaz_load(x_gaz *g, const char *dir, char **err);
void x_gaz_free(x_gaz *g);
/* The entry for a folded key, or NULL. */
const x_gent *x_gaz_get(const x_gaz *g, const char *key, size_t klen);

/* --------------------------------------------------------------- tokens */

enum {                       /* x_tok.kind */
    XT_WORD,
    XT_NUM,
    XT_PUNCT,                /* one character: , . ; : ! ? ( ) ... */
    XT_QUOTE,                /* a double (or single) quotation mark */
    XT_POSS,                 /* possessive 's / ’s / s' */
    XT_HYPHEN,               /* a hyphen inside a word: Russia-backed */
    XT_DASH                  /* a dash between words: – — or " - " */
};

enum {                       /* x_tok.flags */
    XF_SENT_START = 1,
    XF_PARA_START = 2,
    XF_TITLE = 4,            /* in the headline */
    XF_INQUOTE = 8,          /* inside a quote span */
    XF_QOPEN = 16,           /* a quote mark that opens */
    XF_QCLOSE = 32,          /* a quote mark that closes */
    XF_SINGLE = 64,          /* a single quotation mark */
    XF_NOSPACE = 128,        /* attached to the previous token */
    XF_UPPER = 256,          /* starts with an upper-case letter */
    XF_ALLCAPS = 512,        /* two or more letters, all upper-case */
    XF_SPEECH = 1024,        /* used as the verb of an attribution */
    XF_NOPROSE = 2048,       /* in a line that is not prose (prose.c) */
    XF_DATELINE = 4096,      /* in a dateline: a place, nothing else */
    XF_TABLE = 8192          /* in a table: a gazetteer's place only */
};

typedef struct x_tok {
    uint32_t off, len;       /* bytes in x_doc.text */
    uint32_t sent;           /* sentence number */
    uint32_t para;           /* paragraph number (the title is 0) */
    int32_t quote;           /* the quote span holding it, or -1 */
    uint16_t flags;
    uint16_t lex;            /* LX_ bits */
    uint8_t kind;
} x_tok;

typedef struct x_sent {
    uint32_t first, end;     /* tokens [first, end) */
} x_sent;

/* ------------------------------------------------------------- mentions */

enum { XM_PER, XM_ORG, XM_LOC, XM_MISC, XM_UNSURE };  /* x_mention.type */

enum {                       /* x_mention.flags */
    XMF_NEEDS_SUPPORT = 1,   /* keep only if it matches a supported entity */
    XMF_SPEAKER_SUBJ = 2,    /* the subject of a speech verb */
    XMF_TITLE_CUE = 4,       /* a title or role came before it */
    XMF_DROPPED = 8,         /* merged away or unsupported */
    XMF_TAGGER = 16          /* added by the tagger stage */
};

typedef struct x_mention {
    uint32_t tok, ntok;      /* tokens [tok, tok + ntok) */
    uint8_t type;            /* XM_* */
    uint8_t stage;           /* index of the stage that added it */
    uint8_t flags;           /* XMF_* */
    float score;             /* confidence 0..1 (rules: fixed per cue) */
    char *name;              /* the name to canonicalise (malloc'd) */
    char *canon;             /* canonical display form (merge; malloc'd) */
    char *key;               /* nx_name_key(canon) */
    int entity;              /* merge: the entity it belongs to, or -1 */
} x_mention;

/* A speech event: who spoke (a mention, -1 when unnamed) and which quote
 * it attributes (-1 for reported speech without quotation marks).  A second
 * speaker (the org behind a named spokesman) goes in `also`. */
typedef struct x_speech {
    int mention;
    int also;
    int quote;
    uint32_t tok;            /* where the attribution is, for ordering */
    float conf;              /* confidence 0..1 (quotes: the quote's) */
} x_speech;

typedef struct x_quote {
    uint32_t open, close;    /* tokens of the marks (close = last token of
                                the paragraph when unterminated) */
    uint32_t nwords;
    int speaker;             /* mention index, or -1 */
    int also;                /* second speaker mention, or -1 */
    int attributed;          /* 1 once a rule has decided */
    int cont;                /* continues into the next paragraph */
    uint32_t cue;            /* the speech verb (or "according"), or
                                UINT32_MAX */
    uint8_t how;             /* XH_*: how the speaker was found */
    float conf;              /* confidence of the attribution, 0..1 */
} x_quote;

/* How a quote's speaker was found (x_quote.how; nx_quote.how names them). */
enum {
    XH_NONE,                 /* unattributed */
    XH_NAMED,                /* a name beside the cue: `Lavrov said` */
    XH_TITLE,                /* title + surname: `Mr Law added` */
    XH_PRONOUN,              /* `he said` → the nearest fitting person */
    XH_DESCRIPTION,          /* `the minister said`, `the company said` */
    XH_CONTINUATION,         /* the speaker of the speech before */
    XH_ACCORDING,            /* `according to X` */
    XH_COLON,                /* `X is blunt: “…”` */
    XH_UNNAMED               /* a speaker with no name: `a spokesman said` */
};
/* The name of an XH_ code ("named", "title+surname", ...); static. */
const char *x_how_name(int how);

typedef struct x_mindex x_mindex;   /* mindex.c */

typedef struct x_doc {
    const struct nx_extractor *x;
    char *text;              /* title + "\n\n" + body (owned) */
    size_t len, body_off;
    size_t body_start;       /* where the body starts (after the dateline) */
    int title_caps;          /* the headline is Title Case or ALL CAPS */
    x_tok *toks;
    size_t ntok, captok;
    x_sent *sents;
    size_t nsent, capsent;
    x_quote *quotes;
    size_t nquote, capquote;
    x_mention *ments;
    size_t nment, capment;
    x_speech *speech;
    size_t nspeech, capspeech;
    int stage;               /* the stage running now */
    uint64_t group;          /* the article's source group (boiler.c) */
    int has_group;           /* group is known (nx_extract_article) */
    struct x_mindex *mi;     /* mentions by token, while the quotes stage
                                runs (mindex.c); NULL otherwise */
    const char **ent_names;  /* x_entity_name of each entity, once merged
                                (x_doc_emit); borrowed from the mentions */
    size_t nent_names;
} x_doc;

#define X_MAX_TOKENS (1u << 22)   /* bound on tokens per article */
#define X_TAGGER_SCORE 0.85f      /* tagger mentions: below a gazetteer hit
                                     or a title cue (0.9), above every
                                     other rule */

/* The x_doc helpers (doc.c). */

/* Frees what the stages added and the text; d itself is the caller's. */
void x_doc_free(x_doc *d);
/* Adds a mention of tokens [tok, tok+ntok) with its name (copied).
 * Returns its index, or a negative NX_E... code. */
int x_doc_add_mention(x_doc *d, uint32_t tok, uint32_t ntok, int type,
                      float score, const char *name);
int x_doc_add_speech(x_doc *d, int mention, int also, int quote,
                     uint32_t tok, float conf);
/* The mention index (mindex.c): built while no stage adds, drops or
 * moves mentions (the quotes stage), so lookups by token cost a binary
 * search instead of a pass over every mention — a pass per token or per
 * quote made extraction grow with the square of the article.  Every
 * lookup below gives the answer the full pass gives, in the same order.
 * Without an index (or once nment has changed) they scan. */
int x_mindex_build(x_doc *d);
void x_mindex_free(x_doc *d);
/* The mentions with a <= tok < b, by index, into buf (cap entries): how
 * many, or SIZE_MAX when there is no index or they do not fit (the caller
 * then looks at every mention). */
size_t x_doc_mentions_in(const x_doc *d, uint32_t a, uint32_t b,
                         uint32_t *buf, size_t cap);
#define X_RANGE_CAP 512
/* Person mentions (not dropped) whose last word is that of mention m,
 * counted once per start token, that start before token t; -1 without an
 * index (or when m is no such mention). */
int x_mindex_salience(const x_doc *d, int m, uint32_t t);
/* For a one-token mention m: the first person mention of two words or
 * more whose last word is m's token, -1 when there is none, -2 without an
 * index. */
int x_mindex_longer(const x_doc *d, int m);
/* x_doc_mention_ending / _starting through the index; -2 without one. */
int x_mindex_ending(const x_doc *d, uint32_t t);
int x_mindex_starting(const x_doc *d, uint32_t t);
/* x_doc_mention_at through the index; -2 without one. */
int x_mindex_at(const x_doc *d, uint32_t t);
/* The mention covering token t (first that does, not dropped), or -1. */
int x_doc_mention_at(const x_doc *d, uint32_t t);
/* The mention ending exactly at token t (its last token), or -1. */
int x_doc_mention_ending(const x_doc *d, uint32_t t);
/* The mention starting exactly at token t, or -1. */
int x_doc_mention_starting(const x_doc *d, uint32_t t);

/* Organisation keys (merge.c): short_ is the initials of long_'s words
 * ("gm" / "general motors"), or its first or last words ("dominion" /
 * "dominion textile"). */
int x_initials_of(const char *short_, const char *long_);
int x_part_of(const char *short_, const char *long_);

/* 1 when the body writes headline token t's word in lower case ("sale"
 * for "SALE"): a common word, whatever the gazetteers say (rules.c). */
int x_body_lower(const x_doc *d, uint32_t t);

/* The US state a folded abbreviation stands for ("calif", "ny"), or NULL
 * (abbrev.c; combine.c says where it applies). */
const char *x_state_abbrev(const char *key);

/* Adds the article's given tags to e, resolved (given.c). */
int x_given_add(const struct nx_extractor *x, const nx_article *a,
                nx_entities *e);

/* Token text (doc.c). */
static inline const char *x_tok_s(const x_doc *d, uint32_t t)
{
    return d->text + d->toks[t].off;
}
int x_tok_is(const x_doc *d, uint32_t t, const char *word);   /* exact */
int x_tok_lower_is(const x_doc *d, uint32_t t, const char *word);
/* Folded key of a token range (caller frees). */
char *x_span_key(const x_doc *d, uint32_t tok, uint32_t ntok);
/* The raw text of a token range (caller frees). */
char *x_span_text(const x_doc *d, uint32_t tok, uint32_t ntok);
/* The text bytes [a, b) with runs of white space made one space; malloc'd. */
char *x_text_range(const x_doc *d, size_t a, size_t b);

/* Fills e from the merged doc (merge.c). */
int x_doc_emit(x_doc *d, nx_entities *e);
/* Retypes the merged mentions by the words around them and lists the
 * names so cued (kind.c); nent: the entities' count. */
int x_doc_kinds(x_doc *d, int nent, nx_entities *e);
/* nx_entities.salience from the merged mentions, once emitted (about.c). */
int x_doc_salience(const x_doc *d, nx_entities *e);
/* The display name of merged entity ent (merge.c; borrowed). */
const char *x_entity_name(const x_doc *d, int ent);

/* Extraction with a look at every kept mention (extract.c): fn gets the
 * article text as the stages saw it (title, blank line, dateline paragraph
 * when given, body), the mention's byte range in it, its XM_ type and its
 * entity's display name.  For measuring (bench/extraction), not a public
 * API. */
typedef void (*x_span_fn)(void *ctx, const char *text, size_t off,
                          size_t len, int type, const char *name);
int x_extract_spans(nx_extractor *x, const char *title, const char *dateline,
                    const char *body, nx_entities *e, x_span_fn fn,
                    void *ctx);

/* ---------------------------------------------------------- boilerplate */

/* The source group of an article's source (boiler.c says which). */
uint64_t x_boiler_group(const char *source);
/* 1 when the trimmed line [s, s + n) is boilerplate of the group. */
int x_boiler_has(const nx_boiler *b, uint64_t group, const char *s, size_t n);
/* Trims blanks (space, tab, CR) from both ends of [*s, *s + *n). */
void x_trim_line(const char **s, size_t *n);

/* --------------------------------------------------------------- stages */

typedef struct x_stage {
    const char *name;
    int (*create)(void **state, const struct nx_extractor *x, char **err);
    int (*run)(void *state, x_doc *d);
    void (*destroy)(void *state);
} x_stage;

extern const x_stage x_stage_tokenize;   /* tokenize.c */
extern const x_stage x_stage_prose;      /* prose.c: lines not mined */
extern const x_stage x_stage_rules;      /* rules.c: gazetteers and cues */
extern const x_stage x_stage_tagger;     /* tagger.c: the trained tagger */
extern const x_stage x_stage_resolve;    /* combine.c: combine, canonicalise,
                                            decide the unsure */
extern const x_stage x_stage_quotes;     /* quotes.c: quotes and speakers */
extern const x_stage x_stage_merge;      /* merge.c: canonical entities */

struct nx_extractor {
    x_gaz gaz;
    nx_strmap *lex;          /* lexicon.c */
    const nx_aliases *aliases;
    const nx_boiler *boiler; /* learnt boilerplate (borrowed), or NULL */
    const char *ner_model;   /* options' model path, during create only */
    void *state[8];          /* per-stage state */
    size_t nstages;
};

/* The closed word lists the stages share (lexicon.c), as bits of x_tok.lex
 * (computed once per token by the tokenizer). */
enum {
    LX_FUNC = 1,         /* the, on, according: capitalised only at a start */
    LX_CAL = 2,          /* Monday, January */
    LX_JOIN = 4,         /* of, de, van, bin: inside names */
    LX_ROLE = 8,         /* spokesman, official, minister */
    LX_PLACEN = 16,      /* region, province */
    LX_ORGANA = 32,      /* company, bank: "the company said" */
    LX_SAY1 = 64,        /* speech verb, any complement (said, told) */
    LX_SAY2 = 128,       /* speech verb needing a clause (warned, urged) */
    LX_PRON = 256,       /* he, she, they, it */
    LX_GROUP = 512,      /* prosecutors, MPs: a group, never a speaker's
                            name */
    LX_TELL = 1024,      /* tell, told: what follows is the listener */
    LX_NAMING = 2048,    /* called, dubbed, compared: speech only with a
                            quote right after (`called Trump a “liar”`) */
    LX_TABLE = 4096      /* shr, cts, mths, nine: earnings tables (prose.c) */
};
/* The words of LX_TABLE (prose.c). */
extern const char *const x_table_words[];
/* Builds the lexicon map (lower-cased word → LX_ bits). */
int x_lex_new(nx_strmap **out);
/* The LX_ bits of a word, any case. */
unsigned x_lex(const nx_strmap *lex, const char *w, size_t n);

#endif
