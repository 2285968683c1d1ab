/*
 * given.c — tags given in a record are vocabulary, not display.
 *
 * Archives supply people, organisations and places as codes (Reuters-21578:
 * "james-baker", "yeutter", "west-germany", "ussr", "ec", "worldbank").
 * Each is read as a name and resolved, in this order:
 *  1. the article's own mention of that kind: the same key, the same key
 *     without spaces ("worldbank" → World Bank), a person's surname
 *     ("yeutter" → Clayton Yeutter), an organisation's initials ("ec" →
 *     European Community), its initials and a word of its name
 *     ("ico-coffee" → International Coffee Organization) — when one
 *     mention fits;
 *  2. the alias table and the gazetteers, as for an extracted name
 *     ("ussr" → Soviet Union, "usa" → United States, "gatt" → GATT); a
 *     one-word person only to a full name the article writes;
 *  3. else the tag title-cased (nx_name_from_tag: "west-germany" → West
 *     Germany), counted in nx_entities.given_titled so the run reports it.
 * A tag written as a name ("James Baker") goes the same way.  The result
 * joins the article's list (once per key); the indexer then skips the raw
 * tags (nx_entities.given_done).
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"

static void squeeze(char *k)
{
    char *o = k;
    for (char *p = k; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = 0;
}

/* Key k holds the word w. */
static int has_word(const char *k, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = k; (p = strstr(p, w)) != NULL; p++)
        if ((p == k || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
            return 1;
    return 0;
}

/* The one value of l that the tag's key k names (see 1. above), or NULL
 * when none or several do. */
static const char *in_article(const nx_strlist *l, int type, const char *k)
{
    char *sq = strdup(k);
    if (!sq)
        return NULL;
    squeeze(sq);
    const char *hit = NULL, *part = NULL;
    int nparts = 0;
    for (size_t i = 0; i < l->n && !hit; i++) {
        char *vk = nx_name_key(l->v[i]);
        if (!vk)
            continue;
        char *vsq = strdup(vk);
        if (vsq)
            squeeze(vsq);
        if (strcmp(vk, k) == 0 || (vsq && strcmp(vsq, sq) == 0))
            hit = l->v[i];
        else {
            int fits = 0;
            const char *sp = strchr(k, ' ');
            if (!sp && type == XM_PER) {
                char *sk = nx_name_surname_key(l->v[i]);
                fits = sk && strcmp(sk, k) == 0;
                free(sk);
            } else if (!sp && type == XM_ORG) {
                fits = x_initials_of(k, vk);
            } else if (type == XM_ORG && !strchr(sp + 1, ' ')) {
                /* "ico-coffee": the initials and a word of the name
                 * (International Coffee Organization), or the initials
                 * as the article writes them (ICO) */
                char *ini = strndup(k, (size_t)(sp - k));
                fits = ini && ((x_initials_of(ini, vk) &&
                                has_word(vk, sp + 1)) ||
                               strcmp(ini, vk) == 0);
                free(ini);
            }
            if (fits && (!part || strcmp(part, l->v[i]) != 0)) {
                part = l->v[i];
                nparts++;
            }
        }
        free(vsq);
        free(vk);
    }
    free(sq);
    return hit ? hit : nparts == 1 ? part : NULL;
}

/* The gazetteers' canonical name for key k of this type, or NULL. */
static const char *in_gazetteer(const nx_extractor *x, int type,
                                const char *k)
{
    const x_gent *g = x_gaz_get(&x->gaz, k, strlen(k));
    if (!g)
        return NULL;
    if (type == XM_ORG && (g->flags & XG_ORG) && g->org_canon >= 0)
        return x->gaz.strs[g->org_canon];
    if (type == XM_LOC && (g->flags & XG_PLACE) && g->place_canon >= 0)
        return x->gaz.strs[g->place_canon];
    return NULL;
}

static int push_key_unique(nx_strlist *l, const char *s)
{
    char *k = nx_name_key(s);
    if (!k)
        return NX_ENOMEM;
    int dup = !*k;
    for (size_t i = 0; i < l->n && !dup; i++) {
        char *o = nx_name_key(l->v[i]);
        dup = o && strcmp(o, k) == 0;
        free(o);
    }
    free(k);
    return dup ? NX_OK : nx_strlist_push(l, s);
}

static int add_given(const nx_extractor *x, const nx_strlist *tags, int type,
                     nx_strlist *l, nx_entities *e)
{
    nx_entity_kind kind = type == XM_PER ? NX_ENT_PERSON
                          : type == XM_ORG ? NX_ENT_ORG : NX_ENT_PLACE;
    int rc = NX_OK;
    for (size_t i = 0; i < tags->n && rc == NX_OK; i++) {
        char *name = nx_name_from_tag(tags->v[i]);
        char *k = name ? nx_name_key(name) : NULL;
        char *canon = NULL;
        if (!name || !k) {
            rc = NX_ENOMEM;
        } else if (*k) {
            const char *v = in_article(l, type, k);
            /* the table spells full names; a one-word person tag takes
             * its full name only when the article writes it (combine.c
             * text_over_table): "stoltenberg" in 1987 is not Jens */
            if (!v && x->aliases && (type != XM_PER || strchr(k, ' ')))
                v = nx_aliases_lookup(x->aliases, k);
            if (!v && x->aliases && type == XM_PER) {
                const char *c = nx_aliases_lookup(x->aliases, k);
                char *ck = c ? nx_name_key(c) : NULL;
                v = ck ? in_article(l, type, ck) : NULL;
                free(ck);
            }
            if (!v)
                v = in_gazetteer(x, type, k);
            if (v) {
                /* the table's form may be the article's too */
                char *vk = nx_name_key(v);
                const char *a = vk ? in_article(l, type, vk) : NULL;
                canon = strdup(a ? a : v);
                free(vk);
            } else {
                canon = nx_name_canonical(NULL, kind, name);
                e->given_titled++;
            }
            e->given++;
            rc = canon ? push_key_unique(l, canon) : NX_ENOMEM;
        }
        free(canon);
        free(k);
        free(name);
    }
    return rc;
}

int x_given_add(const nx_extractor *x, const nx_article *a, nx_entities *e)
{
    int rc = add_given(x, &a->people, XM_PER, &e->person, e);
    if (rc == NX_OK)
        rc = add_given(x, &a->orgs, XM_ORG, &e->org, e);
    if (rc == NX_OK)
        rc = add_given(x, &a->places, XM_LOC, &e->place, e);
    if (rc == NX_OK)
        e->given_done = 1;
    return rc;
}
