/*
 * quotes.c — who is quoted: each quote span gets a speaker, and reported
 * speech without quotation marks adds speakers too (x_doc.speech).
 *
 * For a quote, in order:
 *  A. after its closing mark, in the same sentence: `,” said Lavrov`,
 *     `,” Lavrov said`, `,” he said`, `,” Lagarde, the ECB president, said`;
 *  B. before its opening mark, in its sentence: the nearest speech verb
 *     and that verb's subject — `Lavrov said: “…”`, `Biden told reporters
 *     ... that “…”`, `responded by saying that NATO was “…”`,
 *     `According to X, “…”`;
 *  C. continuation: a later quote of the same paragraph, a quote that
 *     continues a paragraph left open, or a paragraph wholly in quotes
 *     takes the speaker before it.
 * A quote of three words or fewer that none of these attributes is a scare
 * quote ("stable") and is not listed.
 *
 * The subject of a speech verb is found by walking left over adverbs,
 * times and an appositive: a person or org mention; a pronoun (he/she: the
 * first person of the nearest sentence before that names one; they/it: the
 * nearest org); "X's spokesman" / "X spokesman" (X, plus the spokesman when
 * named); "the company" (the last org); any other noun phrase is an
 * unnamed speaker.  A place is never a speaker ("Russia said" names no one
 * who can be quoted by name).
 */
#include <stdlib.h>
#include <string.h>

#include "nx_xapian.h"
#include "x_internal.h"

#define SUBJ_NONE -2         /* no subject found: not an attribution */
#define SUBJ_UNNAMED -1      /* a speaker with no name ("the assistant") */

static int lower_word(const x_doc *d, uint32_t t)
{
    return t < d->ntok && d->toks[t].kind == XT_WORD &&
           !(d->toks[t].flags & XF_UPPER);
}

static int is_say(const x_doc *d, uint32_t t)
{
    return lower_word(d, t) && (d->toks[t].lex & (LX_SAY1 | LX_SAY2));
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
    if (!lower_word(d, t))
        return 0;
    for (size_t i = 0; A[i]; i++)
        if (x_tok_is(d, t, A[i]))
            return 1;
    return 0;
}

static int first_of_sentence(const x_doc *d, uint32_t t)
{
    return (int)d->sents[d->toks[t].sent].first;
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
    uint32_t first = m->tok;
    if (m->ntok == 1) {
        const x_tok *k = &d->toks[m->tok];
        for (size_t i = 0; i < d->nment; i++) {
            const x_mention *o = &d->ments[i];
            const x_tok *l = &d->toks[o->tok + o->ntok - 1];
            if (o->type == XM_PER && o->ntok >= 2 && l->len == k->len &&
                memcmp(d->text + l->off, d->text + k->off, k->len) == 0) {
                first = o->tok;
                break;
            }
        }
    }
    char *k0 = x_span_key(d, first, 1);
    const x_gent *e = k0 ? x_gaz_get(&d->x->gaz, k0, strlen(k0)) : NULL;
    free(k0);
    if (!e || !(e->flags & XG_FIRST))
        return 1;
    return (e->flags & want) != 0;
}

/* he/she: the first person named (outside quotes, of a fitting gender) in
 * the nearest sentence before t that names one, looking at t's own
 * sentence first; they/it: the last organisation.  A pronoun in news may
 * point back a long way ("He began to cry ... “Where do you draw the
 * line?” he says.") so the search goes back up to 40 sentences. */
static int antecedent(const x_doc *d, uint32_t t, int want, unsigned gender)
{
    uint32_t s = d->toks[t].sent;
    for (int back = 0; back < 40; back++, s--) {
        uint32_t a = d->sents[s].first, b = back ? d->sents[s].end : t;
        int best = -1;
        for (size_t i = 0; i < d->nment; i++) {
            const x_mention *m = &d->ments[i];
            if ((m->flags & XMF_DROPPED) || m->type != want ||
                m->tok < a || m->tok >= b || d->toks[m->tok].quote >= 0 ||
                !gender_ok(d, m, gender))
                continue;
            if (best < 0 ||
                (want == XM_PER ? m->tok < d->ments[best].tok
                                : m->tok > d->ments[best].tok))
                best = (int)i;
        }
        if (best >= 0)
            return best;
        if (s == 0)
            break;
    }
    return SUBJ_UNNAMED;
}

