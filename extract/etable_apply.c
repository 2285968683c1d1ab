/*
 * etable_apply.c — applying the archive's entity table (nx_etable.h) to
 * one article: a surname alone to the full name of its year, a name to
 * its decided type and form, a short form to its country's institution,
 * speakers and salience renamed with their names, two clubs make sport.
 * The decisions are etable.c's.
 */
#include "etable_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_names.h"
#include "x_internal.h"

/* The full name a surname alone stands for in that year, or NULL. */
static const char *et_surname(const nx_etable *t, const char *key, int year)
{
    char num[16], k[NX_NAME_KEY_MAX + 24];
    snprintf(num, sizeof num, "%d", year);
    long i = et_find(t->surmap, k, et_key2(k, sizeof k, key, num));
    if (i < 0)
        return NULL;
    const et_ent *e = &t->ents[t->smap[i].ent];
    return e->disp[NX_ET_PERSON];
}

static int push_unique(nx_strlist *l, const char *v)
{
    char *k = nx_name_key(v);
    if (!k)
        return NX_ENOMEM;
    for (size_t i = 0; i < l->n; i++) {
        char *o = nx_name_key(l->v[i]);
        int same = o && strcmp(o, k) == 0;
        free(o);
        if (same) {
            free(k);
            return NX_OK;
        }
    }
    free(k);
    return nx_strlist_push(l, v);
}

/* A surname alone the archive does not resolve: the alias table's full
 * name ("Ahmadinejad" → Mahmoud Ahmadinejad) when the archive names no
 * one else with that surname — never Jens Stoltenberg in an archive of
 * Gerhard's, nor Mitch McConnell in one of Jack's.  Takes key. */
static char *alias_surname(const nx_etable *t, const nx_aliases *al,
                           char *key, const char *v)
{
    char *full = nx_name_canonical(al, NX_ENT_PERSON, v);
    char *fk = full ? nx_name_key(full) : NULL;
    int ok = fk && strchr(fk, ' ') != NULL;
    if (ok && et_find(t->surs, key, strlen(key)) > 0) {
        long e = et_find(t->bykey, fk, strlen(fk));
        ok = e >= 0 && t->ents[e].n[NX_ET_PERSON] > 0;
    }
    free(fk);
    free(key);
    if (ok)
        return full;
    free(full);
    return strdup(v);
}

/* Place name p is a country of the gazetteer. */
static int is_country(const nx_etable *t, const char *p)
{
    if (!t->x)
        return 0;
    char *k = nx_name_key(p);
    const x_gent *g = k ? x_gaz_get(&t->x->gaz, k, strlen(k)) : NULL;
    free(k);
    return g && (g->flags & XG_COUNTRY) && g->place_canon >= 0 &&
           strcmp(t->x->gaz.strs[g->place_canon], p) == 0;
}

/* "Treasury" in an article whose first country is the United States:
 * the archive's "US Treasury" (malloc'd, or NULL).  Only the first
 * country the article names counts: a British article that mentions
 * America keeps its own Treasury.  A portfolio's ministry ("Finance
 * Ministry", "Central Bank") is always some country's: the archive's
 * long form, else the country's ("Brazil's Finance Ministry"). */
static char *country_form(const nx_etable *t, const char *key,
                          const nx_strlist *places)
{
    int generic = et_generic_institution(key);
    if ((!t->nctry || et_find(t->shorthas, key, strlen(key)) < 0) && !generic)
        return NULL;
    for (size_t i = 0; i < places->n; i++) {
        char k[2 * NX_NAME_KEY_MAX + 8];
        size_t kl = et_key2(k, sizeof k, key, places->v[i]);
        long c = kl ? et_find(t->ctryk, k, kl) : -1;
        long s = et_find(t->bykey, key, strlen(key));
        if (c >= 0) {
            /* the long form must be how the archive writes it too, at
             * least half as often as the short one: a British archive's
             * rare "UK Treasury" does not split its Treasury in two. */
            const et_ent *l = &t->ents[t->ctry[c].ent];
            if (s >= 0 && 2 * l->n[NX_ET_ORG] < t->ents[s].n[NX_ET_ORG] &&
                !generic)
                return NULL;
            return strdup(l->disp[NX_ET_ORG]);
        }
        /* the first place that is some short form's country ends it */
        for (size_t j = 0; j < t->nctry; j++)
            if (strcmp(t->ctry[j].country, places->v[i]) == 0)
                return NULL;
        /* a country whose institutions the archive never writes in
         * full: "Brazil's Finance Ministry" */
        if (generic && is_country(t, places->v[i])) {
            const char *disp = s >= 0 ? t->ents[s].disp[NX_ET_ORG] : NULL;
            const char *cn = places->v[i];
            size_t cl = strlen(cn);
            if (!disp || !cl)
                return NULL;
            size_t n = cl + strlen(disp) + 4;
            char *out = malloc(n);
            if (out)
                snprintf(out, n, "%s'%s %s", cn, cn[cl - 1] == 's' ? "" : "s",
                         disp);
            return out;
        }
    }
    return NULL;
}

