/*
 * subject.c — who a speech verb's subject is (the quote stage's half that
 * reads noun phrases; quotes.c decides which verb a quote hangs on).
 *
 * The subject of a speech verb is found by walking left over adverbs,
 * times, a parenthesis ("(D-Md.)") and an appositive: a person or org
 * mention; a pronoun or a definite description ("the defender"), resolved
 * in antecedent.c; "X's spokesman" / "X spokesman" (X, plus the spokesman
 * when named; not for a correspondent or analyst, who speaks for himself);
 * "the company" (the last org); after ", saying" or "saying" the subject
 * of the clause before; coordinated subjects both speak; any other noun
 * phrase is an unnamed speaker.  A place is never a speaker ("Russia
 * said" names no one who can be quoted by name).  An organisation found as
 * the speaker yields to a person named nearby with a role in it
 * (x_subj_person_for_org, subject_org.c).  The speaker named after the
 * verb is subject_right.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"
#include "x_subject.h"

int x_subj_lower_word(const x_doc *d, uint32_t t)
{
    return t < d->ntok && d->toks[t].kind == XT_WORD &&
           !(d->toks[t].flags & XF_UPPER);
}

/* "Labour's six new pledges", "his comments", "the claims": a speech
 * verb's -s form used as a noun, after a determiner, a possessor or a
 * number. */
static int noun_use(const x_doc *d, uint32_t t)
{
    static const char *const D[] = {"the", "a", "an", "his", "her", "their",
                                    "its", "our", "my", "your", "these",
                                    "those", "new", "such", "two", "three",
                                    "four", "five", "six", "seven", "eight",
                                    "nine", "ten", "many", "several", "some",
                                    "recent", "earlier", "latest", "previous",
                                    "repeated", "public", NULL};
    size_t n = d->toks[t].len;
    if (t == 0 || n < 3 || x_tok_s(d, t)[n - 1] != 's')
        return 0;
    const x_tok *k = &d->toks[t - 1];
    if (k->kind == XT_POSS || k->kind == XT_NUM)
        return 1;
    for (size_t i = 0; D[i] && k->kind == XT_WORD; i++)
        if (x_tok_lower_is(d, t - 1, D[i]))
            return 1;
    return 0;
}

int x_subj_is_say(const x_doc *d, uint32_t t)
{
    if (!x_subj_lower_word(d, t))
        return 0;
    /* "Caddell continued:" — speech only before a colon (not in the
     * lexicon: "Fighting continued" is no cue for a name either) */
    if ((x_tok_is(d, t, "continued") || x_tok_is(d, t, "continues")) &&
        x_tok_is(d, t + 1, ":"))
        return 1;
    return (d->toks[t].lex & (LX_SAY1 | LX_SAY2)) && !noun_use(d, t);
}

static int adverb(const x_doc *d, uint32_t t)
{
    static const char *const A[] = {
        "also", "has", "have", "had", "later", "then", "previously", "once",
        "again", "recently", "reportedly", "would", "will", "further",
        "repeatedly", "separately", "earlier", "publicly", "privately",
        "simply", "just", "bluntly", "flatly", "quickly", "often", "always",
        "never", "still", "last", "this", "week", "month", "year", "on",
        "had", "did", "does", "do", "not", "in", "an", "interview",
        "statement", "a", NULL};
    if (t >= d->ntok)
        return 0;
    const x_tok *k = &d->toks[t];
    if (k->kind == XT_NUM || (k->kind == XT_WORD && (k->lex & LX_CAL)))
        return 1;
    if (!x_subj_lower_word(d, t))
        return 0;
    for (size_t i = 0; A[i]; i++)
        if (x_tok_is(d, t, A[i]))
            return 1;
    /* forcefully, angrily: a manner adverb (not a noun in -ly) */
    static const char *const NOT[] = {"family", "assembly", "monopoly",
                                      "supply", "anomaly", "rally", "ally",
                                      "reply", "bully", "folly", "italy",
                                      "daily", "weekly", "monthly", "lily",
                                      NULL};
    size_t n = k->len;
    const char *w = x_tok_s(d, t);
    if (n >= 6 && w[n - 2] == 'l' && w[n - 1] == 'y') {
        for (size_t i = 0; NOT[i]; i++)
            if (x_tok_is(d, t, NOT[i]))
                return 0;
        return 1;
    }
    return 0;
}

