/*
 * combine.c — the resolve stage, after the rules and the tagger.
 *
 * First the two are combined where their mentions overlap (x_combine):
 *  - a tagger span that strictly contains a rules mention wins ("George
 *    Washington" over the city, "Bank of England" over the country),
 *    unless the rules mention followed a title ("NATO chief Jens
 *    Stoltenberg": the rules stripped the title on purpose);
 *  - the same span with the same type: the rules' mention stays (it may
 *    carry a gazetteer's canonical name or a speaker flag), supported by
 *    the tagger's agreement ("HOUSTON" of a dateline, a city also listed
 *    as a first name);
 *  - otherwise gazetteer evidence or a title cue (score 0.9) keeps the
 *    rules' mention ("Jordan" the country); a rules mention holding the
 *    tagger's span with a first-name or org-cue reading (0.8) keeps it;
 *    a name the alias table knows keeps the rules' reading; in every
 *    other case (a context cue, an unsure run) the tagger wins;
 *  - a tagger span in a Title Case or ALL CAPS headline never wins: it
 *    needs support like the rules' headline words.
 * Then every mention gets its canonical name and key, and the unsure ones
 * (sentence-initial words, headline words, unknown speakers) are decided
 * by what the article supports — tagger mentions count as support:
 *  1. the key of a supported mention → its type ("Putin" after "Vladimir
 *     Putin"... or before it: the whole article counts);
 *  2. the surname of a supported person → a person ("Lavrov");
 *  3. an alias-table hit → the type of its canonical form in the
 *     gazetteers, else a person (the shipped aliases are mostly people);
 *  4. the subject of a speech verb with no other support → a person when it
 *     has two words or starts with a first name, else an organisation
 *     ("Chrysler said");
 *  5. otherwise the mention is dropped.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_buf.h"
#include "nx_status.h"
#include "x_internal.h"

static nx_entity_kind kind_of(int type)
{
    return type == XM_PER ? NX_ENT_PERSON : type == XM_ORG ? NX_ENT_ORG
           : type == XM_LOC ? NX_ENT_PLACE : NX_ENT_PERSON;
}

static int set_canon(x_doc *d, x_mention *m)
{
    free(m->canon);
    free(m->key);
    m->canon = nx_name_canonical(d->x->aliases, kind_of(m->type), m->name);
    m->key = m->canon ? nx_name_key(m->canon) : NULL;
    if (!m->canon || !m->key)
        return NX_ENOMEM;
    if (strlen(m->key) < 2)
        m->flags |= XMF_DROPPED;     /* "P" of S&P, a stray initial */
    /* a legal form alone ("Ltd" of "Industrial Equity (Pacific) Ltd") */
    if (m->type == XM_ORG && !strchr(m->canon, ' ') &&
        nx_name_is_legal_form(m->canon, strlen(m->canon)))
        m->flags |= XMF_DROPPED;
    return NX_OK;
}

