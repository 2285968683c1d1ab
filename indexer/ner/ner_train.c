/*
 * ner_train.c — averaged structured perceptron (Collins 2002).
 *
 * Each epoch visits the training sentences in an order shuffled by our own
 * PRNG from a fixed seed; a sentence decoded wrongly moves the weights of
 * its gold tags' features up and those of the predicted tags' down.
 * Weights are integers and the averaging uses the "w - u/c" form (u sums
 * c * update), so training is exact arithmetic: the same data, options
 * and seed give the same model file, bit for bit, on any machine.
 *
 * After every epoch the averaged weights are quantised to 16 bits exactly
 * as the saved model is, and scored on the dev set through the ordinary
 * tagging path; the best epoch is kept.
 */
#include "ner_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_xapian.h"

typedef struct train_set {
    uint32_t *feats;     /* all features of all tokens */
    size_t *foff;        /* [ntokens + 1] into feats */
    int *gold;           /* [ntokens] BILOU */
} train_set;

typedef struct perceptron {
    size_t rows;
    int32_t *w;          /* current weights: rows, then NT*NT trans, NT
                            start, NT end */
    int64_t *u;          /* sum of c * update, same layout */
    int64_t c;           /* examples seen + 1 */
} perceptron;

static uint64_t prng_next(uint64_t *s)
{
    /* xorshift64*: small, fixed, good enough to shuffle. */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static void train_set_free(train_set *ts)
{
    free(ts->feats);
    free(ts->foff);
    free(ts->gold);
}

/* Analyses every document as tagging will and stores the features. */
static int build_set(train_set *ts, const nx_tagger *t, const nx_ner_corpus *c)
{
    memset(ts, 0, sizeof *ts);
    size_t cap = c->ntokens * 48 + 64, n = 0;
    ts->feats = malloc(cap * sizeof *ts->feats);
    ts->foff = malloc((c->ntokens + 1) * sizeof *ts->foff);
    ts->gold = malloc((c->ntokens + 1) * sizeof *ts->gold);
    ner_tok *toks = malloc((c->ntokens + 1) * sizeof *toks);
    size_t *sstart = malloc((c->nsents + 1) * sizeof *sstart);
    if (!ts->feats || !ts->foff || !ts->gold || !toks || !sstart)
        goto nomem;
    for (size_t k = 0; k < c->nsents; k++)
        ner_iob2_to_bilou(c->gold + c->sent_start[k],
                          c->sent_start[k + 1] - c->sent_start[k],
                          ts->gold + c->sent_start[k]);
    for (size_t d = 0; d < c->ndocs; d++) {
        size_t s0 = c->doc_start[d], s1 = c->doc_start[d + 1];
        size_t t0 = c->sent_start[s0], t1 = c->sent_start[s1];
        for (size_t k = s0; k <= s1; k++)
            sstart[k - s0] = c->sent_start[k] - t0;
        for (size_t i = t0; i < t1; i++)
            ner_tok_analyse(&toks[i], c->words[i]);
        for (size_t k = s0; k < s1; k++)
            ner_gaz_match(&t->gaz, (const char *const *)c->words +
                          c->sent_start[k], toks + c->sent_start[k],
                          c->sent_start[k + 1] - c->sent_start[k]);
        if (ner_doc_flags(toks + t0, t1 - t0, sstart, s1 - s0))
            goto nomem;
    }
    for (size_t k = 0; k < c->nsents; k++) {
        size_t b = c->sent_start[k], len = c->sent_start[k + 1] - b;
        for (size_t i = 0; i < len; i++) {
            if (n + NER_MAX_FEATS > cap) {
                cap *= 2;
                uint32_t *f = realloc(ts->feats, cap * sizeof *f);
                if (!f)
                    goto nomem;
                ts->feats = f;
            }
            ts->foff[b + i] = n;
            n += ner_features(ts->feats + n, toks + b, len, i, t->mask);
        }
    }
    ts->foff[c->ntokens] = n;
    free(toks);
    free(sstart);
    return NX_OK;
nomem:
    free(toks);
    free(sstart);
    train_set_free(ts);
    return NX_ENOMEM;
}

static void update(perceptron *p, size_t i, int delta)
{
    p->w[i] += delta;
    p->u[i] += p->c * delta;
}

/* Decodes one sentence with the current weights and updates on errors.
 * Returns 1 when the sentence was wrong. */
static int train_sentence(perceptron *p, nx_tagger *cur, const train_set *ts,
                          size_t b, size_t n, float *emit, int *pred,
                          int *back)
{
    for (size_t i = 0; i < n; i++) {
        int64_t acc[NER_NT] = {0};
        for (size_t f = ts->foff[b + i]; f < ts->foff[b + i + 1]; f++) {
            const int32_t *row = p->w + ts->feats[f];
            for (int y = 0; y < NER_NT; y++)
                acc[y] += row[y];
        }
        for (int y = 0; y < NER_NT; y++)
            emit[i * NER_NT + y] = (float)acc[y];
    }
    ner_viterbi(cur, emit, n, pred, back);
    const int *gold = ts->gold + b;
    size_t tr = p->rows, st = tr + NER_NT * NER_NT, en = st + NER_NT;
    int wrong = 0;
    for (size_t i = 0; i < n; i++) {
        int g = gold[i], y = pred[i];
        if (g != y) {
            wrong = 1;
            for (size_t f = ts->foff[b + i]; f < ts->foff[b + i + 1]; f++) {
                update(p, ts->feats[f] + (size_t)g, 1);
                update(p, ts->feats[f] + (size_t)y, -1);
            }
        }
        int gp = i ? gold[i - 1] : -1, yp = i ? pred[i - 1] : -1;
        if (gp != yp || g != y) {
            if (i == 0) {
                update(p, st + (size_t)g, 1);
                update(p, st + (size_t)y, -1);
            } else {
                update(p, tr + (size_t)gp * NER_NT + (size_t)g, 1);
                update(p, tr + (size_t)yp * NER_NT + (size_t)y, -1);
            }
        }
    }
    if (n && gold[n - 1] != pred[n - 1]) {
        update(p, en + (size_t)gold[n - 1], 1);
        update(p, en + (size_t)pred[n - 1], -1);
    }
    if (wrong) {
        /* The decoder reads transitions as floats from `cur`. */
        for (int k = 0; k < NER_NT * NER_NT; k++)
            cur->trans[k] = (float)p->w[tr + (size_t)k];
        for (int k = 0; k < NER_NT; k++) {
            cur->start[k] = (float)p->w[st + (size_t)k];
            cur->end[k] = (float)p->w[en + (size_t)k];
        }
    }
    p->c++;
    return wrong;
}

/* Averaged weights, quantised into t (as a saved model holds them). */
static void average_into(nx_tagger *t, const perceptron *p)
{
    double c = (double)p->c, maxabs = 0;
    for (size_t i = 0; i < p->rows; i++) {
        double a = fabs((double)p->w[i] - (double)p->u[i] / c);
        if (a > maxabs)
            maxabs = a;
    }
    double scale = maxabs > 0 ? maxabs / 32767.0 : 1.0;
    for (size_t i = 0; i < p->rows; i++) {
        double a = (double)p->w[i] - (double)p->u[i] / c;
        t->w_owned[i] = (int16_t)lrint(a / scale);
    }
    t->wscale = (float)scale;
    size_t tr = p->rows, st = tr + NER_NT * NER_NT, en = st + NER_NT;
    for (int k = 0; k < NER_NT * NER_NT; k++)
        t->trans[k] = (float)((double)p->w[tr + (size_t)k] -
                              (double)p->u[tr + (size_t)k] / c);
    for (int k = 0; k < NER_NT; k++) {
        t->start[k] = (float)((double)p->w[st + (size_t)k] -
                              (double)p->u[st + (size_t)k] / c);
        t->end[k] = (float)((double)p->w[en + (size_t)k] -
                            (double)p->u[en + (size_t)k] / c);
    }
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int nx_ner_train(nx_tagger **out, const nx_ner_corpus *train,
                 const nx_ner_corpus *dev, const nx_ner_train_options *opts,
                 char **err)
{
    nx_ner_train_options o = NX_NER_TRAIN_OPTIONS_INIT;
    if (opts)
        o = *opts;
    *out = NULL;
    if (err)
        *err = NULL;
    nx_tagger *t = NULL, *cur = NULL;
    train_set ts = {0};
    perceptron p = {0};
    int16_t *best_w = NULL;
    size_t *order = NULL;
    float *emit = NULL;
    int *pred = NULL, *back = NULL;
    double t0 = seconds();
    int rc = ner_tagger_new(&t, o.hash_bits);
    if (rc == NX_EINVAL) {
        if (err && asprintf(err, "hash bits %u out of range 8..26",
                            o.hash_bits) < 0)
            *err = NULL;
        return rc;
    }
    if (rc || (rc = ner_tagger_new(&cur, 8)))
        goto done;
    if (o.gazetteer_dir &&
        (rc = ner_gaz_build(&t->gaz, o.gazetteer_dir, o.log, err)))
        goto done;
    if ((rc = build_set(&ts, t, train)))
        goto done;
    if (o.log)
        fprintf(o.log, "features: %zu tokens, %.1f a token, %.1fs\n",
                train->ntokens, (double)ts.foff[train->ntokens] /
                (double)(train->ntokens ? train->ntokens : 1),
                seconds() - t0);

    size_t longest = 1;
    for (size_t k = 0; k < train->nsents; k++)
        if (train->sent_start[k + 1] - train->sent_start[k] > longest)
            longest = train->sent_start[k + 1] - train->sent_start[k];
    p.rows = ((size_t)1 << o.hash_bits) + NER_NT;
    size_t cells = p.rows + NER_NT * NER_NT + 2 * NER_NT;
    rc = NX_ENOMEM;
    p.w = calloc(cells, sizeof *p.w);
    p.u = calloc(cells, sizeof *p.u);
    p.c = 1;
    best_w = malloc(p.rows * sizeof *best_w);
    order = malloc((train->nsents + 1) * sizeof *order);
    emit = malloc(longest * NER_NT * sizeof *emit);
    pred = malloc(longest * sizeof *pred);
    back = malloc(longest * NER_NT * sizeof *back);
    if (!p.w || !p.u || !best_w || !order || !emit || !pred || !back)
        goto done;
    for (size_t k = 0; k < train->nsents; k++)
        order[k] = k;

    uint64_t rng = o.seed ? o.seed : 1;
    double best_f1 = -1;
    unsigned best_epoch = 0;
    float best_trans[NER_NT * NER_NT], best_start[NER_NT], best_end[NER_NT];
    float best_scale = 1;
    for (unsigned epoch = 1; epoch <= o.max_epochs; epoch++) {
        for (size_t k = train->nsents; k > 1; k--) {
            size_t j = (size_t)(prng_next(&rng) % k), tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        size_t wrong = 0;
        for (size_t k = 0; k < train->nsents; k++) {
            size_t s = order[k], b = train->sent_start[s];
            wrong += (size_t)train_sentence(&p, cur, &ts, b,
                                            train->sent_start[s + 1] - b,
                                            emit, pred, back);
        }
        average_into(t, &p);
        double f1 = 0, pr, re;
        if (dev) {
            nx_ner_score sc;
            memset(&sc, 0, sizeof sc);
            if ((rc = nx_ner_evaluate(&sc, t, dev)))
                goto done;
            nx_ner_score_prf(&sc, -1, &pr, &re, &f1);
        }
        if (o.log)
            fprintf(o.log, "epoch %2u: %zu/%zu sentences wrong, dev F1 "
                    "%.4f, %.1fs\n", epoch, wrong, train->nsents, f1,
                    seconds() - t0);
        if (!dev || f1 > best_f1) {
            best_f1 = f1;
            best_epoch = epoch;
            memcpy(best_w, t->w_owned, p.rows * sizeof *best_w);
            memcpy(best_trans, t->trans, sizeof best_trans);
            memcpy(best_start, t->start, sizeof best_start);
            memcpy(best_end, t->end, sizeof best_end);
            best_scale = t->wscale;
        } else if (o.patience && epoch - best_epoch >= o.patience) {
            break;
        }
    }
    memcpy(t->w_owned, best_w, p.rows * sizeof *best_w);
    memcpy(t->trans, best_trans, sizeof best_trans);
    memcpy(t->start, best_start, sizeof best_start);
    memcpy(t->end, best_end, sizeof best_end);
    t->wscale = best_scale;
    if (o.log)
        fprintf(o.log, "kept epoch %u (dev F1 %.4f), %.1fs\n", best_epoch,
                best_f1, seconds() - t0);
    *out = t;
    t = NULL;
    rc = NX_OK;
done:
    if (rc == NX_ENOMEM && err && !*err && asprintf(err, "out of memory") < 0)
        *err = NULL;
    nx_tagger_free(t);
    nx_tagger_free(cur);
    train_set_free(&ts);
    free(p.w);
    free(p.u);
    free(best_w);
    free(order);
    free(emit);
    free(pred);
    free(back);
    return rc;
}