/* What the table makes of a value of type ty: *to_type (-1: dropped) and
 * the name (malloc'd). */
static char *resolve(const nx_etable *t, const nx_aliases *al, int ty,
                     const char *v, int year, const nx_strlist *places,
                     int *to_type)
{
    char *key = nx_name_key(v);
    *to_type = ty;
    if (!key)
        return NULL;
    const et_rule *r = *key ? et_rule_for(t, ty, key) : NULL;
    const char *name = v;
    if (r) {
        *to_type = r->newtype == NX_ET_MISC ? -1 : r->newtype;
        if (r->name)
            name = r->name;
        if (r->override || *to_type != NX_ET_PERSON || ty == NX_ET_PERSON) {
            free(key);
            return strdup(name);
        }
        /* retyped a person: a surname alone resolves as one */
        free(key);
        if (!(key = nx_name_key(name)))
            return NULL;
    }
    if (*to_type == NX_ET_ORG && places && !r) {
        char *l = country_form(t, key, places);
        if (l) {
            free(key);
            return l;
        }
    }
    char *out = NULL;
    if (*to_type == NX_ET_PERSON && et_words(key) == 1) {
        const char *full = et_surname(t, key, year);
        if (full)
            out = strdup(full);
        else if (al)
            out = alias_surname(t, al, strdup(key), name);
    }
    free(key);
    if (!out)
        return strdup(name);
    /* the full name found may have a correction of its own */
    char *fk = nx_name_key(out);
    const et_rule *fr = fk && *fk ? et_rule_for(t, NX_ET_PERSON, fk) : NULL;
    free(fk);
    if (fr && fr->override) {
        *to_type = fr->newtype == NX_ET_MISC ? -1 : fr->newtype;
        if (fr->name) {
            free(out);
            out = strdup(fr->name);
        }
    }
    return out;
}

/* A speaker: renamed as the person (or organisation) it is, never
 * dropped (whoever speaks is someone). */
static char *resolve_speaker(const nx_etable *t, const nx_aliases *al,
                             const char *v, int year,
                             const nx_strlist *places)
{
    int to;
    char *p = resolve(t, al, NX_ET_PERSON, v, year, NULL, &to);
    if (p && to >= 0 && strcmp(p, v) != 0)
        return p;
    free(p);
    p = resolve(t, al, NX_ET_ORG, v, year, places, &to);
    if (p && to < 0) {
        free(p);
        p = strdup(v);
    }
    return p;
}

static int apply_speakers(const nx_etable *t, const nx_aliases *al,
                          nx_strlist *l, int year, const nx_strlist *places)
{
    nx_strlist out = {0};
    int rc = NX_OK;
    for (size_t i = 0; i < l->n && rc == NX_OK; i++) {
        char *s = resolve_speaker(t, al, l->v[i], year, places);
        rc = s ? push_unique(&out, s) : NX_ENOMEM;
        free(s);
    }
    if (rc != NX_OK) {
        nx_strlist_clear(&out);
        return rc;
    }
    nx_strlist_clear(l);
    *l = out;
    return NX_OK;
}

/* The salience of the article's entities follows their names: renamed,
 * retyped or dropped as the lists were, two that became one merged (the
 * mentions added, the first mention the earlier), and the about rule
 * decided again over the result. */
