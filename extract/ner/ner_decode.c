/*
 * ner_decode.c — scoring and Viterbi decoding: nx_tagger_tag_doc().
 *
 * Every call allocates its own scratch, so one loaded (read-only) tagger
 * serves any number of threads.
 */
#include "ner_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "nx_status.h"

int ner_tagger_new(nx_tagger **out, unsigned hash_bits, unsigned nstages)
{
    *out = NULL;
    if (hash_bits < 8 || hash_bits > 26 || nstages < 1 ||
        nstages > NER_MAX_STAGES)
        return NX_EINVAL;
    nx_tagger *t = calloc(1, sizeof *t);
    if (!t)
        return NX_ENOMEM;
    t->hash_bits = hash_bits;
    t->mask = (uint32_t)((1u << hash_bits) - 1);
    t->nstages = nstages;
    size_t rows = ((size_t)1 << hash_bits) + NER_NT;
    for (unsigned k = 0; k < nstages; k++) {
        t->st[k].w_owned = calloc(rows, sizeof *t->st[k].w_owned);
        if (!t->st[k].w_owned) {
            nx_tagger_free(t);
            return NX_ENOMEM;
        }
        t->st[k].w = t->st[k].w_owned;
        t->st[k].wscale = 1.0f;
    }
    *out = t;
    return NX_OK;
}

void nx_tagger_free(nx_tagger *t)
{
    if (!t)
        return;
    if (t->map)
        munmap(t->map, t->maplen);
    else
        ner_gaz_free(&t->gaz);
    for (unsigned k = 0; k < NER_MAX_STAGES; k++)
        free(t->st[k].w_owned);
    free(t);
}

void ner_viterbi(const ner_stage *t, const float *emit, size_t n, int *out,
                 int *back)
{
    float delta[NER_NT], next[NER_NT];
    if (n == 0)
        return;
    /* Transition scores with the BILOU constraints folded in, once a
     * sentence rather than once a token. */
    float tr[NER_NT * NER_NT];
    for (int a = 0; a < NER_NT; a++)
        for (int b = 0; b < NER_NT; b++)
            tr[a * NER_NT + b] = ner_transition_ok(a, b)
                                 ? t->trans[a * NER_NT + b] : -INFINITY;
    for (int b = 0; b < NER_NT; b++)
        delta[b] = ner_transition_ok(-1, b) ? t->start[b] + emit[b]
                                            : -INFINITY;
    for (size_t i = 1; i < n; i++) {
        for (int b = 0; b < NER_NT; b++) {
            float best = -INFINITY;
            int arg = 0;
            for (int a = 0; a < NER_NT; a++) {
                float s = delta[a] + tr[a * NER_NT + b];
                if (s > best) {
                    best = s;
                    arg = a;
                }
            }
            next[b] = best + emit[i * NER_NT + b];
            back[i * NER_NT + b] = arg;
        }
        memcpy(delta, next, sizeof delta);
    }
    float best = -INFINITY;
    int arg = 0;
    for (int b = 0; b < NER_NT; b++) {
        if (!ner_transition_ok(b, -1))
            continue;
        float s = delta[b] + t->end[b];
        if (s > best) {
            best = s;
            arg = b;
        }
    }
    out[n - 1] = arg;
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * NER_NT + out[i]];
}

int ner_tag_toks(const nx_tagger *t, ner_tok *toks, const char *const *words,
                 size_t ntoks, const size_t *sstart, size_t nsents, int *bilou)
{
    size_t longest = 0;
    for (size_t k = 0; k < nsents; k++)
        if (sstart[k + 1] - sstart[k] > longest)
            longest = sstart[k + 1] - sstart[k];
    for (size_t k = 0; k < nsents; k++)
        ner_gaz_match(&t->gaz, words + sstart[k], toks + sstart[k],
                      sstart[k + 1] - sstart[k]);
    int rc = ner_doc_flags(toks, ntoks, sstart, nsents);
    if (rc)
        return rc;
    float *emit = malloc((longest + 1) * NER_NT * sizeof *emit);
    int *back = malloc((longest + 1) * NER_NT * sizeof *back);
    if (!emit || !back) {
        free(emit);
        free(back);
        return NX_ENOMEM;
    }
    uint32_t feats[NER_MAX_FEATS];
    for (unsigned stage = 0; stage < t->nstages; stage++) {
        const ner_stage *st = &t->st[stage];
        if (stage > 0 && (rc = ner_doc_tags(toks, ntoks, bilou)))
            break;
        for (size_t k = 0; k < nsents; k++) {
            size_t b = sstart[k], n = sstart[k + 1] - b;
            for (size_t i = 0; i < n; i++) {
                size_t nf = ner_features(feats, toks + b, n, i, t->mask,
                                         stage);
                int32_t acc[NER_NT] = {0};
                for (size_t f = 0; f < nf; f++) {
                    const int16_t *row = st->w + feats[f];
                    for (int y = 0; y < NER_NT; y++)
                        acc[y] += row[y];
                }
                for (int y = 0; y < NER_NT; y++)
                    emit[i * NER_NT + y] = (float)acc[y] * st->wscale;
            }
            ner_viterbi(st, emit, n, bilou + b, back);
        }
    }
    free(emit);
    free(back);
    return rc;
}

int nx_tagger_tag_doc(const nx_tagger *t, const nx_tagger_sentence *sents,
                      size_t nsents, int *tags)
{
    size_t ntoks = 0;
    for (size_t k = 0; k < nsents; k++) {
        if (sents[k].ntokens > NX_TAGGER_MAX_SENT_TOKENS)
            return NX_ETOOBIG;
        ntoks += sents[k].ntokens;
        if (ntoks > NX_TAGGER_MAX_DOC_TOKENS)
            return NX_ETOOBIG;
    }
    if (ntoks == 0)
        return NX_OK;
    ner_tok *toks = malloc(ntoks * sizeof *toks);
    const char **words = malloc(ntoks * sizeof *words);
    size_t *sstart = malloc((nsents + 1) * sizeof *sstart);
    int *bilou = malloc(ntoks * sizeof *bilou);
    int rc = NX_ENOMEM;
    if (!toks || !words || !sstart || !bilou)
        goto done;
    size_t j = 0;
    for (size_t k = 0; k < nsents; k++) {
        sstart[k] = j;
        for (size_t i = 0; i < sents[k].ntokens; i++, j++) {
            words[j] = sents[k].tokens[i] ? sents[k].tokens[i] : "";
            ner_tok_analyse(&toks[j], words[j]);
        }
    }
    sstart[nsents] = j;
    rc = ner_tag_toks(t, toks, words, ntoks, sstart, nsents, bilou);
    if (rc == NX_OK)
        for (size_t i = 0; i < ntoks; i++)
            tags[i] = ner_bilou_to_iob2(bilou[i]);
done:
    free(toks);
    free(words);
    free(sstart);
    free(bilou);
    return rc;
}
