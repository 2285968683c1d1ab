/*
 * about.c — which of an article's entities it is *about* (`about:`), as
 * opposed to mentioning in passing (`person:`, `org:`, `place:`).
 *
 * Newsrooms' own taggers tag the subjects of a story, not every name in
 * it: a name in the headline or the lead is a subject, and so is one the
 * story keeps coming back to; one named once in paragraph nine is not.
 * The rule (nx_about_mark, nx_extract.h): an entity is about the article
 * when it is named in the headline, or in the lead (the body's first
 * NX_ABOUT_LEAD_SENTENCES sentences, the dateline not counted), or is
 * named at least NX_ABOUT_MIN_MENTIONS times and is among the article's
 * NX_ABOUT_TOP most named entities (ties share a rank).  The figures were
 * chosen against the Reuters-21578 editors' tags (docs/about.md).
 *
 * x_doc_salience fills nx_entities.salience from the merged mentions, one
 * entry per name of the person, org and place lists.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "nx_strmap.h"
#include "x_internal.h"

void nx_about_mark(nx_salience *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* the rank: 1 + the entities named more often */
        size_t above = 0;
        for (size_t j = 0; j < n; j++)
            above += s[j].mentions > s[i].mentions;
        s[i].about = s[i].headline || s[i].lead ||
                     (s[i].mentions >= NX_ABOUT_MIN_MENTIONS &&
                      above < NX_ABOUT_TOP);
    }
}

static int kind_of(int type)
{
    return type == XM_PER ? NX_ENT_PERSON
           : type == XM_ORG ? NX_ENT_ORG
           : type == XM_LOC ? NX_ENT_PLACE : -1;
}

static const nx_strlist *list_of(const nx_entities *e, int kind)
{
    return kind == NX_ENT_PERSON ? &e->person
           : kind == NX_ENT_ORG  ? &e->org : &e->place;
}

/* kind digit + name key, the lookup key of a list entry */
static char *entry_key(int kind, const char *name)
{
    char *k = nx_name_key(name);
    char *out = k ? malloc(strlen(k) + 2) : NULL;
    if (out) {
        out[0] = (char)('0' + kind);
        strcpy(out + 1, k);
    }
    free(k);
    return out;
}

int x_doc_salience(const x_doc *d, nx_entities *e)
{
    size_t nlist = e->person.n + e->org.n + e->place.n;
    if (nlist == 0)
        return NX_OK;
    nx_salience *s = calloc(nlist, sizeof *s);
    nx_strmap *at = nx_strmap_new();
    int rc = s && at ? NX_OK : NX_ENOMEM;
    size_t n = 0;
    for (int kind = 0; kind < 3 && rc == NX_OK; kind++) {
        const nx_strlist *l = list_of(e, kind);
        for (size_t i = 0; i < l->n && rc == NX_OK; i++, n++) {
            s[n].name = strdup(l->v[i]);
            s[n].kind = kind;
            s[n].first_off = -1;
            char *k = entry_key(kind, l->v[i]);
            if (!s[n].name || !k || nx_strmap_put(at, k, strlen(k), (long)n))
                rc = NX_ENOMEM;
            free(k);
        }
    }
    /* the lead: the body's first sentences (from the first body token) */
    uint32_t lead_end = 0;
    for (size_t t = 0; t < d->ntok; t++)
        if (d->toks[t].off >= d->body_start) {
            lead_end = d->toks[t].sent + NX_ABOUT_LEAD_SENTENCES;
            break;
        }
    /* each entity's list entry, found once by its display name */
    int nent = 0;
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].entity >= nent)
            nent = d->ments[i].entity + 1;
    long *entry = malloc((size_t)(nent ? nent : 1) * sizeof *entry);
    if (!entry)
        rc = NX_ENOMEM;
    for (int en = 0; rc == NX_OK && en < nent; en++)
        entry[en] = -2;              /* not looked up yet */
    for (size_t i = 0; rc == NX_OK && i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        int en = m->entity, kind = kind_of(m->type);
        if (en < 0 || (m->flags & XMF_DROPPED) || kind < 0)
            continue;
        if (entry[en] == -2) {
            const char *name = x_entity_name(d, en);
            char *k = name ? entry_key(kind, name) : NULL;
            if (name && !k) {
                rc = NX_ENOMEM;
                break;
            }
            if (!k || !nx_strmap_get(at, k, strlen(k), &entry[en]))
                entry[en] = -1;
            free(k);
        }
        if (entry[en] < 0)
            continue;
        nx_salience *x = &s[entry[en]];
        const x_tok *t = &d->toks[m->tok];
        x->mentions++;
        if (t->flags & XF_TITLE)
            x->headline = 1;
        else if (t->off >= d->body_start) {
            if (t->sent < lead_end)
                x->lead = 1;
            long off = (long)(t->off - d->body_start);
            if (x->first_off < 0 || off < x->first_off)
                x->first_off = off;
        }
    }
    free(entry);
    nx_strmap_free(at);
    if (rc != NX_OK) {
        for (size_t i = 0; s && i < nlist; i++)
            free(s[i].name);
        free(s);
        return rc;
    }
    nx_about_mark(s, n);
    e->salience = s;
    e->nsalience = n;
    return NX_OK;
}
