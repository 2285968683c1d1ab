/*
 * names.c — canonical display names (nx_name_canonical) and surname keys.
 *
 * Stripping rules, in order:
 *  1. surrounding quotes and punctuation, a trailing possessive ('s, ’s,
 *     s') — except for organisations, where the extractor passes 's only
 *     when it is part of the name ("McDonald's");
 *  2. a leading lower-case "the" ("the IMF"); a capital "The" too, except
 *     for places ("The Hague", "The Gambia");
 *  3. for people: the longest prefix that ends in a title and holds only
 *     titles, their modifiers ("foreign", "deputy", "chief") and capitalised
 *     words ("Russian", "NATO", "U.S.", "Kremlin", "Bank of England") —
 *     "NATO Secretary General Jens Stoltenberg" → "Jens Stoltenberg".  At
 *     least one word must remain.  With NX_ENT_ANY (a query that does not
 *     say what it names) only honorifics (Mr, Dr...) are stripped from a
 *     one-word remainder, so "General Motors" stays whole.
 *     Royal and religious titles (Pope, King, Queen, Prince, Sheikh) are
 *     part of how news names those people, and stay.
 *  4. for organisations (and with NX_ENT_ANY): trailing legal forms —
 *     Inc, Corp, Co, Ltd, PLC, AG, SA, NV... ("Paxar Corp" → "Paxar",
 *     "J.P. Morgan and Co Inc" → "J.P. Morgan"), so that one company gets
 *     one facet term however an article writes it.  Spelled-out
 *     Corporation / Company and "Group" stay (LEGAL says why).
 * Then the alias table is tried on each form from the least to the most
 * stripped; the first hit wins.  Without a hit, the most stripped form is
 * returned with its own capitalisation.
 */
#include "nx_names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_fold.h"

#define MAX_WORDS 64

/* Titles that end a stripped prefix; honorifics also strip alone. */
static const char *const TITLES[] = {
    "president", "vice-president", "minister", "secretary",
    "secretary-general", "general", "gen", "chancellor", "governor", "gov",
    "senator", "sen", "representative", "rep", "congressman",
    "congresswoman", "mayor", "premier", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "chairperson",
    "chair", "ceo", "cfo", "coo", "cto", "executive", "director",
    "commissioner", "judge", "justice", "colonel", "col", "lt", "lieutenant",
    "maj", "major", "captain", "capt", "sgt", "sergeant", "admiral", "adm",
    "commander", "cmdr", "officer", "adviser", "advisor", "aide",
    "economist", "analyst", "attorney", "lawyer", "leader", "head", "chief",
    "founder", "candidate", "nominee", "coach", "manager", "speaker",
    "treasurer", "negotiator", "prosecutor", "sheriff", "superintendent",
    "inspector", "detective", "constable", "chairman", "boss", "cpl",
    "corporal", "cst", "insp", "supt",
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir",
    "dame", "rev", "reverend", "fr", "msgr", "hon", NULL};
/* Honorifics: stripped even before a single remaining word with ANY. */
static const char *const HONORIFICS[] = {
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "dame", "rev",
    "hon", NULL};
/* Lower-case words allowed inside a title prefix. */
static const char *const MODIFIERS[] = {
    "foreign", "prime", "deputy", "vice", "acting", "former", "interim",
    "senior", "defense", "defence", "finance", "interior", "state",
    "economy", "economic", "trade", "health", "energy", "home", "first",
    "national", "security", "press", "managing", "assistant", "associate",
    "top", "lead", "chief", "executive", "general", "of", "the", "and",
    "for", "u.s.", "us", "then", "outgoing", "incoming", "junior", NULL};
static const char *const SUFFIXES[] = {"jr", "sr", "ii", "iii", "iv", NULL};
/* Legal forms after an organisation's name: abbreviations and foreign
 * forms only.  Spelled-out "Corporation" and "Company" stay: they are part
 * of public bodies' names (British Broadcasting Corporation, Hudson's Bay
 * Company); "Group" stays too (Carlyle Group, Eurasia Group). */
static const char *const LEGAL[] = {
    "inc", "incorporated", "corp", "co", "cos", "ltd", "limited", "plc",
    "llc", "llp", "lp", "ag", "sa", "spa", "nv", "bv", "gmbh", "pty", "kk",
    "ab", "asa", "oyj", NULL};

