/*
 * ner_features.c — feature templates, and the document-level flags they
 * read.
 *
 * A feature is a template id hashed with a value (a word hash, a shape, a
 * flag pattern) into a row offset of the weight table; row r holds the
 * weights of tags 0..16 at w[r .. r+16].  Rows of different features
 * overlap at random offsets, which collides no more often than hashing
 * each (feature, tag) pair alone but keeps one feature's weights in one or
 * two cache lines.  Changing any template changes the model: bump
 * NER_MODEL_VERSION in ner_model.c.
 */
#include "ner_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------- document flags */

/* Ways a word shows up, counted per lower-cased form over a document. */
enum { A_TITLE_MID, A_LOWER, A_RUN_FIRST, A_RUN_LAST, A_RUN_MID, A_ALONE,
       A_N };

typedef struct doc_entry {
    uint64_t key;
    uint8_t count[A_N];   /* saturating */
} doc_entry;

static doc_entry *doc_slot(doc_entry *tab, uint32_t mask, uint64_t key)
{
    if (!key)
        key = 1;
    for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
        if (tab[i].key == key || tab[i].key == 0) {
            tab[i].key = key;
            return &tab[i];
        }
    }
}

/* A sentence "in capitals" is a headline: its case says nothing, so its
 * words borrow what the rest of the document says about them. */
static int is_headline(const ner_tok *s, size_t n)
{
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t f = s[i].flags;
        if (f & (NER_F_PUNCT | NER_F_ALLDIGIT))
            continue;
        if (!(f & NER_F_ALLCAPS))
            return 0;
        caps++;
    }
    return caps >= 3;
}

/* The appearances (A_* bits) of token i itself. */
static unsigned appearances(const ner_tok *s, size_t n, size_t i)
{
    uint32_t f = s[i].flags;
    if (f & NER_F_HEADLINE)
        return 0;
    unsigned a = 0;
    if (f & NER_F_LOWER)
        a |= 1u << A_LOWER;
    if (!(f & NER_F_UPPER1))
        return a;
    if (i > 0)
        a |= 1u << A_TITLE_MID;
    int prev = i > 0 && (s[i - 1].flags & NER_F_UPPER1);
    int next = i + 1 < n && (s[i + 1].flags & NER_F_UPPER1);
    if (!prev && !next && i > 0)
        a |= 1u << A_ALONE;
    else if (!prev && next)
        a |= 1u << A_RUN_FIRST;
    else if (prev && !next)
        a |= 1u << A_RUN_LAST;
    else if (prev && next)
        a |= 1u << A_RUN_MID;
    return a;
}

static const uint32_t a_flag[A_N] = {
    NER_F_D_TITLE_MID, NER_F_D_LOWER, NER_F_D_RUN_FIRST, NER_F_D_RUN_LAST,
    NER_F_D_RUN_MID, NER_F_D_ALONE,
};

int ner_doc_flags(ner_tok *toks, size_t ntoks, const size_t *sstart,
                  size_t nsents)
{
    for (size_t k = 0; k < nsents; k++) {
        size_t b = sstart[k], e = sstart[k + 1];
        if (e > b)
            toks[b].flags |= NER_F_SENT_START;
        if (is_headline(toks + b, e - b))
            for (size_t i = b; i < e; i++)
                toks[i].flags |= NER_F_HEADLINE;
    }
    uint32_t cap = 16;
    while (cap < 2 * ntoks)
        cap *= 2;
    doc_entry *tab = calloc(cap, sizeof *tab);
    unsigned *own = malloc((ntoks ? ntoks : 1) * sizeof *own);
    if (!tab || !own) {
        free(tab);
        free(own);
        return NX_ENOMEM;
    }
    /* Pass 1, in document order: count appearances; a word alone now that
     * ended a longer run earlier is the short form of a name seen in full
     * ("Clinton" after "Bill Clinton"). */
    for (size_t k = 0; k < nsents; k++) {
        size_t b = sstart[k], e = sstart[k + 1];
        for (size_t i = b; i < e; i++) {
            unsigned a = appearances(toks + b, e - b, i - b);
            doc_entry *d = doc_slot(tab, cap - 1, toks[i].lw);
            own[i] = a;
            if ((a & (1u << A_ALONE)) && d->count[A_RUN_LAST])
                toks[i].flags |= NER_F_D_FULL_BEFORE;
            for (int j = 0; j < A_N; j++)
                if ((a & (1u << j)) && d->count[j] < 255)
                    d->count[j]++;
        }
    }
    /* Pass 2: flags for appearances elsewhere (not counting this one). */
    for (size_t i = 0; i < ntoks; i++) {
        doc_entry *d = doc_slot(tab, cap - 1, toks[i].lw);
        for (int j = 0; j < A_N; j++)
            if (d->count[j] > ((own[i] >> j) & 1u))
                toks[i].flags |= a_flag[j];
    }
    free(tab);
    free(own);
    return NX_OK;
}

