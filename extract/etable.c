/*
 * etable.c — the archive's entity table (nx_etable.h): counting and the
 * decisions.  What a name's words say is etable_words.c's, applying the
 * table to an article etable_apply.c's, serialisation and overrides
 * etable_io.c's; the shared state is etable_internal.h.
 *
 * Counting keeps, per name key (nx_name_key of the display name), the
 * number of articles that give it each type and that quote it, the first
 * and last date, and per (surname, year) the articles of each full name
 * with that surname.  nx_etable_finish turns that into rules keyed by
 * (type, key): drop, retype, rename; and surname maps keyed by (surname
 * key, year).
 */
#include "etable_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_names.h"
#include "x_internal.h"

/* A name is kept only when more than this share of its typed articles
 * agree; and at least MIN_VOTES of them. */
#define MAJORITY 0.66
#define MIN_VOTES 3
/* A surname maps to the full name with at least this share of the
 * articles naming someone of that surname in the year (±1), and at least
 * SUR_MIN_ARTICLES of them. */
#define SUR_SHARE 0.75
#define SUR_MIN_ARTICLES 2

/* ------------------------------------------------------------ helpers */

int et_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return NX_OK;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return NX_ENOMEM;
    *p = q;
    *cap = n;
    return NX_OK;
}

/* "a\x1fb" keys for the maps; buf of n bytes; 0 when it does not fit. */
size_t et_key2(char *buf, size_t n, const char *a, const char *b)
{
    int k = snprintf(buf, n, "%s\x1f%s", a, b);
    return k > 0 && (size_t)k < n ? (size_t)k : 0;
}

long et_find(const nx_strmap *m, const char *k, size_t kl)
{
    long v;
    return kl && nx_strmap_get(m, k, kl, &v) ? v : -1;
}

int et_year_of(const char *date)
{
    if (!date || strlen(date) < 4)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (date[i] < '0' || date[i] > '9')
            return 0;
        y = y * 10 + (date[i] - '0');
    }
    return y;
}

int et_words(const char *key)
{
    int n = *key != '\0';
    for (const char *p = key; *p; p++)
        n += *p == ' ';
    return n;
}

/* The entity of a key, created when absent; -1 on out-of-memory. */
long et_ent_of(nx_etable *t, const char *key)
{
    long i = et_find(t->bykey, key, strlen(key));
    if (i >= 0)
        return i;
    if (et_grow((void **)&t->ents, &t->capents, t->nents + 1,
                sizeof *t->ents) != NX_OK)
        return -1;
    et_ent *e = &t->ents[t->nents];
    memset(e, 0, sizeof *e);
    e->into = -1;
    if (!(e->key = strdup(key)) ||
        nx_strmap_put(t->bykey, key, strlen(key), (long)t->nents) != 0) {
        free(e->key);
        return -1;
    }
    return (long)t->nents++;
}

/* ----------------------------------------------------------- counting */

