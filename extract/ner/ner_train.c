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
 *
 * Stage 2 learns from how stage 1 tagged the same words elsewhere in a
 * document.  Stage-1 tags of the training set itself would be too good
 * (the model has seen those sentences), so they come from a jackknife:
 * documents are split into folds and each fold is tagged by a stage-1
 * model trained, for the same number of epochs, on the other folds.
 */
#include "ner_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_buf.h"
#include "nx_status.h"

typedef struct train_set {
    ner_tok *toks;       /* [ntokens] analysed, document flags set */
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

/* Scratch for decoding one sentence. */
typedef struct scratch {
    float *emit;
    int *pred, *back;
} scratch;

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
    free(ts->toks);
    free(ts->feats);
    free(ts->foff);
    free(ts->gold);
    memset(ts, 0, sizeof *ts);
}

/* Analyses every document as tagging will. */
static int build_toks(train_set *ts, const nx_tagger *t,
                      const nx_ner_corpus *c)
{
    memset(ts, 0, sizeof *ts);
    ts->toks = malloc((c->ntokens + 1) * sizeof *ts->toks);
    ts->gold = malloc((c->ntokens + 1) * sizeof *ts->gold);
    size_t *sstart = malloc((c->nsents + 1) * sizeof *sstart);
    if (!ts->toks || !ts->gold || !sstart)
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
            ner_tok_analyse(&ts->toks[i], c->words[i]);
        for (size_t k = s0; k < s1; k++)
            ner_gaz_match(&t->gaz, (const char *const *)c->words +
                          c->sent_start[k], ts->toks + c->sent_start[k],
                          c->sent_start[k + 1] - c->sent_start[k]);
        if (ner_doc_flags(ts->toks + t0, t1 - t0, sstart, s1 - s0))
            goto nomem;
    }
    free(sstart);
    return NX_OK;
nomem:
    free(sstart);
    train_set_free(ts);
    return NX_ENOMEM;
}

/* Stores the features of a stage for every token. */
static int build_feats(train_set *ts, const nx_ner_corpus *c, uint32_t mask,
                       unsigned stage)
{
    size_t cap = c->ntokens * 48 + NER_MAX_FEATS, n = 0;
    free(ts->feats);
    free(ts->foff);
    ts->feats = malloc(cap * sizeof *ts->feats);
    ts->foff = malloc((c->ntokens + 1) * sizeof *ts->foff);
    if (!ts->feats || !ts->foff)
        return NX_ENOMEM;
    for (size_t k = 0; k < c->nsents; k++) {
        size_t b = c->sent_start[k], len = c->sent_start[k + 1] - b;
        for (size_t i = 0; i < len; i++) {
            int rc = nx_grow(&ts->feats, &cap, n + NER_MAX_FEATS,
                             sizeof *ts->feats,
                             (size_t)NX_NER_MAX_CORPUS_TOKENS * NER_MAX_FEATS);
            if (rc != NX_OK)
                return rc;
            ts->foff[b + i] = n;
            n += ner_features(ts->feats + n, ts->toks + b, len, i, mask,
                              stage);
        }
    }
    ts->foff[c->ntokens] = n;
    return NX_OK;
}

static void update(perceptron *p, size_t i, int delta)
{
    p->w[i] += delta;
    p->u[i] += p->c * delta;
}

/* Decodes one sentence with integer weights (training) or a stage's
 * quantised ones (jackknife tagging). */
static void decode(const train_set *ts, size_t b, size_t n,
                   const int32_t *w32, const ner_stage *st, scratch *sc)
{
    for (size_t i = 0; i < n; i++) {
        int64_t acc[NER_NT] = {0};
        for (size_t f = ts->foff[b + i]; f < ts->foff[b + i + 1]; f++) {
            uint32_t r = ts->feats[f];
            for (int y = 0; y < NER_NT; y++)
                acc[y] += w32 ? w32[r + (uint32_t)y] : st->w[r + (uint32_t)y];
        }
        for (int y = 0; y < NER_NT; y++)
            sc->emit[i * NER_NT + y] = w32 ? (float)acc[y]
                                           : (float)acc[y] * st->wscale;
    }
    ner_viterbi(st, sc->emit, n, sc->pred, sc->back);
}

/* Decodes one sentence with the current weights and updates on errors.
 * Returns 1 when the sentence was wrong. */