static int pronoun(const x_doc *d, uint32_t t)
{
    if (x_tok_lower_is(d, t, "he"))
        return antecedent(d, t, XM_PER, XG_MALE);
    if (x_tok_lower_is(d, t, "she"))
        return antecedent(d, t, XM_PER, XG_FEMALE);
    return antecedent(d, t, XM_ORG, 0);      /* they, it */
}

static int speaker_ok(const x_doc *d, int m)
{
    if (m < 0)
        return m;
    return d->ments[m].type == XM_LOC ? SUBJ_UNNAMED : m;
}

/* The mention ending at t, or "X's" / "X" just before a role noun at t. */
static int np_at(const x_doc *d, uint32_t t, int *also)
{
    int m = x_doc_mention_ending(d, t);
    if (m >= 0) {
        /* Kremlin spokesman Dmitry Peskov: the Kremlin speaks too */
        uint32_t s = d->ments[m].tok;
        if (s >= 2 && lower_word(d, s - 1) && (d->toks[s - 1].lex & LX_ROLE)) {
            uint32_t x = s - 2;
            if (d->toks[x].kind == XT_POSS && x > 0)
                x--;
            int o = x_doc_mention_ending(d, x);
            if (o >= 0 && d->ments[o].type == XM_ORG)
                *also = o;
        }
        return speaker_ok(d, m);
    }
    if (d->toks[t].kind == XT_WORD && (d->toks[t].lex & LX_PRON))
        return speaker_ok(d, pronoun(d, t));
    if (lower_word(d, t) && (d->toks[t].lex & LX_ORGANA) &&
        t > 0 && x_tok_lower_is(d, t - 1, "the"))
        return speaker_ok(d, antecedent(d, t, XM_ORG, 0));
    if (lower_word(d, t) && (d->toks[t].lex & LX_ROLE) && t > 0) {
        uint32_t x = t - 1;
        if (d->toks[x].kind == XT_POSS && x > 0)
            x--;
        int o = x_doc_mention_ending(d, x);
        if (o >= 0 && d->ments[o].type != XM_LOC)
            return o;                     /* the Kremlin's spokesman */
    }
    if (d->toks[t].kind == XT_WORD || d->toks[t].kind == XT_NUM)
        return SUBJ_UNNAMED;
    return SUBJ_NONE;
}

