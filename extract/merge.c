/*
 * merge.c — the last stage: mentions of one entity become one entity, and
 * x_doc_emit fills nx_entities.
 *
 *  - Mentions are canonical already (resolve.c); they meet by key within a
 *    type.  Where two stages (rules, a tagger) cover the same tokens, the
 *    higher score wins.
 *  - A one-word person ("Lavrov", "Mr. Biden" → "Biden") joins the
 *    person whose surname it is, wherever in the article the full name
 *    is; with two candidates, the nearest full name before it wins.
 *  - Organisations join the longer name they are part of, the initials
 *    of, or an acronym defined for ("Paxar" and "Paxar Corp", "GM" and
 *    "General Motors Corp", "Volkswagen AG (VW)"): join_orgs.
 *  - Lists come in order of first mention (of the entity, through any of
 *    its mentions); `by` in order of first speech; quotes in text order.
 *    Speakers are people or organisations; each appears in its list too.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"

typedef struct entity {
    int type;
    const char *canon;      /* borrowed from a mention */
    const char *key;
    char *surname;          /* people with two words or more */
    uint32_t first;         /* first token of the first mention */
} entity;

typedef struct merged {
    entity *v;
    size_t n, cap;
} merged;

static int words(const char *s)
{
    int n = *s != 0;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

static int new_entity(merged *M, const x_mention *m)
{
    if (M->n == M->cap) {
        size_t nc = M->cap ? M->cap * 2 : 16;
        entity *nv = realloc(M->v, nc * sizeof *nv);
        if (!nv)
            return NX_ENOMEM;
        M->v = nv;
        M->cap = nc;
    }
    entity *e = &M->v[M->n];
    e->type = m->type;
    e->canon = m->canon;
    e->key = m->key;
    e->first = m->tok;
    e->surname = NULL;
    /* NULL is also "no surname" ("Jean-Claude", "Mac Plus", "John Jr"):
     * the entity then just takes no bare-surname mentions */
    if (m->type == XM_PER && words(m->key) >= 2)
        e->surname = nx_name_surname_key(m->canon);
    return (int)M->n++;
}

static int find(const merged *M, int type, const char *key)
{
    for (size_t i = 0; i < M->n; i++)
        if (M->v[i].type == type && strcmp(M->v[i].key, key) == 0)
            return (int)i;
    return -1;
}

/* Overlapping mentions from different stages: keep the better one. */
static void drop_overlaps(x_doc *d)
{
    for (size_t i = 0; i < d->nment; i++)
        for (size_t j = i + 1; j < d->nment; j++) {
            x_mention *a = &d->ments[i], *b = &d->ments[j];
            if ((a->flags | b->flags) & XMF_DROPPED || a->stage == b->stage)
                continue;
            if (a->tok < b->tok + b->ntok && b->tok < a->tok + a->ntok)
                (a->score >= b->score ? b : a)->flags |= XMF_DROPPED;
        }
}

/* ------------------------------------------------- organisation aliases */

static int join_word(const char *w, size_t n)
{
    return (n == 3 && memcmp(w, "and", 3) == 0) ||
           (n == 2 && memcmp(w, "of", 2) == 0) ||
           (n == 3 && memcmp(w, "the", 3) == 0) ||
           (n == 3 && memcmp(w, "for", 3) == 0) ||
           (n == 2 && (memcmp(w, "de", 2) == 0 || memcmp(w, "du", 2) == 0));
}

/* short_ is the initials of long_'s words (keys; "of", "and", "the"
 * skipped, hyphens split words): "gm" / "general motors", "sec" /
 * "securities and exchange commission". */
int x_initials_of(const char *short_, const char *long_)
{
    char ini[32];
    size_t n = 0;
    for (const char *w = long_; *w && n + 1 < sizeof ini;) {
        size_t l = strcspn(w, " -");
        if (l && !join_word(w, l))
            ini[n++] = *w;
        w += l;
        while (*w == ' ' || *w == '-')
            w++;
    }
    ini[n] = 0;
    return n >= 2 && strcmp(ini, short_) == 0;
}

/* short_'s words are the first or the last words of long_'s: "paxar" /
 * "paxar", "dominion" / "dominion textile", "oilers" / "edmonton
 * oilers". */
int x_part_of(const char *short_, const char *long_)
{
    size_t ls = strlen(short_), ll = strlen(long_);
    if (!ls || ls >= ll)
        return 0;
    return (memcmp(long_, short_, ls) == 0 && long_[ls] == ' ') ||
           (memcmp(long_ + ll - ls, short_, ls) == 0 &&
            long_[ll - ls - 1] == ' ');
}

/* An acronym defined in the text: an org mention followed by "(" ALLCAPS
 * ")" — "Volkswagen AG (VW)".  The key of the acronym, or NULL. */
static char *defined_acronym(const x_doc *d, const x_mention *m)
{
    uint32_t t = m->tok + m->ntok;
    if (t + 2 >= d->ntok || !x_tok_is(d, t, "(") ||
        !x_tok_is(d, t + 2, ")") || !(d->toks[t + 1].flags & XF_ALLCAPS))
        return NULL;
    return x_span_key(d, t + 1, 1);
}

/* Organisations of one article that are one: a shorter name joins the
 * longer one it is a part of ("Paxar" → "Paxar Corp" (both "paxar" once
 * names.c drops the legal form), "Dominion" → "Dominion Textile"), or the
 * initials of ("GM" → "General Motors"), or an acronym the text defines
 * for it.  Only when one longer organisation fits: "Continental" with
 * "Continental Airlines" and "Continental Bank" joins neither.  The
 * article's longest form names the entity (x_entity_name). */
static int join_orgs(x_doc *d, merged *M)
{
    int *to = malloc((M->n ? M->n : 1) * sizeof *to);
    if (!to)
        return NX_ENOMEM;
    for (size_t i = 0; i < M->n; i++)
        to[i] = -1;
    for (size_t i = 0; i < M->n; i++) {
        const entity *s = &M->v[i];
        if (s->type != XM_ORG)
            continue;
        int target = -1, n = 0;
        for (size_t j = 0; j < M->n; j++) {
            const entity *l = &M->v[j];
            if (j == i || l->type != XM_ORG || words(l->key) <= words(s->key))
                continue;
            int hit = x_part_of(s->key, l->key) ||
                      (!strchr(s->key, ' ') && x_initials_of(s->key, l->key));
            if (hit && target != (int)j) {
                target = (int)j;
                n++;
            }
        }
        /* an acronym the article defines wins over any guess */
        for (size_t k = 0; k < d->nment; k++) {
            const x_mention *m = &d->ments[k];
            if (m->entity < 0 || m->entity == (int)i || m->type != XM_ORG)
                continue;
            char *a = defined_acronym(d, m);
            if (a && strcmp(a, s->key) == 0) {
                target = m->entity;
                n = 1;
            }
            free(a);
        }
        if (n == 1)
            to[i] = target;
    }
    for (size_t k = 0; k < d->nment; k++) {
        x_mention *m = &d->ments[k];
        int e = m->entity;
        /* one step only: a chain (a → b → c) stops at b */
        if (e >= 0 && to[e] >= 0)
            m->entity = to[e];
    }
    free(to);
    return NX_OK;
}

static int merge_run(void *state, x_doc *d)
{
    (void)state;
    drop_overlaps(d);
    merged M = {0};
    int rc = NX_OK;
    /* pass 1: everything but one-word people */
    for (size_t i = 0; i < d->nment && rc == NX_OK; i++) {
        x_mention *m = &d->ments[i];
        if ((m->flags & XMF_DROPPED) || m->type > XM_LOC ||
            (m->type == XM_PER && words(m->key) < 2))
            continue;
        int e = find(&M, m->type, m->key);
        if (e < 0 && (e = new_entity(&M, m)) < 0)
            rc = e;
        m->entity = e;
    }
    if (rc == NX_OK)
        rc = join_orgs(d, &M);
    /* pass 2: one-word people join a full name with that surname */
    for (size_t i = 0; i < d->nment && rc == NX_OK; i++) {
        x_mention *m = &d->ments[i];
        if ((m->flags & XMF_DROPPED) || m->type != XM_PER || m->entity >= 0)
            continue;
        int best = -1;
        uint32_t best_tok = 0;
        for (size_t j = 0; j < d->nment; j++) {
            const x_mention *o = &d->ments[j];
            if (o->entity < 0 || o->type != XM_PER ||
                !M.v[o->entity].surname ||
                strcmp(M.v[o->entity].surname, m->key) != 0)
                continue;
            /* the nearest before it, else the first after it */
            int better = best < 0 ||
                         (o->tok < m->tok && (best_tok > m->tok ||
                                              o->tok > best_tok));
            if (better) {
                best = o->entity;
                best_tok = o->tok;
            }
        }
        if (best < 0)
            best = find(&M, XM_PER, m->key);
        if (best < 0 && (best = new_entity(&M, m)) < 0)
            rc = best;
        m->entity = best;
    }
    for (size_t i = 0; i < d->nment && rc == NX_OK; i++) {
        const x_mention *m = &d->ments[i];
        if (m->entity >= 0 && m->tok < M.v[m->entity].first)
            M.v[m->entity].first = m->tok;
    }
    for (size_t i = 0; i < M.n; i++)
        free(M.v[i].surname);
    free(M.v);
    return rc;
}

const x_stage x_stage_merge = {"merge", NULL, merge_run, NULL};

/* ------------------------------------------------------------- emitting */

static int entity_first(const x_doc *d, int ent)
{
    uint32_t first = UINT32_MAX;
    int best = -1;
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].entity == ent && d->ments[i].tok < first) {
            first = d->ments[i].tok;
            best = (int)i;
        }
    return best;
}

