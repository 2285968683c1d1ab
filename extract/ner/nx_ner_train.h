/*
 * nx_ner_train.h — building a tagger model: annotated corpora, perceptron
 * training, saving, and conlleval-style scoring.  Used by ner-train,
 * ner-eval and the unit tests; the indexer only needs nx_tagger.h.
 */
#ifndef NX_NER_TRAIN_H
#define NX_NER_TRAIN_H

#include <stddef.h>
#include <stdio.h>

#include "nx_tagger.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------------- corpus */

/* Documents of sentences of tokens with gold IOB2 tags; owns its strings. */
typedef struct nx_ner_corpus nx_ner_corpus;

/* Bounds on what a corpus may hold (NX_ETOOBIG beyond). */
#define NX_NER_MAX_CORPUS_TOKENS 20000000
#define NX_NER_MAX_CORPUS_BYTES (512u << 20)

/* Reads CoNLL columns: token first, the gold tag (IOB1 or IOB2) last;
 * other columns are ignored (POS and chunk are not available at index
 * time, so they are never features).  `name` is used in *err. */
int nx_ner_corpus_read(nx_ner_corpus **out, FILE *in, const char *name,
                       char **err);
/* Opens and reads a file. */
int nx_ner_corpus_load(nx_ner_corpus **out, const char *path, char **err);
void nx_ner_corpus_free(nx_ner_corpus *c);
size_t nx_ner_corpus_ntokens(const nx_ner_corpus *c);
size_t nx_ner_corpus_nsentences(const nx_ner_corpus *c);
size_t nx_ner_corpus_ndocs(const nx_ner_corpus *c);

/* --------------------------------------------------------------- training */

typedef struct nx_ner_train_options {
    unsigned max_epochs;     /* passes over the training set */
    unsigned patience;       /* stop after this many epochs without a better
                                dev F1 (0 = run all epochs) */
    unsigned long long seed; /* shuffling PRNG seed: same seed, same model */
    unsigned hash_bits;      /* log2 of the weight table size */
    unsigned stages;         /* 1, or 2: retag with stage-1 tags of the
                                same words elsewhere in the document */
    unsigned folds;          /* stage-1 tags of the training set come from
                                models trained on the other folds */
    const char *gazetteer_dir; /* TSV lists to embed; NULL = none */
    FILE *log;               /* progress lines; NULL = quiet */
} nx_ner_train_options;
#define NX_NER_TRAIN_OPTIONS_INIT {40, 8, 20240611ULL, 21, 2, 5, NULL, NULL}

/* Trains on `train`; when `dev` is not NULL keeps the epoch with the best
 * dev F1, else the last.  *out is a tagger like one nx_tagger_load()
 * returns. */
int nx_ner_train(nx_tagger **out, const nx_ner_corpus *train,
                 const nx_ner_corpus *dev, const nx_ner_train_options *opts,
                 char **err);

/* Writes the model file (format in ner_model.c). */
int nx_tagger_save(const nx_tagger *t, const char *path, char **err);

/* Size in bytes of the model as saved. */
size_t nx_tagger_model_size(const nx_tagger *t);

/* ---------------------------------------------------------------- scoring */

/* Entity types in score order. */
enum { NX_NER_PER, NX_NER_ORG, NX_NER_LOC, NX_NER_MISC, NX_NER_NTYPES };

/* Span counts in the conlleval sense: a predicted entity is correct when
 * its type, first and last token all match a gold entity. */
typedef struct nx_ner_score {
    size_t gold[NX_NER_NTYPES], pred[NX_NER_NTYPES], correct[NX_NER_NTYPES];
    size_t tokens, tokens_correct;
} nx_ner_score;

/* Tags every document of `c` with `t` and adds the counts to *s (which the
 * caller zeroes). */
int nx_ner_evaluate(nx_ner_score *s, const nx_tagger *t,
                    const nx_ner_corpus *c);
/* Adds the entity counts of one sentence of IOB1/IOB2 tags. */
void nx_ner_score_add(nx_ner_score *s, const int *gold, const int *pred,
                      size_t n);
/* Precision, recall, F1 (0..1) for one type, or overall with type -1. */
void nx_ner_score_prf(const nx_ner_score *s, int type, double *p, double *r,
                      double *f1);
/* Writes a conlleval-like report. */
void nx_ner_score_print(const nx_ner_score *s, FILE *out);
/* Type name ("PER"...) of NX_NER_*. */
const char *nx_ner_type_name(int type);

/* Parses "B-PER", "I-LOC", "O"... (IOB1 or IOB2 spelling) into an IOB2
 * NX_TAG_* id interpreted in context: `prev` is the previous token's
 * NX_TAG_* id (NX_TAG_O at a sentence start) so that IOB1's "I-X" after a
 * non-X becomes B-X.  Returns -1 for an unknown tag. */
int nx_ner_tag_parse(const char *s, size_t len, int prev);

#ifdef __cplusplus
}
#endif

#endif