static int count_one(nx_etable *t, int type, const char *name,
                     const char *date, int year, nx_strmap *seen)
{
    char *key = nx_name_key(name);
    if (!key)
        return NX_ENOMEM;
    char sk[NX_NAME_KEY_MAX + 8];
    snprintf(sk, sizeof sk, "%d\x1f%s", type, key);
    long dummy;
    if (!*key || nx_strmap_get(seen, sk, strlen(sk), &dummy)) {
        free(key);
        return NX_OK;
    }
    long i = nx_strmap_put(seen, sk, strlen(sk), 1) == 0 ? et_ent_of(t, key)
                                                          : -1;
    if (i < 0) {
        free(key);
        return NX_ENOMEM;
    }
    et_ent *e = &t->ents[i];
    e->n[type]++;
    if (type < ET_BY && !e->disp[type] &&
        !(e->disp[type] = strdup(name))) {
        free(key);
        return NX_ENOMEM;
    }
    if (date && strlen(date) >= 10) {
        if (!*e->first || strncmp(date, e->first, 10) < 0)
            memcpy(e->first, date, 10);
        if (strncmp(date, e->last, 10) > 0)
            memcpy(e->last, date, 10);
    }
    int rc = NX_OK;
    char *sur = type == NX_ET_PERSON ? nx_name_surname_key(name) : NULL;
    if (sur) {
        char yk[NX_NAME_KEY_MAX * 2 + 32];
        char num[40];
        snprintf(num, sizeof num, "%d\x1f%ld", year, i);
        size_t kl = et_key2(yk, sizeof yk, sur, num);
        long s = et_find(t->sykey, yk, kl);
        if (s < 0 && kl) {
            rc = et_grow((void **)&t->sy, &t->capsy, t->nsy + 1,
                         sizeof *t->sy);
            if (rc == NX_OK) {
                et_sy *r = &t->sy[t->nsy];
                r->sur = sur;
                sur = NULL;
                r->year = year;
                r->ent = (size_t)i;
                r->count = 0;
                if (nx_strmap_put(t->sykey, yk, kl, (long)t->nsy) != 0)
                    rc = NX_ENOMEM;
                s = (long)t->nsy++;
            }
        }
        if (rc == NX_OK && s >= 0)
            t->sy[s].count++;
        free(sur);
    }
    free(key);
    return rc;
}

/* An article's words call the name a club, a work or a competition
 * (kind.c; the lists hold a name once). */
static int count_cue(nx_etable *t, int cue, const char *name)
{
    char *key = nx_name_key(name);
    if (!key)
        return NX_ENOMEM;
    long i = *key ? et_ent_of(t, key) : -2;
    free(key);
    if (i == -2)
        return NX_OK;
    if (i < 0)
        return NX_ENOMEM;
    t->ents[i].cue[cue]++;
    return NX_OK;
}

int nx_etable_add(nx_etable *t, const nx_entities *e, const char *date)
{
    if (t->finished)
        return NX_EINVAL;
    nx_strmap *seen = nx_strmap_new();
    if (!seen)
        return NX_ENOMEM;
    int year = et_year_of(date), rc = NX_OK;
    const nx_strlist *lists[3] = {&e->person, &e->org, &e->place};
    for (int ty = 0; ty < 3 && rc == NX_OK; ty++)
        for (size_t i = 0; i < lists[ty]->n && rc == NX_OK; i++)
            rc = count_one(t, ty, lists[ty]->v[i], date, year, seen);
    for (size_t i = 0; i < e->by.n && rc == NX_OK; i++)
        rc = count_one(t, ET_BY, e->by.v[i], date, year, seen);
    const nx_strlist *cued[ET_NCUES] = {&e->cued_club, &e->cued_work,
                                        &e->cued_event};
    for (int c = 0; c < ET_NCUES && rc == NX_OK; c++)
        for (size_t i = 0; i < cued[c]->n && rc == NX_OK; i++)
            rc = count_cue(t, c, cued[c]->v[i]);
    nx_strmap_free(seen);
    t->articles++;
    return rc;
}

/* ---------------------------------------------------------- decisions */


int et_add_rule(nx_etable *t, int type, const char *key, int newtype,
                    const char *newname, const char *why, int override)
{
    char k[NX_NAME_KEY_MAX + 8];
    snprintf(k, sizeof k, "%d\x1f%s", type, key);
    long i = et_find(t->rules, k, strlen(k));
    if (i >= 0 && t->rv[i].override && !override)
        return NX_OK;
    if (i < 0) {
        if (et_grow((void **)&t->rv, &t->caprv, t->nrv + 1, sizeof *t->rv))
            return NX_ENOMEM;
        i = (long)t->nrv++;
        memset(&t->rv[i], 0, sizeof t->rv[i]);
        if (nx_strmap_put(t->rules, k, strlen(k), i) != 0 ||
            !(t->rv[i].key = strdup(key)))
            return NX_ENOMEM;
        t->rv[i].type = type;
    }
    et_rule *r = &t->rv[i];
    free(r->name);
    r->name = newname ? strdup(newname) : NULL;
    r->newtype = newtype;
    free(r->why);
    r->why = strdup(why ? why : "");
    r->override = override;
    return (newname && !r->name) || !r->why ? NX_ENOMEM : NX_OK;
}

