/*
 * nx_tagger.h — named-entity tagger: PER / ORG / LOC / MISC over sentences
 * of tokens, with a model file trained by ner-train (extract/ner/README.md).
 *
 * The model is an averaged structured perceptron with hashed features and
 * Viterbi decoding over BILOU tags; callers see IOB2 tags only.  A loaded
 * tagger is read-only: any number of threads may tag with one nx_tagger at
 * once (every call allocates its own scratch space).
 */
#ifndef NX_TAGGER_H
#define NX_TAGGER_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nx_tagger nx_tagger;

/* IOB2 tag ids written by nx_tagger_tag_doc(). */
enum {
    NX_TAG_O = 0,
    NX_TAG_B_PER, NX_TAG_I_PER,
    NX_TAG_B_ORG, NX_TAG_I_ORG,
    NX_TAG_B_LOC, NX_TAG_I_LOC,
    NX_TAG_B_MISC, NX_TAG_I_MISC,
    NX_TAG_COUNT
};

/* Bounds on one call: more is NX_ETOOBIG, never a silent cut. */
#define NX_TAGGER_MAX_SENT_TOKENS 4096     /* tokens in one sentence */
#define NX_TAGGER_MAX_DOC_TOKENS 1000000   /* tokens in one document */
#define NX_TAGGER_MAX_LINE 65536           /* bytes in one CoNLL line */

/* One sentence: `tokens` are NUL-terminated UTF-8 words as the CoNLL
 * tokenisation splits them ("U.S.", "Bosnia-Herzegovina", "'s", ","). */
typedef struct nx_tagger_sentence {
    const char *const *tokens;
    size_t ntokens;
} nx_tagger_sentence;

/* Loads a model file.  On failure returns NX_EIO (cannot open/read),
 * NX_EPARSE (bad magic, truncated, checksum mismatch), NX_EVERSION or
 * NX_ENOMEM, and sets *err (may be NULL) to a malloc'd message that names
 * the file and the reason; the caller frees it. */
int nx_tagger_load(nx_tagger **out, const char *path, char **err);

/* Frees a tagger; NULL is a no-op. */
void nx_tagger_free(nx_tagger *t);

/* Tags one document.  Sentences of the same document are tagged together
 * because some features look at the whole document (how a word is written
 * elsewhere in it).  `tags` receives one NX_TAG_* per token, sentence after
 * sentence (as many as the sum of ntokens). */
int nx_tagger_tag_doc(const nx_tagger *t, const nx_tagger_sentence *sents,
                      size_t nsents, int *tags);

/* "O", "B-PER", "I-ORG"...; NULL for an id out of range.  Static strings. */
const char *nx_tagger_tag_name(int tag);

/* Reads CoNLL column text (token first, blank line between sentences,
 * "-DOCSTART-" lines between documents) and writes every line back with
 * one more space-separated column, the predicted IOB2 tag; blank lines and
 * -DOCSTART- lines are written as they came.  A document is tagged once all
 * of it is read.  On failure *err (may be NULL) gets a malloc'd message. */
int nx_tagger_conll(const nx_tagger *t, FILE *in, FILE *out, char **err);

#ifdef __cplusplus
}
#endif

#endif