/* ------------------------------------------------------ stage-1 tags */

/* Per word: stage-1 tags of its occurrences (PER ORG LOC MISC, and O when
 * capitalised: a lower-case "the" tagged O says nothing), and the types
 * of longer entities it was part of. */
typedef struct tag_entry {
    uint64_t key;
    uint16_t tag[5];
    uint16_t longer[4];
} tag_entry;

static tag_entry *tag_slot(tag_entry *tab, uint32_t mask, uint64_t key)
{
    if (!key)
        key = 1;
    for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
        if (tab[i].key == key || tab[i].key == 0) {
            tab[i].key = key;
            return &tab[i];
        }
    }
}

/* Class of token i for the counts: 0..3 a type, 4 O, -1 not counted. */
static int tag_class(const ner_tok *t, int bilou)
{
    if (bilou > 0)
        return NER_TYPE_OF(bilou);
    return (t->flags & NER_F_UPPER1) ? 4 : -1;
}

static int in_longer(int bilou)
{
    return bilou > 0 && NER_POS_OF(bilou) != 3;
}

int ner_doc_tags(ner_tok *toks, size_t ntoks, const int *bilou)
{
    uint32_t cap = 16;
    while (cap < 2 * ntoks)
        cap *= 2;
    tag_entry *tab = calloc(cap, sizeof *tab);
    if (!tab)
        return NX_ENOMEM;
    for (size_t i = 0; i < ntoks; i++) {
        int c = tag_class(&toks[i], bilou[i]);
        if (c < 0)
            continue;
        tag_entry *e = tag_slot(tab, cap - 1, toks[i].lw);
        if (e->tag[c] < UINT16_MAX)
            e->tag[c]++;
        if (in_longer(bilou[i]) && e->longer[c] < UINT16_MAX)
            e->longer[c]++;
    }
    /* Elsewhere = all occurrences minus this one. */
    for (size_t i = 0; i < ntoks; i++) {
        int c = tag_class(&toks[i], bilou[i]);
        tag_entry *e = tag_slot(tab, cap - 1, toks[i].lw);
        int best = 0, bestn = 0, lbest = 0, lbestn = 0;
        for (int k = 0; k < 5; k++) {
            int n = e->tag[k] - (k == c);
            if (n > bestn) {
                bestn = n;
                best = k + 1;
            }
            if (k < 4) {
                int m = e->longer[k] - (k == c && in_longer(bilou[i]));
                if (m > lbestn) {
                    lbestn = m;
                    lbest = k + 1;
                }
            }
        }
        toks[i].dt_major = (uint8_t)best;
        toks[i].dt_longer = (uint8_t)lbest;
    }
    free(tab);
    return NX_OK;
}

/* ------------------------------------------------------------- templates */

#define BOS_HASH 0x1111ULL
#define EOS_HASH 0x2222ULL
#define CAP_NONE 7

#define FEAT(tid, v) \
    (out[n++] = (uint32_t)(ner_comb((uint64_t)(tid) << 32, (v)) & mask))