int x_subj_first_of_sentence(const x_doc *d, uint32_t t)
{
    return (int)d->sents[d->toks[t].sent].first;
}

/* A role whose holder speaks for himself, not for the organisation
 * named with it: "BBC correspondent Peter Hunt said" quotes Peter Hunt,
 * not the BBC (a spokesman's words are the organisation's). */
int x_subj_own_voice(const x_doc *d, uint32_t t)
{
    static const char *const R[] = {"correspondent", "reporter", "editor",
                                    "columnist", "journalist", "analyst",
                                    "economist", "strategist", "presenter",
                                    "commentator", "writer", "producer",
                                    "professor", "researcher", NULL};
    for (size_t i = 0; R[i]; i++)
        if (x_tok_is(d, t, R[i]))
            return 1;
    return 0;
}

/* The mention ending at t, or "X's" / "X" just before a role noun at t. */
static int np_at(const x_doc *d, uint32_t t, int *also)
{
    int m = x_doc_mention_ending(d, t);
    if (m >= 0) {
        /* Kremlin spokesman Dmitry Peskov: the Kremlin speaks too */
        uint32_t s = d->ments[m].tok;
        if (s >= 2 && x_subj_lower_word(d, s - 1) && (d->toks[s - 1].lex & LX_ROLE) &&
            !x_subj_own_voice(d, s - 1)) {
            uint32_t x = s - 2;
            if (d->toks[x].kind == XT_POSS && x > 0)
                x--;
            int o = x_doc_mention_ending(d, x);
            if (o >= 0 && d->ments[o].type == XM_ORG)
                *also = o;
        }
        return x_subj_speaker_ok(d, m);
    }
    if (d->toks[t].kind == XT_WORD && (d->toks[t].lex & LX_PRON))
        return x_subj_speaker_ok(d, x_subj_pronoun(d, t));
    if (x_subj_lower_word(d, t) && (d->toks[t].lex & LX_ORGANA) &&
        t > 0 && x_tok_lower_is(d, t - 1, "the"))
        return x_subj_speaker_ok(d, x_subj_antecedent(d, t, XM_ORG, 0));
    if (x_subj_lower_word(d, t) && (d->toks[t].lex & LX_ROLE) && t > 0) {
        uint32_t x = t - 1;
        if (d->toks[x].kind == XT_POSS && x > 0)
            x--;
        /* "Obama's former campaign strategist said": someone else, the
         * person the story named before — not the possessor (whose
         * spokesman speaks for him) */
        uint32_t y = strncmp(x_tok_s(d, t), "spokes", 6) == 0 ? 0 : t - 1;
        while (y > 1 && y + 4 > t && x_subj_lower_word(d, y) &&
               !(d->toks[y].lex & LX_FUNC))
            y--;
        int po = d->toks[y].kind == XT_POSS && y > 0
                     ? x_doc_mention_ending(d, y - 1) : -1;
        if (po >= 0 && d->ments[po].type == XM_PER) {
            int a = x_subj_antecedent(d, d->ments[po].tok, XM_PER, 0);
            return a >= 0 && d->ments[a].key && d->ments[po].key &&
                           strcmp(d->ments[a].key, d->ments[po].key) != 0
                       ? x_subj_speaker_ok(d, a) : SUBJ_UNNAMED;
        }
        int o = x_doc_mention_ending(d, x);
        if (o >= 0 && d->ments[o].type != XM_LOC)
            return o;                     /* the Kremlin's spokesman */
    }
    int desc = x_subj_description(d, t);
    if (desc != SUBJ_NONE)
        return desc;
    if (d->toks[t].kind == XT_WORD || d->toks[t].kind == XT_NUM)
        return SUBJ_UNNAMED;
    return SUBJ_NONE;
}

static int document_noun(const x_doc *d, uint32_t t)
{
    static const char *const N[] = {"report", "study", "letter", "statement",
                                    "survey", "review", "memo", "document",
                                    "inquiry", "audit", "paper", "analysis",
                                    "poll", "briefing", "submission", NULL};
    if (!x_subj_lower_word(d, t))
        return 0;
    for (size_t i = 0; N[i]; i++)
        if (x_tok_is(d, t, N[i]))
            return 1;
    return 0;
}

/* The organisation whose document speaks, the noun phrase ending at t
 * (from `bound`): "the NAO's report says", "A National Audit Office
 * report on the 20 biggest projects says", "The letter, from the Home
 * Office, says" — or SUBJ_NONE. */
