/*
 * ner_internal.h — what the files of extract/ner share and nobody else sees:
 * the BILOU tag set, hashing, token analysis, feature extraction, the
 * embedded gazetteer table, and the body of nx_tagger.
 *
 * Files: ner_tags.c (tag sets, IOB/BILOU), ner_token.c (shape, case),
 * ner_features.c (templates), ner_gazetteer.c (lists), ner_decode.c
 * (scores, Viterbi, nx_tagger_tag_doc), ner_model.c (file format),
 * ner_train.c (perceptron), ner_corpus.c (CoNLL in/out), ner_score.c.
 */
#ifndef NER_INTERNAL_H
#define NER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nx_tagger.h"
#include "nx_ner_train.h"
#include "nx_status.h"

/* ------------------------------------------------------------------ tags */

/* Internal tags are BILOU: O, then per type B(egin) I(nside) L(ast)
 * U(nit).  BILOU tells the model where a name ends, which IOB2 leaves
 * implicit; it decodes to IOB2 (L -> I, U -> B) for callers. */
#define NER_NT 17
#define NER_T_O 0
#define NER_T_B(type) (1 + 4 * (type))
#define NER_T_I(type) (2 + 4 * (type))
#define NER_T_L(type) (3 + 4 * (type))
#define NER_T_U(type) (4 + 4 * (type))
#define NER_TYPE_OF(tag) (((tag) - 1) / 4)      /* tag != O */
#define NER_POS_OF(tag) (((tag) - 1) % 4)       /* 0 B, 1 I, 2 L, 3 U */

/* BILOU -> IOB2 (NX_TAG_*). */
int ner_bilou_to_iob2(int tag);
/* IOB2 sequence (well-formed or not, read as conlleval does) -> BILOU. */
void ner_iob2_to_bilou(const int *iob2, size_t n, int *bilou);
/* Whether tag `b` may follow tag `a`; a = -1 means sentence start, b = -1
 * sentence end. */
int ner_transition_ok(int a, int b);
/* Names of internal tags ("U-LOC"), for the model header. */
const char *ner_bilou_name(int tag);

/* --------------------------------------------------------------- hashing */

static inline uint64_t ner_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t ner_comb(uint64_t a, uint64_t b)
{
    return ner_mix(a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL);
}

uint64_t ner_hash_bytes(const char *s, size_t n);

/* --------------------------------------------------------- token analysis */

/* Token flags (ner_tok.flags). */
enum {
    NER_F_TITLE = 1u << 0,      /* Upper then some lower: "London" */
    NER_F_ALLCAPS = 1u << 1,    /* letters all upper: "IBM", "U.S." */
    NER_F_LOWER = 1u << 2,      /* letters all lower */
    NER_F_DIGIT = 1u << 3,      /* has a digit */
    NER_F_ALLDIGIT = 1u << 4,   /* digits only */
    NER_F_HYPHEN = 1u << 5,
    NER_F_PERIOD = 1u << 6,
    NER_F_PUNCT = 1u << 7,      /* no letter or digit */
    NER_F_UPPER1 = 1u << 8,     /* starts with an upper-case letter */
    NER_F_SENT_START = 1u << 9,
    NER_F_HEADLINE = 1u << 10,  /* the sentence is in capitals */
    /* Document-level: how the same word (lower-cased) appears elsewhere
     * in the document. */
    NER_F_D_TITLE_MID = 1u << 11,  /* capitalised, not sentence-initial */
    NER_F_D_LOWER = 1u << 12,      /* in lower case */
    NER_F_D_RUN_FIRST = 1u << 13,  /* first word of a capitalised run */
    NER_F_D_RUN_LAST = 1u << 14,   /* last word of a capitalised run */
    NER_F_D_RUN_MID = 1u << 15,    /* inside a capitalised run */
    NER_F_D_ALONE = 1u << 16,      /* capitalised on its own, mid-sentence */
    NER_F_D_FULL_BEFORE = 1u << 17 /* last word of a longer run earlier */
};
#define NER_F_DOC_FIRST 11
#define NER_F_DOC_LAST 17

/* Capitalisation class, a small number used in conjunctions. */
enum { NER_C_LOWER, NER_C_TITLE, NER_C_CAPS, NER_C_MIXED, NER_C_DIGIT,
       NER_C_PUNCT, NER_C_OTHER };

#define NER_NGAZ 8   /* gazetteer lists (bits of a gazetteer value) */

typedef struct ner_tok {
    uint64_t w, lw;           /* hashes of the word and its lower case */
    uint64_t shape, cshape;   /* of "Xxxxx" and collapsed "Xx" */
    uint64_t pre[4], suf[4];  /* lower-case prefixes/suffixes, 1..4 chars */
    uint32_t flags;           /* NER_F_* */
    uint8_t capclass;         /* NER_C_* */
    uint8_t nchars;           /* characters, capped at 255 */
    uint8_t gaz[NER_NGAZ];    /* per list: 0 none, 1 B, 2 I, 3 L, 4 U */
    /* Stage 2: how stage 1 tagged the same word elsewhere in the document
     * (1 + NX_NER_* type, or 5 for O; 0 when nowhere else). */
    uint8_t dt_major;         /* the most frequent tag */
    uint8_t dt_longer;        /* type of a longer entity holding the word */
} ner_tok;

