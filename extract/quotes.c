/*
 * quotes.c — who is quoted: each quote span gets a speaker, and reported
 * speech without quotation marks adds speakers too (x_doc.speech).
 *
 * For a quote, in order:
 *  A. after its closing mark, in the same sentence: `,” said Lavrov`,
 *     `,” Lavrov said`, `,” he said`, `,” Lagarde, the ECB president, said`,
 *     `,” Mr. Barrett said`, `,” McConnell, R-Ky., said`, and `?” Graham
 *     asked` (the tokenizer ends a sentence at ?” ); a speaker later in the
 *     sentence only when the quote closes a clause (`“…,”`, `“…?”`, `”,`):
 *     after `has “enormous respect” for the military and his comment` the
 *     verb is not the quote's;
 *  B. before its opening mark, in its sentence: the nearest speech verb
 *     and that verb's subject — `Lavrov said: “…”`, `Biden told reporters
 *     ... that “…”`, `responded by saying that NATO was “…”`,
 *     `According to X, “…”`;
 *  C. continuation: a later quote of the same paragraph, a quote that
 *     continues a paragraph left open, or a paragraph wholly in quotes
 *     takes the speaker before it (the latest speech of the two paragraphs
 *     before; up to five back when no other person is named in between).
 * An organisation found as a quote's speaker yields to a person named in
 * the sentence or the two before with a role in it ("Oilers coach Todd
 * McLellan ... ,” the Oilers said"): the person speaks, the org with him.
 * A quote of three words or fewer that none of these attributes is a scare
 * quote ("stable") and is not listed.  Who a verb's subject is: subject.c.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"
#include "x_subject.h"

static int attribute(x_doc *d, size_t qi, int who, int also, uint32_t verb)
{
    x_quote *q = &d->quotes[qi];
    if (who >= 0 && d->ments[who].type == XM_ORG) {
        int p = x_subj_person_for_org(d, who, q->open);
        if (p >= 0) {
            also = who;
            who = p;
        }
    }
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

/* A period that ends an abbreviation inside a sentence: after a title
 * ("Mr."), or before a comma, a closing parenthesis or a lower-case word
 * ("R-Ky., said", "(D-Md.) said"). */
static int abbrev_period(const x_doc *d, uint32_t u)
{
    if (u > 0 && (nx_name_is_title(x_tok_s(d, u - 1), d->toks[u - 1].len) ||
                  (d->toks[u - 1].len == 1 &&
                   (d->toks[u - 1].flags & XF_UPPER))))
        return 1;                          /* Mr. / Elijah E. Cummings */
    return u + 1 < d->ntok && !(d->toks[u + 1].flags & XF_PARA_START) &&
           (x_tok_is(d, u + 1, ",") || x_tok_is(d, u + 1, ")") ||
            x_subj_lower_word(d, u + 1));
}

/* A: the attribution after the closing mark. */
static int after_close(x_doc *d, size_t qi, uint32_t *verb, int *also)
{
    const x_quote *q = &d->quotes[qi];
    uint32_t t = q->close + 1;
    if (q->close >= d->ntok || d->toks[q->close].kind != XT_QUOTE)
        return SUBJ_NONE;
    uint32_t sent = d->toks[q->close].sent;
    /* “…?” Graham asked: a question or exclamation mark inside the quote
     * ends a sentence for the tokenizer, not for the attribution after */
    uint32_t last = q->close > q->open + 1 ? q->close - 1 : q->open;
    int asks = x_tok_is(d, last, "?") || x_tok_is(d, last, "!");
    /* the quote ends a clause (“…,” “…?” or ”, after): only then may its
     * speaker come after it; “enormous respect” for the military and his
     * rubble comment was ... has no attribution in what follows */
    int clause = asks || x_tok_is(d, last, ",") || x_tok_is(d, last, ".") ||
                 (t < d->ntok && (x_tok_is(d, t, ",") ||
                                  d->toks[t].kind == XT_DASH));
    while (t < d->ntok && (x_tok_is(d, t, ",") || d->toks[t].kind == XT_DASH))
        t++;
    if (t >= d->ntok || (d->toks[t].flags & XF_PARA_START))
        return SUBJ_NONE;
    if (asks && d->toks[t].sent == sent + 1)
        sent++;
    if (d->toks[t].sent != sent)
        return SUBJ_NONE;
    if (x_subj_is_say(d, t)) {
        *verb = t;
        return x_subj_right(d, t, also);
    }
    int acc = x_subj_according_to(d, t);         /* ," according to X. */
    if (acc != SUBJ_NONE) {
        *verb = t;
        *also = -1;
        return acc;
    }
    for (uint32_t u = t; clause && u < d->ntok && u < t + 14; u++) {
        if (d->toks[u].sent != sent || d->toks[u].kind == XT_QUOTE)
            break;
        if (x_subj_is_say(d, u)) {
            *verb = u;
            return x_subj_left(d, u, t, also);
        }
        /* the periods of "Mr. Barrett said" and "McConnell, R-Ky., said"
         * end no sentence */
        if ((x_tok_is(d, u, ".") && !abbrev_period(d, u)) ||
            x_tok_is(d, u, ";"))
            break;
    }
    return SUBJ_NONE;
}

