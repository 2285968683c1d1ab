/*
 * m_ggt.c — who is quoted, on the Gender Gap Tracker gold quotes (98
 * Canadian news articles, 1,465 quotes annotated by people with the
 * resolved speaker).  For measuring only: never tune on it.
 *
 *  - Speaker sets per article: our `by` entries that are people against the
 *    annotators' resolved speakers (`reference`) that are among the
 *    article's people; names match by key or surname.  Micro P/R/F1 over
 *    all articles, and the mean of the per-article F1 (articles where both
 *    sets are empty are left out).
 *  - Per quote: the gold quotes in quotation marks spoken by a person;
 *    found = one of our quotes (8+ letters) lies inside it; right = that
 *    quote's speaker is the reference.  Accuracy of found, and of all.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static int in_list(const nx_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (bench_same_person(l->v[i], s))
            return 1;
    return 0;
}

/* Lower-cased letters and digits only: for matching quote texts. */
static char *squash(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 1), *p = o;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            *p++ = (char)c;
        else if (c >= 'A' && c <= 'Z')
            *p++ = (char)(c + 32);
    }
    *p = 0;
    return o;
}

void bench_ggt(nx_extractor *x, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ggt-quotes/ggt_gold_quotes.jsonl", dir);
    char *all = bench_slurp(path, NULL);
    if (!all) {
        printf("GGT: %s missing, skipped\n", path);
        return;
    }
    /* [0]: by (confident attributions), [1]: by + by_low (any) */
    prf people[2] = {{0}, {0}};
    long gq = 0, found = 0, right = 0, articles = 0, scored[2] = {0, 0};
    double f1sum[2] = {0, 0};
    for (char *ln = strtok(all, "\n"); ln; ln = strtok(NULL, "\n")) {
        cJSON *r = cJSON_Parse(ln);
        if (!r)
            continue;
        const char *id = cJSON_GetObjectItem(r, "id")->valuestring;
        snprintf(path, sizeof path, "%s/ggt-quotes/rawtext/%s.txt", dir, id);
        char *text = bench_slurp(path, NULL);
        if (!text) {
            cJSON_Delete(r);
            continue;
        }
        articles++;
        nx_entities e;
        nx_entities_init(&e);
        nx_extract(x, "", text, &e);
        nx_strlist mentioned = {0}, gold = {0}, pred = {0};
        cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItem(r, "people"))
            nx_strlist_push(&mentioned, it->valuestring);
        cJSON *qs = cJSON_GetObjectItem(r, "quotations");
        cJSON_ArrayForEach(it, qs) {
            const char *ref = cJSON_GetObjectItem(it, "reference")->valuestring;
            if (ref && in_list(&mentioned, ref) && !in_list(&gold, ref))
                nx_strlist_push(&gold, ref);
        }
        for (int any = 0; any < 2; any++) {
        const nx_strlist *by = any ? &e.by_low : &e.by;
        for (size_t i = 0; i < by->n; i++)
            if (in_list(&e.person, by->v[i]) && !in_list(&pred, by->v[i]))
                nx_strlist_push(&pred, by->v[i]);
        if (pred.n || gold.n) {
            long tp = 0, tpg = 0;
            for (size_t i = 0; i < pred.n; i++)
                tp += in_list(&gold, pred.v[i]);
            for (size_t i = 0; i < gold.n; i++)
                tpg += in_list(&pred, gold.v[i]);
            double P = pred.n ? (double)tp / pred.n : 0;
            double R = gold.n ? (double)tpg / gold.n : 0;
            f1sum[any] += P + R > 0 ? 2 * P * R / (P + R) : 0;
            scored[any]++;
        }
        people[any].pred += (long)pred.n;
        people[any].gold += (long)gold.n;
        for (size_t i = 0; i < pred.n; i++)
            people[any].tp += in_list(&gold, pred.v[i]);
        for (size_t i = 0; i < gold.n; i++)
            people[any].tpg += in_list(&pred, gold.v[i]);
        }   /* pred keeps by when by_low is added to it */
        /* direct quotes: found, and given to the right person */
        cJSON_ArrayForEach(it, qs) {
            const char *q = cJSON_GetObjectItem(it, "quote")->valuestring;
            const char *ref = cJSON_GetObjectItem(it, "reference")->valuestring;
            if (!q || !ref || !strpbrk(q, "\"") || !in_list(&mentioned, ref))
                continue;
            gq++;
            char *gk = squash(q);
            int f = 0, ok = 0;
            for (size_t i = 0; i < e.nquotes && !ok; i++) {
                char *ok_ = squash(e.quotes[i].text);
                if (strlen(ok_) >= 8 && strstr(gk, ok_)) {
                    f = 1;
                    ok = e.quotes[i].speaker &&
                         bench_same_person(e.quotes[i].speaker, ref);
                }
                free(ok_);
            }
            found += f;
            right += ok;
            free(gk);
        }
        nx_strlist_clear(&mentioned);
        nx_strlist_clear(&gold);
        nx_strlist_clear(&pred);
        nx_entities_clear(&e);
        free(text);
        cJSON_Delete(r);
    }
    free(all);
    printf("GGT: %ld articles\n", articles);
    bench_report("  people quoted (by: vs reference)", &people[0]);
    printf("  speaker-set F1 per article (mean over %ld)   %.3f\n", scored[0],
           scored[0] ? f1sum[0] / scored[0] : 0);
    bench_report("  any confidence (by + by~)", &people[1]);
    printf("  speaker-set F1 per article, any confidence   %.3f\n",
           scored[1] ? f1sum[1] / scored[1] : 0);
    printf("  direct quotes (people): %ld gold, %ld found (%.3f), "
           "%ld to the right speaker\n", gq, found,
           gq ? (double)found / gq : 0, right);
    printf("  per-quote speaker accuracy: %.3f of found, %.3f of all\n",
           found ? (double)right / found : 0, gq ? (double)right / gq : 0);
}

