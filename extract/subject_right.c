/*
 * subject_right.c — the speaker named after a speech verb (`said Lavrov`,
 * `said the chairman of the Commons education committee, Labour MP Barry
 * Sheerman`, `said the radio station`), and the speech forms that are no
 * verb's subject: "according to X", a possessor's "claim that", a
 * sentence's subject before a colon.  The subject before the verb is
 * subject.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"
#include "x_subject.h"

/* The person named in an appositive after the description that ends
 * with organisation mention o: "the chairman of the Commons education
 * committee, Labour MP Barry Sheerman" — or -1. */
static int appositive_person(const x_doc *d, int o, uint32_t end)
{
    uint32_t u = d->ments[o].tok + d->ments[o].ntok;
    while (u < end && x_subj_lower_word(d, u) && !(d->toks[u].lex & LX_SAY1))
        u++;
    if (u >= end || !x_tok_is(d, u, ","))
        return -1;
    for (uint32_t w = u + 1; w < end && w < u + 6; w++) {
        int m = x_doc_mention_starting(d, w);
        if (m >= 0 && d->ments[m].type == XM_PER)
            return m;
        if (m >= 0 && d->ments[m].type == XM_ORG) {
            w = d->ments[m].tok + d->ments[m].ntok - 1;   /* Labour MP */
            continue;
        }
        /* "MP", "MEP": a short word in capitals, a title before a name */
        if (!x_subj_role_word(d, w) && !x_tok_is(d, w, "the") &&
            !((d->toks[w].flags & XF_ALLCAPS) && d->toks[w].len <= 4))
            return -1;
    }
    return -1;
}

/* The subject after speech verb v: `said Lavrov`, `said the Kremlin`. */
int x_subj_right(const x_doc *d, uint32_t v, int *also)
{
    *also = -1;
    uint32_t t = v + 1;
    uint32_t end = d->sents[d->toks[v].sent].end;
    if (d->toks[v].lex & LX_TELL)
        return SUBJ_NONE;               /* told Reuters: the listener */
    size_t vl = d->toks[v].len;
    if (vl > 4 && memcmp(x_tok_s(d, v) + vl - 3, "ing", 3) == 0)
        return SUBJ_NONE;   /* "saying it was": a participle's object */
    if (t < end && d->toks[t].kind == XT_WORD && (d->toks[t].lex & LX_PRON))
        return x_subj_speaker_ok(d, x_subj_pronoun(d, t));
    for (uint32_t u = t; u < end && u < t + 6; u++) {
        int m = x_doc_mention_starting(d, u);
        if (m >= 0) {
            /* said Aguilera's agent Meghan Prophet, said Oscars
             * communications director John Pavlik: the person speaks,
             * the employer with him when it is an organisation */
            uint32_t w = d->ments[m].tok + d->ments[m].ntok;
            if (w < end && d->toks[w].kind == XT_POSS)
                w++;
            uint32_t r = w;
            while (r < end && r < w + 3 && x_subj_lower_word(d, r) &&
                   !(d->toks[r].lex & LX_ROLE))
                r++;
            if (r < end && x_subj_lower_word(d, r) &&
                (d->toks[r].lex & LX_ROLE)) {
                while (r + 1 < end && x_subj_lower_word(d, r + 1) &&
                       (d->toks[r + 1].lex & LX_ROLE))
                    r++;
                int p = x_doc_mention_starting(d, r + 1);
                if (p >= 0 && d->ments[p].type == XM_PER) {
                    *also = d->ments[m].type == XM_ORG &&
                                    !x_subj_own_voice(d, r) ? m : -1;
                    return x_subj_speaker_ok(d, p);
                }
            }
            *also = x_subj_spokesman_for(d, m >= 0 ? d->ments[m].tok +
                                                  d->ments[m].ntok : u);
            return x_subj_speaker_ok(d, m);
        }
        if (u > t && x_tok_is(d, u, ".") &&
            nx_name_is_title(x_tok_s(d, u - 1), d->toks[u - 1].len))
            continue;                     /* says Dr. Matthew Bowes */
        if (d->toks[u].kind == XT_NUM || x_tok_is(d, u, "/"))
            continue;                     /* said 9/11 widow Terry Strada */
        if (d->toks[u].kind != XT_WORD)
            break;
        uint32_t hs = 0;
        if (x_subj_hyphen_person(d, u, 1, &hs))
            break;                        /* said the mother-of-nine */
        if (x_subj_lower_word(d, u) && (d->toks[u].lex & LX_ROLE)) {
            /* said a spokesman for the Pentagon */
            uint32_t w = u + 1;
            if (x_tok_is(d, w, "for") || x_tok_is(d, w, "at") ||
                x_tok_is(d, w, "of")) {
                w++;
                if (x_tok_is(d, w, "the"))
                    w++;
                int o = x_doc_mention_starting(d, w);
                if (o >= 0 && d->ments[o].type == XM_ORG) {
                    /* said the chairman of the Commons education
                     * committee, Labour MP Barry Sheerman: the person */
                    int p = appositive_person(d, o, end);
                    if (p >= 0) {
                        *also = x_subj_affiliation(d, o);
                        return x_subj_speaker_ok(d, p);
                    }
                    return o;
                }
            }
            if (x_subj_lower_word(d, u + 1) && (d->toks[u + 1].lex & LX_ROLE))
                continue;                 /* said chief executive Finian */
            if (d->toks[u + 1].kind != XT_WORD || !(d->toks[u + 1].flags &
                                                    XF_UPPER))
                return SUBJ_UNNAMED;
        }
    }
    /* said the 20-year-old, said the Australian: a description of the
     * person the story is about, the nearest named before */
    if (t + 1 < end && x_tok_is(d, t, "the") &&
        (d->toks[t + 1].kind == XT_NUM ||
         (x_subj_lower_word(d, t + 1) && (d->toks[t + 1].lex & LX_ROLE) &&
          !(t + 2 < end && (x_tok_is(d, t + 2, "of") ||
                            x_tok_is(d, t + 2, "for"))))))
        return x_subj_speaker_ok(d, x_subj_antecedent(d, v, XM_PER, 0));
    /* said the mother-of-nine, said the Scot: the description before */
    uint32_t hs = 0;
    if (t + 1 < end && x_tok_is(d, t, "the") &&
        x_subj_hyphen_person(d, t + 1, 1, &hs))
        return x_subj_speaker_ok(d, x_subj_antecedent(d, v, XM_PER, 0));
    /* said the radio station, said the club: the organisation before */
    for (uint32_t u = t + 1; t < end && x_tok_is(d, t, "the") && u < end &&
                             u < t + 4; u++) {
        if (x_subj_lower_word(d, u) && (d->toks[u].lex & LX_ORGANA) &&
            !(u + 1 < end && d->toks[u + 1].kind == XT_WORD &&
              !x_tok_is(d, u + 1, "on") && !x_tok_is(d, u + 1, "in")))
            return x_subj_speaker_ok(d, x_subj_antecedent(d, v, XM_ORG, 0));
        if (!x_subj_lower_word(d, u) && !(d->toks[u].flags & XF_UPPER))
            break;
    }
    return t < end && d->toks[t].kind == XT_WORD ? SUBJ_UNNAMED : SUBJ_NONE;
}

