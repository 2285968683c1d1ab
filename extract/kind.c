/*
 * kind.c — what the words around a name say it is.
 *
 * The tagger and the gazetteers type a name by its form; the words next
 * to it often say more.  "Newcastle boss Graeme Souness", "Liverpool's
 * captain", "Chelsea fans": a sports club, an organisation, though the
 * name is a city or a given name.  "the film Sideways", "the drama Vera
 * Drake", "the band Franz Ferdinand", "Franz Ferdinand frontman": a title
 * of a work or a band, no person, organisation or place (judged so in
 * bench/extraction/judged: the facets hold neither).  "the Six Nations title",
 * "Premiership leaders": a competition — said too of clubs and parties
 * now and then ("the Labour leaders"), so one article does not decide it.
 *
 * x_doc_kinds retypes an article's mentions where its own words are
 * clear (a club: ORG; a work or a band: MISC), never a country's name
 * (national sides have coaches and captains too) nor, for a club, a
 * person's possessive ("Henman's coach" is a tennis player's coach).
 * Every name with a cue is listed in nx_entities.cued_club / cued_work /
 * cued_event, which the archive's entity table counts (etable.c): a name
 * the archive often writes so is decided there for the articles that do
 * not say it.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"

enum { K_CLUB = 1, K_WORK = 2, K_WORK_WEAK = 4, K_EVENT = 8,
       K_POSS = 16 };   /* K_POSS: the words after came after 's */

/* After a club's name (optionally after its possessive). */
static const char *const CLUB_AFTER[] = {
    "manager", "boss", "coach", "striker", "midfielder", "defender",
    "goalkeeper", "keeper", "winger", "captain", "skipper", "fans",
    "supporters", "chairman", "squad", "playmaker", "players", "side",
    "flanker", NULL};
/* Before a band's name, and after it. */
static const char *const BAND_BEFORE[] = {"band", NULL};
static const char *const BAND_AFTER[] = {"frontman", "guitarist", "drummer",
                                         "bassist", NULL};
/* Before a work's title ("the film Sideways"); after it, for the
 * archive only ("the Aviator soundtrack"). */
static const char *const WORK_BEFORE[] = {
    "film", "movie", "album", "single", "song", "novel", "book", "musical",
    "sitcom", "documentary", "opera", "comedy", "drama", "thriller",
    "biopic", "blockbuster", NULL};
static const char *const WORK_AFTER[] = {"sequel", "soundtrack", "trilogy",
                                         "screenplay", NULL};
/* After a title with "the" before it, for the archive only: "the Harry
 * Potter films", "the Lord of the Rings books". */
static const char *const WORK_AFTER_THE[] = {"film", "films", "movie",
                                             "movies", "books", "novels",
                                             "franchise", NULL};
/* After a product's name, for the archive only: "Xbox games console",
 * "the PSP handheld" (never a company the gazetteer lists: "Nintendo
 * console" is the company's). */
static const char *const PRODUCT_AFTER[] = {"console", "consoles",
                                            "handheld", NULL};
/* After a competition's name ("the Six Nations title"). */
static const char *const EVENT_AFTER[] = {
    "title", "final", "finals", "season", "leaders", "table", "champions",
    "fixture", "fixtures", "opener", "clash", "match", "tie", "trophy",
    "crown", "decider", "showdown", "clubs", NULL};

static int word_in(const x_doc *d, uint32_t t, const char *const *list)
{
    if (t >= d->ntok || d->toks[t].kind != XT_WORD)
        return 0;
    for (size_t i = 0; list[i]; i++)
        if (x_tok_is(d, t, list[i]))
            return 1;
    return 0;
}

/* The gazetteer lists the mention's name as an organisation. */
static int known_org(const x_doc *d, const x_mention *m)
{
    char *k = x_span_key(d, m->tok, m->ntok);
    const x_gent *g = k ? x_gaz_get(&d->x->gaz, k, strlen(k)) : NULL;
    free(k);
    return g && (g->flags & XG_ORG);
}

