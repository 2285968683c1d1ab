/*
 * rules.c — the rules stage: people, organisations and places from
 * capitalised runs, gazetteers and cues (see x_internal.h for the types).
 *
 * A run is a maximal sequence of capitalised words in one sentence (and on
 * one side of a quote mark), with joiners inside (von der Leyen, bin
 * Salman, Bank of England, Procter & Gamble), attached hyphens (Jean-Claude,
 * al-Assad) and the dots of initials and abbreviations (George W. Bush,
 * Gen. Milley).  Each run is then:
 *  1. trimmed of words capitalised only by position (a sentence-initial
 *     "Only", a headline's "Says", days and months);
 *  2. stripped of a title prefix from person-cues.txt, with nationalities
 *     and org or country names before the title ("Russian President",
 *     "NATO Secretary General"; the org or country counts as a mention,
 *     the nationality does not) — what follows is a person;
 *  3. classified: a gazetteer hit (orgs, then countries, subdivisions,
 *     cities) → org/place; a first name leading two or more words →
 *     person; an org cue at the end ("Inc", "Bank") or head ("Bank of") →
 *     org; a context cue → place ("in X", "X region", "X-based") or org
 *     ("the X", "a spokesman for X"); an appositive role (", a spokesman")
 *     → person; a speech verb after it → a speaker whose type the resolve
 *     pass decides; otherwise an unsure mention that survives only if it
 *     matches an entity supported elsewhere.
 * Unknown runs are split by the longest gazetteer matches inside them.
 * Sentence-initial one-word runs and headline words in a Title Case or
 * ALL CAPS headline are unsure unless a gazetteer supports them.
 *
 * The resolve stage (combine.c, after the tagger) gives every mention its
 * canonical name and key, and decides the unsure ones by the supported
 * names, their surnames and the alias table.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_status.h"
#include "x_internal.h"

#define MAX_RUN 16

typedef struct run {
    uint32_t a, b;          /* tokens [a, b) */
    int initial;            /* starts a sentence (or a headline) */
} run;

static int capword(const x_doc *d, uint32_t t)
{
    return t < d->ntok && d->toks[t].kind == XT_WORD &&
           (d->toks[t].flags & XF_UPPER);
}

static int same_zone(const x_doc *d, uint32_t a, uint32_t b)
{
    return d->toks[a].sent == d->toks[b].sent &&
           d->toks[a].quote == d->toks[b].quote;
}

/* The gazetteer entry of tokens [a, b) (plus a possessive when poss). */
static const x_gent *gaz_span(const x_doc *d, uint32_t a, uint32_t b)
{
    if (b <= a || b - a > 8)
        return NULL;
    char *k = x_span_key(d, a, b - a);
    const x_gent *e = k && *k ? x_gaz_get(&d->x->gaz, k, strlen(k)) : NULL;
    free(k);
    return e;
}

static unsigned gaz_flags(const x_doc *d, uint32_t a, uint32_t b)
{
    const x_gent *e = gaz_span(d, a, b);
    return e ? e->flags : 0;
}

/* Words after which "of" joins a name: org heads and place heads. */
static int of_head(const x_doc *d, uint32_t t)
{
    static const char *const H[] = {
        "Republic", "Kingdom", "Gulf", "Sea", "Bay", "Isle", "Isles", "Cape",
        "Strait", "Straits", "Islands", "Duke", "Duchess", "Bank", "Ministry",
        "University", "Department", "Council", "Chamber", "Church", "Court",
        "Secretary", "Minister", "Governor", "House", "Board", "Institute",
        "College", "School", "Museum", "Office", "Union", "League", "Order",
        "Federation", "Commission", "Committee", "Association", "Society",
        "Academy", "Organization", "Organisation", "Party", "Army", "Bureau",
        "Chief", "Director", "Lake", "Mount", "City", "State", "States",
        "Province", "Region", NULL};
    for (size_t i = 0; H[i]; i++)
        if (x_tok_is(d, t, H[i]))
            return 1;
    return (gaz_flags(d, t, t + 1) & XG_OCUE) != 0;
}

/* Organisation heads after which "for" joins a name: "Institute for
 * Fiscal Studies", "Office for National Statistics", "Internet
 * Corporation for Assigned Names" (not a title: "Minister for Europe"). */