/* The subject of the sentence starting at `first`, before token `end`:
 * the first person or organisation named outside quotes as a clause's
 * subject ("With Democratic leaders worried about ..., President Obama is
 * rolling out a message: “…”"), or -1. */
int x_subj_sentence_subject(const x_doc *d, uint32_t first, uint32_t end)
{
    uint32_t in[X_RANGE_CAP];
    size_t nin = x_doc_mentions_in(d, first, end, in, X_RANGE_CAP);
    size_t n = nin == SIZE_MAX ? d->nment : nin;
    int best = -1;
    for (size_t k = 0; k < n; k++) {
        size_t i = nin == SIZE_MAX ? k : in[k];
        const x_mention *m = &d->ments[i];
        if ((m->flags & XMF_DROPPED) || m->tok < first || m->tok >= end ||
            (m->type != XM_PER && m->type != XM_ORG) ||
            d->toks[m->tok].quote >= 0 || !x_subj_subject_position(d, m) ||
            (m->tok > first && x_subj_preposition(d, m->tok - 1)) ||
            (best >= 0 && m->tok >= d->ments[best].tok))
            continue;
        best = (int)i;
    }
    return best >= 0 ? x_subj_speaker_ok(d, best) : -1;
}

/* "Donald Trump's claim that", "his comments that": a speech noun after
 * a possessor at t; the possessor (a pronoun's antecedent), SUBJ_NONE
 * when t is no such noun. */
int x_subj_possessed_speech(const x_doc *d, uint32_t t)
{
    static const char *const N[] = {
        "claim", "claims", "comment", "comments", "remark", "remarks",
        "statement", "assertion", "warning", "suggestion", "insistence",
        "accusation", "allegation", "words", "argument", "plea",
        "admission", "denial", "boast", "declaration", "message", "tweet",
        "response", "reply", "description", "charge", "complaint", NULL};
    if (!x_subj_lower_word(d, t) || t < 2)
        return SUBJ_NONE;
    int hit = 0;
    for (size_t i = 0; N[i] && !hit; i++)
        hit = x_tok_is(d, t, N[i]);
    if (!hit)
        return SUBJ_NONE;
    uint32_t p = t - 1;
    if (x_subj_lower_word(d, p) && !(d->toks[p].lex & LX_FUNC) && p > 0 &&
        (d->toks[p - 1].kind == XT_POSS || x_tok_is(d, p - 1, "his") ||
         x_tok_is(d, p - 1, "her")))
        p--;                                  /* Trump's repeated claim */
    if (x_tok_is(d, p, "his"))
        return x_subj_speaker_ok(d, x_subj_antecedent(d, p, XM_PER, XG_MALE));
    if (x_tok_is(d, p, "her"))
        return x_subj_speaker_ok(d, x_subj_antecedent(d, p, XM_PER, XG_FEMALE));
    if (d->toks[p].kind != XT_POSS || p == 0)
        return SUBJ_NONE;
    int m = x_doc_mention_ending(d, p - 1);
    return m >= 0 ? x_subj_speaker_ok(d, m) : SUBJ_NONE;
}

/* "according to (the) X" at t: X, or an unnamed source; SUBJ_NONE when
 * t does not start the phrase. */
int x_subj_according_to(const x_doc *d, uint32_t t)
{
    if (!x_tok_lower_is(d, t, "according") || !x_tok_is(d, t + 1, "to"))
        return SUBJ_NONE;
    uint32_t u = t + 2;
    if (x_tok_is(d, u, "the"))
        u++;
    if (u + 1 < d->ntok && x_tok_is(d, u + 1, ".") &&
        nx_name_is_title(x_tok_s(d, u), d->toks[u].len))
        u += 2;                           /* according to Dr. Keith Ahamad */
    int m = x_doc_mention_starting(d, u);
    return m >= 0 ? x_subj_speaker_ok(d, m) : SUBJ_UNNAMED;
}