/* Word shape: upper -> X, lower -> x, digit -> d, other bytes kept; runs of
 * more than 4 equal classes are cut to 4 ("Washington" -> "Xxxxx").
 * `collapsed` keeps one of each run ("Xx").  Writes at most cap-1 bytes
 * and a NUL; returns the length (shapes of long words are cut: they only
 * feed features). */
size_t ner_shape(char *out, size_t cap, const char *word, int collapsed);
/* Lower-cases ASCII and Latin-1/Latin Extended-A letters into out (cap
 * bytes with the NUL); returns the length, cut at cap-1 on a boundary. */
size_t ner_lower(char *out, size_t cap, const char *word);
/* Fills the word-local fields of *tok (no gazetteer, no document flags). */
void ner_tok_analyse(ner_tok *tok, const char *word);

/* ------------------------------------------------------------- gazetteer */

/* Open-addressing set of lower-cased token sequences (hashed), each with a
 * mask of the lists it is in; NER_GAZ_PREFIX marks a proper prefix of a
 * longer entry so the longest-match scan knows when to go on. */
#define NER_GAZ_PREFIX 0x8000u
#define NER_GAZ_MAX_TOKENS 8

typedef struct ner_gaz {
    const uint64_t *keys;   /* 0 = empty slot */
    const uint16_t *vals;
    uint32_t cap;           /* power of two; 0 = no gazetteer */
    uint32_t nentries;
    void *owned;            /* malloc'd storage when built, else NULL */
} ner_gaz;

/* The lists ner_gaz_build() reads, in bit order. */
extern const char *const ner_gaz_files[NER_NGAZ];

/* Reads every list that exists in `dir` (missing ones are skipped: the
 * model simply has no such feature).  *err gets a message on failure. */
int ner_gaz_build(ner_gaz *g, const char *dir, FILE *log, char **err);
void ner_gaz_free(ner_gaz *g);
/* Marks toks[i].gaz for the longest matches of each list in a sentence. */
void ner_gaz_match(const ner_gaz *g, const char *const *words,
                   ner_tok *toks, size_t n);
/* Hash of a lower-cased token sequence, as keys store it. */
uint64_t ner_gaz_seq_hash(uint64_t h, uint64_t lw);

/* --------------------------------------------------------------- features */

#define NER_MAX_FEATS 96   /* features of one token, a fixed bound */

/* Fills document flags over all sentences of a document (the tokens must
 * be analysed and in document order; sentence starts in `sstart`). */
int ner_doc_flags(ner_tok *toks, size_t ntoks, const size_t *sstart,
                  size_t nsents);
/* Fills dt_major / dt_longer from stage-1 BILOU tags of a document. */
int ner_doc_tags(ner_tok *toks, size_t ntoks, const int *bilou);
/* Feature row offsets of token i of a sentence of n tokens for a stage
 * (0 or 1); returns the count (<= NER_MAX_FEATS). */
size_t ner_features(uint32_t *out, const ner_tok *s, size_t n, size_t i,
                    uint32_t mask, unsigned stage);

/* ------------------------------------------------------------------ model */

/* One decoding pass: weights and transitions. */
typedef struct ner_stage {
    const int16_t *w;           /* [(1 << hash_bits) + NER_NT] weights */
    float wscale;               /* weight = w[i] * wscale */
    float trans[NER_NT * NER_NT];   /* [prev * NER_NT + cur] */
    float start[NER_NT], end[NER_NT];
    int16_t *w_owned;           /* malloc'd weights (trained), or NULL */
} ner_stage;

/* Stage 1 tags with local and document features; stage 2 (when present)
 * tags again, also knowing how stage 1 tagged the same words elsewhere in
 * the document. */
#define NER_MAX_STAGES 2

struct nx_tagger {
    unsigned hash_bits;
    uint32_t mask;              /* (1 << hash_bits) - 1 */
    unsigned nstages;
    ner_stage st[NER_MAX_STAGES];
    ner_gaz gaz;
    void *map;                  /* mmap'd file, or NULL */
    size_t maplen;
};

/* Allocates an empty tagger with zero weights in `nstages` stages (for
 * training). */
int ner_tagger_new(nx_tagger **out, unsigned hash_bits, unsigned nstages);

/* Viterbi over BILOU with the transition constraints.  emit is [n][NT]. */
void ner_viterbi(const ner_stage *st, const float *emit, size_t n, int *out,
                 int *back);

/* Tags the analysed tokens of one document (sentence starts in sstart)
 * writing BILOU tags; scratch sized for the longest sentence. */
int ner_tag_toks(const nx_tagger *t, ner_tok *toks, const char *const *words,
                 size_t ntoks, const size_t *sstart, size_t nsents,
                 int *bilou);

/* ----------------------------------------------------------------- corpus */

struct nx_ner_corpus {
    char **words;        /* [ntokens] into the arena */
    int *gold;           /* [ntokens] IOB2 NX_TAG_* */
    size_t ntokens;
    size_t *sent_start;  /* [nsents + 1] token index */
    size_t nsents;
    size_t *doc_start;   /* [ndocs + 1] sentence index */
    size_t ndocs;
    char *arena;
    size_t arena_len;
};

#endif