const et_rule *et_rule_for(const nx_etable *t, int type, const char *key)
{
    char k[NX_NAME_KEY_MAX + 8];
    snprintf(k, sizeof k, "%d\x1f%s", type, key);
    long i = et_find(t->rules, k, strlen(k));
    return i >= 0 ? &t->rv[i] : NULL;
}

/* The short forms an organisation's long name stands for (the
 * SHORT_ kinds of etable_internal.h): without a
 * leading nationality or country ("US Treasury" → "treasury"), without a
 * head word ("Salomon Brothers" → "salomon"), singular ("Liberal
 * Democrats" → "liberal democrat"), after "of" ("House of Commons" →
 * "commons").  Each counts the long form's articles under the short key
 * in t->shortv (the best long form) and t->shortn (all of them). */
static int add_short(nx_etable *t, const char *s, size_t n, size_t ent,
                     int kind)
{
    char k[NX_NAME_KEY_MAX + 1];
    if (n == 0 || n >= sizeof k)
        return NX_OK;
    memcpy(k, s, n);
    k[n] = '\0';
    long i = et_find(t->shortk, k, n);
    uint32_t c = t->ents[ent].n[NX_ET_ORG];
    if (i < 0) {
        if (et_grow((void **)&t->shorts, &t->capshorts, t->nshorts + 1,
                    sizeof *t->shorts))
            return NX_ENOMEM;
        i = (long)t->nshorts++;
        t->shorts[i].best = ent;
        t->shorts[i].all = 0;
        t->shorts[i].kind = kind;
        if (nx_strmap_put(t->shortk, k, n, i) != 0)
            return NX_ENOMEM;
    }
    et_short *sh = &t->shorts[i];
    if (c > t->ents[sh->best].n[NX_ET_ORG] || sh->best == ent) {
        sh->best = ent;
        sh->kind = kind;
    }
    sh->all += c;
    return NX_OK;
}

/* The country a first word names ("us", "japanese", "british"): the
 * gazetteer's name for it, or NULL. */
static const char *country_of(const nx_etable *t, const char *w, size_t n)
{
    if (!t->x)
        return NULL;
    const x_gent *g = x_gaz_get(&t->x->gaz, w, n);
    if (g && (g->flags & XG_COUNTRY) && g->place_canon >= 0)
        return t->x->gaz.strs[g->place_canon];
    if (g && (g->flags & XG_NAT) && g->nat_country >= 0)
        return t->x->gaz.strs[g->nat_country];
    return NULL;
}

int et_put_club(nx_etable *t, const char *key)
{
    long dummy;
    if (nx_strmap_get(t->clubk, key, strlen(key), &dummy))
        return NX_OK;
    if (et_grow((void **)&t->clubs, &t->capclubs, t->nclubs + 1,
                sizeof *t->clubs))
        return NX_ENOMEM;
    if (!(t->clubs[t->nclubs] = strdup(key)))
        return NX_ENOMEM;
    if (nx_strmap_put(t->clubk, key, strlen(key), (long)t->nclubs) != 0) {
        free(t->clubs[t->nclubs]);
        return NX_ENOMEM;
    }
    t->nclubs++;
    return NX_OK;
}