/* B: the attribution before the opening mark, in its sentence. */
static int before_open(x_doc *d, size_t qi, uint32_t *verb, int *also)
{
    const x_quote *q = &d->quotes[qi];
    uint32_t first = (uint32_t)x_subj_first_of_sentence(d, q->open);
    for (uint32_t t = q->open; t > first;) {
        t--;
        if (d->toks[t].kind == XT_QUOTE && (d->toks[t].flags & XF_QCLOSE))
            break;                        /* another quote's territory */
        int acc = x_subj_according_to(d, t);
        if (acc != SUBJ_NONE) {
            *verb = t;
            *also = -1;
            return acc;
        }
        if (x_subj_is_say(d, t)) {
            *verb = t;
            int s = x_subj_left(d, t, first, also);
            if (s == SUBJ_NONE)
                s = x_subj_right(d, t, also);
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

/* A person other than speaker m's named outside quotes in tokens (a, b). */
static int other_person_between(const x_doc *d, int m, uint32_t a, uint32_t b)
{
    if (m < 0)
        return 1;
    const x_tok *l = &d->toks[d->ments[m].tok + d->ments[m].ntok - 1];
    uint32_t in[X_RANGE_CAP];
    size_t nin = x_doc_mentions_in(d, a + 1, b, in, X_RANGE_CAP);
    size_t n = nin == SIZE_MAX ? d->nment : nin;
    for (size_t r = 0; r < n; r++) {
        size_t i = nin == SIZE_MAX ? r : in[r];
        const x_mention *o = &d->ments[i];
        if ((o->flags & XMF_DROPPED) || o->type != XM_PER || o->tok <= a ||
            o->tok >= b || d->toks[o->tok].quote >= 0)
            continue;
        const x_tok *k = &d->toks[o->tok + o->ntok - 1];
        if (k->len != l->len ||
            memcmp(d->text + k->off, d->text + l->off, l->len) != 0)
            return 1;
    }
    return 0;
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
        /* further back (up to 5 paragraphs) when nobody else is named
         * outside quotes in between: the narration between is about the
         * same speaker */
        for (size_t i = 0; best < 0 && i < d->nspeech; i++) {
            int sp = para_of(d, d->speech[i].tok);
            if (d->speech[i].tok < q->open && sp >= para - 5 && sp < para)
                best = (int)i;
        }
        for (size_t i = 0; i < d->nspeech; i++)
            if (d->speech[i].tok < q->open && best >= 0 &&
                d->speech[i].tok > d->speech[best].tok)
                best = (int)i;
        if (best >= 0 && para_of(d, d->speech[best].tok) < para - 2 &&
            other_person_between(d, d->speech[best].mention,
                                 d->speech[best].tok, q->open))
            best = -1;
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
        int also = -1, who = x_subj_according_to(d, t);
        if (who != SUBJ_NONE) {
            /* according to X */
        } else if (x_subj_is_say(d, t)) {
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
            uint32_t first = (uint32_t)x_subj_first_of_sentence(d, t);
            who = x_subj_left(d, t, first, &also);
            if (who == SUBJ_NONE && t > first && x_tok_is(d, t - 1, ","))
                who = x_subj_right(d, t, &also);  /* ..., said Lavrov. */
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
    /* The stage adds no mention and changes none: indexed once. */
    int rc = x_mindex_build(d);
    /* reported speech first, so a paragraph in quotes after "Howell says
     * she wants ..." continues Howell */
    if (rc == NX_OK)
        rc = reported(d);
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
    x_mindex_free(d);
    return rc;
}

const x_stage x_stage_quotes = {"quotes", NULL, quotes_run, NULL};
