/*
 * cmd_tag.c — `newsdex tag --conll FILE`: the entity tagger on CoNLL
 * columns, the standard interface for scoring any tagger.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ner/nx_tagger.h"
#include "nx_extract.h"
#include "nx_xapian.h"

static void help(FILE *f)
{
    fprintf(f,
"usage: newsdex tag --conll FILE [--model PATH]\n"
"\n"
"Reads CoNLL column text (one token a line, the token first; a blank line\n"
"between sentences, -DOCSTART- between documents; FILE may be -) and prints\n"
"every line back with one more column: the predicted tag in IOB2 (B-PER,\n"
"I-ORG, B-LOC, B-MISC, O).  The model is --model, else $NEWSDEX_NER_MODEL,\n"
"else the installed one (share/newsdex/ner.model; in the build tree,\n"
"extract/ner/model/ner.model).\n");
}

const char *cli_ner_model(const char *opt, char *buf, size_t n)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("NEWSDEX_NER_MODEL");
    if (env && *env)
        return env;
    return nx_extract_model_path(buf, n) == NX_OK ? buf : NULL;
}

int cmd_tag(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"conll", required_argument, 0, 'c'},
        {"model", required_argument, 0, 'm'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *file = NULL, *model = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': file = optarg; break;
        case 'm': model = optarg; break;
        case 'h': help(stdout); return EXIT_DONE;
        default: help(stderr); return EXIT_USAGE;
        }
    }
    if (!file || optind != argc) {
        cli_error("tag", "give --conll FILE (and nothing else)");
        return EXIT_USAGE;
    }
    FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    if (!in) {
        cli_error("tag", "%s: cannot open", file);
        return EXIT_IO;
    }
    nx_tagger *t = NULL;
    char *err = NULL;
    char def[4096];
    const char *path = cli_ner_model(model, def, sizeof def);
    int rc = path ? nx_tagger_load(&t, path, &err) : NX_ETOOBIG;
    if (rc == NX_OK)
        rc = nx_tagger_conll(t, in, stdout, &err);
    if (rc != NX_OK)
        cli_error("tag", "%s", err ? err : nx_strerror(rc));
    free(err);
    nx_tagger_free(t);
    if (in != stdin)
        fclose(in);
    return rc == NX_OK ? EXIT_DONE : rc == NX_EPARSE || rc == NX_ETOOBIG
                                         ? EXIT_USAGE : EXIT_IO;
}