int et_put_ctry(nx_etable *t, const char *shortkey, const char *country,
                size_t ent)
{
    char k[2 * NX_NAME_KEY_MAX + 8];
    size_t kl = et_key2(k, sizeof k, shortkey, country);
    if (!kl || ent >= t->nents)
        return NX_OK;
    long i = et_find(t->ctryk, k, kl);
    if (i >= 0) {   /* two long forms in one country: the more written */
        if (t->ents[ent].n[NX_ET_ORG] > t->ents[t->ctry[i].ent].n[NX_ET_ORG])
            t->ctry[i].ent = ent;
        return NX_OK;
    }
    if (et_grow((void **)&t->ctry, &t->capctry, t->nctry + 1,
                sizeof *t->ctry))
        return NX_ENOMEM;
    et_ctry *c = &t->ctry[t->nctry];
    c->shortkey = strdup(shortkey);
    c->country = strdup(country);
    c->ent = ent;
    if (!c->shortkey || !c->country || nx_strmap_put(t->ctryk, k, kl,
                                                     (long)t->nctry) ||
        nx_strmap_put(t->shorthas, shortkey, strlen(shortkey), 1)) {
        free(c->shortkey);
        free(c->country);
        return NX_ENOMEM;
    }
    t->nctry++;
    return NX_OK;
}

static int org_shorts(nx_etable *t, size_t ent)
{
    const char *key = t->ents[ent].key;
    size_t len = strlen(key);
    const char *sp = strchr(key, ' ');
    if (!sp)
        return NX_OK;
    int rc = NX_OK;
    size_t fl = (size_t)(sp - key);
    const char *country = country_of(t, key, fl);
    if (country) {
        rc = add_short(t, sp + 1, len - fl - 1, ent, SHORT_COUNTRY);
        size_t hn;
        const char *head = et_last_word(key, &hn);
        if (rc == NX_OK && t->ents[ent].n[NX_ET_ORG] >= 2 &&
            et_institution_head(head, hn)) {
            char *sk = strndup(sp + 1, len - fl - 1);
            rc = sk ? et_put_ctry(t, sk, country, ent) : NX_ENOMEM;
            free(sk);
        }
    }
    size_t n;
    const char *w = et_last_word(key, &n);
    if (rc == NX_OK && et_org_head(w, n))
        rc = add_short(t, key, (size_t)(w - key) - 1, ent, SHORT_HEAD);
    if (rc == NX_OK && n > 3 && w[n - 1] == 's')
        rc = add_short(t, key, len - 1, ent, SHORT_PLURAL);
    const char *of = strstr(key, " of ");
    if (rc == NX_OK && of && !strchr(of + 4, ' '))
        rc = add_short(t, of + 4, strlen(of + 4), ent, SHORT_OF);
    return rc;
}

/* Person keys that extend into organisations: "merrill lynch" for
 * "merrill lynch capital markets", "moody" for "moodys investors
 * service" (the key drops the apostrophe). */
static int org_prefixes(nx_etable *t, size_t ent)
{
    const char *key = t->ents[ent].key;
    uint32_t c = t->ents[ent].n[NX_ET_ORG];
    for (const char *sp = strchr(key, ' '); sp; sp = strchr(sp + 1, ' ')) {
        size_t n = (size_t)(sp - key);
        for (int poss = 0; poss < 2; poss++) {
            size_t m = n - (size_t)poss;
            if (poss && (n < 2 || key[n - 1] != 's'))
                continue;
            long v = et_find(t->ext, key, m);
            if (nx_strmap_put(t->ext, key, m, (v > 0 ? v : 0) + (long)c))
                return NX_ENOMEM;
        }
    }
    return NX_OK;
}

/* Given names that start a full name in the archive: "david" for "David
 * Beckham". */
static int first_words(nx_etable *t, size_t ent)
{
    const char *key = t->ents[ent].key;
    const char *sp = strchr(key, ' ');
    if (!sp)
        return NX_OK;
    long v = et_find(t->firsts, key, (size_t)(sp - key));
    return nx_strmap_put(t->firsts, key, (size_t)(sp - key),
                         (v > 0 ? v : 0) + 1) ? NX_ENOMEM : NX_OK;
}

/* A word of an organisation's name in a name of two words or more: a
 * legal form or head anywhere ("Morgan Guaranty Trust Co of New York",
 * "Chase Manhattan Bank NA", "Salomon Brothers"). */
