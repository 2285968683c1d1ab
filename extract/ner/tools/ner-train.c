/*
 * ner-train — trains the NER tagger model (extract/ner/README.md):
 *
 *   ner-train --train eng.train --dev eng.testa --out ner.model
 *             [--gazetteers DIR] [--epochs N] [--patience N] [--seed N]
 *             [--hash-bits N]
 *
 * The dev set only picks the epoch; test sets are for ner-eval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ner/nx_ner_train.h"
#include "nx_status.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: ner-train --train FILE [--dev FILE] --out MODEL\n"
               "                 [--gazetteers DIR] [--epochs N] "
               "[--patience N]\n"
               "                 [--seed N] [--hash-bits N] [--quiet]\n");
}

int main(int argc, char **argv)
{
    const char *train_path = NULL, *dev_path = NULL, *out_path = NULL;
    nx_ner_train_options o = NX_NER_TRAIN_OPTIONS_INIT;
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--quiet")) {
            quiet = 1;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!v) {
            usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(a, "--train")) train_path = v;
        else if (!strcmp(a, "--dev")) dev_path = v;
        else if (!strcmp(a, "--out")) out_path = v;
        else if (!strcmp(a, "--gazetteers")) o.gazetteer_dir = v;
        else if (!strcmp(a, "--epochs")) o.max_epochs = (unsigned)atoi(v);
        else if (!strcmp(a, "--patience")) o.patience = (unsigned)atoi(v);
        else if (!strcmp(a, "--seed")) o.seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--hash-bits")) o.hash_bits = (unsigned)atoi(v);
        else {
            usage(stderr);
            return 2;
        }
    }
    if (!train_path || !out_path) {
        usage(stderr);
        return 2;
    }
    o.log = quiet ? NULL : stderr;
    char *err = NULL;
    nx_ner_corpus *train = NULL, *dev = NULL;
    nx_tagger *t = NULL;
    int rc = nx_ner_corpus_load(&train, train_path, &err);
    if (rc == NX_OK && dev_path)
        rc = nx_ner_corpus_load(&dev, dev_path, &err);
    if (rc == NX_OK) {
        if (!quiet)
            fprintf(stderr, "train: %zu documents, %zu sentences, %zu "
                    "tokens\n", nx_ner_corpus_ndocs(train),
                    nx_ner_corpus_nsentences(train),
                    nx_ner_corpus_ntokens(train));
        rc = nx_ner_train(&t, train, dev, &o, &err);
    }
    if (rc == NX_OK)
        rc = nx_tagger_save(t, out_path, &err);
    if (rc == NX_OK && !quiet)
        fprintf(stderr, "wrote %s (%zu bytes)\n", out_path,
                nx_tagger_model_size(t));
    if (rc != NX_OK)
        fprintf(stderr, "ner-train: %s\n", err ? err : nx_strerror(rc));
    free(err);
    nx_tagger_free(t);
    nx_ner_corpus_free(train);
    nx_ner_corpus_free(dev);
    return rc == NX_OK ? 0 : 1;
}
