/*
 * m_reuters.c — Reuters-21578 (21,578 newswire stories of 1987 with
 * human-assigned places, people and orgs tags).  The tags are withheld:
 * extraction alone reads title, dateline and body.
 *
 *  - places: our places mapped to the corpus's country tags (cities and
 *    subdivisions to their country through the gazetteers); per-article
 *    sets, micro-averaged, and the recall of the human place tags;
 *  - people against `people` (surname), orgs against `orgs` (name or an
 *    alias written like the tag);
 *  - the cost of extraction per article (one core).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "x_internal.h"
#include "nx_strmap.h"

#define last_word bench_last_word
#define slurp bench_slurp
#define now bench_now
#define report bench_report

/* Our country names that the corpus (1987) tags differently. */
static const char *const TAGS[][2] = {
    {"united states", "usa"}, {"united kingdom", "uk"},
    {"germany", "west-germany"}, {"russia", "ussr"},
    {"soviet union", "ussr"}, {"united arab emirates", "uae"},
    {"myanmar", "burma"}, {"cambodia", "kampuchea"},
    {"dr congo", "zaire"}, {"czech republic", "czechoslovakia"},
    {"czechia", "czechoslovakia"}, {"trinidad and tobago", "trinidad-tobago"},
    {"cote divoire", "ivory-coast"}, {"vatican city", "vatican"},
    {"macau", "macao"}, {"samoa", "western-samoa"},
    {"yemen", "yemen-arab-republic"}, {"serbia", "yugoslavia"},
    {"eswatini", "swaziland"}, {"ukraine", "ussr"}, {"belarus", "ussr"},
    {"kazakhstan", "ussr"}, {NULL, NULL}};

typedef struct geo {
    nx_strmap *country;   /* key(any country name) → index in names */
    nx_strmap *iso;       /* iso2 → index in names (canonical) */
    nx_strmap *where;     /* key(city or subdivision) → index in names */
    char **names;         /* canonical country names */
    size_t n;
    nx_strmap *orgvar;    /* org tag-like string → index in orgcanon */
} geo;

static int add_name(geo *g, const char *s)
{
    g->names = realloc(g->names, (g->n + 1) * sizeof *g->names);
    g->names[g->n] = strdup(s);
    return (int)g->n++;
}

static void load_geo(geo *g, const char *datadir)
{
    char path[8192];
    memset(g, 0, sizeof *g);
    g->country = nx_strmap_new();
    g->iso = nx_strmap_new();
    g->where = nx_strmap_new();
    snprintf(path, sizeof path, "%s/countries.tsv", datadir);
    char *s = slurp(path, NULL);
    for (char *ln = s ? strtok(s, "\n") : NULL; ln; ln = strtok(NULL, "\n")) {
        char *t1 = strchr(ln, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (*ln == '#' || !t2)
            continue;
        *t1 = *t2 = 0;
        long idx;
        if (!nx_strmap_get(g->iso, t2 + 1, strlen(t2 + 1), &idx)) {
            idx = add_name(g, t1 + 1);
            nx_strmap_put(g->iso, t2 + 1, strlen(t2 + 1), idx);
        }
        char *k = nx_name_key(ln);
        nx_strmap_put(g->country, k, strlen(k), idx);
        free(k);
        k = nx_name_key(t1 + 1);
        nx_strmap_put(g->country, k, strlen(k), idx);
        free(k);
    }
    free(s);
    const char *files[] = {"subdivisions.tsv", "cities.tsv"};
    for (int f = 0; f < 2; f++) {
        snprintf(path, sizeof path, "%s/%s", datadir, files[f]);
        s = slurp(path, NULL);
        nx_strmap *best = nx_strmap_new();
        for (char *ln = s ? strtok(s, "\n") : NULL; ln;
             ln = strtok(NULL, "\n")) {
            char *t1 = strchr(ln, '\t');
            if (*ln == '#' || !t1)
                continue;
            *t1 = 0;
            char *iso = t1 + 1, *t2 = strchr(iso, '\t');
            if (t2)
                *t2 = 0;
            long pop = t2 && f == 1 ? strtol(t2 + 1, NULL, 10) : 0, idx, old;
            if (!nx_strmap_get(g->iso, iso, strlen(iso), &idx))
                continue;
            char *k = nx_name_key(ln);
            if (!nx_strmap_get(best, k, strlen(k), &old) || pop > old) {
                if (f == 0 || !nx_strmap_get(g->where, k, strlen(k), &old) ||
                    pop > 0)
                    nx_strmap_put(g->where, k, strlen(k), idx);
                nx_strmap_put(best, k, strlen(k), pop);
            }
            free(k);
        }
        nx_strmap_free(best);
        free(s);
    }
}

static void free_geo(geo *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->names[i]);
    free(g->names);
    nx_strmap_free(g->country);
    nx_strmap_free(g->iso);
    nx_strmap_free(g->where);
}