static int org_word(const nx_etable *t, const char *key)
{
    if (!strchr(key, ' '))
        return 0;
    /* "Christian Democrats", "Free Democrats": a party, the description
     * rule did not take it */
    size_t ln;
    const char *lw = et_last_word(key, &ln);
    if ((ln == 9 && memcmp(lw, "democrats", 9) == 0) ||
        (ln == 11 && memcmp(lw, "republicans", 11) == 0))
        return 1;
    for (const char *w = key; *w;) {
        size_t n = strcspn(w, " ");
        if ((et_org_head(w, n) && !(n == 3 && memcmp(w, "and", 3) == 0)) ||
            nx_name_is_legal_form(w, n) || (et_gaz_flags(t, w, n) & XG_OCUE))
            return 1;
        w += n + (w[n] == ' ');
    }
    return 0;
}

/* A word the archive writes far more often as the first word of full
 * names than as the last ("David": David Blunkett, David Davis... and
 * Craig David). */
static int given_name(const nx_etable *t, const char *key)
{
    long first = et_find(t->firsts, key, strlen(key));
    long last = et_find(t->surs, key, strlen(key));
    return first >= 2 && first >= 3 * (last > 0 ? last : 0);
}

static int best_type(const et_ent *e, uint32_t *total)
{
    int b = 0;
    *total = 0;
    for (int ty = 0; ty < 3; ty++) {
        *total += e->n[ty];
        if (e->n[ty] > e->n[b])
            b = ty;
    }
    return b;
}

/* The words around a name (kind.c), over the archive: a title of a work
 * or a competition wherever it is written, when enough of its articles
 * say so; a club name is decided article by article (clubs_play). */
#define CUE_WORK_MIN 2      /* articles calling it a work, and ... */
#define CUE_WORK_PCT 15     /* ... per cent of its articles */
#define CUE_EVENT_MIN 3
#define CUE_EVENT_PCT 15
#define CUE_CLUB_MIN 2
#define CUE_CLUB_PCT 8

static int cue_share(uint32_t n, uint32_t total, uint32_t min, uint32_t pct)
{
    return n >= min && (uint64_t)n * 100 >= (uint64_t)pct * total;
}

static const char *cue_reason(const nx_etable *t, const et_ent *e,
                              uint32_t total)
{
    if (et_gaz_flags(t, e->key, strlen(e->key)) & XG_NATION)
        return NULL;
    /* the articles whose cue dropped it count too; a surname the archive
     * writes with given names is someone's too ("Keane": the band, and
     * Roy Keane); "The Aviator" and "Aviator" are one title: their cues
     * count together */
    uint32_t work = e->cue[ET_CUE_WORK], wtotal = total;
    char k[NX_NAME_KEY_MAX + 8];
    int the = strncmp(e->key, "the ", 4) == 0;
    snprintf(k, sizeof k, "%s%s", the ? "" : "the ", e->key + (the ? 4 : 0));
    long o = et_find(t->bykey, k, strlen(k));
    if (o >= 0) {
        const et_ent *f = &t->ents[o];
        work += f->cue[ET_CUE_WORK];
        wtotal += f->n[0] + f->n[1] + f->n[2];
    }
    if (cue_share(work, wtotal + work, CUE_WORK_MIN, CUE_WORK_PCT) &&
        !(et_words(e->key) == 1 &&
          et_find(t->surs, e->key, strlen(e->key)) > 0))
        return "a title of a work or a band (\"the film ...\", \"the band "
               "...\")";
    if (cue_share(e->cue[ET_CUE_EVENT], total, CUE_EVENT_MIN,
                  CUE_EVENT_PCT) &&
        e->cue[ET_CUE_EVENT] * 2 > e->cue[ET_CUE_CLUB])
        return "a competition (\"... title\", \"... leaders\")";
    return NULL;
}