static int for_head(const x_doc *d, uint32_t t)
{
    static const char *const H[] = {
        "Institute", "Centre", "Center", "Campaign", "Council", "Commission",
        "Committee", "Association", "Society", "Foundation", "Office",
        "Agency", "Trust", "Fund", "Coalition", "Alliance", "League",
        "Union", "Corporation", "Organisation", "Organization", "Federation",
        "Department", "Ministry", "Bureau", "Network", "Partnership",
        "Authority", "Forum", "Movement", "Party", "Board", NULL};
    for (size_t i = 0; H[i]; i++)
        if (x_tok_is(d, t, H[i]))
            return 1;
    return 0;
}

/* Extends a run from a capitalised word at a. */
static uint32_t run_end(const x_doc *d, uint32_t a)
{
    uint32_t b = a + 1;
    while (b < d->ntok && b - a < MAX_RUN && same_zone(d, a, b)) {
        const x_tok *u = &d->toks[b];
        if (capword(d, b) && !(u->flags & XF_SENT_START)) {
            b++;
            continue;
        }
        if (u->kind == XT_HYPHEN && b + 1 < d->ntok &&
            d->toks[b + 1].kind == XT_WORD &&
            (capword(d, b + 1) || (d->toks[b - 1].lex & LX_JOIN))) {
            b += 2;                       /* Jean-Claude, al-Assad */
            continue;
        }
        if (u->kind == XT_PUNCT && d->text[u->off] == '.' &&
            (u->flags & XF_NOSPACE) && capword(d, b + 1) &&
            same_zone(d, a, b + 1) &&
            (d->toks[b - 1].len == 1 ||
             nx_name_is_title(d->text + d->toks[b - 1].off,
                              d->toks[b - 1].len))) {
            b++;                          /* George W. Bush, Gen. Milley */
            continue;
        }
        if (x_tok_is(d, b, "for") && for_head(d, b - 1) &&
            b + 1 < d->ntok && capword(d, b + 1) && same_zone(d, a, b + 1)) {
            b++;                          /* Institute for Fiscal Studies */
            continue;
        }
        if (u->kind == XT_WORD && !(u->flags & XF_UPPER) &&
            (u->lex & LX_JOIN)) {
            uint32_t c = b;
            while (c < d->ntok && d->toks[c].kind == XT_WORD &&
                   !(d->toks[c].flags & XF_UPPER) &&
                   (d->toks[c].lex & LX_JOIN) && c - b < 3)
                c++;
            if (c < d->ntok && same_zone(d, a, c) &&
                (capword(d, c) || (d->toks[c].kind == XT_HYPHEN &&
                                   capword(d, c + 1)))) {
                if (x_tok_is(d, b, "of") && !of_head(d, b - 1))
                    break;
                b = c;
                continue;
            }
        }
        if (x_tok_is(d, b, "and") && capword(d, b + 1) &&
            same_zone(d, a, b + 1)) {
            uint32_t c = b + 1;
            while (c < d->ntok && capword(d, c) && c - a < MAX_RUN)
                c++;
            const x_gent *e = gaz_span(d, a, c);
            if ((e && (e->flags & (XG_ORG | XG_PLACE))) ||
                (gaz_flags(d, c - 1, c) & XG_OCUE)) {
                b = c;               /* Bosnia and Herzegovina */
                continue;
            }
        }
        if (u->kind == XT_PUNCT && d->text[u->off] == '&' &&
            capword(d, b + 1) && same_zone(d, a, b + 1)) {
            b += 2;
            continue;
        }
        break;
    }
    return b;
}

/* Whether token t starts its sentence (after opening quotes or brackets). */
static int sentence_initial(const x_doc *d, uint32_t t)
{
    while (t > 0 && !(d->toks[t].flags & XF_SENT_START)) {
        const x_tok *p = &d->toks[t - 1];
        if (!(p->kind == XT_QUOTE ||
              (p->kind == XT_PUNCT && strchr("([", d->text[p->off])) ||
              p->kind == XT_DASH))
            return 0;
        t--;
    }
    return 1;
}

static int add(x_doc *d, uint32_t a, uint32_t b, int type, float score,
               unsigned mflags, const char *name)
{
    char *own = NULL;
    if (!name) {
        own = x_span_text(d, a, b - a);
        if (!own)
            return NX_ENOMEM;
        name = own;
    }
    int rc = x_doc_add_mention(d, a, b - a, type, score, name);
    free(own);
    if (rc < 0)
        return rc;
    d->ments[rc].flags |= (uint8_t)mflags;
    return NX_OK;
}

