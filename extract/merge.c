/*
 * merge.c — the last stage: mentions of one entity become one entity, and
 * x_doc_emit fills nx_entities.
 *
 *  - Mentions are canonical already (combine.c); they meet by key within a
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

#include "nx_buf.h"
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
    nx_strmap *index;       /* type byte + key -> the first entity so */
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
    int rc = nx_grow(&M->v, &M->cap, M->n + 1, sizeof *M->v, X_MAX_TOKENS);
    if (rc != NX_OK)
        return rc;
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
    /* find() answers the first entity of a type and key: kept if set */
    char *k = malloc(strlen(m->key) + 2);
    long old;
    if (!k)
        return NX_ENOMEM;
    k[0] = (char)('0' + m->type);
    strcpy(k + 1, m->key);
    rc = nx_strmap_get(M->index, k, strlen(k), &old)
             ? 0 : nx_strmap_put(M->index, k, strlen(k), (long)M->n);
    free(k);
    if (rc != 0)
        return NX_ENOMEM;
    return (int)M->n++;
}

/* The first entity of that type and key, or -1 (-2: out of memory). */
static int find(const merged *M, int type, const char *key)
{
    char *k = malloc(strlen(key) + 2);
    long v;
    if (!k)
        return -2;
    k[0] = (char)('0' + type);
    strcpy(k + 1, key);
    int hit = nx_strmap_get(M->index, k, strlen(k), &v);
    free(k);
    return hit ? (int)v : -1;
}

