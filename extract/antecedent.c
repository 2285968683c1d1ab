/*
 * antecedent.c — who a pronoun or a description before or after a speech
 * verb points back to (for subject.c): he/she the last person named as a
 * clause's subject in the nearest sentence that names one of a fitting
 * gender (a sentence whose own he/she is the subject sends the search
 * back; with no subject, the story's main person before one in passing);
 * they/it the last organisation; "the Vermont senator", "the defender",
 * "the mother-of-nine" the person the nearest sentence names.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"
#include "x_subject.h"

/* A given name of gender `want` among tokens [u, stop). */
static int given_named(const x_doc *d, uint32_t u, uint32_t stop,
                              unsigned want)
{
    for (; u < stop; u++) {
        char *k = x_span_key(d, u, 1);
        const x_gent *e = k ? x_gaz_get(&d->x->gaz, k, strlen(k)) : NULL;
        free(k);
        if (e && (e->flags & XG_FIRST) && (e->flags & want))
            return 1;
    }
    return 0;
}

/* Whether person mention m can be "he" (XG_MALE) or "she" (XG_FEMALE):
 * by Mr / Mrs / Ms before it, else by the listed gender of its first name
 * (a surname alone borrows the first name of a longer mention ending in
 * it); a name with neither could be either. */
static int gender_ok(const x_doc *d, const x_mention *m, unsigned want)
{
    if (!want || m->type != XM_PER)
        return 1;
    uint32_t p = m->tok;
    if (p >= 2 && x_tok_is(d, p - 1, "."))
        p--;
    if (p >= 1) {
        if (x_tok_is(d, p - 1, "Mr"))
            return want == XG_MALE;
        if (x_tok_is(d, p - 1, "Mrs") || x_tok_is(d, p - 1, "Ms") ||
            x_tok_is(d, p - 1, "Miss"))
            return want == XG_FEMALE;
    }
    /* the name's full form: a surname alone borrows a longer mention */
    const x_mention *full = m;
    int longer = m->ntok == 1 ? x_mindex_longer(d, (int)(m - d->ments)) : -1;
    if (longer >= 0)
        full = &d->ments[longer];
    if (longer == -2) {
        const x_tok *k = &d->toks[m->tok];
        for (size_t i = 0; i < d->nment; i++) {
            const x_mention *o = &d->ments[i];
            const x_tok *l = &d->toks[o->tok + o->ntok - 1];
            if (o->type == XM_PER && o->ntok >= 2 && l->len == k->len &&
                memcmp(d->text + l->off, d->text + k->off, k->len) == 0) {
                full = o;
                break;
            }
        }
    }
    /* the given name is the first word before the surname that is one:
     * "Green MEP Caroline Lucas" is Caroline's (Green is a given name
     * too); a name with none could be either */
    uint32_t stop = full->tok + full->ntok - 1;
    if (stop == full->tok)
        stop++;
    for (uint32_t u = full->tok; u < stop; u++) {
        char *k0 = x_span_key(d, u, 1);
        const x_gent *e = k0 ? x_gaz_get(&d->x->gaz, k0, strlen(k0)) : NULL;
        free(k0);
        if (e && (e->flags & XG_FIRST))
            return (e->flags & want) != 0 ||
                   (u + 1 < stop && given_named(d, u + 1, stop, want));
    }
    return 1;
}

/* The mention names a person whose last word is that of token l (a
 * person mention of the stages; the tagger's and the rules' of one span
 * count once: the rules' is skipped when the tagger has the same start). */
static int same_last(const x_doc *d, const x_mention *o, const x_tok *l)
{
    const x_tok *k = &d->toks[o->tok + o->ntok - 1];
    return !(o->flags & XMF_DROPPED) && o->type == XM_PER &&
           k->len == l->len &&
           memcmp(d->text + k->off, d->text + l->off, l->len) == 0;
}

/* How often the person of mention m was named before token t: mentions
 * whose last word is m's last word ("Clinton", "Hillary Clinton"), one per
 * start token. */