/* Adds a gazetteer hit as an org or place; returns 1 when it did. */
static int add_gaz(x_doc *d, uint32_t a, uint32_t b, const x_gent *e,
                   unsigned mflags, int *rc)
{
    const x_gaz *g = &d->x->gaz;
    if (e->flags & XG_ORG)
        *rc = add(d, a, b, XM_ORG, 0.9f, mflags, g->strs[e->org_canon]);
    else if (e->flags & XG_PLACE)
        *rc = add(d, a, b, XM_LOC, 0.9f, mflags, g->strs[e->place_canon]);
    else
        return 0;
    return 1;
}

/* Length of the longest person cue at a (within [a, b)), or 0. */
static uint32_t cue_at(const x_doc *d, uint32_t a, uint32_t b)
{
    for (uint32_t l = b - a < 4 ? b - a : 4; l > 0; l--)
        if (gaz_flags(d, a, a + l) & XG_PCUE)
            return l;
    return 0;
}

/* Titles that stay part of a name ("Pope Francis", "King Charles"). */
static int keeps_title(const x_doc *d, uint32_t t)
{
    static const char *const K[] = {"Pope", "King", "Queen", "Prince",
                                    "Princess", "Sheikh", "Sultan", "Emir",
                                    "Emperor", "Empress", "Dalai", "Lady",
                                    "Lord", NULL};
    for (size_t i = 0; K[i]; i++)
        if (x_tok_is(d, t, K[i]))
            return 1;
    return 0;
}

/* Step 2: a title prefix; returns the first token of the name and sets
 * *cue.  Orgs and countries before the title become mentions. */
static uint32_t strip_title(x_doc *d, uint32_t a, uint32_t b, int *cue,
                            int *rc)
{
    uint32_t p = a;
    *cue = 0;
    while (p < b) {
        if (keeps_title(d, p)) {
            *cue = 1;
            break;
        }
        uint32_t l = cue_at(d, p, b);
        if (l && p + l < b) {
            p += l;
            *cue = 1;
            while (p < b && d->toks[p].kind == XT_PUNCT)
                p++;                      /* the dot of "Gen." */
            continue;
        }
        /* Russian | NATO | U.S. | Bank of England — then a title */
        int found = 0;
        for (uint32_t m = b - p - 1 < 4 ? b - p - 1 : 4; m > 0 && !found;
             m--) {
            const x_gent *e = gaz_span(d, p, p + m);
            if (!e || !(e->flags & (XG_NAT | XG_ORG | XG_COUNTRY)))
                continue;
            uint32_t l2 = cue_at(d, p + m, b);
            if (!l2 || p + m + l2 >= b)
                continue;
            if (!(e->flags & XG_NAT) || (e->flags & (XG_ORG | XG_COUNTRY)))
                add_gaz(d, p, p + m, e, 0, rc);
            p += m;
            found = 1;
        }
        if (!found)
            break;
    }
    return p;
}

static int prev_is(const x_doc *d, uint32_t a, const char *w)
{
    return a > 0 && same_zone(d, a - 1, a) && x_tok_is(d, a - 1, w);
}

/* ", a spokesman", ", the chief executive of", ", who": a person. */
static int appositive_person(const x_doc *d, uint32_t b)
{
    if (b >= d->ntok || !x_tok_is(d, b, ","))
        return 0;
    if (x_tok_is(d, b + 1, "who"))
        return 1;
    if (b + 1 < d->ntok && d->toks[b + 1].kind == XT_NUM &&
        x_tok_is(d, b + 2, ","))
        return 1;                         /* ", 45," */
    if (!(x_tok_lower_is(d, b + 1, "a") || x_tok_lower_is(d, b + 1, "an") ||
          x_tok_lower_is(d, b + 1, "the")))
        return 0;
    for (uint32_t t = b + 2; t < b + 6 && t < d->ntok; t++) {
        if (d->toks[t].kind != XT_WORD)
            return 0;
        if ((d->toks[t].lex & LX_ROLE) && !(d->toks[t].flags & XF_UPPER))
            return !(d->toks[t].lex & LX_ORGANA);
    }
    return 0;
}

