/*
 * ner-eval — scores NER output the way conlleval does.
 *
 *   ner-eval --model MODEL FILE...   tag each CoNLL file (gold tags in the
 *                                    last column) and score; also reports
 *                                    tagging speed on one core
 *   ner-eval --model MODEL --conll FILE
 *                                    write FILE back with a predicted-tag
 *                                    column (nx_tagger_conll)
 *   ner-eval FILE                    score a file whose last two columns
 *                                    are gold and predicted tags (IOB1 or
 *                                    IOB2), e.g. `newsdex tag --conll` output
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ner/nx_ner_train.h"
#include "nx_buf.h"
#include "nx_status.h"

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Scores "... GOLD PRED" lines. */
static int score_columns(const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        perror(path);
        return 1;
    }
    nx_ner_score s;
    memset(&s, 0, sizeof s);
    static char line[NX_TAGGER_MAX_LINE + 2];
    int *gold = NULL, *pred = NULL;
    size_t n = 0, cap = 0, gcap = 0, lineno = 0;
    int eof = 0, bad = 0;
    while (!eof) {
        eof = !fgets(line, sizeof line, f);
        lineno++;
        char *cols[64];
        int nc = 0;
        if (!eof)
            for (char *p = strtok(line, " \t\r\n"); p && nc < 64;
                 p = strtok(NULL, " \t\r\n"))
                cols[nc++] = p;
        if (eof || nc == 0 || !strcmp(cols[0], "-DOCSTART-")) {
            nx_ner_score_add(&s, gold, pred, n);
            n = 0;
            continue;
        }
        if (nc < 3) {
            fprintf(stderr, "%s:%zu: want TOKEN ... GOLD PRED\n", path,
                    lineno);
            bad = 1;
            break;
        }
        size_t max = NX_TAGGER_MAX_SENT_TOKENS * 4;
        int rc = nx_grow(&gold, &gcap, n + 1, sizeof *gold, max);
        if (rc == NX_OK)
            rc = nx_grow(&pred, &cap, n + 1, sizeof *pred, max);
        if (rc == NX_ETOOBIG) {
            fprintf(stderr, "%s:%zu: sentence too long\n", path, lineno);
            bad = 1;
            break;
        }
        if (rc != NX_OK)
            abort();
        int g = nx_ner_tag_parse(cols[nc - 2], strlen(cols[nc - 2]),
                                 n ? gold[n - 1] : NX_TAG_O);
        int p = nx_ner_tag_parse(cols[nc - 1], strlen(cols[nc - 1]),
                                 n ? pred[n - 1] : NX_TAG_O);
        if (g < 0 || p < 0) {
            fprintf(stderr, "%s:%zu: unknown tag\n", path, lineno);
            bad = 1;
            break;
        }
        gold[n] = g;
        pred[n++] = p;
    }
    if (f != stdin)
        fclose(f);
    free(gold);
    free(pred);
    if (bad)
        return 1;
    nx_ner_score_print(&s, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--model"))
        return score_columns(argv[1]);
    if (argc < 4 || strcmp(argv[1], "--model")) {
        fprintf(stderr, "usage: ner-eval --model MODEL FILE...\n"
                        "       ner-eval --model MODEL --conll FILE\n"
                        "       ner-eval FILE   (last columns GOLD PRED)\n");
        return 2;
    }
    char *err = NULL;
    nx_tagger *t = NULL;
    double t0 = seconds();
    int rc = nx_tagger_load(&t, argv[2], &err);
    if (rc) {
        fprintf(stderr, "ner-eval: %s\n", err ? err : nx_strerror(rc));
        free(err);
        return 1;
    }
    if (argc == 5 && !strcmp(argv[3], "--conll")) {
        FILE *in = strcmp(argv[4], "-") ? fopen(argv[4], "r") : stdin;
        if (!in) {
            perror(argv[4]);
            rc = NX_EIO;
        } else {
            rc = nx_tagger_conll(t, in, stdout, &err);
            if (rc)
                fprintf(stderr, "ner-eval: %s: %s\n", argv[4],
                        err ? err : nx_strerror(rc));
            if (in != stdin)
                fclose(in);
        }
        free(err);
        nx_tagger_free(t);
        return rc == NX_OK ? 0 : 1;
    }
    printf("model %s: %zu bytes, loaded in %.3fs\n", argv[2],
           nx_tagger_model_size(t), seconds() - t0);
    for (int i = 3; i < argc && rc == NX_OK; i++) {
        nx_ner_corpus *c = NULL;
        if ((rc = nx_ner_corpus_load(&c, argv[i], &err))) {
            fprintf(stderr, "ner-eval: %s\n", err ? err : nx_strerror(rc));
            break;
        }
        nx_ner_score s;
        memset(&s, 0, sizeof s);
        /* Best of three timed runs: the speed of the tagger, not of a
         * machine busy with something else for a moment. */
        double best = 1e30;
        for (int run = 0; run < 3 && rc == NX_OK; run++) {
            nx_ner_score tmp;
            memset(&tmp, 0, sizeof tmp);
            double a = seconds();
            rc = nx_ner_evaluate(&tmp, t, c);
            double el = seconds() - a;
            if (el < best)
                best = el;
            s = tmp;
        }
        if (rc == NX_OK) {
            printf("== %s: %zu tokens, %.0f tokens/s (one thread)\n",
                   argv[i], nx_ner_corpus_ntokens(c),
                   (double)nx_ner_corpus_ntokens(c) / best);
            nx_ner_score_print(&s, stdout);
        }
        nx_ner_corpus_free(c);
    }
    free(err);
    nx_tagger_free(t);
    return rc == NX_OK ? 0 : 1;
}