static int document_author(const x_doc *d, uint32_t t, uint32_t bound)
{
    uint32_t n = t;
    if (!document_noun(d, n)) {
        /* a prepositional phrase after the document noun */
        n = UINT32_MAX;
        for (uint32_t u = t; u > bound + 1 && u + 8 > t; u--)
            if ((x_tok_is(d, u, "on") || x_tok_is(d, u, "into") ||
                 x_tok_is(d, u, "about") || x_tok_is(d, u, "of")) &&
                document_noun(d, u - 1)) {
                n = u - 1;
                break;
            }
        if (n == UINT32_MAX)
            return SUBJ_NONE;
    }
    if (x_tok_is(d, n + 1, ",") && x_tok_is(d, n + 2, "from")) {
        uint32_t v = n + 3 + x_tok_is(d, n + 3, "the");
        int o = x_doc_mention_starting(d, v);
        if (o >= 0 && d->ments[o].type == XM_ORG)
            return o;
    }
    if (n == 0 || n <= bound)
        return SUBJ_NONE;
    uint32_t x = n - 1;
    if (d->toks[x].kind == XT_POSS && x > bound)
        x--;
    int o = x_doc_mention_ending(d, x);
    return o >= 0 && d->ments[o].type == XM_ORG ? o : SUBJ_NONE;
}

/* ", a spokesman for Y" after a speaker: Y speaks too. */
int x_subj_spokesman_for(const x_doc *d, uint32_t t)
{
    if (!x_tok_is(d, t, ","))
        return -1;
    for (uint32_t u = t + 1; u < t + 6 && u + 1 < d->ntok; u++) {
        if (!x_subj_lower_word(d, u))
            return -1;
        if ((d->toks[u].lex & LX_ROLE) &&
            (x_tok_is(d, u + 1, "for") || x_tok_is(d, u + 1, "at") ||
             x_tok_is(d, u + 1, "of"))) {
            uint32_t v = u + 2;
            if (x_tok_is(d, v, "the"))
                v++;
            int m = x_doc_mention_starting(d, v);
            return m >= 0 && d->ments[m].type == XM_ORG ? m : -1;
        }
    }
    return -1;
}

static int preposition(const x_doc *d, uint32_t t);

/* A preposition in any case: "With Democratic leaders worried". */
int x_subj_preposition(const x_doc *d, uint32_t t)
{
    static const char *const P[] = {"in", "with", "of", "for", "at", "by",
                                    "from", "to", "against", "about", "on",
                                    "after", "before", "during", "like",
                                    "than", "amid", "despite", "among",
                                    "under", "over", NULL};
    for (size_t i = 0; P[i]; i++)
        if (x_tok_lower_is(d, t, P[i]))
            return 1;
    return 0;
}

static int preposition(const x_doc *d, uint32_t t)
{
    static const char *const P[] = {"in", "with", "of", "for", "at", "by",
                                    "from", "to", "against", "about", "on",
                                    "after", "before", "during", "like",
                                    "than", "and", "or", NULL};
    if (!x_subj_lower_word(d, t))
        return 0;
    for (size_t i = 0; P[i]; i++)
        if (x_tok_is(d, t, P[i]))
            return 1;
    return 0;
}

/* The subject of the clause a participle (", saying") hangs on: "During a
 * speech, Trump attacked Clinton for ..., saying, “…”" — the first person
 * (else organisation) of the sentence before it that is followed by a verb
 * or an appositive and is no preposition's object. */
static int clause_subject(const x_doc *d, uint32_t v, uint32_t bound)
{
    for (int want = XM_PER; want >= 0; want = want == XM_PER ? XM_ORG : -1) {
        int best = -1;
        uint32_t in[X_RANGE_CAP];
        size_t nin = x_doc_mentions_in(d, bound, v, in, X_RANGE_CAP);
        size_t n = nin == SIZE_MAX ? d->nment : nin;
        for (size_t k = 0; k < n; k++) {
            size_t i = nin == SIZE_MAX ? k : in[k];
            const x_mention *m = &d->ments[i];
            uint32_t f = m->tok + m->ntok;
            if ((m->flags & XMF_DROPPED) || m->type != want ||
                m->tok < bound || f >= v || d->toks[m->tok].quote >= 0 ||
                (m->tok > 0 && preposition(d, m->tok - 1)) ||
                !(x_subj_lower_word(d, f) || x_tok_is(d, f, ",") ||
                  x_tok_is(d, f, "(")))   /* Chaffetz (R-Utah) said */
                continue;
            if (best < 0 || m->tok < d->ments[best].tok)
                best = (int)i;
        }
        if (best >= 0)
            return best;
    }
    /* "But he is not envious, insisting: “…”": a pronoun subject */
    for (uint32_t t = bound; t < v && t < bound + 3; t++)
        if (d->toks[t].kind == XT_WORD && (d->toks[t].lex & LX_PRON) &&
            d->toks[t].quote < 0)
            return x_subj_speaker_ok(d, x_subj_pronoun(d, t));
    return SUBJ_UNNAMED;
}