static int salience(const x_doc *d, const x_mention *m, uint32_t t)
{
    int n = x_mindex_salience(d, (int)(m - d->ments), t);
    if (n >= 0)
        return n;
    const x_tok *l = &d->toks[m->tok + m->ntok - 1];
    n = 0;
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *o = &d->ments[i];
        if (o->tok >= t || !same_last(d, o, l))
            continue;
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = d->ments[j].tok == o->tok && same_last(d, &d->ments[j], l);
        n += !dup;
    }
    return n;
}

/* Of two people of one sentence, the one "he" more likely means: the
 * story's main person (named at least twice more so far) over one named
 * in passing; otherwise the first (the subject, usually).  The margin
 * keeps the subject when both are established: PolNeAR dev cannot check
 * pronouns (its sources are "he"), so this is the cautious form. */
static int better_person(const x_doc *d, const x_mention *m,
                         const x_mention *best, uint32_t t)
{
    int sm = salience(d, m, t), sb = salience(d, best, t);
    if (sm >= sb + 2 || sb >= sm + 2)
        return sm > sb;
    return m->tok < best->tok;
}

/* Words after which a name starts a clause as its subject: "But Tennis
 * Australia's Geoff Pollard rejected", "whom Carney met". */
static int clause_opener(const x_doc *d, uint32_t t)
{
    static const char *const W[] = {"and", "but", "while", "as", "when",
                                    "that", "because", "although", "though",
                                    "so", "then", "yet", "if", "since",
                                    "who", "whom", "whose", "which", "after",
                                    "before", "where", "until", "unless",
                                    NULL};
    for (size_t i = 0; W[i]; i++)
        if (x_tok_lower_is(d, t, W[i]))
            return 1;
    return 0;
}

/* Person mention m is a clause's subject: not a verb's or a
 * preposition's object ("accused Mr Blair", "criticism by Lleyton
 * Hewitt"), not a possessor ("Hewitt's performances"), and followed by
 * a verb or an appositive. */
int x_subj_subject_position(const x_doc *d, const x_mention *m)
{
    uint32_t p = m->tok, f = m->tok + m->ntok;
    if (f < d->ntok && d->toks[f].kind == XT_POSS)
        return 0;
    if (f < d->ntok && !(x_subj_lower_word(d, f) || x_tok_is(d, f, ",") ||
                         x_tok_is(d, f, "(")))
        return 0;
    /* back to the start of the noun phrase: titles, capitalised words,
     * role nouns and possessors ("Dr Fox", "Green MEP Caroline Lucas",
     * "Tennis Australia's Geoff Pollard", "coach Mike Friday") */
    uint32_t first = d->sents[d->toks[m->tok].sent].first;
    while (p > first &&
           (x_tok_is(d, p - 1, ".") || d->toks[p - 1].kind == XT_POSS ||
            (d->toks[p - 1].kind == XT_WORD &&
             ((d->toks[p - 1].flags & XF_UPPER) ||
              (d->toks[p - 1].lex & LX_ROLE) ||
              /* "Shadow foreign secretary": an adjective before a role */
              (p < m->tok && x_subj_lower_word(d, p) &&
               (d->toks[p].lex & LX_ROLE))) &&
             !clause_opener(d, p - 1))))
        p--;
    if (p == first)
        return 1;
    uint32_t b = p - 1;
    if (d->toks[b].kind != XT_WORD)
        return x_tok_is(d, b, ",") || x_tok_is(d, b, ";") ||
               x_tok_is(d, b, ".") || x_tok_is(d, b, ":") ||
               d->toks[b].kind == XT_QUOTE || d->toks[b].kind == XT_DASH;
    return clause_opener(d, b);
}

/* The sentence has a he/she matching `gender` as a clause's subject
 * ("But he refused ..."): the person it continues is named further
 * back. */