/* The alias table names this org mention's entity: its canonical form is
 * the table's ("OPEC" for "Organization of Petroleum Exporting Countries
 * (OPEC)"), so every article says it the same way. */
static int table_name(const x_doc *d, const x_mention *m)
{
    if (m->type != XM_ORG || !d->x->aliases || !m->key)
        return 0;
    const char *c = nx_aliases_lookup(d->x->aliases, m->key);
    return c && strcmp(c, m->canon) == 0;
}

static int count_canon(const x_doc *d, int ent, const char *canon)
{
    int n = 0;
    for (size_t i = 0; i < d->nment; i++)
        n += d->ments[i].entity == ent && d->ments[i].canon &&
             strcmp(d->ments[i].canon, canon) == 0 &&
             !(d->toks[d->ments[i].tok].flags & XF_TITLE);
    return n;
}

/* An organisation the article names by an acronym at least as often as
 * by its full name ("the European Community (EC) ... the EC ... the EC")
 * is shown by the acronym: the form its other articles, which often give
 * only the acronym, use too -- unless the alias table gives the acronym to
 * another organisation. */
static const char *acronym_name(const x_doc *d, int ent, const char *full)
{
    const char *acr = NULL;
    for (size_t i = 0; i < d->nment && full; i++) {
        const x_mention *m = &d->ments[i];
        if (m->entity == ent && m->type == XM_ORG && m->ntok == 1 &&
            (d->toks[m->tok].flags & XF_ALLCAPS) &&
            !(d->toks[m->tok].flags & XF_TITLE) && strcmp(m->canon, full)) {
            acr = m->canon;
            break;
        }
    }
    if (!acr || count_canon(d, ent, acr) < count_canon(d, ent, full))
        return full;
    /* not an acronym the alias table gives to another organisation ("WTO"
     * of the World Tourism Organisation would read as the trade one) */
    char *k = d->x->aliases ? nx_name_key(acr) : NULL;
    const char *other = k ? nx_aliases_lookup(d->x->aliases, k) : NULL;
    free(k);
    if (other && strcmp(other, acr) != 0 && strcmp(other, full) != 0)
        return full;
    return acr;
}