/* The speech verb after a run (skipping an appositive and adverbs), or 0. */
static int speech_after(const x_doc *d, uint32_t b)
{
    uint32_t t = b;
    if (t < d->ntok && d->toks[t].kind == XT_POSS)
        return 0;
    if (x_tok_is(d, t, ",")) {            /* Lagarde, the ECB president, */
        uint32_t u = t + 1;
        while (u < d->ntok && u < t + 10 && !x_tok_is(d, u, ",") &&
               d->toks[u].kind != XT_QUOTE)
            u++;
        if (!x_tok_is(d, u, ","))
            return 0;
        t = u + 1;
    }
    for (int skip = 0; skip < 3 && t < d->ntok; skip++, t++) {
        const x_tok *k = &d->toks[t];
        if (k->kind != XT_WORD)
            return 0;
        if (k->lex & (LX_SAY1 | LX_SAY2))
            return 1;
        if (k->flags & XF_UPPER)
            return 0;
        if (!(x_tok_is(d, t, "also") || x_tok_is(d, t, "has") ||
              x_tok_is(d, t, "had") || x_tok_is(d, t, "later") ||
              x_tok_is(d, t, "then") || x_tok_is(d, t, "previously") ||
              x_tok_is(d, t, "once") || x_tok_is(d, t, "again") ||
              x_tok_is(d, t, "recently") || x_tok_is(d, t, "have") ||
              x_tok_is(d, t, "reportedly") || x_tok_is(d, t, "responded") ||
              x_tok_is(d, t, "by")))
            return 0;
    }
    return 0;
}

static int compass(const x_doc *d, uint32_t t)
{
    static const char *const C[] = {"West", "East", "North", "South",
                                    "Western", "Eastern", "Northern",
                                    "Southern", "Left", "Right", "Centre",
                                    "Center", "Midwest", NULL};
    for (size_t i = 0; C[i]; i++)
        if (x_tok_is(d, t, C[i]))
            return 1;
    return 0;
}

static int classify(x_doc *d, uint32_t a, uint32_t b, int initial,
                    int title_cue, int in_title);

/* One-word titles that are also ordinary words in names of things. */
static int ambiguous_title(const x_doc *d, uint32_t t)
{
    static const char *const T[] = {"General", "Major", "Chief", "Deputy",
                                    "Leader", "Director", "Secretary",
                                    "Chair", "Manager", "Officer", "Private",
                                    "Brother", "Sister", "Father", "Justice",
                                    "Marshal", "Speaker", "Judge", NULL};
    for (size_t i = 0; T[i]; i++)
        if (x_tok_is(d, t, T[i]))
            return 1;
    return 0;
}

/* A competition's or a prize's word after a sponsor's name: "Heineken
 * Cup", "Carling Cup", "Stella Artois Championships" name an event, not
 * the company. */
static int event_word(const x_doc *d, uint32_t t)
{
    static const char *const W[] = {"Cup", "Open", "Trophy", "Championship",
                                    "Championships", "Classic", "Masters",
                                    "Prize", "Awards", "Award", "League",
                                    "Premiership", "Series", "Marathon",
                                    NULL};
    for (size_t i = 0; W[i]; i++)
        if (x_tok_is(d, t, W[i]))
            return 1;
    return 0;
}

/* Unknown: the longest gazetteer matches inside [a, b); the rest unsure. */
static int segment(x_doc *d, uint32_t a, uint32_t b, int initial,
                   int in_title)
{
    int rc = NX_OK;
    uint32_t p = a, rest = a;
    /* "Heineken Cup": a company named in an event's name is no mention */
    for (uint32_t t = a + 1; t < b; t++)
        if (event_word(d, t) && (gaz_flags(d, t - 1, t) & XG_ORG) &&
            !(gaz_flags(d, t - 1, t) & XG_PLACE))
            return NX_OK;
    while (p < b && rc == NX_OK) {
        int hit = 0;
        uint32_t maxl = b - p < (uint32_t)d->x->gaz.max_words
                            ? b - p : (uint32_t)d->x->gaz.max_words;
        for (uint32_t l = maxl; l > 0 && !hit; l--) {
            if (!capword(d, p) || !capword(d, p + l - 1))
                continue;
            const x_gent *e = gaz_span(d, p, p + l);
            if (!e || !(e->flags & (XG_ORG | XG_PLACE)) ||
                (l == 1 && (d->toks[p].lex & (LX_CAL | LX_FUNC))))
                continue;
            if (!(e->flags & (XG_ORG | XG_COUNTRY | XG_SUBDIV)) &&
                e->population < 100000)
                continue;            /* "Sale", "Union": small towns */
            if (rest < p)
                rc = classify(d, rest, p, initial && rest == a, 0, in_title);
            if (rc == NX_OK)
                add_gaz(d, p, p + l, e, 0, &rc);
            p += l;
            rest = p;
            hit = 1;
        }
        if (!hit)
            p++;
    }
    if (rc == NX_OK && rest > a && rest < b)
        rc = classify(d, rest, b, 0, 0, in_title);
    return rc;
}

