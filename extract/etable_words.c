/*
 * etable_words.c — what a name's words say, for the archive's entity table
 * (etable.c decides, etable_apply.c applies): heads of awards and
 * events, of a country's institutions, of organisations; descriptions,
 * adjectives and things written in capitals that name no one.
 */
#include "etable_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_names.h"
#include "x_internal.h"

/* Head words of awards, competitions and events: CoNLL's MISC, never a
 * person, organisation or place ("Davis Cup", "Golden Globe", "Nobel
 * Prize", "Cannes Film Festival"). */
static const char *const MISC_HEADS[] = {
    "cup", "trophy", "award", "awards", "prize", "prizes", "globe",
    "globes", "championship", "championships", "olympics", "games",
    "festival", "oscar", "oscars", "bafta", "baftas", "grammy", "grammys",
    "emmy", "emmys", "medal", "agreement", "accord", "accords", "treaty",
    "pact", "dlrs", "dlr", "dollar", "dollars", "rate", "rates", "index",
    "average", NULL};
/* Heads of a country's institutions: "Finance Ministry" is Japan's in
 * an article about Japan. */
static const char *const INSTITUTIONS[] = {
    "ministry", "department", "treasury", "exchequer", "bank", "court",
    "parliament", "senate", "government", "cabinet", "army", "navy",
    "police", "embassy", "agency", "commission", "council", "office",
    NULL};
/* Words that make an institution's head a portfolio, not a name: "Finance
 * Ministry", "Central Bank" are some country's, never one body. */
static const char *const PORTFOLIOS[] = {
    "finance", "foreign", "trade", "agriculture", "economy", "economic",
    "economics", "interior", "home", "defence", "defense", "justice",
    "health", "industry", "commerce", "energy", "oil", "labour", "labor",
    "transport", "education", "environment", "information", "planning",
    "central", "reserve", "international", "and", "petroleum", "mines",
    "fisheries", NULL};
/* Last words of descriptions, not names ("Texas Democrat"). */
static const char *const DESCRIPTIONS[] = {
    "democrat", "democrats", "republican", "republicans", NULL};
/* Adjectives of continents and regions, which the nationality gazetteer
 * (countries' adjectives) does not hold: alone they name nobody. */
static const char *const REGION_ADJ[] = {
    "european", "asian", "african", "arab", "latin", "western", "eastern",
    "nordic", "scandinavian", "baltic", "balkan", "caribbean", "oriental",
    "north american", "south american", "latin american", "middle eastern",
    "europeans", "asians", "africans", "arabs", NULL};
/* Words written in capitals that name things, not organisations. */
static const char *const COMMON_CAPS[] = {
    "pc", "pcs", "dvd", "dvds", "tv", "cd", "cds", "gnp", "gdp", "mp",
    "mps", "ceo", "ipo", "vat", "sms", "dna", "hiv", "ufo", "isa", "mba",
    "gcse", "gcses", "atm", "lcd", "gm", "3g", "pin", "id", "dos",
    "budget", NULL};                /* "his Budget": the statement */
/* A government's bodies named alone: "the Cabinet" of whichever country
 * the story is about ("Government" alone is no name already). */
static const char *const GENERIC_BODIES[] = {"cabinet", "administration",
                                             NULL};
/* Words that end an organisation's name: "Merrill Lynch Capital
 * Markets", "Salomon Brothers" (besides the gazetteer's cues). */
static const char *const ORG_HEADS[] = {
    "brothers", "bros", "markets", "securities", "capital", "holdings",
    "group", "international", "partners", "associates", "party",
    "investors", "bank", "corporation", "company", "and", "co", NULL};