/* The display name of an entity: the canonical form of its longest name,
 * or for an organisation the alias table's name when one of its mentions
 * has it. */
const char *x_entity_name(const x_doc *d, int ent)
{
    const char *best = NULL;
    int best_score = -1;
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        if (m->entity != ent)
            continue;
        if (table_name(d, m))
            return m->canon;
        /* more words first; then a body mention over a headline's, whose
         * capitals may be shouted ("REAGAN") */
        int score = words(m->canon) * 4 +
                    !(d->toks[m->tok].flags & XF_TITLE) * 2 +
                    !(d->toks[m->tok].flags & XF_ALLCAPS);
        if (score > best_score) {
            best = m->canon;
            best_score = score;
        }
    }
    return acronym_name(d, ent, best);
}

static int push_unique(nx_strlist *l, const char *s)
{
    char *k = nx_name_key(s);
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
    return nx_strlist_push(l, s);
}

static char *quote_text(const x_doc *d, const x_quote *q)
{
    uint32_t last = q->close - 1;
    char *s = x_text_range(d, d->toks[q->open].off + d->toks[q->open].len,
                           d->toks[last].off + d->toks[last].len);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ',' || s[n - 1] == ' '))
        n--;                     /* the comma before `said X` */
    s[n] = 0;
    return s;
}