/* t is a mark of a quote of three words or fewer: "one of the so-called
 * “Blair Babes” elected in 1997" is an appositive still. */
static int short_quote_mark(const x_doc *d, uint32_t t)
{
    /* the mark's quote is the one of the words beside it */
    int a = t > 0 ? d->toks[t - 1].quote : -1;
    int b = t + 1 < d->ntok ? d->toks[t + 1].quote : -1;
    if (a >= 0 && d->quotes[a].close == t)
        return d->quotes[a].nwords <= 3;
    if (b >= 0 && d->quotes[b].open == t)
        return d->quotes[b].nwords <= 3;
    return 0;
}

/* The name ending at t is a preposition's object: "a forum sponsored by
 * NBC News and said" — the clause's subject goes on. */
static int object_before(const x_doc *d, uint32_t t, uint32_t bound)
{
    int m = x_doc_mention_ending(d, t);
    if (m < 0)
        return 0;
    uint32_t p = d->ments[m].tok;
    if (p > bound + 1 && x_tok_is(d, p - 1, "the"))
        p--;
    return p > bound && preposition(d, p - 1) && !x_tok_is(d, p - 1, "and") &&
           !x_tok_is(d, p - 1, "or");
}

/* "the SNP and the Tories say", "Smith and Jones said": the first of
 * two coordinated speakers (the second is the verb's subject), or -1. */
static int conjunct(const x_doc *d, int m, uint32_t bound)
{
    uint32_t p = d->ments[m].tok;
    if (p > bound && x_tok_lower_is(d, p - 1, "the"))
        p--;
    if (p < bound + 2 || !x_tok_is(d, p - 1, "and"))
        return -1;
    uint32_t e = p - 2;
    int o = x_doc_mention_ending(d, e);
    if (o < 0 || d->ments[o].type == XM_LOC || object_before(d, e, bound))
        return -1;
    return x_subj_speaker_ok(d, o) >= 0 ? o : -1;
}

static const char *const RELAY[] = {"quoted", "quotes", "quoting",
                                     "reported", "reports", "reporting",
                                     "cited", "cites", "citing", NULL};

static int relay_verb(const x_doc *d, uint32_t t)
{
    for (size_t i = 0; RELAY[i]; i++)
        if (x_tok_is(d, t, RELAY[i]))
            return 1;
    return 0;
}

int x_subj_relays(const x_doc *d, uint32_t t)
{
    if (!relay_verb(d, t))
        return 0;
    uint32_t end = d->sents[d->toks[t].sent].end;
    for (uint32_t u = t + 2; u + 1 < end && u < t + 10; u++)
        if (x_tok_is(d, u, "as") && x_subj_is_say(d, u + 1) &&
            d->toks[u + 1].len > 4 &&
            memcmp(x_tok_s(d, u + 1) + d->toks[u + 1].len - 3, "ing", 3) == 0)
            return 1;
    return 0;
}

/* "Reuters quoted a central bank official as saying", "Interfax quoted
 * Lavrov as saying", "Reuters reported BaFin as saying", with `as` at t:
 * the one quoted speaks, not the outlet that relays the words — the
 * name just before `as`, or an unnamed speaker; SUBJ_NONE when no
 * relaying verb stands before it ("Lavrov was quoted as saying": the
 * clause's subject, as for any participle). */