typedef struct pair {
    uint32_t i, j;          /* mention indices, i < j */
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

typedef struct startkey {
    uint32_t tok, idx;
} startkey;

static int cmp_start(const void *a, const void *b)
{
    const startkey *x = a, *y = b;
    if (x->tok != y->tok)
        return x->tok < y->tok ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Overlapping mentions from different stages: keep the better one.  The
 * pairs are taken in index order (i, then j), as a pass over every pair
 * would take them, but only the pairs that overlap are looked at: those
 * found by start token, so the work is the overlaps, not n². */
static int drop_overlaps(x_doc *d)
{
    size_t n = d->nment, np = 0, cap = n + 16;
    startkey *by = malloc((n ? n : 1) * sizeof *by);
    pair *p = malloc(cap * sizeof *p);
    if (!by || !p) {
        free(by);
        free(p);
        return NX_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        by[i] = (startkey){d->ments[i].tok, (uint32_t)i};
    qsort(by, n, sizeof *by, cmp_start);
    for (size_t a = 0; a < n; a++) {
        const x_mention *ma = &d->ments[by[a].idx];
        /* every later start inside ma's tokens overlaps it */
        for (size_t b = a + 1; b < n && by[b].tok < ma->tok + ma->ntok; b++) {
            /* a mention overlaps the few that start inside its words */
            int rc = nx_grow(&p, &cap, np + 1, sizeof *p,
                             (size_t)X_MAX_TOKENS * 16);
            if (rc != NX_OK) {
                free(by);
                free(p);
                return rc;
            }
            uint32_t x = by[a].idx, y = by[b].idx;
            p[np++] = x < y ? (pair){x, y} : (pair){y, x};
        }
    }
    free(by);
    qsort(p, np, sizeof *p, cmp_pair);
    for (size_t k = 0; k < np; k++) {
        x_mention *a = &d->ments[p[k].i], *b = &d->ments[p[k].j];
        if ((a->flags | b->flags) & XMF_DROPPED || a->stage == b->stage)
            continue;
        if (a->tok < b->tok + b->ntok && b->tok < a->tok + a->ntok)
            (a->score >= b->score ? b : a)->flags |= XMF_DROPPED;
    }
    free(p);
    return NX_OK;
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
    /* The acronyms the text defines, once: key -> the org mentions
     * defining it, in index order (chained through next[]). */
    long *next = malloc((d->nment ? d->nment : 1) * sizeof *next);
    nx_strmap *acr = nx_strmap_new();
    long *head = NULL, *tail = NULL;
    size_t nacr = 0, caph = 0, capt = 0;
    if (!to || !next || !acr) {
        free(to);
        free(next);
        nx_strmap_free(acr);
        return NX_ENOMEM;
    }
    int rc = NX_OK;
    for (size_t k = 0; k < d->nment && rc == NX_OK; k++) {
        const x_mention *m = &d->ments[k];
        next[k] = -1;
        if (m->entity < 0 || m->type != XM_ORG)
            continue;
        char *a = defined_acronym(d, m);
        long slot;
        if (a && !nx_strmap_get(acr, a, strlen(a), &slot)) {
            slot = (long)nacr++;
            rc = nx_grow(&head, &caph, nacr, sizeof *head, d->nment);
            if (rc == NX_OK)
                rc = nx_grow(&tail, &capt, nacr, sizeof *tail, d->nment);
            if (rc == NX_OK && nx_strmap_put(acr, a, strlen(a), slot))
                rc = NX_ENOMEM;
            if (rc == NX_OK)
                head[slot] = tail[slot] = -1;
        }
        if (a && rc == NX_OK) {
            if (tail[slot] < 0)
                head[slot] = (long)k;
            else
                next[tail[slot]] = (long)k;
            tail[slot] = (long)k;
        }
        free(a);
    }
    if (rc != NX_OK) {
        free(to);
        free(next);
        free(head);
        free(tail);
        nx_strmap_free(acr);
        return rc;
    }
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
        /* an acronym the article defines wins over any guess (the last
         * mention defining it, of another entity) */
        long slot;
        if (nx_strmap_get(acr, s->key, strlen(s->key), &slot))
            for (long k = head[slot]; k >= 0; k = next[k])
                if (d->ments[k].entity != (int)i) {
                    target = d->ments[k].entity;
                    n = 1;
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
    free(next);
    free(head);
    free(tail);
    nx_strmap_free(acr);
    return NX_OK;
}

static int merge_run(void *state, x_doc *d)
{
    (void)state;
    merged M = {0};
    int rc = drop_overlaps(d);
    if (rc == NX_OK && !(M.index = nx_strmap_new()))
        rc = NX_ENOMEM;
    /* pass 1: everything but one-word people */
    for (size_t i = 0; i < d->nment && rc == NX_OK; i++) {
        x_mention *m = &d->ments[i];
        if ((m->flags & XMF_DROPPED) || m->type > XM_LOC ||
            (m->type == XM_PER && words(m->key) < 2))
            continue;
        int e = find(&M, m->type, m->key);
        if (e == -2)
            e = NX_ENOMEM;
        else if (e < 0)
            e = new_entity(&M, m);
        if (e < 0)
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
        if (best < 0 && (best = find(&M, XM_PER, m->key)) == -2)
            best = NX_ENOMEM;
        else if (best < 0)
            best = new_entity(&M, m);
        if (best < 0)
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
    nx_strmap_free(M.index);
    return rc;
}

const x_stage x_stage_merge = {"merge", NULL, merge_run, NULL};

/* ------------------------------------------------------------- emitting */

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

/* 1 when the alias table gives acronym acr to an organisation other than
 * full ("WTO" of the World Tourism Organisation would read as the trade
 * one). */
static int acronym_elsewhere(const x_doc *d, const char *acr,
                             const char *full)
{
    char *k = d->x->aliases ? nx_name_key(acr) : NULL;
    const char *other = k ? nx_aliases_lookup(d->x->aliases, k) : NULL;
    free(k);
    return other && strcmp(other, acr) != 0 && strcmp(other, full) != 0;
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
    if (!acr || count_canon(d, ent, acr) < count_canon(d, ent, full) ||
        acronym_elsewhere(d, acr, full))
        return full;
    return acr;
}

/* The display name of an entity: the canonical form of its longest name,
 * or for an organisation the alias table's name when one of its mentions
 * has it. */
const char *x_entity_name(const x_doc *d, int ent)
{
    if (d->ent_names && ent >= 0 && (size_t)ent < d->nent_names)
        return d->ent_names[ent];
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

/* The display names of every entity at once (x_doc.ent_names): what
 * x_entity_name chooses for each, in three passes over the mentions in
 * all instead of two or three per entity asked for. */
static int entity_names(x_doc *d, size_t nent)
{
    size_t n = nent ? nent : 1;
    const char **best = calloc(n, sizeof *best), **acr = calloc(n, sizeof *acr);
    int *score = malloc(n * sizeof *score), *table = calloc(n, sizeof *table);
    int *nacr = calloc(n, sizeof *nacr), *nfull = calloc(n, sizeof *nfull);
    int rc = best && acr && score && table && nacr && nfull ? NX_OK
                                                             : NX_ENOMEM;
    for (size_t e = 0; rc == NX_OK && e < nent; e++)
        score[e] = -1;
    /* the table's name, else the best-scored (first of equals) */
    for (size_t i = 0; rc == NX_OK && i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        int e = m->entity;
        if (e < 0 || table[e])
            continue;
        if (table_name(d, m)) {
            table[e] = 1;
            best[e] = m->canon;
            continue;
        }
        int sc = words(m->canon) * 4 + !(d->toks[m->tok].flags & XF_TITLE) * 2 +
                 !(d->toks[m->tok].flags & XF_ALLCAPS);
        if (sc > score[e]) {
            best[e] = m->canon;
            score[e] = sc;
        }
    }
    /* acronym_name: the first acronym mention, then both counts */
    for (size_t i = 0; rc == NX_OK && i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        int e = m->entity;
        if (e < 0 || table[e] || !best[e] || acr[e])
            continue;
        if (m->type == XM_ORG && m->ntok == 1 &&
            (d->toks[m->tok].flags & XF_ALLCAPS) &&
            !(d->toks[m->tok].flags & XF_TITLE) && strcmp(m->canon, best[e]))
            acr[e] = m->canon;
    }
    for (size_t i = 0; rc == NX_OK && i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        int e = m->entity;
        if (e < 0 || table[e] || !acr[e] || !m->canon ||
            (d->toks[m->tok].flags & XF_TITLE))
            continue;
        nacr[e] += strcmp(m->canon, acr[e]) == 0;
        nfull[e] += strcmp(m->canon, best[e]) == 0;
    }
    for (size_t e = 0; rc == NX_OK && e < nent; e++)
        if (!table[e] && acr[e] && nacr[e] >= nfull[e] &&
            !acronym_elsewhere(d, acr[e], best[e]))
            best[e] = acr[e];
    free(acr);
    free(score);
    free(table);
    free(nacr);
    free(nfull);
    if (rc != NX_OK) {
        free(best);
        return rc;
    }
    free(d->ent_names);
    d->ent_names = best;
    d->nent_names = nent;
    return NX_OK;
}

/* A list with the name keys already in it, so pushing a name is one
 * lookup, not a key per name already listed. */
typedef struct uniq {
    nx_strlist *l;
    nx_strmap *keys;
} uniq;

static int uniq_init(uniq *u, nx_strlist *l)
{
    u->l = l;
    u->keys = nx_strmap_new();
    if (!u->keys)
        return NX_ENOMEM;
    for (size_t i = 0; i < l->n; i++) {
        char *k = nx_name_key(l->v[i]);
        int rc = k ? nx_strmap_put(u->keys, k, strlen(k), 1) : 0;
        free(k);
        if (rc != 0)
            return NX_ENOMEM;
    }
    return NX_OK;
}

static int push_unique(uniq *u, const char *s)
{
    char *k = nx_name_key(s);
    if (!k)
        return NX_ENOMEM;
    long v;
    int rc = NX_OK;
    if (!nx_strmap_get(u->keys, k, strlen(k), &v)) {
        rc = nx_strmap_put(u->keys, k, strlen(k), 1) ? NX_ENOMEM : NX_OK;
        if (rc == NX_OK)
            rc = nx_strlist_push(u->l, s);
    }
    free(k);
    return rc;
}

/* Whether the list of u holds a name of s's key: 1, 0, or NX_ENOMEM. */
static int uniq_has(const uniq *u, const char *s)
{
    char *k = nx_name_key(s);
    if (!k)
        return NX_ENOMEM;
    long v;
    int has = nx_strmap_get(u->keys, k, strlen(k), &v) != 0;
    free(k);
    return has;
}

typedef struct ordkey {    /* sorting by first token, ties by index */
    uint32_t tok;
    size_t idx;
} ordkey;

static int cmp_ord(const void *a, const void *b)
{
    const ordkey *x = a, *y = b;
    if (x->tok != y->tok)
        return x->tok < y->tok ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static int squeezed_space(char c)
{
    return c == '\n' || c == '\r' || c == '\t' || c == ' ';
}

/* The quoted words, and in *start / *end their bytes in the body (the
 * same trimming: white space at either end, the comma before `said X`),
 * -1 both when the quote is not in the body. */
static char *quote_text(const x_doc *d, const x_quote *q, long *start,
                        long *end)
{
    uint32_t last = q->close - 1;
    size_t a = d->toks[q->open].off + d->toks[q->open].len,
           b = d->toks[last].off + d->toks[last].len;
    char *s = x_text_range(d, a, b);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ',' || s[n - 1] == ' '))
        n--;                     /* the comma before `said X` */
    s[n] = 0;
    while (a < b && squeezed_space(d->text[a]))
        a++;
    while (b > a && (d->text[b - 1] == ',' || squeezed_space(d->text[b - 1])))
        b--;
    *start = *end = -1;
    if (a >= d->body_start && b <= d->len) {
        *start = (long)(a - d->body_start);
        *end = (long)(b - d->body_start);
    }
    return s;
}

/* The cue and the sentence holding it, for the quote's evidence. */
static int quote_evidence(const x_doc *d, const x_quote *q, nx_quote *o)
{
    o->how = x_how_name(o->speaker || q->how == XH_UNNAMED ? q->how : XH_NONE);
    o->confidence = o->speaker ? q->conf : 0.0;
    o->cue_off = -1;
    if (q->cue >= d->ntok)
        return NX_OK;
    const x_tok *k = &d->toks[q->cue];
    int acc = x_tok_lower_is(d, q->cue, "according") && q->cue + 1 < d->ntok;
    o->cue = acc ? x_span_text(d, q->cue, 2) : x_span_text(d, q->cue, 1);
    if (k->off >= d->body_start)
        o->cue_off = (long)(k->off - d->body_start);
    const x_sent *s = &d->sents[k->sent];
    const x_tok *a = &d->toks[s->first], *b = &d->toks[s->end - 1];
    /* a sentence the tokenizer ended at a quote's ?” runs on to the cue:
     * “…?” Graham asked */
    if (k->sent > 0 && s->first > 0 && d->toks[s->first].kind != XT_QUOTE &&
        q->close + 1 == s->first)
        a = &d->toks[d->sents[k->sent - 1].first];
    o->evidence = x_text_range(d, a->off, b->off + b->len);
    return o->cue && o->evidence ? NX_OK : NX_ENOMEM;
}

static int push_quote(nx_entities *e, const x_doc *d, const x_quote *xq,
                      const char *speaker, char *text, long start, long end)
{
    int rc = nx_grow(&e->quotes, &e->capquotes, e->nquotes + 1,
                     sizeof *e->quotes, X_MAX_TOKENS);
    if (rc != NX_OK) {
        free(text);
        return rc;
    }
    nx_quote *q = &e->quotes[e->nquotes];
    memset(q, 0, sizeof *q);
    q->text = text;
    q->start = start;
    q->end = end;
    e->nquotes++;        /* cleared with e from here on, whatever fails */
    q->speaker = speaker ? strdup(speaker) : NULL;
    if (speaker && !q->speaker)
        return NX_ENOMEM;
    if (!speaker)
        e->unattributed++;   /* an unnamed speaker keeps its cue shown */
    return quote_evidence(d, xq, q);
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
    rc = entity_names(d, (size_t)nent);
    if (rc == NX_OK)
        rc = x_doc_kinds(d, nent, e);
    if (rc != NX_OK)
        return rc;
    int *firstm = malloc((size_t)(nent ? nent : 1) * sizeof *firstm);
    ordkey *order = malloc((size_t)(nent ? nent : 1) * sizeof *order);
    uniq lists[3] = {{0}};
    if (!firstm || !order || uniq_init(&lists[0], &e->person) ||
        uniq_init(&lists[1], &e->org) || uniq_init(&lists[2], &e->place))
        rc = NX_ENOMEM;
    /* each entity's first mention (the first of equals) */
    for (int i = 0; rc == NX_OK && i < nent; i++) {
        firstm[i] = -1;
        order[i] = (ordkey){UINT32_MAX, (size_t)i};
    }
    for (size_t i = 0; rc == NX_OK && i < d->nment; i++) {
        int en = d->ments[i].entity;
        if (en >= 0 && d->ments[i].tok < order[en].tok) {
            order[en].tok = d->ments[i].tok;
            firstm[en] = (int)i;
        }
    }
    if (rc == NX_OK)
        qsort(order, (size_t)nent, sizeof *order, cmp_ord);
    for (int i = 0; i < nent && rc == NX_OK; i++) {
        int en = (int)order[i].idx, m = firstm[en];
        if (m < 0)
            continue;
        const char *name = x_entity_name(d, en);
        int type = d->ments[m].type;
        uniq *l = type == XM_PER ? &lists[0]
                  : type == XM_ORG ? &lists[1]
                  : type == XM_LOC ? &lists[2] : NULL;
        if (l && name && *name)
            rc = push_unique(l, name);
    }
    free(order);
    free(firstm);
    for (int i = 0; i < 3; i++)
        nx_strmap_free(lists[i].keys);
    if (rc != NX_OK)
        return rc;
    /* speakers by first speech */
    ordkey *so = malloc((d->nspeech ? d->nspeech : 1) * sizeof *so);
    uniq by = {0};
    if (!so || uniq_init(&by, &e->by)) {
        free(so);
        nx_strmap_free(by.keys);
        return NX_ENOMEM;
    }
    for (size_t i = 0; i < d->nspeech; i++)
        so[i] = (ordkey){d->speech[i].tok, i};
    qsort(so, d->nspeech, sizeof *so, cmp_ord);
    /* by: the confident ones; by_low: the rest, once no confident
     * attribution names them */
    uniq low = {0};
    if (uniq_init(&low, &e->by_low))
        rc = NX_ENOMEM;
    for (int lo = 0; lo < 2; lo++)
        for (size_t i = 0; i < d->nspeech && rc == NX_OK; i++) {
            const x_speech *sp = &d->speech[so[i].idx];
            if ((sp->conf < (float)NX_BY_CONFIDENT) != lo)
                continue;
            for (int w = 0; w < 2 && rc == NX_OK; w++) {
                const char *name;
                if (!speaker_name(d, w ? sp->also : sp->mention, &name))
                    continue;
                int has = lo ? uniq_has(&by, name) : 0;
                rc = has < 0 ? has
                     : has ? NX_OK
                           : push_unique(lo ? &low : &by, name);
            }
        }
    nx_strmap_free(low.keys);
    free(so);
    nx_strmap_free(by.keys);
    /* quotes */
    for (size_t qi = 0; qi < d->nquote && rc == NX_OK; qi++) {
        const x_quote *q = &d->quotes[qi];
        if (q->nwords == 0 || (!q->attributed && q->nwords <= 3))
            continue;               /* a scare quote */
        const char *name = NULL;
        if (!speaker_name(d, q->speaker, &name))
            speaker_name(d, q->also, &name);
        long start, end;
        char *text = quote_text(d, q, &start, &end);
        if (!text)
            return NX_ENOMEM;
        rc = push_quote(e, d, q, name, text, start, end);
    }
    return rc;
}