size_t ner_features(uint32_t *out, const ner_tok *s, size_t len, size_t i,
                    uint32_t mask, unsigned stage)
{
    size_t n = 0;
    const ner_tok *t = &s[i];
    const ner_tok *p1 = i >= 1 ? &s[i - 1] : NULL;
    const ner_tok *p2 = i >= 2 ? &s[i - 2] : NULL;
    const ner_tok *n1 = i + 1 < len ? &s[i + 1] : NULL;
    const ner_tok *n2 = i + 2 < len ? &s[i + 2] : NULL;
    uint64_t lwp1 = p1 ? p1->lw : BOS_HASH, lwp2 = p2 ? p2->lw : BOS_HASH;
    uint64_t lwn1 = n1 ? n1->lw : EOS_HASH, lwn2 = n2 ? n2->lw : EOS_HASH;
    uint64_t csp1 = p1 ? p1->cshape : BOS_HASH;
    uint64_t csp2 = p2 ? p2->cshape : BOS_HASH;
    uint64_t csn1 = n1 ? n1->cshape : EOS_HASH;
    uint64_t csn2 = n2 ? n2->cshape : EOS_HASH;
    unsigned cc = t->capclass;
    unsigned ccp = p1 ? p1->capclass : CAP_NONE;
    unsigned ccn = n1 ? n1->capclass : CAP_NONE;
    unsigned start = (t->flags & NER_F_SENT_START) ? 1 : 0;

    FEAT(1, 0);
    FEAT(2, t->w);
    FEAT(3, t->lw);
    FEAT(4, t->shape);
    FEAT(5, t->cshape);
    for (int k = 0; k < 4; k++) {
        if (t->pre[k])
            FEAT(6 + k, t->pre[k]);
        if (t->suf[k])
            FEAT(10 + k, t->suf[k]);
    }
    FEAT(14, cc * 2 + start);
    FEAT(15, lwp1);
    FEAT(16, lwn1);
    FEAT(17, lwp2);
    FEAT(18, lwn2);
    FEAT(19, csp1);
    FEAT(20, csn1);
    FEAT(21, csp2);
    FEAT(22, csn2);
    FEAT(23, ner_comb(lwp1, t->lw));
    FEAT(24, ner_comb(t->lw, lwn1));
    FEAT(25, ner_comb(ner_comb(csp1, t->cshape), csn1));
    FEAT(26, ccp * 8 + cc);
    FEAT(27, cc * 8 + ccn);
    FEAT(28, ner_comb(lwp1, cc));
    FEAT(29, ner_comb(lwn1, cc));
    if (t->flags & NER_F_HEADLINE)
        FEAT(30, t->lw);
    FEAT(31, (t->flags & 0xFF) * 8 + cc);
    FEAT(32, (uint64_t)(t->nchars > 10 ? 10 : t->nchars) * 8 + cc);

    /* Document: the same word elsewhere, alone and with this word's case
     * (a capitalised word seen lower-case elsewhere is a common word in a
     * headline or at a sentence start). */
    uint32_t doc = (t->flags >> NER_F_DOC_FIRST) &
                   ((1u << (NER_F_DOC_LAST - NER_F_DOC_FIRST + 1)) - 1);
    for (int b = 0; b <= NER_F_DOC_LAST - NER_F_DOC_FIRST; b++)
        if (doc & (1u << b))
            FEAT(40 + b, cc * 4 + start * 2 +
                             ((t->flags & NER_F_HEADLINE) ? 1 : 0));
    FEAT(50, (uint64_t)doc * 8 + cc);

    /* Gazetteers: this word's position in a match, with its case, and the
     * neighbours' positions. */
    for (int l = 0; l < NER_NGAZ; l++) {
        if (t->gaz[l]) {
            FEAT(51, (uint64_t)l * 8 + t->gaz[l]);
            FEAT(52, ((uint64_t)l * 8 + t->gaz[l]) * 8 + cc);
        }
        if (p1 && p1->gaz[l])
            FEAT(53, (uint64_t)l * 8 + p1->gaz[l]);
        if (n1 && n1->gaz[l])
            FEAT(54, (uint64_t)l * 8 + n1->gaz[l]);
    }

    /* Stage 2: the tags stage 1 gave this word, and its neighbours,
     * elsewhere in the document. */
    if (stage > 0) {
        FEAT(60, (uint64_t)t->dt_major * 8 + cc);
        FEAT(61, (uint64_t)t->dt_longer * 8 + cc);
        FEAT(62, (uint64_t)t->dt_major * 8 + t->dt_longer);
        FEAT(63, (uint64_t)(p1 ? p1->dt_major : 7) * 8 + t->dt_major);
        FEAT(64, (uint64_t)t->dt_major * 8 + (n1 ? n1->dt_major : 7));
    }
    return n;
}