/* The Reuters tag of the country a place is in, into buf; 0 if none. */
static int place_tag(const geo *g, const char *place, char *buf, size_t cap)
{
    char *k = nx_name_key(place);
    long idx;
    int ok = nx_strmap_get(g->country, k, strlen(k), &idx) ||
             nx_strmap_get(g->where, k, strlen(k), &idx);
    free(k);
    if (!ok)
        return 0;
    char *ck = nx_name_key(g->names[idx]);
    for (int i = 0; TAGS[i][0]; i++)
        if (strcmp(ck, TAGS[i][0]) == 0) {
            snprintf(buf, cap, "%s", TAGS[i][1]);
            free(ck);
            return 1;
        }
    for (char *p = ck; *p; p++)
        if (*p == ' ')
            *p = '-';
    snprintf(buf, cap, "%s", ck);
    free(ck);
    return 1;
}

/* An org tag ("imf", "worldbank") matches our org name or its aliases. */
static int org_matches(const char *tag, const char *org, const char *aliases)
{
    char t[128], o[256];
    size_t n = 0;
    for (const char *p = tag; *p && n < sizeof t - 1; p++)
        if (*p != '-')
            t[n++] = *p;
    t[n] = 0;
    char *ok = nx_name_key(org);
    n = 0;
    for (const char *p = ok; *p && n < sizeof o - 1; p++)
        if (*p != ' ')
            o[n++] = *p;
    o[n] = 0;
    int hit = strcmp(o, t) == 0;
    /* variants whose canonical is this org: "IMF<TAB>International..." */
    for (const char *ln = aliases; !hit && ln && *ln;) {
        const char *nl = strchr(ln, '\n'), *tab = strchr(ln, '\t');
        if (tab && (!nl || tab < nl)) {
            char can[256], var[256];
            size_t cl = (size_t)((nl ? nl : ln + strlen(ln)) - tab - 1);
            size_t vl = (size_t)(tab - ln);
            if (cl < sizeof can && vl < sizeof var) {
                memcpy(can, tab + 1, cl);
                can[cl] = 0;
                memcpy(var, ln, vl);
                var[vl] = 0;
                char *ck = nx_name_key(can);
                if (strcmp(ck, ok) == 0) {
                    char *vk = nx_name_key(var);
                    size_t m = 0;
                    for (char *p = vk; *p; p++)
                        if (*p != ' ')
                            vk[m++] = *p;
                    vk[m] = 0;
                    hit = strcmp(vk, t) == 0;
                    free(vk);
                }
                free(ck);
            }
        }
        ln = nl ? nl + 1 : NULL;
    }
    free(ok);
    return hit;
}

static int tag_in(cJSON *arr, const char *tag)
{
    cJSON *it;
    cJSON_ArrayForEach(it, arr)
        if (strcmp(it->valuestring, tag) == 0)
            return 1;
    return 0;
}