/* The cues around one mention (K_ bits). */
static unsigned mention_cues(const x_doc *d, const x_mention *m)
{
    unsigned k = 0;
    uint32_t a = m->tok, next = m->tok + m->ntok;
    uint32_t sent = d->toks[a].sent;
    int poss = next < d->ntok && d->toks[next].kind == XT_POSS;
    if (poss)
        next++;
    if (next < d->ntok && d->toks[next].sent == sent) {
        if (word_in(d, next, CLUB_AFTER))
            k |= K_CLUB;
        if (word_in(d, next, BAND_AFTER))
            k |= K_WORK;
        uint32_t pn = next + (x_tok_is(d, next, "games") ? 1 : 0);
        if (!poss && word_in(d, pn, PRODUCT_AFTER) && !known_org(d, m))
            k |= K_WORK_WEAK;
        if (word_in(d, next, WORK_AFTER) ||
            (!poss && a > 0 && x_tok_lower_is(d, a - 1, "the") &&
             word_in(d, next, WORK_AFTER_THE)))
            k |= K_WORK_WEAK;
        if (!poss && word_in(d, next, EVENT_AFTER))
            k |= K_EVENT;
        if (poss)
            k |= K_POSS;
    }
    uint32_t p = a;
    if (p > 0 && d->toks[p - 1].kind == XT_QUOTE)
        p--;
    if (p > 0 && d->toks[p - 1].sent == sent) {
        if (word_in(d, p - 1, WORK_BEFORE))
            k |= K_WORK;
        if (word_in(d, p - 1, BAND_BEFORE))
            k |= K_WORK;
    }
    return k;
}

/* Countries, and parts called one (Wales, Scotland): their teams are
 * national sides, the names stay places. */
static int is_country(const x_doc *d, const char *key)
{
    const x_gent *g = key ? x_gaz_get(&d->x->gaz, key, strlen(key)) : NULL;
    return g && (g->flags & XG_NATION);
}

static int push_once(nx_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return NX_OK;
    return nx_strlist_push(l, s) == 0 ? NX_OK : NX_ENOMEM;
}

int x_doc_kinds(x_doc *d, int nent, nx_entities *e)
{
    if (nent <= 0)
        return NX_OK;
    unsigned *k = calloc((size_t)nent, sizeof *k);
    int *type = malloc((size_t)nent * sizeof *type);
    if (!k || !type) {
        free(k);
        free(type);
        return NX_ENOMEM;
    }
    for (int i = 0; i < nent; i++)
        type[i] = -1;
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        if (m->entity < 0 || m->entity >= nent || m->type > XM_LOC)
            continue;
        unsigned c = mention_cues(d, m);
        /* a person's possessive and a role is someone's coach, not a
         * club's: "Henman's coach" */
        if ((c & K_CLUB) && (c & K_POSS) && m->type == XM_PER)
            c &= ~(unsigned)K_CLUB;
        k[m->entity] |= c & ~(unsigned)K_POSS;
        if (type[m->entity] < 0)
            type[m->entity] = m->type;
    }
    int rc = NX_OK;
    for (int en = 0; en < nent && rc == NX_OK; en++) {
        int first = type[en];
        type[en] = -1;   /* from here: the type its mentions take, or -1 */
        if (!k[en] || first < 0)
            continue;
        const char *name = x_entity_name(d, en);
        if (!name || !*name)
            continue;
        char *key = nx_name_key(name);
        if (!key) {
            rc = NX_ENOMEM;
            break;
        }
        int country = is_country(d, key);
        free(key);
        if (country)
            continue;
        int to = -1;
        if (k[en] & K_WORK)
            to = XM_MISC;
        else if ((k[en] & K_CLUB) && first != XM_ORG)
            to = XM_ORG;
        if ((k[en] & K_CLUB) && !(k[en] & K_WORK))
            rc = push_once(&e->cued_club, name);
        if (rc == NX_OK && (k[en] & (K_WORK | K_WORK_WEAK)))
            rc = push_once(&e->cued_work, name);
        if (rc == NX_OK && (k[en] & K_EVENT))
            rc = push_once(&e->cued_event, name);
        type[en] = to;
    }
    for (size_t i = 0; rc == NX_OK && i < d->nment; i++) {
        x_mention *m = &d->ments[i];
        if (m->entity >= 0 && m->entity < nent && m->type <= XM_LOC &&
            type[m->entity] >= 0)
            m->type = (uint8_t)type[m->entity];
    }
    free(k);
    free(type);
    return rc;
}
