/*
 * common.c — what the sections of the extraction measurement share
 * (bench.h): reading a file, the clock, precision/recall lines, person
 * matching.  measure.c only dispatches to the sections; they call these.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