void bench_reuters(nx_extractor *x, const char *dir, const char *datadir,
                   const char *aliases)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/reuters21578/reuters21578.jsonl", dir);
    char *all = slurp(path, NULL);
    if (!all) {
        printf("Reuters: %s missing, skipped\n", path);
        return;
    }
    geo g;
    load_geo(&g, datadir);
    prf places = {0}, people = {0}, orgs = {0};
    long n = 0, bytes = 0;
    double spent = 0;
    for (char *ln = strtok(all, "\n"); ln; ln = strtok(NULL, "\n")) {
        cJSON *r = cJSON_Parse(ln);
        if (!r)
            continue;
        cJSON *t = cJSON_GetObjectItem(r, "title");
        cJSON *b = cJSON_GetObjectItem(r, "body");
        const char *title = cJSON_IsString(t) ? t->valuestring : "";
        const char *body = cJSON_IsString(b) ? b->valuestring : "";
        cJSON *dl = cJSON_GetObjectItem(r, "dateline");
        const char *dateline = cJSON_IsString(dl) ? dl->valuestring : NULL;
        nx_entities e;
        nx_entities_init(&e);
        double t0 = now();
        x_extract_spans(x, title, dateline, body, &e, NULL, NULL);
        spent += now() - t0;
        n++;
        bytes += (long)(strlen(title) + strlen(body));
        /* places: the set of country tags */
        cJSON *gp = cJSON_GetObjectItem(r, "places");
        nx_strlist tags = {0};
        char tag[128];
        for (size_t i = 0; i < e.place.n; i++)
            if (place_tag(&g, e.place.v[i], tag, sizeof tag)) {
                int dup = 0;
                for (size_t j = 0; j < tags.n; j++)
                    dup |= strcmp(tags.v[j], tag) == 0;
                if (!dup)
                    nx_strlist_push(&tags, tag);
            }
        places.pred += (long)tags.n;
        places.gold += cJSON_GetArraySize(gp);
        for (size_t i = 0; i < tags.n; i++)
            places.tp += tag_in(gp, tags.v[i]);
        cJSON *it;
        cJSON_ArrayForEach(it, gp)
            for (size_t i = 0; i < tags.n; i++)
                if (strcmp(tags.v[i], it->valuestring) == 0) {
                    places.tpg++;
                    break;
                }
        nx_strlist_clear(&tags);
        /* people: tags are "volcker", "james-baker" */
        cJSON *pp = cJSON_GetObjectItem(r, "people");
        people.pred += (long)e.person.n;
        people.gold += cJSON_GetArraySize(pp);
        for (size_t i = 0; i < e.person.n; i++) {
            char *k = nx_name_key(e.person.v[i]);
            int hit = 0;
            cJSON_ArrayForEach(it, pp) {
                const char *s = strrchr(it->valuestring, '-');
                s = s ? s + 1 : it->valuestring;
                hit |= strcmp(s, last_word(k)) == 0;
            }
            people.tp += hit;
            free(k);
        }
        cJSON_ArrayForEach(it, pp) {
            const char *s = strrchr(it->valuestring, '-');
            s = s ? s + 1 : it->valuestring;
            for (size_t i = 0; i < e.person.n; i++) {
                char *k = nx_name_key(e.person.v[i]);
                int hit = strcmp(s, last_word(k)) == 0;
                free(k);
                if (hit) {
                    people.tpg++;
                    break;
                }
            }
        }
        /* orgs */
        cJSON *op = cJSON_GetObjectItem(r, "orgs");
        orgs.pred += (long)e.org.n;
        orgs.gold += cJSON_GetArraySize(op);
        for (size_t i = 0; i < e.org.n; i++) {
            int hit = 0;
            cJSON_ArrayForEach(it, op)
                hit |= org_matches(it->valuestring, e.org.v[i], aliases);
            orgs.tp += hit;
        }
        cJSON_ArrayForEach(it, op)
            for (size_t i = 0; i < e.org.n; i++)
                if (org_matches(it->valuestring, e.org.v[i], aliases)) {
                    orgs.tpg++;
                    break;
                }
        nx_entities_clear(&e);
        cJSON_Delete(r);
    }
    free(all);
    free_geo(&g);
    printf("Reuters-21578: %ld articles, %.0f bytes on average\n", n,
           n ? (double)bytes / n : 0);
    report("  places (as country tags)", &places);
    printf("  recall of the human place tags: %.3f\n",
           places.gold ? (double)places.tpg / places.gold : 0);
    report("  people (surname)", &people);
    report("  orgs (name or alias = tag)", &orgs);
    printf("  cost: %.1f s, %.0f articles/s, %.3f ms/article, "
           "%.3f ms per 3 KB\n", spent, n / spent, 1000 * spent / n,
           1000 * spent / ((double)bytes / 3072));
}