/* Step 3 on a trimmed, title-stripped run [a, b). */
static int classify(x_doc *d, uint32_t a, uint32_t b, int initial,
                    int title_cue, int in_title)
{
    while (a < b && !capword(d, a))
        a++;
    while (b > a && !capword(d, b - 1))
        b--;
    if (a >= b)
        return NX_OK;
    int rc = NX_OK;
    uint32_t n = b - a;
    /* McDonald's: the possessive is part of a listed name */
    if (b < d->ntok && d->toks[b].kind == XT_POSS) {
        const x_gent *e = gaz_span(d, a, b + 1);
        if (e && (e->flags & XG_ORG) && add_gaz(d, a, b + 1, e, 0, &rc))
            return rc;
    }
    const x_gent *e = gaz_span(d, a, b);
    if (e && n == 1 && (d->toks[a].lex & (LX_CAL | LX_FUNC)))
        e = NULL;                    /* "in March": a month, not the town */
    unsigned f = e ? e->flags : 0;
    unsigned f0 = gaz_flags(d, a, a + 1), fl = gaz_flags(d, b - 1, b);
    const x_tok *prev = a > 0 && same_zone(d, a - 1, a) ? &d->toks[a - 1]
                                                         : NULL;
    if (prev && prev->kind == XT_WORD && !(prev->flags & XF_UPPER) &&
        ((prev->lex & LX_ROLE) || (gaz_flags(d, a - 1, a) & XG_PCUE)))
        title_cue = 1;               /* spokesman Dmitry Peskov */
    int speaker = speech_after(d, b);
    unsigned sflag = speaker ? XMF_SPEAKER_SUBJ : 0;
    unsigned unsure = (initial && n == 1) || in_title ? XMF_NEEDS_SUPPORT
                                                      : 0;
    if (title_cue && !(n >= 2 && (f & (XG_ORG | XG_COUNTRY))))
        return add(d, a, b, XM_PER, 0.9f, sflag | XMF_TITLE_CUE, NULL);
    if (f & (XG_ORG | XG_COUNTRY | XG_SUBDIV)) {
        add_gaz(d, a, b, e, 0, &rc);
        return rc;
    }
    if (f & XG_CITY) {
        /* a city named like a person or a common word needs support,
         * and so does one opening a sentence when the body writes it in
         * lower case ("Mobile phones ...": Mobile, Alabama) */
        int weak = (f & XG_FIRST) || (n == 1 && e->population < 100000) ||
                   (n == 1 && initial && x_body_lower(d, a));
        if (!weak || prev_is(d, a, "in") || prev_is(d, a, "from") ||
            prev_is(d, a, "near") || prev_is(d, a, "at")) {
            add_gaz(d, a, b, e, 0, &rc);
            return rc;
        }
        if (!speaker)
            return add(d, a, b, XM_LOC, 0.5f, XMF_NEEDS_SUPPORT,
                       d->x->gaz.strs[e->place_canon]);
    }
    if ((fl & XG_OCUE) && n >= 2)
        return add(d, a, b, XM_ORG, 0.8f, sflag, NULL);
    if (n >= 3 && (f0 & XG_OCUE) && x_tok_is(d, a + 1, "of"))
        return add(d, a, b, XM_ORG, 0.8f, sflag, NULL);
    /* The first-name list holds words like "Bank", "Said", "Read". */
    if ((f0 & XG_FIRST) && n >= 2 && !(f0 & XG_OCUE) &&
        !(d->toks[a].lex & (LX_FUNC | LX_SAY1 | LX_SAY2 | LX_ROLE)) &&
        !compass(d, a) &&
        !(gaz_flags(d, a + 1, b) & (XG_ORG | XG_PLACE)) &&
        !(d->toks[b - 1].lex & LX_PLACEN))
        return add(d, a, b, XM_PER, 0.8f, sflag, NULL);  /* Antony Blinken */
    if (n >= 2) {
        /* a known name inside: split around it */
        for (uint32_t t = a; t < b; t++)
            if (gaz_flags(d, t, t + 1) & (XG_ORG | XG_PLACE))
                return segment(d, a, b, initial, in_title);
        for (uint32_t t = a + 1; t < b; t++)
            if (d->toks[t].kind == XT_HYPHEN) {
                /* Russia-Ukraine: two names */
                rc = classify(d, a, t, initial, 0, in_title);
                if (rc == NX_OK)
                    rc = classify(d, t + 1, b, 0, 0, in_title);
                return rc;
            }
    }
    if (f & XG_NAT)
        return NX_OK;                 /* Russian, Americans */
    if (n == 1 && ((d->toks[a].lex & (LX_FUNC | LX_CAL)) || compass(d, a) ||
                   (f & (XG_PCUE | XG_OCUE))))
        return NX_OK;
    const x_tok *next = b < d->ntok && same_zone(d, a, b) ? &d->toks[b] : NULL;
    if (next && next->kind == XT_WORD && !(next->flags & XF_UPPER) &&
        (next->lex & LX_PLACEN) && !speaker)
        return add(d, a, b, XM_LOC, 0.7f, 0, NULL);     /* Donbass region */
    if (next && next->kind == XT_HYPHEN &&
        (x_tok_is(d, b + 1, "based") || x_tok_is(d, b + 1, "born")))
        return add(d, a, b, XM_LOC, 0.7f, 0, NULL);     /* Kyiv-based */
    if (appositive_person(d, b))
        return add(d, a, b, XM_PER, 0.7f, sflag, NULL);
    if (d->toks[a].flags & XF_ALLCAPS && n == 1 && !speaker)
        return NX_OK;                 /* an unknown acronym */
    if (!unsure && (prev_is(d, a, "in") || prev_is(d, a, "near")) &&
        !speaker && !(f0 & XG_FIRST) &&
        !(next && next->kind == XT_POSS))   /* in Putin's policy */
        return add(d, a, b, XM_LOC, 0.5f, 0, NULL);
    if (a >= 2 && (prev_is(d, a, "for") || prev_is(d, a, "at") ||
                   (a >= 3 && prev_is(d, a, "the") &&
                    (x_tok_is(d, a - 2, "for") || x_tok_is(d, a - 2, "at")))) &&
        !(f0 & XG_FIRST)) {
        uint32_t r = x_tok_is(d, a - 1, "the") ? a - 3 : a - 2;
        if (d->toks[r].lex & LX_ROLE)  /* a spokesman for Globex */
            return add(d, a, b, XM_ORG, 0.6f, sflag, NULL);
    }
    if (n == 1 && a > 0 && (x_tok_is(d, a - 1, "the") ||
                            (x_tok_is(d, a - 1, "The") && initial)) &&
        !(f0 & XG_FIRST))
        return add(d, a, b, XM_ORG, 0.5f, sflag, NULL);  /* the Pentagon */
    if (speaker)
        return add(d, a, b, XM_UNSURE, 0.4f, XMF_SPEAKER_SUBJ | unsure, NULL);
    return add(d, a, b, XM_UNSURE, 0.3f, XMF_NEEDS_SUPPORT, NULL);
}

