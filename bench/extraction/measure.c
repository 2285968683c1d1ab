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
#include <time.h>

#include "bench.h"

char *bench_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap + 1);
    for (size_t got; s && (got = fread(s + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            cap *= 2;
            char *ns = realloc(s, cap + 1);
            if (!ns)
                free(s);
            s = ns;
        }
    }
    fclose(f);
    if (s)
        s[n] = 0;
    if (len)
        *len = n;
    return s;
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

void bench_report(const char *what, const prf *p)
{
    double P = p->pred ? (double)p->tp / p->pred : 0;
    double R = p->gold ? (double)p->tpg / p->gold : 0;
    printf("%-34s P %.3f  R %.3f  F1 %.3f   (pred %ld, gold %ld)\n", what, P,
           R, P + R > 0 ? 2 * P * R / (P + R) : 0, p->pred, p->gold);
}

const char *bench_last_word(const char *k)
{
    const char *s = strrchr(k, ' ');
    return s ? s + 1 : k;
}

int bench_same_person(const char *a, const char *b)
{
    char *ka = nx_name_key(a), *kb = nx_name_key(b);
    int same = strcmp(ka, kb) == 0 ||
               (*ka && *kb &&
                strcmp(bench_last_word(ka), bench_last_word(kb)) == 0);
    free(ka);
    free(kb);
    return same;
}

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