static int words(const char *s)
{
    int n = *s != 0;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

static int supported(const x_mention *m)
{
    return !(m->flags & (XMF_DROPPED | XMF_NEEDS_SUPPORT)) &&
           m->type != XM_UNSURE && m->type != XM_MISC;
}

static int is_tagger(const x_doc *d, const x_mention *m)
{
    (void)d;
    return (m->flags & XMF_TAGGER) != 0;
}

/* The alias table knows the name ("Zelenskyy" → Volodymyr Zelenskyy). */
static int alias_known(const x_doc *d, const x_mention *m)
{
    if (!d->x->aliases)
        return 0;
    char *k = nx_name_key(m->name);
    int hit = k && nx_aliases_lookup(d->x->aliases, k) != NULL;
    free(k);
    return hit;
}

static void x_combine(x_doc *d)
{
    for (size_t i = 0; i < d->nment; i++) {
        x_mention *t = &d->ments[i];
        if (!is_tagger(d, t) || (t->flags & XMF_DROPPED))
            continue;
        for (size_t j = 0; j < d->nment; j++) {
            x_mention *r = &d->ments[j];
            if (j == i || is_tagger(d, r) || (r->flags & XMF_DROPPED) ||
                !(r->tok < t->tok + t->ntok && t->tok < r->tok + r->ntok))
                continue;
            int t_in_r = t->tok >= r->tok &&
                         t->tok + t->ntok <= r->tok + r->ntok;
            int r_in_t = r->tok >= t->tok &&
                         r->tok + r->ntok <= t->tok + t->ntok;
            x_mention *loser;
            if (t->flags & XMF_NEEDS_SUPPORT)
                loser = t;          /* a headline's capitals: rules first */
            else if (r_in_t && !t_in_r)
                loser = (r->flags & XMF_TITLE_CUE) ? t : r;
            else if (r_in_t && t_in_r && r->type == t->type) {
                loser = t;          /* the tagger's reading supports it */
                r->flags &= (uint8_t)~XMF_NEEDS_SUPPORT;
            }
            else if (r->score >= 0.9f)
                loser = t;
            else if (t_in_r && r->score >= 0.8f)
                loser = t;
            else if (alias_known(d, r))
                loser = t;
            else
                loser = r;
            loser->flags |= XMF_DROPPED;
            if (loser == t)
                break;
        }
    }
}

/* prose.c: nothing is mined from a line that is not prose, and a
 * dateline names a place only (an unsure mention is judged at the end).
 * What the tagger finds in a dateline is the place the story is from,
 * whatever type it guessed ("KOKOMO, Ind."), unless it holds the date.  In
 * a table or an all-caps line a name needs support (a mention elsewhere in
 * the article), unless it has evidence of its own: a gazetteer's
 * organisation or place, or a person's known first name.  A name that is
 * on its own a line learnt as boilerplate of the article's source is the
 * sign-off used as a word ("a Reuter enquiry"). */
static int own_evidence(const x_doc *d, const x_mention *m)
{
    if (m->flags & XMF_TAGGER)
        return 0;
    int caps = 0;
    unsigned lex = 0;
    for (uint32_t t = m->tok; t < m->tok + m->ntok; t++) {
        caps |= (d->toks[t].flags & XF_ALLCAPS) != 0;
        lex |= d->toks[t].lex;
    }
    char *k = x_span_key(d, m->tok, caps ? m->ntok : 1);
    const x_gent *g = k ? x_gaz_get(&d->x->gaz, k, strlen(k)) : NULL;
    free(k);
    if ((m->type == XM_ORG || m->type == XM_LOC) && m->score >= 0.9f)
        /* in capitals, as in a headline: not a small town named like a
         * word ("SURPRISE") */
        return !caps || (g && ((g->flags & (XG_ORG | XG_COUNTRY |
                                            XG_SUBDIV)) ||
                               g->population >= 1000000));
    /* a first name in capitals ("DOM REP", "DENVER PRODUCER") is none,
     * nor one made of a table's words ("Nine Mths", "April One") */
    return m->type == XM_PER && m->ntok >= 2 && !caps &&
           !(lex & (LX_TABLE | LX_CAL)) && g && (g->flags & XG_FIRST);
}

/* A pronoun and a contraction in one token: "I'm", "You'd", "It's". */
static int contracted_pronoun(const char *w, size_t n)
{
    static const char *const P[] = {"i", "you", "we", "they", "he", "she",
                                    "it", NULL};
    for (size_t i = 0; P[i]; i++) {
        size_t l = strlen(P[i]);
        if (n > l + 1 && strncasecmp(w, P[i], l) == 0 &&
            (w[l] == '\'' || (n >= l + 4 &&
                              memcmp(w + l, "\xe2\x80\x99", 3) == 0)))
            return 1;
    }
    return 0;
}

/* "I'm", "I'll", "If I've", "You'd": the pronoun and a contraction, no
 * name (though "I'll" keys as "ill", Illinois's abbreviation). */
static int pronoun_contraction(const x_doc *d, const x_mention *m)
{
    for (uint32_t t = m->tok; t < m->tok + m->ntok; t++) {
        const char *w = x_tok_s(d, t);
        size_t n = d->toks[t].len;
        if (d->toks[t].kind == XT_WORD && contracted_pronoun(w, n))
            return 1;
        /* the pronoun first ("If I'm" too), not a regnal numeral
         * ("Elizabeth I's reign") */
        if (n == 1 && w[0] == 'I' && t + 1 < d->ntok &&
            (t == m->tok || (d->toks[m->tok].lex & LX_FUNC)) &&
            (d->toks[t + 1].kind == XT_POSS || x_tok_s(d, t + 1)[0] == '\'' ||
             (d->toks[t + 1].len >= 3 &&
              memcmp(x_tok_s(d, t + 1), "\xe2\x80\x99", 3) == 0)))
            return 1;
    }
    return 0;
}

/* The mention ends a title of several words: "Exchequer" of "Chancellor
 * of the Exchequer", "State" of "Secretary of State" — a role's words,
 * no body of its own.  ("Bank of England" after "Governor of the" goes
 * on past the title's "Bank": a name.) */
static int ends_title(const x_doc *d, const x_mention *m)
{
    /* only after "of", "the", "for": most mentions look nothing up */
    if (m->tok < 2 || d->toks[m->tok - 1].kind != XT_WORD ||
        (d->toks[m->tok - 1].flags & XF_UPPER))
        return 0;
    for (uint32_t k = 2; k <= 4 && k <= m->tok; k++) {
        uint32_t a = m->tok - k;
        if (!(d->toks[a].flags & XF_UPPER))
            continue;
        char *key = x_span_key(d, a, k + m->ntok);
        const x_gent *g = key ? x_gaz_get(&d->x->gaz, key, strlen(key)) : NULL;
        free(key);
        if (g && (g->flags & XG_PCUE))
            return 1;
    }
    return 0;
}

static void drop_non_prose(x_doc *d, int final)
{
    for (size_t i = 0; i < d->nment; i++) {
        x_mention *m = &d->ments[i];
        unsigned f = 0, all = ~0u, lex = 0, every = ~0u;
        for (uint32_t t = m->tok; t < m->tok + m->ntok; t++) {
            f |= d->toks[t].flags;
            all &= d->toks[t].flags;
            lex |= d->toks[t].lex;
            every &= d->toks[t].lex;
        }
        if (pronoun_contraction(d, m) || ends_title(d, m) ||
            ((m->flags & XMF_TAGGER) && m->type != XM_PER && (every & LX_CAL)))
            m->flags |= XMF_DROPPED;      /* "I'm"; "Christmas" a place */
        /* a span running from a line that is not prose into one that is
         * ("ZAPATA CORP SEES LOSS Zapata Corp") is no name */
        if ((f ^ all) & XF_TABLE)
            f |= XF_NOPROSE;
        if (!final && (f & XF_DATELINE) && (m->flags & XMF_TAGGER) &&
            !(lex & LX_CAL))
            m->type = XM_LOC;
        if (!final && d->has_group && m->name &&
            x_boiler_has(d->x->boiler, d->group, m->name, strlen(m->name)))
            f |= XF_NOPROSE;
        if (!final && (f & XF_TABLE) && !(f & XF_DATELINE) &&
            !own_evidence(d, m))
            m->flags |= XMF_NEEDS_SUPPORT;
        if ((f & XF_NOPROSE) ||
            ((f & XF_DATELINE) && m->type != XM_LOC &&
             (final || m->type != XM_UNSURE)))
            m->flags |= XMF_DROPPED;
    }
}

/* The alias table turned a one-word name as written (a surname, an
 * acronym) into a full name; does the article name someone else it may
 * be?  A person with that surname, an organisation with those initials or
 * words, under another canonical name. */
static int names_other(const x_doc *d, const x_mention *m, const char *wk)
{
    for (size_t j = 0; j < d->nment; j++) {
        const x_mention *o = &d->ments[j];
        if (o == m || (o->flags & XMF_DROPPED) || o->type != m->type ||
            !o->key || strcmp(o->canon, m->canon) == 0 || words(o->key) < 2)
            continue;
        if (m->type == XM_PER) {
            char *sk = nx_name_surname_key(o->canon);
            int hit = sk && strcmp(sk, wk) == 0;
            free(sk);
            if (hit)
                return 1;
        } else if (x_initials_of(wk, o->key) || x_part_of(wk, o->key)) {
            return 1;
        }
    }
    return 0;
}

/* The article names the table's full name itself (written in full, not
 * made so by the table): "Sergey Lavrov ... Lavrov". */
static int names_canon(const x_doc *d, const x_mention *m)
{
    for (size_t j = 0; j < d->nment; j++) {
        const x_mention *o = &d->ments[j];
        if (o == m || (o->flags & XMF_DROPPED) || o->type != m->type ||
            !o->canon || strcmp(o->canon, m->canon) != 0 || o->ntok < 2)
            continue;
        /* as written, titles off: "Finance Minister Stoltenberg" is one
         * word of name */
        char *t = x_span_text(d, o->tok, o->ntok);
        char *w = t ? nx_name_canonical(NULL, kind_of(o->type), t) : NULL;
        int full = w && strchr(w, ' ') != NULL;
        free(t);
        free(w);
        if (full)
            return 1;
    }
    return 0;
}

/* The article's own text wins over the alias table: the table maps the
 * spellings of a full name ("Sergei Lavrov") and well-known acronyms, but
 * never makes a surname a specific person: a one-word person ("Stoltenberg",
 * "Mr McConnell") keeps the table's full name only when the article
 * writes that full name too; otherwise it stays as written, and merge.c
 * joins it to the full name the article uses (Gerhard Stoltenberg in
 * 1987, Scotland's Jack McConnell), if any.  An acronym the table would
 * make a specific organisation ("WTO" → World Trade Organization) stays
 * as written when the article names another it may be (the World Tourism
 * Organisation); alone, the table's reading stands.  The answer depends
 * on the type, the table's name and the word as written only, so it is
 * found once per such triple (a pass over the mentions each), not once per
 * mention: an article naming "Lavrov" thousands of times stays linear. */
static int text_over_table(x_doc *d)
{
    if (!d->x->aliases)
        return NX_OK;
    nx_strmap *seen = nx_strmap_new();
    if (!seen)
        return NX_ENOMEM;
    nx_buf memo = NX_BUF_INIT;
    int rc = NX_OK;
    for (size_t i = 0; i < d->nment && rc == NX_OK; i++) {
        x_mention *m = &d->ments[i];
        /* only a full name the table gave can be undone: one that it
         * knows (its canonical forms map to themselves) */
        if ((m->flags & XMF_DROPPED) || !m->key || !strchr(m->key, ' ') ||
            (m->type != XM_PER && m->type != XM_ORG) ||
            !nx_aliases_lookup(d->x->aliases, m->key))
            continue;
        /* as written: the rules may have named it from a gazetteer */
        char *t = x_span_text(d, m->tok, m->ntok);
        char *w = t ? nx_name_canonical(NULL, kind_of(m->type), t) : NULL;
        char *wk = w ? nx_name_key(w) : NULL;
        free(t);
        long undo = 0;
        if (wk && *wk && !strchr(wk, ' ') && strcmp(wk, m->key) != 0) {
            memo.n = 0;
            nx_buf_printf(&memo, "%d\x1f%s\x1f%s", m->type, m->canon, wk);
            if (memo.err) {
                rc = memo.err;
            } else if (!nx_strmap_get(seen, memo.p, memo.n, &undo)) {
                undo = m->type == XM_PER ? !names_canon(d, m)
                                         : names_other(d, m, wk);
                if (nx_strmap_put(seen, memo.p, memo.n, undo) != 0)
                    rc = NX_ENOMEM;
            }
        }
        if (!w || !wk)
            rc = NX_ENOMEM;
        if (rc == NX_OK && undo) {
            free(m->canon);
            free(m->key);
            m->canon = w;
            m->key = wk;
        } else {
            free(w);
            free(wk);
        }
    }
    nx_buf_free(&memo);
    nx_strmap_free(seen);
    return rc;
}

/* A dateline shouts its place ("FRANKFURT, March 2 -"): one the
 * gazetteers do not know under that name is shown in title case
 * ("Frankfurt"), as the body would write it. */
static int dateline_case(x_doc *d, x_mention *m)
{
    if (!(d->toks[m->tok].flags & XF_DATELINE) || !m->canon)
        return NX_OK;
    int lower = 0, upper = 0;
    for (const char *p = m->canon; *p; p++) {
        lower += *p >= 'a' && *p <= 'z';
        upper += *p >= 'A' && *p <= 'Z';
    }
    if (lower || upper < 4)
        return NX_OK;
    int start = 1;
    for (char *p = m->canon; *p; p++) {
        if (*p >= 'A' && *p <= 'Z' && !start)
            *p = (char)(*p - 'A' + 'a');
        start = *p == ' ' || *p == '-' || *p == '.';
    }
    return NX_OK;
}

/* A US state's abbreviation where a place name takes one: in a dateline
 * ("SAN DIEGO, Calif., Feb 26 -") or after "<place>," ("Stamford,
 * Conn."): the state's full name.  Elsewhere "Mass", "Ind" or "La" may be
 * anything (abbrev.c). */
static int expand_states(x_doc *d)
{
    for (size_t i = 0; i < d->nment; i++) {
        x_mention *m = &d->ments[i];
        if ((m->flags & XMF_DROPPED) || m->type != XM_LOC || !m->key ||
            m->ntok > 3)
            continue;
        int rc = dateline_case(d, m);
        if (rc != NX_OK)
            return rc;
        const char *full = x_state_abbrev(m->key);
        if (!full)
            continue;
        int ctx = (d->toks[m->tok].flags & XF_DATELINE) != 0;
        if (!ctx && m->tok >= 2 && x_tok_is(d, m->tok - 1, ",")) {
            int p = x_doc_mention_ending(d, m->tok - 2);
            ctx = p >= 0 && d->ments[p].type == XM_LOC;
        }
        if (!ctx)
            continue;
        char *c = strdup(full), *k = nx_name_key(full);
        if (!c || !k) {
            free(c);
            free(k);
            return NX_ENOMEM;
        }
        free(m->canon);
        free(m->key);
        m->canon = c;
        m->key = k;
    }
    return NX_OK;
}

static int x_resolve_mentions(x_doc *d)
{
    drop_non_prose(d, 0);
    x_combine(d);
    for (size_t i = 0; i < d->nment; i++) {
        int rc = set_canon(d, &d->ments[i]);
        if (rc != NX_OK)
            return rc;
    }
    /* A context cue alone ("in X", "the X") yields to a stronger mention
     * of the same name elsewhere, or to the alias table. */
    for (size_t i = 0; i < d->nment; i++) {
        x_mention *m = &d->ments[i];
        if (!supported(m) || m->score > 0.5f)
            continue;
        for (size_t j = 0; j < d->nment; j++) {
            const x_mention *o = &d->ments[j];
            if (j != i && supported(o) && o->score > 0.5f &&
                o->type != m->type && strcmp(o->key, m->key) == 0) {
                m->type = XM_UNSURE;
                break;
            }
        }
        if (m->type != XM_UNSURE && d->x->aliases &&
            nx_aliases_lookup(d->x->aliases, m->key) &&
            strcmp(nx_aliases_lookup(d->x->aliases, m->key), m->canon) == 0 &&
            strcmp(m->canon, m->name) != 0)
            m->type = XM_UNSURE;
    }
    for (size_t i = 0; i < d->nment; i++) {
        x_mention *m = &d->ments[i];
        if (supported(m) || (m->flags & XMF_DROPPED))
            continue;
        int type = -1;
        for (size_t j = 0; j < d->nment && type < 0; j++)
            if (j != i && supported(&d->ments[j]) &&
                strcmp(d->ments[j].key, m->key) == 0)
                type = d->ments[j].type;
        for (size_t j = 0; j < d->nment && type < 0; j++) {
            const x_mention *o = &d->ments[j];
            if (!supported(o) || o->type != XM_PER || words(o->key) < 2)
                continue;
            char *sk = nx_name_surname_key(o->canon);
            if (sk && strcmp(sk, m->key) == 0)
                type = XM_PER;
            free(sk);
        }
        if (type < 0 && m->type == XM_UNSURE && d->x->aliases &&
            nx_aliases_lookup(d->x->aliases, m->key)) {
            const char *c = nx_aliases_lookup(d->x->aliases, m->key);
            char *ck = nx_name_key(c);
            const x_gent *e = ck ? x_gaz_get(&d->x->gaz, ck, strlen(ck))
                                 : NULL;
            type = e && (e->flags & XG_ORG) ? XM_ORG
                   : e && (e->flags & XG_PLACE) ? XM_LOC : XM_PER;
            free(ck);
        }
        if (type < 0 && m->type == XM_UNSURE &&
            (m->flags & XMF_SPEAKER_SUBJ)) {
            char *k0 = x_span_key(d, m->tok, 1);
            const x_gent *e = k0 ? x_gaz_get(&d->x->gaz, k0, strlen(k0))
                                 : NULL;
            free(k0);
            type = words(m->key) >= 2 || (e && (e->flags & XG_FIRST))
                       ? XM_PER : XM_ORG;
        }
        if (type < 0) {
            m->flags |= XMF_DROPPED;
            continue;
        }
        int changed = m->type != type;
        m->type = (uint8_t)type;
        m->flags &= (uint8_t)~XMF_NEEDS_SUPPORT;
        if (changed) {
            int rc = set_canon(d, m);
            if (rc != NX_OK)
                return rc;
        }
    }
    drop_non_prose(d, 1);
    int rc = expand_states(d);
    return rc == NX_OK ? text_over_table(d) : rc;
}

static int resolve_run(void *state, x_doc *d)
{
    (void)state;
    return x_resolve_mentions(d);
}

const x_stage x_stage_resolve = {"resolve", NULL, resolve_run, NULL};