static int apply_salience(const nx_etable *t, const nx_aliases *al,
                          nx_entities *e, int year,
                          const nx_strlist *places)
{
    size_t n = 0;
    int rc = NX_OK;
    for (size_t i = 0; i < e->nsalience; i++) {
        nx_salience *x = &e->salience[i];
        int to = -1;
        char *v = x->kind >= 0 && x->kind < 3
                      ? resolve(t, al, x->kind, x->name, year, places, &to)
                      : strdup(x->name);
        if (x->kind < 0 || x->kind >= 3)
            to = x->kind;
        if (!v) {
            rc = NX_ENOMEM;
            v = strdup(x->name);
        }
        free(x->name);
        x->name = v;
        if (to < 0 || !v) {
            free(x->name);
            continue;
        }
        x->kind = to;
        size_t j = 0;
        char *k = nx_name_key(x->name);
        for (; k && j < n; j++) {
            char *kj = nx_name_key(e->salience[j].name);
            int same = kj && e->salience[j].kind == to && strcmp(kj, k) == 0;
            free(kj);
            if (same)
                break;
        }
        free(k);
        if (j < n) {
            nx_salience *y = &e->salience[j];
            y->mentions += x->mentions;
            y->headline |= x->headline;
            y->lead |= x->lead;
            if (x->first_off >= 0 &&
                (y->first_off < 0 || x->first_off < y->first_off))
                y->first_off = x->first_off;
            free(x->name);
            continue;
        }
        e->salience[n++] = *x;
    }
    e->nsalience = n;
    nx_about_mark(e->salience, n);
    return rc;
}

static int is_club(const nx_etable *t, const char *name)
{
    char *key = nx_name_key(name);
    long dummy;
    int r = key && *key && nx_strmap_get(t->clubk, key, strlen(key), &dummy);
    free(key);
    return r;
}

/* An article naming two of the archive's clubs is about sport: there
 * the clubs' names are the clubs ("Newcastle" beside "Chelsea"), typed
 * organisations, in the lists and in the salience alike.  A city named
 * alone stays a place. */
static int clubs_play(const nx_etable *t, nx_entities *e)
{
    if (!t->nclubs)
        return NX_OK;
    nx_strlist *lists[3] = {&e->person, &e->org, &e->place};
    size_t clubs = 0;
    for (int ty = 0; ty < 3 && clubs < 2; ty++)
        for (size_t i = 0; i < lists[ty]->n && clubs < 2; i++)
            clubs += (size_t)is_club(t, lists[ty]->v[i]);
    if (clubs < 2)
        return NX_OK;
    for (int ty = 0; ty < 3; ty += 2) {
        nx_strlist keep = {0};
        for (size_t i = 0; i < lists[ty]->n; i++) {
            const char *v = lists[ty]->v[i];
            if (push_unique(is_club(t, v) ? &e->org : &keep, v) != NX_OK) {
                nx_strlist_clear(&keep);
                return NX_ENOMEM;
            }
        }
        nx_strlist_clear(lists[ty]);
        *lists[ty] = keep;
    }
    for (size_t i = 0; i < e->nsalience; i++)
        if ((e->salience[i].kind == NX_ENT_PERSON ||
             e->salience[i].kind == NX_ENT_PLACE) &&
            is_club(t, e->salience[i].name))
            e->salience[i].kind = NX_ENT_ORG;
    return NX_OK;
}

int nx_etable_apply(const nx_etable *t, const nx_aliases *al, nx_entities *e,
                    const char *date)
{
    if (!t)
        return NX_OK;
    int year = et_year_of(date), rc = clubs_play(t, e);
    nx_strlist *lists[3] = {&e->person, &e->org, &e->place};
    nx_strlist out[3] = {{0}, {0}, {0}};
    for (int ty = 0; ty < 3 && rc == NX_OK; ty++)
        for (size_t i = 0; i < lists[ty]->n && rc == NX_OK; i++) {
            int to;
            char *v = resolve(t, al, ty, lists[ty]->v[i], year, &e->place,
                              &to);
            if (!v)
                rc = NX_ENOMEM;
            else if (to >= 0)
                rc = push_unique(&out[to], v);
            free(v);
        }
    for (int ty = 0; ty < 3; ty++) {
        if (rc == NX_OK) {
            nx_strlist_clear(lists[ty]);
            *lists[ty] = out[ty];
        } else {
            nx_strlist_clear(&out[ty]);
        }
    }
    if (rc == NX_OK)
        rc = apply_salience(t, al, e, year, &e->place);
    if (rc == NX_OK)
        rc = apply_speakers(t, al, &e->by, year, &e->place);
    if (rc == NX_OK)
        rc = apply_speakers(t, al, &e->by_low, year, &e->place);
    for (size_t i = 0; i < e->nquotes && rc == NX_OK; i++) {
        nx_quote *q = &e->quotes[i];
        if (!q->speaker)
            continue;
        char *s = resolve_speaker(t, al, q->speaker, year, &e->place);
        if (!s)
            rc = NX_ENOMEM;
        else {
            free(q->speaker);
            q->speaker = s;
        }
    }
    return rc;
}