static int pronoun_subject(const x_doc *d, uint32_t a, uint32_t b,
                           unsigned gender)
{
    const char *w = gender == XG_MALE ? "he" : gender == XG_FEMALE ? "she"
                                                                 : NULL;
    for (uint32_t u = a; w && u < b; u++)
        if (x_tok_lower_is(d, u, w) && d->toks[u].quote < 0 &&
            (u == a || clause_opener(d, u - 1) || x_tok_is(d, u - 1, ",")))
            return 1;
    return 0;
}

/* he/she: in the nearest sentence before t that names a person (outside
 * quotes, of a fitting gender), looking at t's own sentence first, the
 * last one named as a clause's subject ("Hewitt said ... but Pollard
 * rejected his comments. “…,” he said": Pollard; "Dr Fox accused Mr
 * Blair ... “…,” he told": Fox); when none is a subject, the sentence's
 * own he/she sends the search further back, else the first person named
 * (the story's main person before one in passing).  they/it: the last
 * organisation.  A pronoun in news may point back a long way ("He began
 * to cry ... “Where do you draw the line?” he says.") so the search goes
 * back up to 40 sentences. */
int x_subj_antecedent(const x_doc *d, uint32_t t, int want, unsigned gender)
{
    uint32_t s = d->toks[t].sent;
    int skipped = -1;
    for (int back = 0; back < 40; back++, s--) {
        uint32_t a = d->sents[s].first, b = back ? d->sents[s].end : t;
        int best = -1, subj = -1;
        uint32_t in[X_RANGE_CAP];
        size_t nin = x_doc_mentions_in(d, a, b, in, X_RANGE_CAP);
        size_t n = nin == SIZE_MAX ? d->nment : nin;
        for (size_t k = 0; k < n; k++) {
            size_t i = nin == SIZE_MAX ? k : in[k];
            const x_mention *m = &d->ments[i];
            if ((m->flags & XMF_DROPPED) || m->type != want ||
                m->tok < a || m->tok >= b || d->toks[m->tok].quote >= 0 ||
                !gender_ok(d, m, gender))
                continue;
            if (want == XM_PER && x_subj_subject_position(d, m) &&
                (subj < 0 || m->tok > d->ments[subj].tok))
                subj = (int)i;
            if (best < 0 ||
                (want == XM_PER ? better_person(d, m, &d->ments[best], t)
                                : m->tok > d->ments[best].tok))
                best = (int)i;
        }
        if (subj >= 0)
            return subj;
        if (best >= 0 && !pronoun_subject(d, a, b, gender))
            return best;
        if (best >= 0 && skipped < 0)
            skipped = best;
        if (s == 0)
            break;
    }
    return skipped >= 0 ? skipped : SUBJ_UNNAMED;
}

int x_subj_pronoun(const x_doc *d, uint32_t t)
{
    if (x_tok_lower_is(d, t, "he"))
        return x_subj_antecedent(d, t, XM_PER, XG_MALE);
    if (x_tok_lower_is(d, t, "she"))
        return x_subj_antecedent(d, t, XM_PER, XG_FEMALE);
    return x_subj_antecedent(d, t, XM_ORG, 0);      /* they, it */
}

int x_subj_speaker_ok(const x_doc *d, int m)
{
    if (m < 0)
        return m;
    const x_mention *k = &d->ments[m];
    if (k->ntok == 1 && (d->toks[k->tok].lex & LX_GROUP))
        return SUBJ_UNNAMED;                  /* Prosecutors said */
    return k->type == XM_LOC ? SUBJ_UNNAMED : m;
}

/* "mother-of-nine", "father-of-two", "20-year-old": a person described
 * in a hyphenated word; *start gets its first token.  At t, its last
 * token (before the verb) or, with `forward`, its first (after it). */
