/*
 * measure.c — how well and how fast extraction works, on data nobody on
 * the project wrote (../shared/data, see its MANIFEST.md).  One section a
 * file:
 *
 *   m_ggt.c      who is quoted (Gender Gap Tracker gold quotes)
 *   m_polnear.c  who is quoted (PolNeAR: dev, the development signal;
 *                test, for measuring)
 *   m_reuters.c  places / people / orgs of Reuters-21578, cost per article
 *   m_n3.c       alias accuracy on N3 Reuters-128 (DBpedia-linked mentions)
 *   m_conll.c    the whole extractor (rules + tagger) on CoNLL-2003 eng.testa
 *                (the development set: the figure the combination rules were
 *                chosen by; the tagger alone is scored by ner-eval)
 *   common.c     what the sections share (reading, timing, P/R/F1 lines)
 *
 *   nx_measure_extraction [SHARED_DATA_DIR]
 *
 * bench/extraction/run calls this and the tagger comparisons.  The GGT and
 * PolNeAR test sets and eng.testb are for measuring, not tuning.
 * Set NEWSDEX_NER_MODEL="" to measure the rules alone; NX_BENCH_ONLY=
 * "polnear-dev n3" runs only the sections named (ggt polnear-dev
 * polnear-test reuters n3 conll), for a quick look while developing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench.h"

static int want(const char *section)
{
    const char *only = getenv("NX_BENCH_ONLY");
    if (!only || !*only)
        return 1;
    size_t n = strlen(section);
    for (const char *p = only; (p = strstr(p, section)); p += n)
        if ((p == only || p[-1] == ' ' || p[-1] == ',') &&
            (p[n] == 0 || p[n] == ' ' || p[n] == ','))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : NX_SOURCE_DIR "/../shared/data";
    const char *src = NX_SOURCE_DIR;
    char path[4096], *err = NULL;
    struct stat st;
    if (stat(dir, &st) != 0) {
        printf("extraction measurements: %s absent, skipped\n", dir);
        return 0;
    }
    nx_aliases *al = nx_aliases_new();
    snprintf(path, sizeof path, "%s/facets/data/aliases.tsv", src);
    if (nx_aliases_add_file(al, path, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    nx_extract_options o = NX_EXTRACT_OPTIONS_INIT;
    o.aliases = al;
    nx_extractor *x;
    double t0 = bench_now();
    if (nx_extractor_new(&x, &o, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    printf("extractor (gazetteers + tagger model) loaded in %.1f ms\n",
           1000 * (bench_now() - t0));
    if (want("ggt"))
        bench_ggt(x, dir);
    if (want("polnear-dev"))
        bench_polnear(x, dir, "dev");
    if (want("polnear-test"))
        bench_polnear(x, dir, "test");
    if (want("reuters")) {
        char *aliases = nx_aliases_serialize(al);
        snprintf(path, sizeof path, "%s/extract/data", src);
        bench_reuters(x, dir, path, aliases);
        free(aliases);
    }
    if (want("n3"))
        bench_n3(x, dir);
    snprintf(path, sizeof path, "%s/conll2003/eng.testa", dir);
    if (want("conll"))
        bench_conll(x, path);
    nx_extractor_free(x);
    nx_aliases_free(al);
    return 0;
}