static int push_quote(nx_entities *e, const char *speaker, char *text)
{
    if (e->nquotes == e->capquotes) {
        size_t nc = e->capquotes ? e->capquotes * 2 : 8;
        nx_quote *nq = realloc(e->quotes, nc * sizeof *nq);
        if (!nq)
            return NX_ENOMEM;
        e->quotes = nq;
        e->capquotes = nc;
    }
    nx_quote *q = &e->quotes[e->nquotes];
    q->text = text;
    q->speaker = speaker ? strdup(speaker) : NULL;
    if (speaker && !q->speaker)
        return NX_ENOMEM;
    e->nquotes++;
    return NX_OK;
}

static int speaker_name(const x_doc *d, int m, const char **out)
{
    *out = NULL;
    if (m < 0 || d->ments[m].entity < 0 || d->ments[m].type == XM_LOC)
        return 0;
    *out = x_entity_name(d, d->ments[m].entity);
    return *out != NULL;
}

int x_doc_emit(x_doc *d, nx_entities *e)
{
    int rc = NX_OK;
    /* entities by first mention */
    int nent = 0;
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].entity >= nent)
            nent = d->ments[i].entity + 1;
    int *order = malloc((size_t)(nent ? nent : 1) * sizeof *order);
    uint32_t *first = malloc((size_t)(nent ? nent : 1) * sizeof *first);
    if (!order || !first) {
        free(order);
        free(first);
        return NX_ENOMEM;
    }
    for (int i = 0; i < nent; i++) {
        int m = entity_first(d, i);
        order[i] = i;
        first[i] = m >= 0 ? d->ments[m].tok : UINT32_MAX;
    }
    for (int i = 1; i < nent; i++)
        for (int j = i; j > 0 && first[order[j - 1]] > first[order[j]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < nent && rc == NX_OK; i++) {
        int m = entity_first(d, order[i]);
        if (m < 0)
            continue;
        const char *name = x_entity_name(d, order[i]);
        int type = d->ments[m].type;
        nx_strlist *l = type == XM_PER ? &e->person
                        : type == XM_ORG ? &e->org
                        : type == XM_LOC ? &e->place : NULL;
        if (l && name && *name)
            rc = push_unique(l, name);
    }
    free(order);
    free(first);
    /* speakers by first speech */
    size_t *so = malloc((d->nspeech ? d->nspeech : 1) * sizeof *so);
    if (!so)
        return NX_ENOMEM;
    for (size_t i = 0; i < d->nspeech; i++)
        so[i] = i;
    for (size_t i = 1; i < d->nspeech; i++)
        for (size_t j = i;
             j > 0 && d->speech[so[j - 1]].tok > d->speech[so[j]].tok; j--) {
            size_t t = so[j];
            so[j] = so[j - 1];
            so[j - 1] = t;
        }
    for (size_t i = 0; i < d->nspeech && rc == NX_OK; i++) {
        const char *name;
        if (speaker_name(d, d->speech[so[i]].mention, &name))
            rc = push_unique(&e->by, name);
        if (rc == NX_OK && speaker_name(d, d->speech[so[i]].also, &name))
            rc = push_unique(&e->by, name);
    }
    free(so);
    /* quotes */
    for (size_t qi = 0; qi < d->nquote && rc == NX_OK; qi++) {
        const x_quote *q = &d->quotes[qi];
        if (q->nwords == 0 || (!q->attributed && q->nwords <= 3))
            continue;               /* a scare quote */
        const char *name = NULL;
        if (!speaker_name(d, q->speaker, &name))
            speaker_name(d, q->also, &name);
        char *text = quote_text(d, q);
        if (!text)
            return NX_ENOMEM;
        rc = push_quote(e, name, text);
        if (rc != NX_OK)
            free(text);
    }
    return rc;
}