int x_body_lower(const x_doc *d, uint32_t t)
{
    const x_tok *k = &d->toks[t];
    for (uint32_t i = t + 1; i < d->ntok; i++) {
        const x_tok *o = &d->toks[i];
        if (!(o->flags & XF_TITLE) && o->kind == XT_WORD &&
            o->len == k->len && d->text[o->off] >= 'a' &&
            d->text[o->off] <= 'z' &&
            strncasecmp(d->text + o->off, d->text + k->off, k->len) == 0)
            return 1;
    }
    return 0;
}

/* A headline in Title Case or ALL CAPS: its capitals say nothing. */
static int title_caps(const x_doc *d)
{
    int words = 0, caps = 0, allcaps = 0;
    for (uint32_t t = 0; t < d->ntok && (d->toks[t].flags & XF_TITLE); t++) {
        const x_tok *k = &d->toks[t];
        if (k->kind != XT_WORD || k->len < 4 || (k->lex & LX_FUNC))
            continue;
        words++;
        caps += (k->flags & XF_UPPER) != 0;
        allcaps += (k->flags & XF_ALLCAPS) != 0;
    }
    return words >= 2 && (caps * 10 >= words * 7 || allcaps * 10 >= words * 7);
}

/* Headline in title case: gazetteer names only; other words unsure. */
static int headline(x_doc *d, uint32_t *tp)
{
    uint32_t t = *tp;
    int rc = NX_OK;
    while (t < d->ntok && (d->toks[t].flags & XF_TITLE) && rc == NX_OK) {
        if (d->toks[t].kind != XT_WORD) {
            t++;
            continue;
        }
        int hit = 0;
        for (uint32_t l = (uint32_t)d->x->gaz.max_words; l > 0 && !hit; l--) {
            if (t + l > d->ntok || !(d->toks[t + l - 1].flags & XF_TITLE))
                continue;
            const x_gent *e = gaz_span(d, t, t + l);
            if (!e || !(e->flags & (XG_ORG | XG_PLACE)))
                continue;
            if (l == 1 && (d->toks[t].lex & LX_FUNC))
                continue;
            /* a small town named like a word ("Cocoa") needs support, and
             * so does a name the body writes in lower case ("SALE" of
             * "lease sale", Sale the town and Salé the prefecture) */
            unsigned weak = ((e->flags & (XG_ORG | XG_COUNTRY | XG_SUBDIV)) ||
                             e->population >= 1000000) &&
                            !(l == 1 && x_body_lower(d, t))
                                ? 0 : XMF_NEEDS_SUPPORT;
            add_gaz(d, t, t + l, e, weak, &rc);
            t += l;
            hit = 1;
        }
        if (hit)
            continue;
        const x_tok *k = &d->toks[t];
        if ((k->flags & XF_UPPER) && !(k->lex & (LX_FUNC | LX_CAL | LX_SAY1 |
                                                 LX_SAY2)) &&
            !(gaz_flags(d, t, t + 1) & (XG_NAT | XG_PCUE)))
            rc = add(d, t, t + 1, XM_UNSURE, 0.3f, XMF_NEEDS_SUPPORT, NULL);
        t++;
    }
    *tp = t;
    return rc;
}