static int train_sentence(perceptron *p, ner_stage *cur, const train_set *ts,
                          size_t b, size_t n, scratch *sc)
{
    decode(ts, b, n, p->w, cur, sc);
    const int *gold = ts->gold + b, *pred = sc->pred;
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
        /* The decoder reads transitions as floats. */
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

/* Averaged weights, quantised into a stage (as a saved model holds them). */
static void average_into(ner_stage *out, const perceptron *p)
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
        out->w_owned[i] = (int16_t)lrint(a / scale);
    }
    out->wscale = (float)scale;
    size_t tr = p->rows, st = tr + NER_NT * NER_NT, en = st + NER_NT;
    for (int k = 0; k < NER_NT * NER_NT; k++)
        out->trans[k] = (float)((double)p->w[tr + (size_t)k] -
                                (double)p->u[tr + (size_t)k] / c);
    for (int k = 0; k < NER_NT; k++) {
        out->start[k] = (float)((double)p->w[st + (size_t)k] -
                                (double)p->u[st + (size_t)k] / c);
        out->end[k] = (float)((double)p->w[en + (size_t)k] -
                              (double)p->u[en + (size_t)k] / c);
    }
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One stage's training run. */
typedef struct stage_run {
    nx_tagger *t;               /* stage `stage` of t is trained */
    unsigned stage;
    const train_set *ts;
    const nx_ner_corpus *train;
    const unsigned char *skip_doc;  /* docs left out (NULL = none) */
    const nx_ner_corpus *dev;   /* NULL: keep the last epoch */
    unsigned epochs, patience;
    uint64_t seed;
    FILE *log;
    double t0;
    unsigned best_epoch;        /* out */
    double best_f1;             /* out */
} stage_run;

