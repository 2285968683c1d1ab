/*
 * m_conll.c — the whole extractor (rules, gazetteers and the tagger, then
 * combination) on CoNLL-2003 text, scored like conlleval on PER / ORG /
 * LOC (MISC is no facet: it counts as O on both sides).  Each document is
 * its tokens joined by spaces, a sentence a paragraph; a kept mention is
 * predicted over the tokens it covers.  Run on eng.testa, the development
 * set the combination rules were chosen on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "x_internal.h"
#include "ner/nx_ner_train.h"

typedef struct cdoc {
    char *text;
    size_t len, cap;
    size_t *off, *end;       /* token bytes in text (after the "\n\n") */
    int *gold, *pred;
    size_t n, capn;
} cdoc;

static void on_span(void *ctx, const char *text, size_t off, size_t len,
                    int type, const char *name)
{
    (void)text;
    (void)name;
    cdoc *c = ctx;
    if (off < 2)
        return;
    off -= 2;
    int b = type == XM_PER ? NX_TAG_B_PER : type == XM_ORG ? NX_TAG_B_ORG
                                                           : NX_TAG_B_LOC;
    int first = 1;
    for (size_t i = 0; i < c->n; i++)
        if (c->off[i] >= off && c->end[i] <= off + len) {
            if (c->pred[i] != NX_TAG_O)
                return;      /* already taken by an overlapping mention */
            c->pred[i] = first ? b : b + 1;
            first = 0;
        }
}

static int tag_id(const char *t)
{
    static const char *const N[] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                                    "B-LOC", "I-LOC"};
    for (int i = 0; i < 7; i++)
        if (strcmp(t, N[i]) == 0)
            return i;
    return NX_TAG_O;         /* MISC */
}

static void score_doc(nx_extractor *x, cdoc *c, nx_ner_score *s)
{
    if (!c->n)
        return;
    c->text[c->len] = 0;
    nx_entities e;
    nx_entities_init(&e);
    x_extract_spans(x, "", NULL, c->text, &e, on_span, c);
    nx_entities_clear(&e);
    /* sentence by sentence, as conlleval reads them */
    size_t a = 0;
    for (size_t i = 1; i <= c->n; i++)
        if (i == c->n || c->off[i] > c->end[i - 1] + 1) {
            nx_ner_score_add(s, c->gold + a, c->pred + a, i - a);
            a = i;
        }
    c->n = c->len = 0;
}

void bench_conll(nx_extractor *x, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("CoNLL: %s missing, skipped\n", path);
        return;
    }
    cdoc c = {0};
    nx_ner_score s;
    memset(&s, 0, sizeof s);
    char line[4096];
    int gap = 0;
    while (fgets(line, sizeof line, f)) {
        char *tok = strtok(line, " \t\r\n"), *last = tok;
        for (char *p = tok; p; p = strtok(NULL, " \t\r\n"))
            last = p;
        if (tok && strcmp(tok, "-DOCSTART-") == 0) {
            score_doc(x, &c, &s);
            continue;
        }
        if (!tok) {
            gap = 1;
            continue;
        }
        size_t l = strlen(tok);
        if (c.len + l + 4 > c.cap) {
            c.cap = (c.cap + l + 4) * 2;
            c.text = realloc(c.text, c.cap + 1);
        }
        if (c.n == c.capn) {
            c.capn = c.capn ? c.capn * 2 : 1024;
            c.off = realloc(c.off, c.capn * sizeof *c.off);
            c.end = realloc(c.end, c.capn * sizeof *c.end);
            c.gold = realloc(c.gold, c.capn * sizeof *c.gold);
            c.pred = realloc(c.pred, c.capn * sizeof *c.pred);
        }
        if (c.len) {
            const char *sep = gap ? "\n\n" : " ";
            memcpy(c.text + c.len, sep, strlen(sep));
            c.len += strlen(sep);
        }
        gap = 0;
        c.off[c.n] = c.len;
        memcpy(c.text + c.len, tok, l);
        c.len += l;
        c.end[c.n] = c.len;
        c.gold[c.n] = tag_id(last);
        c.pred[c.n] = NX_TAG_O;
        c.n++;
    }
    score_doc(x, &c, &s);
    fclose(f);
    double p, r, f1;
    nx_ner_score_prf(&s, -1, &p, &r, &f1);
    printf("Extractor (rules + tagger) on %s, PER/ORG/LOC:\n  all  P %.3f  "
           "R %.3f  F1 %.3f\n", strrchr(path, '/') ? strrchr(path, '/') + 1
                                                    : path, p, r, f1);
    static const char *const T[] = {"PER", "ORG", "LOC"};
    for (int t = 0; t < 3; t++) {
        nx_ner_score_prf(&s, t, &p, &r, &f1);
        printf("  %s  P %.3f  R %.3f  F1 %.3f\n", T[t], p, r, f1);
    }
    free(c.text);
    free(c.off);
    free(c.end);
    free(c.gold);
    free(c.pred);
}