static int relayed(const x_doc *d, uint32_t t, uint32_t bound)
{
    for (uint32_t u = t - 1; u > bound && u + 10 > t; u--) {
        if (!x_subj_lower_word(d, u) && d->toks[u].kind != XT_WORD &&
            d->toks[u].kind != XT_POSS && d->toks[u].kind != XT_NUM)
            return SUBJ_NONE;
        if (relay_verb(d, u)) {
            if (u + 1 == t || x_tok_is(d, u - 1, "was") ||
                x_tok_is(d, u - 1, "were") || x_tok_is(d, u - 1, "been") ||
                x_tok_is(d, u - 1, "is") || x_tok_is(d, u - 1, "being"))
                return SUBJ_NONE;              /* passive: was quoted as */
            int m = x_doc_mention_ending(d, t - 1);
            if (m >= 0 && d->ments[m].tok > u)
                return x_subj_speaker_ok(d, m);
            return SUBJ_UNNAMED;
        }
    }
    return SUBJ_NONE;
}

/* The subject of speech verb v, walking left (not before `bound`). */
int x_subj_left(const x_doc *d, uint32_t v, uint32_t bound,
                        int *also)
{
    *also = -1;
    if (v <= bound)
        return SUBJ_NONE;
    uint32_t t = v - 1;
    const char *vs = x_tok_s(d, v);
    size_t vl = d->toks[v].len;
    int ing = vl > 4 && memcmp(vs + vl - 3, "ing", 3) == 0;
    if (ing && x_tok_is(d, t, "by") && t > bound && x_subj_is_say(d, t - 1))
        return x_subj_left(d, t - 1, bound, also);  /* responded by saying */
    if (ing && x_tok_is(d, t, "as") && t > bound) {
        int q = relayed(d, t, bound);
        if (q != SUBJ_NONE)
            return q;
    }
    if (ing && x_tok_is(d, t, "for")) {
        /* condemned the Kremlin on Wednesday for suggesting */
        while (t > bound && (adverb(d, t - 1) || x_tok_is(d, t - 1, ",")))
            t--;
        if (t > bound) {
            int m = x_doc_mention_ending(d, t - 1);
            return m >= 0 ? x_subj_speaker_ok(d, m) : SUBJ_UNNAMED;
        }
        return SUBJ_NONE;
    }
    if (ing && (x_tok_is(d, t, ",") || d->toks[t].kind == XT_QUOTE))
        return clause_subject(d, v, bound);    /* ..., saying "…" */
    if (ing && (d->toks[t].kind == XT_WORD || d->toks[t].kind == XT_NUM) &&
        !preposition(d, t) && !x_tok_is(d, t, "the"))
        return clause_subject(d, v, bound); /* laughed it off saying “…” */
    if (ing)
        return SUBJ_NONE;       /* a participle with no clause before it */
    if (t > bound && (x_tok_is(d, t, "was") || x_tok_is(d, t, "were") ||
                      x_tok_is(d, t, "is") || x_tok_is(d, t, "are") ||
                      x_tok_is(d, t, "been") || x_tok_is(d, t, "be")))
        return SUBJ_NONE;       /* passive: "was told" */
    while (t > bound && adverb(d, t))
        t--;
    if ((x_tok_is(d, t, "but") || x_tok_is(d, t, "and")) && t > bound &&
        (!(d->toks[t - 1].kind == XT_WORD && (d->toks[t - 1].flags & XF_UPPER)) ||
         object_before(d, t - 1, bound))) {
        /* Lord Bach said he was ..., but insisted that: the subject of the
         * clause before (not "the SNP and the Tories say") */
        int s = clause_subject(d, t, bound);
        return s;
    }
    if (x_tok_is(d, t, ")")) {
        /* Rep. Elijah E. Cummings (D-Md.) said: the party and state */
        uint32_t c = t;
        while (c > bound && c + 8 > t && !x_tok_is(d, c, "("))
            c--;
        if (x_tok_is(d, c, "(") && c > bound)
            t = c - 1;
    }
    if (x_tok_is(d, t, ",") && t > bound) {
        /* an appositive: Lagarde, the ECB president, said */
        uint32_t c = t - 1;
        while (c > bound && c + 24 > t && !x_tok_is(d, c, ",") &&
               (d->toks[c].kind != XT_QUOTE || short_quote_mark(d, c)))
            c--;
        if (!x_tok_is(d, c, ",") || c <= bound)
            return SUBJ_NONE;
        /* the Kremlin's spokesman, Dmitry Peskov, said: the named
         * spokesman speaks, and the organisation with him */
        int p = x_doc_mention_starting(d, c + 1);
        if (p >= 0 && d->ments[p].type == XM_PER &&
            d->ments[p].tok + d->ments[p].ntok == t && x_subj_lower_word(d, c - 1) &&
            (d->toks[c - 1].lex & LX_ROLE)) {
            int unused = -1, o = np_at(d, c - 1, &unused);
            *also = o >= 0 && d->ments[o].type == XM_ORG ? o : -1;
            return p;
        }
        t = c - 1;
        /* "Scott Pruitt, the attorney general of Oklahoma, one of the
         * states suing, said": a second appositive before the first */
        int n = x_doc_mention_ending(d, t);
        if ((n < 0 || d->ments[n].type == XM_LOC) && !x_tok_is(d, t, ")")) {
            uint32_t c2 = c - 1;
            while (c2 > bound && c2 + 16 > c && !x_tok_is(d, c2, ",") &&
                   d->toks[c2].kind != XT_QUOTE)
                c2--;
            int n2 = c2 > bound && x_tok_is(d, c2, ",")
                         ? x_doc_mention_ending(d, c2 - 1) : -1;
            if (n2 >= 0 && d->ments[n2].type == XM_PER)
                t = c2 - 1;
        }
        /* "Rep. Jim Jordan (R-Ohio), an oversight panel member, said" */
        if (x_tok_is(d, t, ")")) {
            uint32_t o = t;
            while (o > bound && o + 8 > t && !x_tok_is(d, o, "("))
                o--;
            if (x_tok_is(d, o, "(") && o > bound)
                t = o - 1;
        }
    }
    if (t < bound)
        return SUBJ_NONE;
    int m = np_at(d, t, also);
    if (m == SUBJ_UNNAMED) {
        int o = document_author(d, t, bound);   /* the NAO report says */
        if (o >= 0)
            return o;
    }
    /* "Economists polled by Reuters said", "a source close to the company
     * said": the name is a preposition's object, not the subject */
    uint32_t mp = m >= 0 ? d->ments[m].tok : 0;
    if (mp > bound + 1 && x_tok_is(d, mp - 1, "the"))
        mp--;                      /* a member of the Cabinet says */
    if (m >= 0 && mp > bound && preposition(d, mp - 1) &&
        !x_tok_is(d, mp - 1, "and") && !x_tok_is(d, mp - 1, "or")) {
        /* "Mr. Morgan of the Sierra Club said": the person before the
         * preposition speaks, the organisation with him */
        int p = mp >= 2 && (x_tok_is(d, mp - 1, "of") ||
                            x_tok_is(d, mp - 1, "at") ||
                            x_tok_is(d, mp - 1, "from"))
                    ? x_doc_mention_ending(d, mp - 2) : -1;
        if (p >= 0 && d->ments[p].type == XM_PER &&
            d->ments[p].tok >= bound) {
            *also = d->ments[m].type == XM_ORG ? m : -1;
            return x_subj_speaker_ok(d, p);
        }
        /* "Matt Williams, a fund manager at Perpetual Trustees said":
         * the person before the appositive; "A spokesman for Unison,
         * Britain's biggest union, said": the organisation */
        int role = 0, spokes = 0;
        uint32_t c = mp - 1;
        while (c > bound && c + 7 > mp && x_subj_lower_word(d, c - 1)) {
            c--;
            role |= (d->toks[c].lex & LX_ROLE) != 0;
            spokes |= strncmp(x_tok_s(d, c), "spokes", 6) == 0;
        }
        if (role && d->ments[m].type == XM_ORG &&
            (x_tok_is(d, mp - 1, "for") || x_tok_is(d, mp - 1, "at") ||
             x_tok_is(d, mp - 1, "of"))) {
            int q = c > bound && x_tok_is(d, c - 1, ",")
                        ? x_doc_mention_ending(d, c - 2) : -1;
            if (q >= 0 && d->ments[q].type == XM_PER) {
                *also = m;
                return x_subj_speaker_ok(d, q);
            }
            if (spokes && (c == bound || !x_tok_is(d, c - 1, ",")))
                return m;             /* a spokesman for Unison said */
        }
        *also = -1;
        return SUBJ_UNNAMED;
    }
    if (m >= 0 && *also < 0)
        *also = x_subj_spokesman_for(d, d->ments[m].tok +
                                            d->ments[m].ntok);
    if (m >= 0 && *also < 0)
        *also = conjunct(d, m, bound);
    return m;
}
