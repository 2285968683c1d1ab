/*
 * ner_score.c — entity-level scoring as conlleval defines it: an entity is
 * a maximal chunk (B-X, or I-X after a non-X, starts one; a token that is
 * not a continuation of X ends it), and a predicted entity counts as
 * correct only when a gold entity has the same type, first and last token.
 */
#include "ner_internal.h"

#include <stdlib.h>
#include <string.h>

#include "nx_status.h"

void nx_ner_score_add(nx_ner_score *s, const int *gold, const int *pred,
                      size_t n)
{
    /* BILOU makes chunk boundaries explicit: an entity is B..L or U. */
    int *g = malloc((n ? n : 1) * 2 * sizeof *g);
    if (!g)
        abort();   /* scoring is for tools and tests, never the indexer */
    int *p = g + n;
    ner_iob2_to_bilou(gold, n, g);
    ner_iob2_to_bilou(pred, n, p);
    size_t gstart = 0, pstart = 0;
    for (size_t i = 0; i < n; i++) {
        s->tokens++;
        s->tokens_correct += gold[i] == pred[i];
        int gp = g[i] ? NER_POS_OF(g[i]) : -1;
        int pp = p[i] ? NER_POS_OF(p[i]) : -1;
        if (gp == 0 || gp == 3)
            gstart = i;
        if (pp == 0 || pp == 3)
            pstart = i;
        int gend = gp == 2 || gp == 3, pend = pp == 2 || pp == 3;
        if (gend)
            s->gold[NER_TYPE_OF(g[i])]++;
        if (pend)
            s->pred[NER_TYPE_OF(p[i])]++;
        if (gend && pend && gstart == pstart &&
            NER_TYPE_OF(g[i]) == NER_TYPE_OF(p[i]))
            s->correct[NER_TYPE_OF(g[i])]++;
    }
    free(g);
}

void nx_ner_score_prf(const nx_ner_score *s, int type, double *p, double *r,
                      double *f1)
{
    size_t gold = 0, pred = 0, ok = 0;
    for (int k = 0; k < NX_NER_NTYPES; k++) {
        if (type >= 0 && k != type)
            continue;
        gold += s->gold[k];
        pred += s->pred[k];
        ok += s->correct[k];
    }
    *p = pred ? (double)ok / (double)pred : 0.0;
    *r = gold ? (double)ok / (double)gold : 0.0;
    *f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

void nx_ner_score_print(const nx_ner_score *s, FILE *out)
{
    double p, r, f;
    size_t gold = 0, pred = 0, ok = 0;
    for (int k = 0; k < NX_NER_NTYPES; k++) {
        gold += s->gold[k];
        pred += s->pred[k];
        ok += s->correct[k];
    }
    nx_ner_score_prf(s, -1, &p, &r, &f);
    fprintf(out, "processed %zu tokens with %zu phrases; found: %zu phrases; "
            "correct: %zu.\n", s->tokens, gold, pred, ok);
    fprintf(out, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; "
            "FB1: %6.2f\n", s->tokens ? 100.0 * (double)s->tokens_correct /
            (double)s->tokens : 0.0, 100 * p, 100 * r, 100 * f);
    for (int k = 0; k < NX_NER_NTYPES; k++) {
        nx_ner_score_prf(s, k, &p, &r, &f);
        fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; "
                "FB1: %6.2f  %zu\n", nx_ner_type_name(k), 100 * p, 100 * r,
                100 * f, s->pred[k]);
    }
}

int nx_ner_evaluate(nx_ner_score *s, const nx_tagger *t,
                    const nx_ner_corpus *c)
{
    int *tags = malloc((c->ntokens ? c->ntokens : 1) * sizeof *tags);
    nx_tagger_sentence *sents = malloc((c->nsents ? c->nsents : 1) *
                                       sizeof *sents);
    int rc = NX_ENOMEM;
    if (!tags || !sents)
        goto done;
    for (size_t d = 0; d < c->ndocs; d++) {
        size_t s0 = c->doc_start[d], s1 = c->doc_start[d + 1];
        for (size_t k = s0; k < s1; k++) {
            sents[k - s0].tokens = (const char *const *)c->words +
                                   c->sent_start[k];
            sents[k - s0].ntokens = c->sent_start[k + 1] - c->sent_start[k];
        }
        size_t t0 = c->sent_start[s0];
        if ((rc = nx_tagger_tag_doc(t, sents, s1 - s0, tags + t0)))
            goto done;
        for (size_t k = s0; k < s1; k++) {
            size_t b = c->sent_start[k], e = c->sent_start[k + 1];
            nx_ner_score_add(s, c->gold + b, tags + b, e - b);
        }
    }
    rc = NX_OK;
done:
    free(tags);
    free(sents);
    return rc;
}