static int decide_clubs(nx_etable *t)
{
    int rc = NX_OK;
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        const et_ent *e = &t->ents[i];
        uint32_t total = e->n[0] + e->n[1] + e->n[2];
        if (!et_misc_reason(t, e->key) && !cue_reason(t, e, total) &&
            cue_share(e->cue[ET_CUE_CLUB], total, CUE_CLUB_MIN,
                      CUE_CLUB_PCT) &&
            !(et_gaz_flags(t, e->key, strlen(e->key)) & XG_NATION))
            rc = et_put_club(t, e->key);
    }
    return rc;
}

static int decide_types(nx_etable *t)
{
    int rc = NX_OK;
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        et_ent *e = &t->ents[i];
        uint32_t total;
        int b = best_type(e, &total);
        e->type = b;
        const char *why = et_misc_reason(t, e->key), *pwhy = NULL;
        if (!why)
            why = cue_reason(t, e, total);
        long dummy;
        if (!why && nx_strmap_get(t->clubk, e->key, strlen(e->key), &dummy)) {
            /* a club: decided article by article (clubs_play), no rule */
            e->type = NX_ET_ORG;
            if (!(e->why = strdup("a sports club where two clubs play")))
                return NX_ENOMEM;
            continue;
        }
        if (!why && e->n[NX_ET_PERSON] && et_words(e->key) == 1) {
            char pl[NX_NAME_KEY_MAX + 2];
            snprintf(pl, sizeof pl, "%ss", e->key);
            long p = et_find(t->bykey, pl, strlen(pl));
            unsigned f = et_gaz_flags(t, e->key, strlen(e->key));
            const et_ent *pe = p >= 0 ? &t->ents[p] : NULL;
            if (pe && pe->n[0] + pe->n[1] + pe->n[2] >= 2 &&
                (et_misc_reason(t, pe->key) ||
                 pe->n[NX_ET_ORG] + pe->n[NX_ET_PLACE] > pe->n[NX_ET_PERSON]))
                pwhy = "its plural names a thing";
            else if (nx_name_is_title(e->key, strlen(e->key)) ||
                     (f & XG_PCUE))
                pwhy = "a bare title";
            else if ((f & XG_FIRST) && given_name(t, e->key))
                pwhy = "a given name alone";
        }
        /* No person by that name: its other types stand (London is a
         * given name too, and a place). */
        if (pwhy) {
            int other = b != NX_ET_PERSON;
            rc = et_add_rule(t, NX_ET_PERSON, e->key,
                             other ? b : NX_ET_MISC,
                             other ? e->disp[b] : NULL, pwhy, 0);
            if (!other) {
                e->type = NX_ET_MISC;
                if (!(e->why = strdup(pwhy)))
                    return NX_ENOMEM;
            }
            continue;
        }
        if (why) {
            e->type = NX_ET_MISC;
            if (!(e->why = strdup(why)))
                return NX_ENOMEM;
            for (int ty = 0; ty < 3 && rc == NX_OK; ty++)
                if (e->n[ty])
                    rc = et_add_rule(t, ty, e->key, NX_ET_MISC, NULL, why, 0);
            continue;
        }
        /* An organisation's head or legal form ends it, or the archive
         * writes it on with one: an organisation, whatever the tagger
         * said in one article. */
        uint32_t ext = et_org_extensions(t, e->key);
        int final = total >= MIN_VOTES && e->n[b] >= MAJORITY * total ? b
                                                                      : -1;
        size_t fl = strcspn(e->key, " ");
        int given = (et_gaz_flags(t, e->key, fl) & XG_FIRST) != 0;
        size_t ln;
        const char *lw = et_last_word(e->key, &ln);
        int nat_last = et_words(e->key) >= 2 &&
                       (et_gaz_flags(t, lw, ln) & XG_NAT) != 0;
        if (e->n[NX_ET_PERSON] && (final < 0 || final == NX_ET_PERSON) &&
            (org_word(t, e->key) || nat_last ||
             (ext >= 2 && et_words(e->key) >= 2 &&
              (ext * 4 >= e->n[NX_ET_PERSON] || !given)) ||
             (ext >= 2 && et_words(e->key) == 1 &&
              ext * 4 >= e->n[NX_ET_PERSON] &&
              et_find(t->surs, e->key, strlen(e->key)) < 0))) {
            final = NX_ET_ORG;
            if (!(e->why = strdup("written as an organisation")))
                return NX_ENOMEM;
        }
        if (final < 0)
            continue;   /* no clear type: each article keeps its own */
        e->type = final;
        const char *name = e->disp[e->type] ? e->disp[e->type]
                                            : e->disp[NX_ET_PERSON];
        for (int ty = 0; ty < 3 && rc == NX_OK; ty++)
            if (ty != e->type && e->n[ty])
                rc = et_add_rule(t, ty, e->key, e->type, name,
                              e->why ? e->why : "by majority", 0);
    }
    return rc;
}

