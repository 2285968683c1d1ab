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

/* A speech verb's participle: saying, adding. */
static int ing_form(const x_doc *d, uint32_t v)
{
    size_t n = d->toks[v].len;
    return n > 4 && memcmp(x_tok_s(d, v) + n - 3, "ing", 3) == 0;
}

/* The pronoun or description a cue's subject was: how, besides a name
 * beside the cue, the speaker was reached.  Pronouns and descriptions
 * next to the verb (`he said`, `said the minister`, `the company said`)
 * are what x_subj_left / x_subj_right resolved to an antecedent. */
static int cue_how(const x_doc *d, uint32_t v, int who)
{
    uint32_t sent = d->toks[v].sent;
    uint32_t l = v;
    while (l > d->sents[sent].first && l > v - 4 &&
           x_subj_lower_word(d, l - 1) && !(d->toks[l - 1].lex & LX_PRON) &&
           !(d->toks[l - 1].lex & (LX_ROLE | LX_ORGANA)))
        l--;                                      /* he also said */
    if (who >= 0 && d->toks[d->ments[who].tok].sent != sent && v > 0 &&
        x_tok_is(d, v - 1, ","))
        return XH_PRONOUN;          /* he is not envious, insisting: “…” */
    /* after a participle come its object's words ("saying it was") */
    uint32_t near[2] = {l > 0 ? l - 1 : v,
                        v + 1 < d->ntok && !ing_form(d, v) ? v + 1 : v};
    for (int i = 0; i < 2; i++) {
        uint32_t t = near[i];
        if (t == v || d->toks[t].sent != sent || d->toks[t].kind != XT_WORD)
            continue;
        int m = x_doc_mention_at(d, t);
        if (m == who && who >= 0)
            break;                                /* the name itself */
        if (d->toks[t].lex & LX_PRON)
            return XH_PRONOUN;
        if (x_subj_lower_word(d, t) && (d->toks[t].lex & (LX_ROLE | LX_ORGANA)))
            return who >= 0 && (d->toks[d->ments[who].tok].sent != sent)
                       ? XH_DESCRIPTION : XH_NAMED;
    }
    if (who < 0)
        return XH_UNNAMED;
    const x_mention *m = &d->ments[who];
    if (d->toks[m->tok].sent != sent)
        return XH_DESCRIPTION;
    uint32_t p = m->tok;
    if (p >= 2 && x_tok_is(d, p - 1, "."))
        p--;
    if (m->ntok == 1 && p >= 1 &&
        nx_name_is_title(x_tok_s(d, p - 1), d->toks[p - 1].len))
        return XH_TITLE;
    return XH_NAMED;
}

/* The confidence of an attribution by its kind: a name beside the cue
 * first, a pronoun's antecedent and a description's less; a
 * continuation as sure as what it continues, less across paragraphs.
 * Only the order matters against NX_BY_CONFIDENT (0.80): on BBC dev the
 * pronoun, colon and description kinds together were right about 3
 * times in 4, the named ones more than 9 in 10 (by-threshold). */
static float how_conf(int how)
{
    switch (how) {
    case XH_NAMED: return 0.95f;
    case XH_TITLE: return 0.9f;
    case XH_ACCORDING: return 0.9f;
    case XH_PRONOUN: return 0.75f;
    case XH_DESCRIPTION: return 0.6f;
    case XH_COLON: return 0.7f;
    case XH_CONTINUATION: return 0.85f;
    default: return 0.0f;
    }
}