/* ", a spokesman for Y" after a speaker: Y speaks too. */
static int spokesman_for(const x_doc *d, uint32_t t)
{
    if (!x_tok_is(d, t, ","))
        return -1;
    for (uint32_t u = t + 1; u < t + 6 && u + 1 < d->ntok; u++) {
        if (!lower_word(d, u))
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

/* The subject of speech verb v, walking left (not before `bound`). */
static int subject_left(const x_doc *d, uint32_t v, uint32_t bound,
                        int *also)
{
    *also = -1;
    if (v <= bound)
        return SUBJ_NONE;
    uint32_t t = v - 1;
    const char *vs = x_tok_s(d, v);
    size_t vl = d->toks[v].len;
    int ing = vl > 4 && memcmp(vs + vl - 3, "ing", 3) == 0;
    if (ing && x_tok_is(d, t, "by") && t > bound && is_say(d, t - 1))
        return subject_left(d, t - 1, bound, also);  /* responded by saying */
    if (ing && x_tok_is(d, t, "for")) {
        /* condemned the Kremlin on Wednesday for suggesting */
        while (t > bound && (adverb(d, t - 1) || x_tok_is(d, t - 1, ",")))
            t--;
        if (t > bound) {
            int m = x_doc_mention_ending(d, t - 1);
            return m >= 0 ? speaker_ok(d, m) : SUBJ_UNNAMED;
        }
        return SUBJ_NONE;
    }
    if (ing)
        return SUBJ_NONE;       /* ", saying ...": a participle, no subject */
    if (t > bound && (x_tok_is(d, t, "was") || x_tok_is(d, t, "were") ||
                      x_tok_is(d, t, "is") || x_tok_is(d, t, "are") ||
                      x_tok_is(d, t, "been") || x_tok_is(d, t, "be")))
        return SUBJ_NONE;       /* passive: "was told" */
    while (t > bound && adverb(d, t))
        t--;
    if (x_tok_is(d, t, ",") && t > bound) {
        /* an appositive: Lagarde, the ECB president, said */
        uint32_t c = t - 1;
        while (c > bound && c + 12 > t && !x_tok_is(d, c, ",") &&
               d->toks[c].kind != XT_QUOTE)
            c--;
        if (!x_tok_is(d, c, ",") || c <= bound)
            return SUBJ_NONE;
        /* the Kremlin's spokesman, Dmitry Peskov, said: the named
         * spokesman speaks, and the organisation with him */
        int p = x_doc_mention_starting(d, c + 1);
        if (p >= 0 && d->ments[p].type == XM_PER &&
            d->ments[p].tok + d->ments[p].ntok == t && lower_word(d, c - 1) &&
            (d->toks[c - 1].lex & LX_ROLE)) {
            int unused = -1, o = np_at(d, c - 1, &unused);
            *also = o >= 0 && d->ments[o].type == XM_ORG ? o : -1;
            return p;
        }
        t = c - 1;
    }
    if (t < bound)
        return SUBJ_NONE;
    int m = np_at(d, t, also);
    if (m >= 0 && *also < 0)
        *also = spokesman_for(d, d->ments[m].tok + d->ments[m].ntok);
    return m;
}

/* The subject after speech verb v: `said Lavrov`, `said the Kremlin`. */
static int subject_right(const x_doc *d, uint32_t v, int *also)
{
    *also = -1;
    uint32_t t = v + 1;
    uint32_t end = d->sents[d->toks[v].sent].end;
    if (t < end && d->toks[t].kind == XT_WORD && (d->toks[t].lex & LX_PRON))
        return speaker_ok(d, pronoun(d, t));
    for (uint32_t u = t; u < end && u < t + 6; u++) {
        int m = x_doc_mention_starting(d, u);
        if (m >= 0) {
            *also = spokesman_for(d, m >= 0 ? d->ments[m].tok +
                                                  d->ments[m].ntok : u);
            return speaker_ok(d, m);
        }
        if (u > t && x_tok_is(d, u, ".") &&
            nx_name_is_title(x_tok_s(d, u - 1), d->toks[u - 1].len))
            continue;                     /* says Dr. Matthew Bowes */
        if (d->toks[u].kind != XT_WORD)
            break;
        if (lower_word(d, u) && (d->toks[u].lex & LX_ROLE)) {
            /* said a spokesman for the Pentagon */
            uint32_t w = u + 1;
            if (x_tok_is(d, w, "for") || x_tok_is(d, w, "at") ||
                x_tok_is(d, w, "of")) {
                w++;
                if (x_tok_is(d, w, "the"))
                    w++;
                int o = x_doc_mention_starting(d, w);
                if (o >= 0 && d->ments[o].type == XM_ORG)
                    return o;
            }
            if (d->toks[u + 1].kind != XT_WORD || !(d->toks[u + 1].flags &
                                                    XF_UPPER))
                return SUBJ_UNNAMED;
        }
    }
    return t < end && d->toks[t].kind == XT_WORD ? SUBJ_UNNAMED : SUBJ_NONE;
}

/* "according to (the) X" at t: X, or an unnamed source; SUBJ_NONE when
 * t does not start the phrase. */
static int according_to(const x_doc *d, uint32_t t)
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
    return m >= 0 ? speaker_ok(d, m) : SUBJ_UNNAMED;
}

static int attribute(x_doc *d, size_t qi, int who, int also, uint32_t verb)
{
    x_quote *q = &d->quotes[qi];
    q->attributed = 1;
    q->speaker = who >= 0 ? who : -1;
    q->also = also;
    if (verb < d->ntok)
        d->toks[verb].flags |= XF_SPEECH;
    if (who >= 0 || also >= 0)
        return x_doc_add_speech(d, who >= 0 ? who : also,
                                who >= 0 ? also : -1, (int)qi, q->open);
    return NX_OK;
}

/* A: the attribution after the closing mark. */
static int after_close(x_doc *d, size_t qi, uint32_t *verb, int *also)
{
    const x_quote *q = &d->quotes[qi];
    uint32_t t = q->close + 1;
    if (q->close >= d->ntok || d->toks[q->close].kind != XT_QUOTE)
        return SUBJ_NONE;
    uint32_t sent = d->toks[q->close].sent;
    while (t < d->ntok && (x_tok_is(d, t, ",") || d->toks[t].kind == XT_DASH))
        t++;
    if (t >= d->ntok || d->toks[t].sent != sent ||
        (d->toks[t].flags & XF_PARA_START))
        return SUBJ_NONE;
    if (is_say(d, t)) {
        *verb = t;
        return subject_right(d, t, also);
    }
    int acc = according_to(d, t);         /* ," according to X. */
    if (acc != SUBJ_NONE) {
        *verb = t;
        *also = -1;
        return acc;
    }
    for (uint32_t u = t; u < d->ntok && u < t + 14; u++) {
        if (d->toks[u].sent != sent || d->toks[u].kind == XT_QUOTE)
            break;
        if (is_say(d, u)) {
            *verb = u;
            return subject_left(d, u, t, also);
        }
        if (x_tok_is(d, u, ".") || x_tok_is(d, u, ";"))
            break;
    }
    return SUBJ_NONE;
}

/* B: the attribution before the opening mark, in its sentence. */
static int before_open(x_doc *d, size_t qi, uint32_t *verb, int *also)
{
    const x_quote *q = &d->quotes[qi];
    uint32_t first = (uint32_t)first_of_sentence(d, q->open);
    for (uint32_t t = q->open; t > first;) {
        t--;
        if (d->toks[t].kind == XT_QUOTE && (d->toks[t].flags & XF_QCLOSE))
            break;                        /* another quote's territory */
        int acc = according_to(d, t);
        if (acc != SUBJ_NONE) {
            *verb = t;
            *also = -1;
            return acc;
        }
        if (is_say(d, t)) {
            *verb = t;
            int s = subject_left(d, t, first, also);
            if (s == SUBJ_NONE)
                s = subject_right(d, t, also);
            return s;
        }
    }
    /* "Martell, the addictions doctor, is more blunt: “…”": a colon
     * introduces the words of the sentence's subject, a name at its
     * start */
    if (q->open > first && x_tok_is(d, q->open - 1, ":")) {
        for (uint32_t t = first; t < first + 2 && t < q->open; t++) {
            int m = x_doc_mention_starting(d, t);
            if (m >= 0 && d->ments[m].type != XM_LOC) {
                *verb = UINT32_MAX;
                *also = -1;
                return m;
            }
        }
    }
    return SUBJ_NONE;
}

static int para_of(const x_doc *d, uint32_t t)
{
    return (int)d->toks[t].para;
}

/* The quote's paragraph holds nothing but the quote. */
static int whole_paragraph(const x_doc *d, const x_quote *q)
{
    if (!(d->toks[q->open].flags & XF_PARA_START))
        return 0;
    for (uint32_t t = q->close + 1; t < d->ntok; t++) {
        if (d->toks[t].flags & XF_PARA_START)
            return 1;
        if (d->toks[t].kind != XT_PUNCT)
            return 0;
    }
    return 1;
}

/* C: the speaker of the speech just before, when it continues. */
static int continuation(const x_doc *d, size_t qi, int *also)
{
    const x_quote *q = &d->quotes[qi];
    *also = -1;
    if (qi > 0) {
        const x_quote *p = &d->quotes[qi - 1];
        int same = para_of(d, p->open) == para_of(d, q->open);
        int cont = p->cont && (d->toks[q->open].flags & XF_PARA_START);
        if ((same || cont) && p->attributed) {
            *also = p->also;
            return p->speaker >= 0 ? p->speaker : SUBJ_UNNAMED;
        }
    }
    if (whole_paragraph(d, q)) {
        /* the latest speech (quoted or reported) before it, in the two
         * paragraphs before: a paragraph wholly in quotes continues the
         * speaker before it, even across a paragraph of narration */
        int para = para_of(d, q->open), best = -1;
        for (size_t i = 0; i < d->nspeech; i++) {
            int sp = para_of(d, d->speech[i].tok);
            if (d->speech[i].tok < q->open && sp >= para - 2 && sp < para &&
                (best < 0 || d->speech[i].tok >= d->speech[best].tok))
                best = (int)i;
        }
        if (best >= 0) {
            *also = d->speech[best].also;
            return d->speech[best].mention;
        }
    }
    return SUBJ_NONE;
}

/* Reported speech without quotation marks, and "according to X". */
static int reported(x_doc *d)
{
    for (uint32_t t = 0; t < d->ntok; t++) {
        const x_tok *k = &d->toks[t];
        if (k->quote >= 0 || (k->flags & (XF_SPEECH | XF_TITLE)))
            continue;
        int also = -1, who = according_to(d, t);
        if (who != SUBJ_NONE) {
            /* according to X */
        } else if (is_say(d, t)) {
            uint32_t end = d->sents[k->sent].end;
            if (x_tok_is(d, t + 1, "to") && (k->lex & LX_SAY1))
                continue;                 /* "said to be" */
            if (k->lex & LX_SAY2) {
                int ok = 0;
                const char *s = x_tok_s(d, t);
                for (uint32_t u = t + 1; u < end && u < t + 7 && !ok; u++)
                    ok = x_tok_is(d, u, "that") || x_tok_is(d, u, ":") ||
                         (x_tok_is(d, u, "of") && s[0] == 'a' && s[1] == 'c') ||
                         (x_tok_is(d, u, "to") && (s[0] == 'u' ||
                                                   s[0] == 'a'));
                if (!ok)
                    continue;
            }
            uint32_t first = (uint32_t)first_of_sentence(d, t);
            who = subject_left(d, t, first, &also);
            if (who == SUBJ_NONE && t > first && x_tok_is(d, t - 1, ","))
                who = subject_right(d, t, &also);  /* ..., said Lavrov. */
        } else {
            continue;
        }
        if (who >= 0 || also >= 0) {
            int rc = x_doc_add_speech(d, who >= 0 ? who : also,
                                      who >= 0 ? also : -1, -1, t);
            if (rc != NX_OK)
                return rc;
        }
    }
    return NX_OK;
}

static int quotes_run(void *state, x_doc *d)
{
    (void)state;
    /* reported speech first, so a paragraph in quotes after "Howell says
     * she wants ..." continues Howell */
    int rc = reported(d);
    for (size_t qi = 0; qi < d->nquote && rc == NX_OK; qi++) {
        if (d->quotes[qi].nwords == 0)
            continue;
        uint32_t verb = UINT32_MAX;
        int also = -1;
        int who = after_close(d, qi, &verb, &also);
        if (who == SUBJ_NONE)
            who = before_open(d, qi, &verb, &also);
        if (who == SUBJ_NONE)
            who = continuation(d, qi, &also);
        if (who != SUBJ_NONE)
            rc = attribute(d, qi, who, also, verb);
    }
    /* a quote continued into later paragraphs takes a later attribution */
    for (size_t qi = d->nquote; qi-- > 1;) {
        x_quote *p = &d->quotes[qi - 1], *q = &d->quotes[qi];
        if (p->cont && !p->attributed && q->attributed) {
            p->attributed = 1;
            p->speaker = q->speaker;
            p->also = q->also;
        }
    }
    return rc;
}

const x_stage x_stage_quotes = {"quotes", NULL, quotes_run, NULL};