/* Organisations' short forms → the one long form. */
static int decide_shorts(nx_etable *t)
{
    int rc = NX_OK;
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        et_ent *e = &t->ents[i];
        if (e->type != NX_ET_ORG || !e->n[NX_ET_ORG])
            continue;
        long s = et_find(t->shortk, e->key, strlen(e->key));
        if (s < 0)
            continue;
        const et_short *sh = &t->shorts[s];
        const et_ent *l = &t->ents[sh->best];
        /* The long form dominates its kind; one that adds a country or a
         * head ("US Treasury" for "Treasury", "Goldman Sachs
         * International" for "Goldman Sachs") must also be how the
         * archive mostly writes it: a British archive's Treasury is not
         * the American one, a subsidiary not its parent.  "Commons" is
         * the House of Commons, "Liberal Democrat" the Liberal
         * Democrats, however often written short. */
        if (sh->best == i || l->type != NX_ET_ORG || l->n[NX_ET_ORG] < 2 ||
            l->n[NX_ET_ORG] < SUR_SHARE * sh->all ||
            (sh->kind != SHORT_OF && sh->kind != SHORT_PLURAL &&
             l->n[NX_ET_ORG] <= e->n[NX_ET_ORG]))
            continue;
        rc = et_add_rule(t, NX_ET_ORG, e->key, NX_ET_ORG, l->disp[NX_ET_ORG],
                      "short form", 0);
        e->into = (long)sh->best;
    }
    return rc;
}

static int cmp_sy(const void *a, const void *b)
{
    const et_sy *x = a, *y = b;
    int c = strcmp(x->sur, y->sur);
    if (c)
        return c;
    if (x->ent != y->ent)
        return x->ent < y->ent ? -1 : 1;
    return x->year - y->year;
}

int et_put_sur(nx_etable *t, const char *sur, long names)
{
    long had = et_find(t->surs, sur, strlen(sur));
    if (nx_strmap_put(t->surs, sur, strlen(sur), names))
        return NX_ENOMEM;
    if (had >= 0)
        return NX_OK;
    if (et_grow((void **)&t->surlist, &t->capsurlist, t->nsurlist + 1,
                sizeof *t->surlist) ||
        !(t->surlist[t->nsurlist] = strdup(sur)))
        return NX_ENOMEM;
    t->nsurlist++;
    return NX_OK;
}

int et_put_surmap(nx_etable *t, const char *sur, int year, size_t ent)
{
    char num[16], k[NX_NAME_KEY_MAX + 24];
    snprintf(num, sizeof num, "%d", year);
    size_t kl = et_key2(k, sizeof k, sur, num);
    if (!kl || ent >= t->nents)
        return NX_OK;
    long i = et_find(t->surmap, k, kl);
    if (i < 0) {
        if (et_grow((void **)&t->smap, &t->capsmap, t->nsmap + 1,
                    sizeof *t->smap))
            return NX_ENOMEM;
        i = (long)t->nsmap;
        if (!(t->smap[i].sur = strdup(sur)) ||
            nx_strmap_put(t->surmap, k, kl, i)) {
            free(t->smap[i].sur);
            return NX_ENOMEM;
        }
        t->nsmap++;
    }
    t->smap[i].year = year;
    t->smap[i].ent = ent;
    return NX_OK;
}