int et_in(const char *const *list, const char *w, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

const char *et_last_word(const char *key, size_t *n)
{
    const char *sp = strrchr(key, ' ');
    const char *w = sp ? sp + 1 : key;
    *n = strlen(w);
    return w;
}

unsigned et_gaz_flags(const nx_etable *t, const char *key, size_t n)
{
    if (!t->x)
        return 0;
    const x_gent *g = x_gaz_get(&t->x->gaz, key, n);
    return g ? g->flags : 0;
}

/* Words before a party's member that make a description: a place or a
 * nationality ("Texas", "New York", "West German"), or a chamber. */
static const char *const CHAMBERS[] = {"senate", "house", "congressional",
                                       "state", "us", "u s", NULL};

static int member_of(const nx_etable *t, const char *key, size_t n)
{
    return et_in(CHAMBERS, key, n) ||
           (et_gaz_flags(t, key, n) & (XG_PLACE | XG_NAT)) != 0;
}

/* The gazetteer's organisation, or the singular of one. */
static int org_or_plural(const nx_etable *t, const char *key)
{
    size_t n = strlen(key);
    if (et_gaz_flags(t, key, n) & XG_ORG)
        return 1;
    char pl[NX_NAME_KEY_MAX + 2];
    snprintf(pl, sizeof pl, "%ss", key);
    return (et_gaz_flags(t, pl, strlen(pl)) & XG_ORG) != 0;
}

/* Why a name is no person, organisation or place, or NULL. */
const char *et_misc_reason(const nx_etable *t, const char *key)
{
    size_t n;
    const char *w = et_last_word(key, &n);
    if (et_in(MISC_HEADS, w, n) ||
        (et_words(key) >= 2 && n == 4 && memcmp(w, "open", 4) == 0) ||
        (et_words(key) >= 3 &&
         strcmp(key + strlen(key) - 10, "grand prix") == 0))
        return "an award, competition, event, treaty or currency";
    /* "Texas Democrat", "Christian Democrat", "Senate Republicans": a
     * party's member, or its members in a place or a chamber; not a party
     * ("Christian Democrats"), nor one the gazetteer knows ("Liberal
     * Democrats") or its singular */
    if (et_words(key) >= 2 && et_in(DESCRIPTIONS, w, n) &&
        !org_or_plural(t, key) &&
        (w[n - 1] != 's' || member_of(t, key, (size_t)(w - key) - 1)))
        return "a description";
    if (et_words(key) == 1 && et_in(COMMON_CAPS, key, strlen(key)))
        return "a thing written in capitals";
    if (et_words(key) == 1 && et_in(GENERIC_BODIES, key, strlen(key)))
        return "a generic description (any government's)";
    if ((et_words(key) == 1 && (et_gaz_flags(t, key, strlen(key)) & XG_NAT) &&
         !(et_gaz_flags(t, key, strlen(key)) & XG_PLACE)) ||
        et_in(REGION_ADJ, key, strlen(key)))
        return "a nationality";
    if (et_words(key) == 1 && t->x && (x_lex(t->x->lex, key, strlen(key)) &
                                    LX_GROUP))
        return "a group, not a name";
    return NULL;
}

/* Organisations whose key is this key followed by a word (or by a
 * possessive): their articles. */
uint32_t et_org_extensions(const nx_etable *t, const char *key)
{
    long v = et_find(t->ext, key, strlen(key));
    return v > 0 ? (uint32_t)v : 0;
}

/* "Finance Ministry", "Central Bank", "Trade and Industry Ministry": a
 * portfolio and an institution's head, no one body. */
int et_generic_institution(const char *key)
{
    if (et_words(key) < 2)
        return 0;
    size_t n;
    const char *w = et_last_word(key, &n);
    if (!et_in(INSTITUTIONS, w, n))
        return 0;
    for (const char *p = key; p < w;) {
        size_t l = strcspn(p, " ");
        if (!et_in(PORTFOLIOS, p, l))
            return 0;
        p += l + 1;
    }
    return 1;
}

int et_institution_head(const char *w, size_t n)
{
    return et_in(INSTITUTIONS, w, n);
}

int et_org_head(const char *w, size_t n)
{
    return et_in(ORG_HEADS, w, n);
}