static int attribute(x_doc *d, size_t qi, int who, int also, uint32_t verb,
                     int how, float conf)
{
    x_quote *q = &d->quotes[qi];
    if (who >= 0 && d->ments[who].type == XM_ORG) {
        int p = x_subj_person_for_org(d, who, q->open);
        if (p >= 0) {
            also = who;
            who = p;
            conf *= 0.8f;      /* the person is named near, not at the cue */
        }
    }
    if (who >= 0)
        also = x_subj_affiliation(d, also);
    if (who < 0 && also < 0) {
        how = XH_UNNAMED;
        conf = 0.0f;
    }
    q->attributed = 1;
    q->speaker = who >= 0 ? who : -1;
    q->also = also;
    q->cue = verb;
    q->how = (uint8_t)how;
    q->conf = conf;
    if (verb < d->ntok)
        d->toks[verb].flags |= XF_SPEECH;
    if (who >= 0 || also >= 0)
        return x_doc_add_speech(d, who >= 0 ? who : also,
                                who >= 0 ? also : -1, (int)qi, q->open, conf);
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
    /* the words after are another quote's (“…stars. “I believe …”): its
     * verbs are the speaker's own, not an attribution */
    if (d->toks[t].quote >= 0 && d->toks[t].quote != (int32_t)qi)
        return SUBJ_NONE;
    /* “…” ― Carla Sanchez. / “…” — John Smith, 34: the byline of a pull
     * quote or a vox pop, the name alone after a dash */
    if (d->toks[q->close + 1].kind == XT_DASH) {
        int m = x_doc_mention_starting(d, t);
        uint32_t e = m >= 0 ? d->ments[m].tok + d->ments[m].ntok : 0;
        if (m >= 0 && d->ments[m].type == XM_PER &&
            (e >= d->ntok ||
             (d->toks[e].flags & (XF_PARA_START | XF_QOPEN)) ||
             x_tok_is(d, e, ".") || x_tok_is(d, e, ",")) &&
            d->toks[t].sent <= sent + 1) {
            *verb = q->close + 1;
            *also = -1;
            return x_subj_speaker_ok(d, m);
        }
    }
    if (asks && d->toks[t].sent == sent + 1)
        sent++;
    if (d->toks[t].sent != sent)
        return SUBJ_NONE;
    if (x_subj_is_say(d, t)) {
        /* the advertisement “unmistakably and wrongfully” suggests that
         * Phoenix ...: a quote that closes no clause is the verb's
         * subject or adverb, not its words — unless the speaker follows
         * at once (“…” said Lavrov) */
        if (!clause && x_doc_mention_starting(d, t + 1) < 0 &&
            !(t + 1 < d->ntok && (d->toks[t + 1].lex & LX_PRON)))
            return SUBJ_NONE;
        *verb = t;
        /* “…,” adding it would …: a participle's subject is the
         * clause's before the quote, never the words after it */
        if (ing_form(d, t))
            return x_subj_left(d, t, (uint32_t)x_subj_first_of_sentence(
                                         d, q->open), also);
        return x_subj_right(d, t, also);
    }
    int acc = x_subj_according_to(d, t);         /* ," according to X. */
    if (acc != SUBJ_NONE) {
        *verb = t;
        *also = -1;
        return acc;
    }
    for (uint32_t u = t; clause && u < d->ntok && u < t + 24; u++) {
        if (d->toks[u].sent != sent || d->toks[u].kind == XT_QUOTE ||
            d->toks[u].quote >= 0)
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

/* The opening mark of the quote of three words or fewer that closes at
 * t, or UINT32_MAX. */
static uint32_t scare_open(const x_doc *d, uint32_t t)
{
    int qi = t > 0 ? d->toks[t - 1].quote : -1;   /* the words inside */
    if (qi < 0 || d->quotes[qi].close != t || d->quotes[qi].nwords > 3)
        return UINT32_MAX;
    return d->quotes[qi].open;
}

/* "was told", "been asked": speech verb v in the passive. */
static int passive(const x_doc *d, uint32_t v, uint32_t first)
{
    static const char *const B[] = {"was", "were", "is", "are", "been", "be",
                                    "being", NULL};
    if (v <= first)
        return 0;
    for (size_t i = 0; B[i]; i++)
        if (x_tok_is(d, v - 1, B[i]))
            return 1;
    return 0;
}

/* A speech verb before token v in its sentence (from `first`) whose
 * subject is named: the nearest; *verb gets it.  Or SUBJ_NONE. */
static int outer_speaker(x_doc *d, uint32_t v, uint32_t first,
                         uint32_t *verb, int *also)
{
    for (uint32_t t = v; t > first;) {
        t--;
        if (d->toks[t].kind == XT_QUOTE || x_tok_is(d, t, ";"))
            break;
        if (!x_subj_is_say(d, t) || !(d->toks[t].lex & LX_SAY1))
            continue;
        int s = x_subj_left(d, t, first, also);
        if (s >= 0) {
            *verb = t;
            return s;
        }
        break;
    }
    return SUBJ_NONE;
}

/* B: the attribution before the opening mark, in its sentence. */
static int before_open(x_doc *d, size_t qi, uint32_t *verb, int *also)
{
    const x_quote *q = &d->quotes[qi];
    uint32_t first = (uint32_t)x_subj_first_of_sentence(d, q->open);
    int scares = 0;
    for (uint32_t t = q->open; t > first;) {
        t--;
        if (d->toks[t].kind == XT_QUOTE && (d->toks[t].flags & XF_QCLOSE)) {
            /* "Barbara Follet, one of the so-called “Blair Babes” elected
             * in 1997, told researchers: “…”": a scare quote is part of
             * the sentence; a longer quote is another quote's territory */
            uint32_t o = scare_open(d, t);
            if (o == UINT32_MAX || o <= first || ++scares > 3)
                break;
            t = o;
            continue;
        }
        int acc = x_subj_according_to(d, t);
        if (acc != SUBJ_NONE) {
            *verb = t;
            *also = -1;
            return acc;
        }
        /* Donald Trump's claim that there have been “thousands of
         * shootings”, his words: “…”: the possessor of a speech noun
         * just before, or with "that" after it (not "called Mr. Obama's
         * remarks “a wake-up call”") */
        int pos = q->open <= t + 10 &&
                          (x_tok_is(d, t + 1, "that") || q->open <= t + 2)
                      ? x_subj_possessed_speech(d, t)
                      : SUBJ_NONE;
        if (pos != SUBJ_NONE) {
            *verb = t;
            *also = -1;
            return pos;
        }
        /* called Trump a “pathological liar”: a naming verb a few words
         * before the quote reports the words */
        int naming = x_subj_lower_word(d, t) &&
                     (d->toks[t].lex & LX_NAMING) && q->open <= t + 8;
        if (x_subj_is_say(d, t) || naming) {
            *verb = t;
            int s = x_subj_left(d, t, first, also);
            /* the words after "said" may be its subject (said Lavrov: “…”);
             * after "described", "accused", "called" they are its object */
            if (s == SUBJ_NONE && (d->toks[t].lex & LX_SAY1))
                s = x_subj_right(d, t, also);
            /* "Another member of the Cabinet says she was told: “…”":
             * a verb with no subject of its own (passive) hands the
             * quote to a speech verb before it */
            /* "Carib Chief Charles Williams said talks with Disney's
             * producers revealed there was “…”": a verb whose subject
             * names no one, inside the clause of a named speaker's verb
             * before it, reports through that speaker */
            if (s == SUBJ_UNNAMED && !naming) {
                uint32_t v2 = UINT32_MAX;
                int also2 = -1, s2 = outer_speaker(d, t, first, &v2, &also2);
                if (s2 >= 0) {
                    *verb = v2;
                    *also = also2;
                    return s2;
                }
            }
            if (s != SUBJ_NONE || !passive(d, t, first))
                return s;
        }
    }
    /* "Martell, the addictions doctor, is more blunt: “…”": a colon
     * introduces the words of the sentence's subject, a name at its
     * start */
    if (q->open > first && x_tok_is(d, q->open - 1, ":")) {
        for (uint32_t t = first; t < first + 2 && t < q->open; t++) {
            int m = x_doc_mention_starting(d, t);
            if (t > first && x_subj_preposition(d, first))
                break;                   /* "With Democratic leaders" */
            if (m >= 0 && d->ments[m].type != XM_LOC) {
                *verb = UINT32_MAX;
                *also = -1;
                return m;
            }
        }
        /* "With Democratic leaders worried ..., President Obama is
         * rolling out a message: “…”": the sentence's subject */
        int m = x_subj_sentence_subject(d, first, q->open);
        if (m >= 0) {
            *verb = UINT32_MAX;
            *also = -1;
            return m;
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

/* The quote opens its paragraph and holds whole sentences: “…. ” */
static int opens_paragraph(const x_doc *d, const x_quote *q)
{
    if (!(d->toks[q->open].flags & XF_PARA_START) || q->close <= q->open + 1 ||
        q->close >= d->ntok || d->toks[q->close].kind != XT_QUOTE)
        return 0;
    uint32_t last = q->close - 1;
    return x_tok_is(d, last, ".") || x_tok_is(d, last, "?") ||
           x_tok_is(d, last, "!");
}

/* Nothing but its attribution follows the quote in its paragraph: the
 * next paragraph starts within a sentence of it. */
static int ends_paragraph(const x_doc *d, const x_quote *q)
{
    uint32_t sent = d->toks[q->close < d->ntok ? q->close : q->open].sent;
    for (uint32_t t = q->close + 1; t < d->ntok && t < q->close + 64; t++) {
        if (d->toks[t].flags & XF_PARA_START)
            return 1;
        if (d->toks[t].sent > sent + 1)
            return 0;
        if (d->toks[t].sent > sent && d->toks[t].kind == XT_WORD)
            return 0;
    }
    return q->close + 64 >= d->ntok;
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

/* C: the speaker of the speech just before, when it continues; *cue
 * and *conf get that speech's cue and confidence (less across
 * paragraphs). */
static int continuation(const x_doc *d, size_t qi, int *also, uint32_t *cue,
                        float *conf)
{
    const x_quote *q = &d->quotes[qi];
    *also = -1;
    if (qi > 0) {
        const x_quote *p = &d->quotes[qi - 1];
        int same = para_of(d, p->open) == para_of(d, q->open);
        int cont = p->cont && (d->toks[q->open].flags & XF_PARA_START);
        /* "Prof Joni Lovenduski ... said she was shocked. “We expected
         * …”": reported speech between the two quotes of a paragraph
         * names the speaker who goes on */
        for (size_t i = d->nspeech; same && i-- > 0;) {
            const x_speech *r = &d->speech[i];
            if (r->quote < 0 && r->tok > p->close && r->tok < q->open &&
                r->mention >= 0) {
                *also = r->also;
                *cue = r->tok;
                *conf = r->conf * 0.85f;
                return r->mention;
            }
        }
        if ((same || cont) && p->attributed) {
            *also = p->also;
            *cue = p->cue;
            *conf = p->conf * (same ? 0.95f : 0.9f);
            return p->speaker >= 0 ? p->speaker : SUBJ_UNNAMED;
        }
    }
    /* "Patriots ... wanted the UK to be prosperous, Mr Straw said. “Our
     * role …”": reported speech earlier in the quote's paragraph, no
     * quote of the paragraph before it */
    if (qi == 0 || para_of(d, d->quotes[qi - 1].open) != para_of(d, q->open))
        for (size_t i = d->nspeech; i-- > 0;) {
            const x_speech *r = &d->speech[i];
            if (r->quote < 0 && r->tok < q->open && r->mention >= 0 &&
                para_of(d, r->tok) == para_of(d, q->open)) {
                *also = r->also;
                *cue = r->tok;
                *conf = r->conf * 0.85f;
                return r->mention;
            }
        }
    /* “This cannot be perpetuated in movies.” Shooting begins in April:
     * a paragraph that opens with a whole sentence in quotes goes on
     * with the speaker of a quote that ends the paragraph before */
    if (!whole_paragraph(d, q) && opens_paragraph(d, q)) {
        int para = para_of(d, q->open);
        for (size_t i = d->nspeech; i-- > 0;) {
            const x_speech *r = &d->speech[i];
            if (r->tok >= q->open)
                continue;
            if (para_of(d, r->tok) != para - 1 || r->quote < 0 ||
                !ends_paragraph(d, &d->quotes[r->quote]) || r->mention < 0)
                break;
            *also = r->also;
            *cue = d->quotes[r->quote].cue;
            *conf = r->conf * 0.75f;
            return r->mention;
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
            const x_speech *b = &d->speech[best];
            int back = para - para_of(d, b->tok);
            *also = b->also;
            *cue = b->quote >= 0 ? d->quotes[b->quote].cue : b->tok;
            *conf = b->conf * (back <= 1 ? 0.85f : back == 2 ? 0.75f : 0.65f);
            return b->mention;
        }
    }
    return SUBJ_NONE;
}

/* "added four conversions", "added a second goal": a verb of speech
 * used for a score, a count or a thing added. */
static int counted_object(const x_doc *d, uint32_t v)
{
    static const char *const W[] = {"a", "an", "another", "two", "three",
                                    "four", "five", "six", "seven", "eight",
                                    "nine", "ten", "his", "her", "their",
                                    "its", NULL};
    const char *s = x_tok_s(d, v);
    if (s[0] != 'a' || s[1] != 'd' || s[2] != 'd' || v + 1 >= d->ntok)
        return 0;
    if (d->toks[v + 1].kind == XT_NUM)
        return 1;
    for (size_t i = 0; W[i]; i++)
        if (x_tok_is(d, v + 1, W[i]))
            return 1;
    return 0;
}

static int role_word_lower(const x_doc *d, uint32_t t)
{
    return x_subj_lower_word(d, t) && (d->toks[t].lex & LX_ROLE);
}

/* ", said Nigel Whalley." — a name after the verb that ends the
 * sentence or its clause: the verb's inverted subject, whatever names
 * the words before the comma hold ("For the BBC, ... , said X"). */
static int ends_clause_name(const x_doc *d, uint32_t v)
{
    uint32_t end = d->sents[d->toks[v].sent].end;
    uint32_t u = v + 1;
    while (u < end && u < v + 4 && (role_word_lower(d, u) ||
                                    x_tok_is(d, u, "the")))
        u++;
    int m = x_doc_mention_starting(d, u);
    if (m < 0 || d->ments[m].type == XM_LOC)
        return 0;
    uint32_t e = d->ments[m].tok + d->ments[m].ntok;
    return e >= end || x_tok_is(d, e, ".") || x_tok_is(d, e, ",") ||
           x_tok_is(d, e, ";");
}

/* Reported speech without quotation marks, and "according to X". */
static int reported(x_doc *d)
{
    for (uint32_t t = 0; t < d->ntok; t++) {
        const x_tok *k = &d->toks[t];
        if (k->quote >= 0 || (k->flags & (XF_SPEECH | XF_TITLE)))
            continue;
        int also = -1, who = x_subj_according_to(d, t), how = XH_ACCORDING;
        if (who != SUBJ_NONE) {
            /* according to X */
        } else if (x_subj_is_say(d, t)) {
            uint32_t end = d->sents[k->sent].end;
            if (x_tok_is(d, t + 1, "to") && (k->lex & LX_SAY1))
                continue;                 /* "said to be" */
            if (counted_object(d, t))
                continue;                 /* added four conversions */
            if (x_subj_relays(d, t))
                continue;     /* reported BaFin as saying: the saying's */
            if (x_tok_is(d, t, "pleaded") &&
                (x_tok_is(d, t + 1, "guilty") || x_tok_is(d, t + 1, "not")))
                continue;       /* pleaded guilty to charges that they */
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
            if (t > first && x_tok_is(d, t - 1, ",") &&
                (who == SUBJ_NONE || ends_clause_name(d, t))) {
                int also2 = -1, r = x_subj_right(d, t, &also2);
                if (who == SUBJ_NONE || r >= 0) {
                    who = r;                      /* ..., said Lavrov. */
                    also = also2;
                }
            }
            how = cue_how(d, t, who);
        } else {
            continue;
        }
        if (who >= 0)
            also = x_subj_affiliation(d, also);
        if (who >= 0 || also >= 0) {
            /* reported speech is less sure than a quote's cue: "warned"
             * and "believes" report a view as often as words */
            float conf = how_conf(how) * ((k->lex & LX_SAY2) ? 0.85f : 1.0f);
            int rc = x_doc_add_speech(d, who >= 0 ? who : also,
                                      who >= 0 ? also : -1, -1, t, conf);
            if (rc != NX_OK)
                return rc;
        }
    }
    return NX_OK;
}

/* "Caddell continued:" ending a paragraph, the quote opening the next:
 * the verb's subject speaks. */
static int colon_before_paragraph(const x_doc *d, size_t qi, uint32_t *verb,
                                  int *also)
{
    const x_quote *q = &d->quotes[qi];
    uint32_t o = q->open;
    if (o < 3 || o >= d->ntok || !(d->toks[o].flags & XF_PARA_START) ||
        !x_tok_is(d, o - 1, ":") || !x_subj_is_say(d, o - 2))
        return SUBJ_NONE;
    uint32_t v = o - 2;
    int who = x_subj_left(d, v, (uint32_t)x_subj_first_of_sentence(d, v),
                          also);
    if (who == SUBJ_NONE)
        return SUBJ_NONE;
    *verb = v;
    return who;
}

/* "A cashier who “steals a handful of $20s” is held accountable, Warren
 * said.": a quote inside reported speech whose named speaker and verb
 * come after it in the same sentence, with no other quote between.  The
 * first nrep speeches are reported() ones, in text order. */
static int reported_after(const x_doc *d, size_t qi, size_t nrep,
                          uint32_t *verb, int *also)
{
    const x_quote *q = &d->quotes[qi];
    if (q->close >= d->ntok || q->nwords <= 3)
        return SUBJ_NONE;                /* "Blair Babes": a scare quote */
    uint32_t sent = d->toks[q->close].sent;
    size_t lo = 0, hi = nrep;           /* the first after the quote */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->speech[mid].tok <= q->close)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < nrep && d->toks[d->speech[i].tok].sent == sent;
         i++) {
        const x_speech *sp = &d->speech[i];
        if (sp->mention < 0)
            continue;
        if (qi + 1 < d->nquote && d->quotes[qi + 1].open < sp->tok)
            return SUBJ_NONE;            /* the next quote's, if anyone's */
        *verb = sp->tok;
        *also = sp->also;
        return sp->mention;
    }
    return SUBJ_NONE;
}

/* The title of a work or a study: `the study “Whose Secretary are You,
 * minister”`, `his new album “Blue”`, `a film entitled “Hero”` — words
 * nobody in the story says. */
static int work_title(const x_doc *d, const x_quote *q)
{
    static const char *const W[] = {
        "study", "book", "film", "movie", "report", "song", "single",
        "album", "novel", "play", "programme", "program", "show", "series",
        "documentary", "musical", "opera", "poem", "paper", "article",
        "column", "headline", "slogan", "campaign", "entitled", "titled",
        "headlined", "track", "game", "exhibition", "memoir", "sitcom",
        "drama", NULL};
    if (q->open == 0)
        return 0;
    uint32_t t = q->open - 1;
    if (!x_subj_lower_word(d, t))
        return 0;
    for (size_t i = 0; W[i]; i++)
        if (x_tok_is(d, t, W[i]))
            return 1;
    return 0;
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
    size_t nrep = d->nspeech;
    for (size_t qi = 0; qi < d->nquote && rc == NX_OK; qi++) {
        d->quotes[qi].cue = UINT32_MAX;
        if (d->quotes[qi].nwords == 0 || work_title(d, &d->quotes[qi]))
            continue;
        uint32_t verb = UINT32_MAX;
        int also = -1, how = XH_NONE;
        float conf = 0.0f;
        int who = after_close(d, qi, &verb, &also);
        if (who == SUBJ_NONE)
            who = before_open(d, qi, &verb, &also);
        if (who == SUBJ_NONE)
            who = reported_after(d, qi, nrep, &verb, &also);
        if (who == SUBJ_NONE)
            who = colon_before_paragraph(d, qi, &verb, &also);
        if (who != SUBJ_NONE) {
            how = verb >= d->ntok ? XH_COLON
                  : x_tok_lower_is(d, verb, "according") ? XH_ACCORDING
                  : cue_how(d, verb, who);
            conf = how_conf(how);
        } else {
            who = continuation(d, qi, &also, &verb, &conf);
            how = XH_CONTINUATION;
        }
        if (who != SUBJ_NONE)
            rc = attribute(d, qi, who, also, verb, how, conf);
    }
    /* a quote continued into later paragraphs takes a later attribution */
    for (size_t qi = d->nquote; qi-- > 1;) {
        x_quote *p = &d->quotes[qi - 1], *q = &d->quotes[qi];
        if (p->cont && !p->attributed && q->attributed) {
            p->attributed = 1;
            p->speaker = q->speaker;
            p->also = q->also;
            p->cue = q->cue;
            p->how = XH_CONTINUATION;
            p->conf = q->conf * 0.9f;
        }
    }
    x_mindex_free(d);
    return rc;
}

const char *x_how_name(int how)
{
    static const char *const N[] = {
        [XH_NONE] = "none",           [XH_NAMED] = "named",
        [XH_TITLE] = "title+surname", [XH_PRONOUN] = "pronoun",
        [XH_DESCRIPTION] = "description",
        [XH_CONTINUATION] = "continuation",
        [XH_ACCORDING] = "according-to", [XH_COLON] = "colon",
        [XH_UNNAMED] = "unnamed"};
    return how >= 0 && how <= XH_UNNAMED ? N[how] : "none";
}

const x_stage x_stage_quotes = {"quotes", NULL, quotes_run, NULL};