/* In the window of year yy (the year and either side; 0: undated), the
 * full name of group [a, b) with most articles, if it dominates. */
static int decide_window(nx_etable *t, size_t a, size_t b, int yy)
{
    size_t best = 0;
    uint32_t bestn = 0, all = 0, run = 0;
    for (size_t j = a; j < b; j++) {
        int dy = t->sy[j].year - yy;
        int inwin = yy ? (t->sy[j].year && dy >= -1 && dy <= 1)
                       : !t->sy[j].year;
        if (inwin) {
            run += t->sy[j].count;
            all += t->sy[j].count;
        }
        if (j + 1 == b || t->sy[j + 1].ent != t->sy[j].ent) {
            if (run > bestn) {
                bestn = run;
                best = t->sy[j].ent;
            }
            run = 0;
        }
    }
    if (bestn >= SUR_MIN_ARTICLES && bestn >= SUR_SHARE * all)
        return et_put_surmap(t, t->sy[a].sur, yy, best);
    return NX_OK;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Surname → full name, per year: the full name with most of the
 * articles in the year and the years either side.  Only for surnames the
 * archive writes alone. */
static int decide_surnames(nx_etable *t)
{
    if (t->nsy)
        qsort(t->sy, t->nsy, sizeof *t->sy, cmp_sy);
    int rc = NX_OK;
    int *years = NULL;
    size_t capy = 0;
    for (size_t a = 0; a < t->nsy && rc == NX_OK;) {
        size_t b = a;
        while (b < t->nsy && strcmp(t->sy[b].sur, t->sy[a].sur) == 0)
            b++;
        const char *sur = t->sy[a].sur;
        long names = 0;
        for (size_t j = a; j < b; j++)
            names += j == a || t->sy[j].ent != t->sy[j - 1].ent;
        if ((rc = et_put_sur(t, sur, names)) != NX_OK)
            break;
        long alone = et_find(t->bykey, sur, strlen(sur));
        if (alone >= 0 && (t->ents[alone].n[NX_ET_PERSON] ||
                           t->ents[alone].n[ET_BY])) {
            size_t ny = 0;
            rc = et_grow((void **)&years, &capy, 3 * (b - a), sizeof *years);
            for (size_t j = a; j < b && rc == NX_OK; j++)
                for (int d = -1; d <= 1; d++)
                    if (t->sy[j].year || !d)
                        years[ny++] = t->sy[j].year ? t->sy[j].year + d : 0;
            if (rc == NX_OK)
                qsort(years, ny, sizeof *years, cmp_int);
            for (size_t j = 0; j < ny && rc == NX_OK; j++)
                if (!j || years[j] != years[j - 1])
                    rc = decide_window(t, a, b, years[j]);
        }
        a = b;
    }
    free(years);
    return rc;
}

int nx_etable_finish(nx_etable *t, const char *when)
{
    if (t->finished)
        return NX_EINVAL;
    snprintf(t->computed, sizeof t->computed, "%s", when ? when : "");
    int rc = NX_OK;
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        if (t->ents[i].n[NX_ET_ORG])
            rc = org_prefixes(t, i);
        if (rc == NX_OK && t->ents[i].n[NX_ET_PERSON])
            rc = first_words(t, i);
    }
    if (rc == NX_OK)
        rc = decide_surnames(t);
    if (rc == NX_OK)
        rc = decide_clubs(t);
    if (rc == NX_OK)
        rc = decide_types(t);
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++)
        if (t->ents[i].type == NX_ET_ORG && t->ents[i].n[NX_ET_ORG])
            rc = org_shorts(t, i);
    if (rc == NX_OK)
        rc = decide_shorts(t);
    if (rc == NX_OK)
        rc = et_make_entries(t);
    t->finished = 1;
    return rc;
}