static int run_stage(stage_run *r, scratch *sc)
{
    const nx_ner_corpus *c = r->train;
    nx_tagger *t = r->t;
    ner_stage *out = &t->st[r->stage];
    perceptron p = {0};
    ner_stage cur, best;
    memset(&cur, 0, sizeof cur);
    memset(&best, 0, sizeof best);
    p.rows = ((size_t)1 << t->hash_bits) + NER_NT;
    size_t cells = p.rows + NER_NT * NER_NT + 2 * NER_NT, norder = 0;
    int rc = NX_ENOMEM;
    p.w = calloc(cells, sizeof *p.w);
    p.u = calloc(cells, sizeof *p.u);
    p.c = 1;
    best.w_owned = malloc(p.rows * sizeof *best.w_owned);
    size_t *order = malloc((c->nsents + 1) * sizeof *order);
    if (!p.w || !p.u || !best.w_owned || !order)
        goto done;
    for (size_t d = 0; d < c->ndocs; d++)
        if (!r->skip_doc || !r->skip_doc[d])
            for (size_t k = c->doc_start[d]; k < c->doc_start[d + 1]; k++)
                order[norder++] = k;
    uint64_t rng = r->seed ? r->seed : 1;
    r->best_f1 = -1;
    r->best_epoch = 0;
    for (unsigned epoch = 1; epoch <= r->epochs; epoch++) {
        for (size_t k = norder; k > 1; k--) {
            size_t j = (size_t)(prng_next(&rng) % k), tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        size_t wrong = 0;
        for (size_t k = 0; k < norder; k++) {
            size_t s = order[k], b = c->sent_start[s];
            wrong += (size_t)train_sentence(&p, &cur, r->ts, b,
                                            c->sent_start[s + 1] - b, sc);
        }
        average_into(out, &p);
        double f1 = 0, pr, re;
        if (r->dev) {
            nx_ner_score score;
            memset(&score, 0, sizeof score);
            if ((rc = nx_ner_evaluate(&score, t, r->dev)))
                goto done;
            nx_ner_score_prf(&score, -1, &pr, &re, &f1);
        }
        if (r->log)
            fprintf(r->log, "stage %u epoch %2u: %zu/%zu sentences wrong, "
                    "dev F1 %.4f, %.1fs\n", r->stage + 1, epoch, wrong,
                    norder, f1, seconds() - r->t0);
        if (!r->dev || f1 > r->best_f1) {
            r->best_f1 = f1;
            r->best_epoch = epoch;
            int16_t *keep = best.w_owned;
            best = *out;
            best.w_owned = keep;
            memcpy(best.w_owned, out->w_owned, p.rows * sizeof *keep);
        } else if (r->patience && epoch - r->best_epoch >= r->patience) {
            break;
        }
    }
    {
        int16_t *keep = out->w_owned;
        memcpy(keep, best.w_owned, p.rows * sizeof *keep);
        *out = best;
        out->w_owned = keep;
        out->w = keep;
    }
    rc = NX_OK;
done:
    free(p.w);
    free(p.u);
    free(best.w_owned);
    free(order);
    return rc;
}

/* Stage-1 tags of every training document from models that did not see
 * it (see the top of the file). */
static int jackknife(int *pred, const stage_run *base, unsigned folds,
                     scratch *sc)
{
    const nx_ner_corpus *c = base->train;
    unsigned char *skip = malloc(c->ndocs + 1);
    nx_tagger *ft = NULL;
    int rc = ner_tagger_new(&ft, base->t->hash_bits, 1);
    if (!rc && !skip)
        rc = NX_ENOMEM;
    for (unsigned f = 0; f < folds && rc == NX_OK; f++) {
        for (size_t d = 0; d < c->ndocs; d++)
            skip[d] = d % folds == f;
        stage_run r = *base;
        r.t = ft;
        r.stage = 0;
        r.skip_doc = skip;
        r.dev = NULL;
        r.patience = 0;
        r.log = NULL;
        if ((rc = run_stage(&r, sc)))
            break;
        for (size_t d = 0; d < c->ndocs; d++) {
            if (!skip[d])
                continue;
            for (size_t k = c->doc_start[d]; k < c->doc_start[d + 1]; k++) {
                size_t b = c->sent_start[k], n = c->sent_start[k + 1] - b;
                decode(base->ts, b, n, NULL, &ft->st[0], sc);
                memcpy(pred + b, sc->pred, n * sizeof *pred);
            }
        }
        if (base->log)
            fprintf(base->log, "jackknife fold %u/%u tagged, %.1fs\n", f + 1,
                    folds, seconds() - base->t0);
    }
    nx_tagger_free(ft);
    free(skip);
    return rc;
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
    nx_tagger *t = NULL;
    train_set ts = {0};
    scratch sc = {0};
    int *pred1 = NULL;
    double t0 = seconds();
    if (o.stages < 1 || o.stages > NER_MAX_STAGES || o.folds < 2)
        o.stages = 1;
    int rc = ner_tagger_new(&t, o.hash_bits, o.stages);
    if (rc == NX_EINVAL) {
        if (err && asprintf(err, "hash bits %u out of range 8..26",
                            o.hash_bits) < 0)
            *err = NULL;
        return rc;
    }
    if (rc)
        goto done;
    if (o.gazetteer_dir &&
        (rc = ner_gaz_build(&t->gaz, o.gazetteer_dir, o.log, err)))
        goto done;
    if ((rc = build_toks(&ts, t, train)) ||
        (rc = build_feats(&ts, train, t->mask, 0)))
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
    rc = NX_ENOMEM;
    sc.emit = malloc(longest * NER_NT * sizeof *sc.emit);
    sc.pred = malloc(longest * sizeof *sc.pred);
    sc.back = malloc(longest * NER_NT * sizeof *sc.back);
    if (!sc.emit || !sc.pred || !sc.back)
        goto done;

    stage_run r = {t, 0, &ts, train, NULL, dev, o.max_epochs, o.patience,
                   o.seed, o.log, t0, 0, 0};
    t->nstages = 1;
    if ((rc = run_stage(&r, &sc)))
        goto done;
    if (o.log)
        fprintf(o.log, "stage 1: kept epoch %u (dev F1 %.4f), %.1fs\n",
                r.best_epoch, r.best_f1, seconds() - t0);
    if (o.stages == 2) {
        rc = NX_ENOMEM;
        if (!(pred1 = malloc((train->ntokens + 1) * sizeof *pred1)))
            goto done;
        stage_run base = r;
        base.epochs = r.best_epoch;
        if ((rc = jackknife(pred1, &base, o.folds, &sc)))
            goto done;
        for (size_t d = 0; d < train->ndocs; d++) {
            size_t a = train->sent_start[train->doc_start[d]];
            size_t b = train->sent_start[train->doc_start[d + 1]];
            if ((rc = ner_doc_tags(ts.toks + a, b - a, pred1 + a)))
                goto done;
        }
        if ((rc = build_feats(&ts, train, t->mask, 1)))
            goto done;
        t->nstages = 2;
        r.stage = 1;
        if ((rc = run_stage(&r, &sc)))
            goto done;
        if (o.log)
            fprintf(o.log, "stage 2: kept epoch %u (dev F1 %.4f), %.1fs\n",
                    r.best_epoch, r.best_f1, seconds() - t0);
    }
    *out = t;
    t = NULL;
    rc = NX_OK;
done:
    if (rc == NX_ENOMEM && err && !*err && asprintf(err, "out of memory") < 0)
        *err = NULL;
    nx_tagger_free(t);
    train_set_free(&ts);
    free(sc.emit);
    free(sc.pred);
    free(sc.back);
    free(pred1);
    return rc;
}