int x_subj_hyphen_person(const x_doc *d, uint32_t t, int forward,
                         uint32_t *start)
{
    if (forward) {
        if (t + 2 < d->ntok && d->toks[t + 1].kind == XT_HYPHEN &&
            ((x_tok_is(d, t, "mother") || x_tok_is(d, t, "father")) &&
             x_tok_is(d, t + 2, "of")))
            return *start = t, 1;
        return 0;
    }
    if (t >= 4 && d->toks[t - 1].kind == XT_HYPHEN &&
        d->toks[t - 3].kind == XT_HYPHEN) {
        if (x_tok_is(d, t, "old") && x_tok_is(d, t - 2, "year") &&
            d->toks[t - 4].kind == XT_NUM)
            return *start = t - 4, 1;
        if (x_tok_is(d, t - 2, "of") &&
            (x_tok_is(d, t - 4, "mother") || x_tok_is(d, t - 4, "father")))
            return *start = t - 4, 1;
    }
    return 0;
}

/* "the Vermont senator said", "the defender said", "The New York
 * businessman": a definite description of someone the story has named —
 * the person the nearest sentence before names (antecedent).  Roles that
 * usually bring in someone new ("the spokesman", "an official") are not
 * descriptions: they stay unnamed. */
int x_subj_description(const x_doc *d, uint32_t t)
{
    static const char *const R[] = {
        "president", "minister", "governor", "senator", "congressman",
        "congresswoman", "chairman", "chairwoman", "coach", "manager",
        "leader", "nominee", "candidate", "businessman", "businesswoman",
        "mayor", "premier", "chancellor", "captain", "skipper", "striker",
        "midfielder", "defender", "goalkeeper", "winger", "singer", "actor",
        "actress", "star", "boss", "founder",
        "secretary", "chief", "executive", "director", "professor",
        "champion", "player", "veteran", "rapper", "musician", "comedian",
        "presenter", "frontman", "author", "writer", "billionaire",
        "republican", "democrat", "lawmaker", "legislator", "judge",
        "prosecutor", "lawyer", "ambassador", "envoy", "commissioner",
        "pontiff", "monarch", "prince", "princess", "duke", "lord",
        "tycoon", "mogul", "entrepreneur", "investor", "owner", NULL};
    if (!x_subj_lower_word(d, t))
        return SUBJ_NONE;
    uint32_t u = t;
    int hit = x_subj_hyphen_person(d, t, 0, &u);
    for (size_t i = 0; R[i] && !hit; i++)
        hit = x_tok_is(d, t, R[i]);
    if (!hit || t == 0)
        return SUBJ_NONE;
    uint32_t first = d->sents[d->toks[t].sent].first;
    while (u > first && u + 8 > t && !x_tok_lower_is(d, u - 1, "the") &&
           (x_tok_is(d, u - 1, ".") || x_tok_is(d, u - 1, "former") ||
            d->toks[u - 1].kind == XT_HYPHEN ||
            d->toks[u].kind == XT_HYPHEN ||
            x_tok_is(d, u - 1, "new") || x_tok_is(d, u - 1, "veteran") ||
            x_tok_is(d, u - 1, "and") || x_tok_is(d, u - 1, "first") ||
            (d->toks[u - 1].kind == XT_WORD &&
             ((d->toks[u - 1].flags & XF_UPPER) ||
              (x_subj_lower_word(d, u - 1) &&
               (d->toks[u - 1].lex & LX_ROLE))))))
        u--;
    if (u == 0 || !x_tok_lower_is(d, u - 1, "the"))
        return SUBJ_NONE;
    /* an organisation in it is an affiliation ("the Tory co-chairman"):
     * the person is still the one named before */
    /* the businessman, the actress: a man's or a woman's role */
    static const char *const MALE[] = {"businessman", "congressman",
                                       "chairman", "actor",
                                       "prince", "duke", "lord", "frontman",
                                       NULL};
    static const char *const FEMALE[] = {"businesswoman", "congresswoman",
                                         "chairwoman", "actress", "princess",
                                         NULL};
    unsigned g = 0;
    for (size_t i = 0; MALE[i]; i++)
        if (x_tok_is(d, t, MALE[i]))
            g = XG_MALE;
    for (size_t i = 0; FEMALE[i]; i++)
        if (x_tok_is(d, t, FEMALE[i]))
            g = XG_FEMALE;
    return x_subj_speaker_ok(d, x_subj_antecedent(d, u - 1, XM_PER, g));
}