static int in_list(const char *const *list, const char *w, size_t n)
{
    if (n && w[n - 1] == '.')
        n--;
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

int nx_name_is_title(const char *word, size_t len)
{
    return in_list(TITLES, word, len);
}

int nx_name_is_legal_form(const char *word, size_t len)
{
    return in_list(LEGAL, word, len);
}

static int starts_upper(const char *w, size_t n)
{
    uint32_t cp;
    nx_utf8_decode(w, n, &cp);
    return nx_cp_class(cp) == NX_CC_UPPER || nx_cp_class(cp) == NX_CC_DIGIT;
}

typedef struct word {
    const char *s;
    size_t n;
} word;

/* Splits s into words at Unicode spaces. */
static size_t split_words(const char *s, word *w, size_t max)
{
    size_t nw = 0, len = strlen(s), i = 0;
    while (i < len && nw < max) {
        uint32_t cp;
        size_t k = nx_utf8_decode(s + i, len - i, &cp);
        if (nx_cp_class(cp) == NX_CC_SPACE) {
            i += k;
            continue;
        }
        size_t start = i;
        while (i < len) {
            k = nx_utf8_decode(s + i, len - i, &cp);
            if (nx_cp_class(cp) == NX_CC_SPACE)
                break;
            i += k;
        }
        w[nw].s = s + start;
        w[nw].n = i - start;
        nw++;
    }
    return nw;
}

/* The class of the last code point of w, and its byte length. */
static nx_cclass last_class(const word *w, size_t *cl)
{
    size_t k = w->n;
    while (k > 0 && ((unsigned char)w->s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0)
        k--;
    uint32_t cp;
    nx_utf8_decode(w->s + k, w->n - k, &cp);
    *cl = w->n - k;
    return nx_cp_class(cp);
}

/* Whether a trailing '.' belongs to the word ("Inc.", "U.S.", "Jr."). */
static int keeps_period(const word *w)
{
    if (memchr(w->s, '.', w->n - 1))
        return 1;
    return w->n - 1 <= 4;
}

/* Rule 1: quotes, punctuation and possessives off both ends. */
static size_t strip_ends(word *w, size_t nw, int keep_possessive)
{
    while (nw > 0) {
        word *f = &w[0];
        uint32_t cp;
        size_t k = nx_utf8_decode(f->s, f->n, &cp);
        nx_cclass c = nx_cp_class(cp);
        if (f->n > 0 && (c == NX_CC_PUNCT || c == NX_CC_DQUOTE ||
                         c == NX_CC_APOS || c == NX_CC_DASH)) {
            f->s += k;
            f->n -= k;
            if (f->n == 0)
                memmove(w, w + 1, --nw * sizeof *w);
            continue;
        }
        break;
    }
    while (nw > 0) {
        word *l = &w[nw - 1];
        size_t cl;
        nx_cclass c = last_class(l, &cl);
        if (!keep_possessive && l->n >= 2 && (l->s[l->n - 1] == 's' || l->s[l->n - 1] == 'S')) {
            /* 's or ’s */
            word t = {l->s, l->n - 1};
            size_t al;
            if (t.n > 0 && last_class(&t, &al) == NX_CC_APOS && t.n > al) {
                l->n = t.n - al;
                continue;
            }
        }
        if (!keep_possessive && c == NX_CC_APOS && l->n > cl &&
            l->s[l->n - cl - 1] == 's') {
            l->n -= cl;                  /* s' */
            continue;
        }
        if (l->n > 0 && l->s[l->n - 1] == '.' && nw > 0 && keeps_period(l))
            break;
        if (l->n > 0 && (c == NX_CC_PUNCT || c == NX_CC_DQUOTE ||
                         c == NX_CC_APOS || c == NX_CC_DASH)) {
            l->n -= cl;
            if (l->n == 0)
                nw--;
            continue;
        }
        break;
    }
    return nw;
}

/* Rule 3: the number of leading words that form a title prefix. */
static size_t title_prefix(const word *w, size_t nw, nx_entity_kind kind)
{
    size_t strip = 0;
    for (size_t j = 0; j + 1 < nw; j++) {
        int title = in_list(TITLES, w[j].s, w[j].n);
        if (!title && !in_list(MODIFIERS, w[j].s, w[j].n) &&
            !starts_upper(w[j].s, w[j].n))
            break;
        if (title && starts_upper(w[j + 1].s, w[j + 1].n) &&
            !in_list(TITLES, w[j + 1].s, w[j + 1].n))
            strip = j + 1;
    }
    if (kind == NX_ENT_ANY && nw - strip < 2) {
        /* Only a lone honorific may leave a single word. */
        if (strip == 1 && in_list(HONORIFICS, w[0].s, w[0].n))
            return 1;
        return 0;
    }
    return strip;
}

static char *join(const word *w, size_t nw)
{
    size_t total = 1;
    for (size_t i = 0; i < nw; i++)
        total += w[i].n + 1;
    char *s = malloc(total), *p = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < nw; i++) {
        if (i)
            *p++ = ' ';
        memcpy(p, w[i].s, w[i].n);
        p += w[i].n;
    }
    *p = 0;
    return s;
}

/* The alias of the joined words, or NULL. */
static const char *alias_of(const nx_aliases *al, const word *w, size_t nw)
{
    if (!al || nw == 0)
        return NULL;
    char *j = join(w, nw);
    char *k = j ? nx_name_key(j) : NULL;
    const char *hit = k ? nx_aliases_lookup(al, k) : NULL;
    free(j);
    free(k);
    return hit;
}

/* Rule 4: the words left of trailing legal forms ("Paxar Corp", "J.P.
 * Morgan and Co Inc", "Volkswagen AG", "Bank of Tokyo Ltd.") and of a
 * leading "NV" ("NV Philips"); at least one word stays. */
static size_t strip_legal(word *w, size_t nw)
{
    size_t n = nw;
    while (n > 1 && in_list(LEGAL, w[n - 1].s, w[n - 1].n)) {
        n--;
        /* "and Co", "& Co" */
        while (n > 1 && ((w[n - 1].n == 3 && memcmp(w[n - 1].s, "and", 3) == 0) ||
                         (w[n - 1].n == 1 && w[n - 1].s[0] == '&')))
            n--;
        /* "Paxar Corp.," left its comma on the name */
        if (w[n - 1].n > 1 && w[n - 1].s[w[n - 1].n - 1] == ',')
            w[n - 1].n--;
    }
    if (n > 1 && w[0].n == 2 && memcmp(w[0].s, "NV", 2) == 0) {
        memmove(w, w + 1, (n - 1) * sizeof *w);
        n--;
    }
    return n;
}

char *nx_name_canonical(const nx_aliases *al, nx_entity_kind kind,
                        const char *name)
{
    word w[MAX_WORDS];
    size_t nw = split_words(name, w, MAX_WORDS);
    nw = strip_ends(w, nw, kind == NX_ENT_ORG);
    const char *hit = alias_of(al, w, nw);
    if (!hit && nw > 1 &&
        ((w[0].n == 3 && memcmp(w[0].s, "the", 3) == 0) ||
         (kind != NX_ENT_PLACE && w[0].n == 3 &&
          memcmp(w[0].s, "The", 3) == 0))) {
        memmove(w, w + 1, --nw * sizeof *w);
        hit = alias_of(al, w, nw);
    }
    if (!hit && (kind == NX_ENT_ORG || kind == NX_ENT_ANY)) {
        size_t k = strip_legal(w, nw);
        if (k < nw) {
            nw = k;
            hit = alias_of(al, w, nw);
        }
    }
    if (!hit && (kind == NX_ENT_PERSON || kind == NX_ENT_ANY)) {
        size_t t = title_prefix(w, nw, kind);
        if (t) {
            memmove(w, w + t, (nw - t) * sizeof *w);
            nw -= t;
            hit = alias_of(al, w, nw);
        }
        if (!hit && nw == 1 && kind == NX_ENT_PERSON &&
            in_list(TITLES, w[0].s, w[0].n))
            nw = 0;            /* a bare title names nobody */
    }
    return hit ? strdup(hit) : join(w, nw);
}

char *nx_name_surname_key(const char *canonical)
{
    word w[MAX_WORDS];
    size_t nw = split_words(canonical, w, MAX_WORDS);
    while (nw > 1 && in_list(SUFFIXES, w[nw - 1].s, w[nw - 1].n))
        nw--;
    if (nw < 2)
        return NULL;
    char *one = join(&w[nw - 1], 1);
    char *k = one ? nx_name_key(one) : NULL;
    free(one);
    if (k && !*k) {
        free(k);
        return NULL;
    }
    return k;
}

/* Lower-case inside a name made from a tag: "De la Madrid", "Bank of
 * Japan". */
static const char *const TAG_JOINERS[] = {
    "of", "and", "the", "for", "de", "la", "le", "du", "des", "da", "di",
    "von", "van", "der", "den", "al", "el", "bin", "y", "e", "on", NULL};

int nx_name_is_tag_code(const char *tag)
{
    if (!tag || !*tag)
        return 0;
    for (const char *p = tag; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || *p == ' ')
            return 0;
    return 1;
}

char *nx_name_from_tag(const char *tag)
{
    if (!tag)
        return NULL;
    if (!nx_name_is_tag_code(tag))
        return strdup(tag);
    size_t n = strlen(tag);
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        s[i] = tag[i] == '-' || tag[i] == '_' ? ' ' : tag[i];
    /* one short word, or one without a vowel, is an acronym: EC, USA */
    if (!strchr(s, ' ')) {
        int vowel = strpbrk(s, "aeiouy") != NULL;
        if (n <= 3 || !vowel) {
            for (char *p = s; *p; p++)
                if (*p >= 'a' && *p <= 'z')
                    *p = (char)(*p - 'a' + 'A');
            return s;
        }
    }
    for (char *w = s; *w;) {
        size_t l = strcspn(w, " ");
        int joiner = 0;
        for (size_t j = 0; w != s && TAG_JOINERS[j]; j++)
            joiner |= strlen(TAG_JOINERS[j]) == l &&
                      memcmp(TAG_JOINERS[j], w, l) == 0;
        if (!joiner && *w >= 'a' && *w <= 'z')
            *w = (char)(*w - 'a' + 'A');
        w += l;
        while (*w == ' ')
            w++;
    }
    return s;
}