static int rules_run(void *state, x_doc *d)
{
    (void)state;
    int rc = NX_OK;
    uint32_t t = 0;
    d->title_caps = title_caps(d);
    if (d->title_caps)
        rc = headline(d, &t);
    while (t < d->ntok && rc == NX_OK) {
        if (!capword(d, t)) {
            t++;
            continue;
        }
        uint32_t a = t, b = run_end(d, t);
        t = b;
        int initial = sentence_initial(d, a);
        int in_title = (d->toks[a].flags & XF_TITLE) != 0;
        /* step 1: capitalised by position only */
        while (a < b && initial &&
               (d->toks[a].lex & (LX_FUNC | LX_CAL)) && b - a > 1 &&
               capword(d, a + 1)) {
            a++;
            initial = 0;
        }
        while (b > a && (d->toks[b - 1].lex & LX_CAL) && b - a > 1)
            b--;
        if (a < b && d->toks[a].kind == XT_WORD &&
            (d->toks[a].lex & LX_FUNC) && initial && b - a == 1)
            continue;
        /* a whole run that is a known name wins over a title inside it */
        const x_gent *e = gaz_span(d, a, b);
        if (e && (e->flags & (XG_ORG | XG_PLACE)) && !(e->flags & XG_PCUE)) {
            rc = classify(d, a, b, initial, 0, in_title);
            continue;
        }
        if (b - a >= 2 && (gaz_flags(d, b - 1, b) & XG_OCUE)) {
            rc = classify(d, a, b, initial, 0, in_title);  /* General Motors Corp */
            continue;
        }
        int cue;
        uint32_t p = strip_title(d, a, b, &cue, &rc);
        if (rc != NX_OK)
            break;
        if (cue && p == a + 1 && ambiguous_title(d, a) &&
            !(gaz_flags(d, p, p + 1) & XG_FIRST)) {
            /* "General Agreement", "Chief Economist": not a title here */
            rc = classify(d, a, b, initial, 0, in_title);
            continue;
        }
        if (p >= b)
            continue;                     /* a title alone names nobody */
        rc = classify(d, p, b, initial && p == a, cue, in_title && !cue);
    }
    return rc;
}

const x_stage x_stage_rules = {"rules", NULL, rules_run, NULL};
