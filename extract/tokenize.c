/*
 * tokenize.c — the first stage: tokens, paragraphs, sentences and quote
 * spans of an article (x_doc.toks, .sents, .quotes).
 *
 * Decisions:
 *  - A word keeps inner apostrophes (O'Brien, don't, D’Alema) and the dots
 *    of abbreviations made of single letters (U.S., U.K.); a possessive
 *    's / ’s (and the lone apostrophe of "allies'") is its own XT_POSS
 *    token so a name never carries it.
 *  - A hyphen between letters is an XT_HYPHEN token attached to both sides
 *    (XF_NOSPACE): the rules stage rejoins "Jean-Claude" and "al-Assad" and
 *    splits "Russia-backed" and "Russia-Ukraine".
 *  - Paragraphs: a blank line, or a line break followed by indentation
 *    (the Reuters layout).  A single line break is a space.
 *  - Sentences end at . ! ? (and closing quotes or brackets after them)
 *    before an upper-case word, a digit or an opening quote, unless the
 *    period ends an abbreviation (Mr., Dr., St., Jan., Inc., an initial).
 *    A paragraph always ends a sentence.  Quotes may span sentences.
 *  - Quotation marks: curly and guillemets say which way they face;
 *    a straight " opens after a space or at a start, else closes.  A quote
 *    left open at the end of a paragraph whose successor opens with a quote
 *    mark continues there (newsroom style for multi-paragraph quotes);
 *    otherwise it ends with the paragraph.  Single quotes (‘…’) count only
 *    when both marks are found in the paragraph and not inside a double
 *    quote.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_fold.h"
#include "nx_buf.h"
#include "nx_status.h"
#include "x_internal.h"

static int push_tok(x_doc *d, const x_tok *t)
{
    int rc = nx_grow(&d->toks, &d->captok, d->ntok + 1, sizeof *d->toks,
                     X_MAX_TOKENS);
    if (rc != NX_OK)
        return rc;
    d->toks[d->ntok++] = *t;
    return NX_OK;
}

static nx_cclass class_at(const x_doc *d, size_t i, uint32_t *cpout,
                          size_t *len)
{
    if (i >= d->len) {
        *len = 0;
        *cpout = 0;
        return NX_CC_SPACE;
    }
    uint32_t cp;
    *len = nx_utf8_decode(d->text + i, d->len - i, &cp);
    *cpout = cp;
    return nx_cp_class(cp);
}

static int is_letter(nx_cclass c)
{
    return c == NX_CC_LOWER || c == NX_CC_UPPER;
}

static int is_alnum(nx_cclass c)
{
    return c == NX_CC_LOWER || c == NX_CC_UPPER || c == NX_CC_DIGIT ||
           c == NX_CC_MARK;
}

/* Word shape flags of text[off, off+len). */
static unsigned shape(const x_doc *d, size_t off, size_t len)
{
    unsigned f = 0;
    int letters = 0, uppers = 0, first = 1;
    for (size_t i = off; i < off + len;) {
        uint32_t cp;
        size_t k;
        nx_cclass c = class_at(d, i, &cp, &k);
        if (first && c == NX_CC_UPPER)
            f |= XF_UPPER;
        if (is_letter(c)) {
            letters++;
            uppers += c == NX_CC_UPPER;
        }
        if (c != NX_CC_MARK)
            first = 0;
        i += k;
    }
    if (letters >= 2 && uppers == letters)
        f |= XF_ALLCAPS;
    return f;
}

/* Scans one word from i; returns its end.  Stops before a possessive and
 * at a hyphen. */
static size_t scan_word(const x_doc *d, size_t i)
{
    size_t seg = 0;          /* letters since the last '.' */
    int dotted = 0;
    while (i < d->len) {
        uint32_t cp, cp2;
        size_t k, k2;
        nx_cclass c = class_at(d, i, &cp, &k);
        if (is_alnum(c)) {
            seg += is_letter(c);
            i += k;
            continue;
        }
        nx_cclass n = class_at(d, i + k, &cp2, &k2);
        if (cp == '.' && is_letter(n) && seg == 1) {
            dotted = 1;      /* U.S. */
            seg = 0;
            i += k;
            continue;
        }
        if (cp == '.' && dotted && seg == 1) {
            i += k;          /* the last dot of U.S. */
            break;
        }
        if (c == NX_CC_APOS && is_letter(n)) {
            /* 's followed by a non-letter is a possessive, not the word */
            uint32_t cp3;
            size_t k3;
            nx_cclass n3 = class_at(d, i + k + k2, &cp3, &k3);
            if ((cp2 == 's' || cp2 == 'S') && !is_alnum(n3))
                break;
            i += k;
            continue;
        }
        break;
    }
    return i;
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int x_tokenize(x_doc *d, size_t title_len)
{
    size_t i = 0;
    uint32_t para = 0;
    int newpara = 1, space = 1, quote_open = 0;
    while (i < d->len) {
        uint32_t cp;
        size_t k;
        nx_cclass c = class_at(d, i, &cp, &k);
        if (c == NX_CC_SPACE) {
            if (cp == '\n' && i >= title_len) {
                size_t j = i + 1, indent = 0;
                while (j < d->len && (d->text[j] == ' ' || d->text[j] == '\t' ||
                                      d->text[j] == '\r'))
                    indent += d->text[j] == '\t' ? 2 : 1, j++;
                if ((j < d->len && d->text[j] == '\n') || indent >= 2 ||
                    i < d->body_off) {
                    if (!newpara)
                        para++;
                    newpara = 1;
                }
            }
            space = 1;
            i += k;
            continue;
        }
        if (i >= d->body_off && para == 0) {
            para = 1;
            newpara = 1;
        }
        x_tok t = {(uint32_t)i, 0, 0, para, -1, 0, 0, XT_PUNCT};
        if (newpara)
            t.flags |= XF_PARA_START;
        if (!space)
            t.flags |= XF_NOSPACE;
        if (i < title_len)
            t.flags |= XF_TITLE;
        uint32_t cp2;
        size_t k2;
        nx_cclass n = class_at(d, i + k, &cp2, &k2);
        const x_tok *prev = d->ntok ? &d->toks[d->ntok - 1] : NULL;
        int prev_word = prev && !space && prev->kind == XT_WORD;
        if (is_alnum(c)) {
            size_t end = scan_word(d, i);
            int num = 1;
            for (size_t j = i; j < end; j++)
                if (!(d->text[j] >= '0' && d->text[j] <= '9'))
                    num = 0;
            if (num) {   /* 1,000.5 */
                while (end + 1 < d->len &&
                       (d->text[end] == ',' || d->text[end] == '.') &&
                       d->text[end + 1] >= '0' && d->text[end + 1] <= '9') {
                    end++;
                    while (end < d->len && d->text[end] >= '0' &&
                           d->text[end] <= '9')
                        end++;
                }
            }
            t.kind = num ? XT_NUM : XT_WORD;
            t.len = (uint32_t)(end - i);
            t.flags |= (uint16_t)shape(d, i, end - i);
            if (!num)
                t.lex = (uint16_t)x_lex(d->x->lex, d->text + i, end - i);
        } else if (c == NX_CC_APOS && prev_word &&
                   (cp2 == 's' || cp2 == 'S')) {
            uint32_t cp3;
            size_t k3;
            if (!is_alnum(class_at(d, i + k + k2, &cp3, &k3))) {
                t.kind = XT_POSS;           /* Russia’s */
                t.len = (uint32_t)(k + k2);
            } else {
                t.len = (uint32_t)k;
            }
        } else if (c == NX_CC_APOS && prev_word && !is_alnum(n) &&
                   d->text[prev->off + prev->len - 1] == 's') {
            t.kind = XT_POSS;               /* allies' */
            t.len = (uint32_t)k;
        } else if (c == NX_CC_APOS) {
            t.kind = XT_QUOTE;
            t.flags |= XF_SINGLE;
            t.len = (uint32_t)k;
            if (cp == 0x2018 || (space && is_alnum(n)))
                t.flags |= XF_QOPEN;
            else
                t.flags |= XF_QCLOSE;
        } else if (c == NX_CC_DQUOTE) {
            t.kind = XT_QUOTE;
            t.len = (uint32_t)k;
            int open;
            if (cp == 0x201C || cp == 0x201E || cp == 0x00AB)
                open = 1;
            else if (cp == 0x201D || cp == 0x00BB)
                open = 0;
            else if (space || (prev && prev->kind == XT_PUNCT &&
                               strchr("([{", d->text[prev->off])))
                open = n != NX_CC_SPACE || !quote_open;
            else if (n == NX_CC_SPACE || n == NX_CC_PUNCT)
                open = 0;
            else
                open = !quote_open;
            t.flags |= open ? XF_QOPEN : XF_QCLOSE;
            quote_open = open;
        } else if (c == NX_CC_DASH && is_hyphen(cp) && prev_word &&
                   is_alnum(n)) {
            t.kind = XT_HYPHEN;
            t.len = (uint32_t)k;
        } else if (c == NX_CC_DASH) {
            size_t j = i + k;
            while (j < d->len && d->text[j] == '-')
                j++;
            t.kind = XT_DASH;
            t.len = (uint32_t)(j - i);
        } else {
            t.kind = XT_PUNCT;
            t.len = (uint32_t)k;
        }
        int rc = push_tok(d, &t);
        if (rc != NX_OK)
            return rc;
        i += t.len;
        space = 0;
        newpara = 0;
    }
    return NX_OK;
}

/* Abbreviations whose period does not end a sentence. */
static int abbrev(const x_doc *d, const x_tok *w)
{
    static const char *const A[] = {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov",
        "sen", "rep", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr",
        "rev", "hon", "inc", "corp", "co", "ltd", "no", "nos", "vs", "mt",
        "ft", "ave", "blvd", "dept", "est", "fig", "approx", "etc", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "u.s", "a.m", "p.m", NULL};
    if (w->kind != XT_WORD)
        return 0;
    const char *s = d->text + w->off;
    if (w->len == 1 && (w->flags & XF_UPPER))
        return 1;                      /* an initial: George W. Bush */
    for (size_t i = 0; A[i]; i++)
        if (strlen(A[i]) == w->len) {
            size_t j = 0;
            while (j < w->len && (s[j] | 0x20) == A[i][j])
                j++;
            if (j == w->len)
                return 1;
        }
    return 0;
}

/* Abbreviations that often end a sentence too ("... Inc. The ..."). */
static int can_end(const x_doc *d, const x_tok *w)
{
    static const char *const E[] = {"inc", "corp", "co", "ltd", "jr", "sr",
                                    "etc", NULL};
    for (size_t i = 0; E[i]; i++)
        if (strlen(E[i]) == w->len &&
            (d->text[w->off] | 0x20) == E[i][0] &&
            strncasecmp(d->text + w->off, E[i], w->len) == 0)
            return 1;
    return 0;
}

static int push_sent(x_doc *d, uint32_t first, uint32_t end)
{
    if (first >= end)
        return NX_OK;
    int rc = nx_grow(&d->sents, &d->capsent, d->nsent + 1, sizeof *d->sents,
                     X_MAX_TOKENS);
    if (rc != NX_OK)
        return rc;
    d->sents[d->nsent].first = first;
    d->sents[d->nsent].end = end;
    for (uint32_t t = first; t < end; t++)
        d->toks[t].sent = (uint32_t)d->nsent;
    d->toks[first].flags |= XF_SENT_START;
    d->nsent++;
    return NX_OK;
}

static int x_split_sentences(x_doc *d)
{
    uint32_t start = 0;
    for (uint32_t t = 0; t < d->ntok; t++) {
        if (t > start && (d->toks[t].flags & XF_PARA_START)) {
            int rc = push_sent(d, start, t);
            if (rc)
                return rc;
            start = t;
        }
        const x_tok *tk = &d->toks[t];
        const char *s = d->text + tk->off;
        int term = tk->kind == XT_PUNCT && (*s == '.' || *s == '!' ||
                                            *s == '?');
        int wordterm = tk->kind == XT_WORD && s[tk->len - 1] == '.';
        if (!term && !wordterm)
            continue;
        uint32_t e = t + 1;   /* closing quotes and brackets stay with it */
        while (e < d->ntok && !(d->toks[e].flags & XF_PARA_START) &&
               ((d->toks[e].kind == XT_QUOTE &&
                 (d->toks[e].flags & XF_QCLOSE)) ||
                (d->toks[e].kind == XT_PUNCT &&
                 (d->text[d->toks[e].off] == ')' ||
                  d->text[d->toks[e].off] == ']' ||
                  d->text[d->toks[e].off] == '.'))))
            e++;
        if (e >= d->ntok || (d->toks[e].flags & XF_PARA_START))
            continue;
        const x_tok *nx = &d->toks[e];
        int next_starts = (nx->flags & XF_UPPER) || nx->kind == XT_NUM ||
                          (nx->kind == XT_QUOTE && (nx->flags & XF_QOPEN));
        if (!next_starts)
            continue;
        int fn = nx->kind == XT_WORD && (nx->lex & LX_FUNC);
        if (term && *s == '.' && t > 0 && (tk->flags & XF_NOSPACE) &&
            abbrev(d, &d->toks[t - 1])) {
            /* "Mr. Biden", "Jan. 5": no end; "Inc. The": an end. */
            if (!(fn && can_end(d, &d->toks[t - 1])))
                continue;
        }
        if (wordterm && !fn)
            continue;           /* "U.S. President" goes on */
        int rc = push_sent(d, start, e);
        if (rc)
            return rc;
        start = e;
        t = e - 1;
    }
    return push_sent(d, start, (uint32_t)d->ntok);
}

static int push_quote(x_doc *d, uint32_t open, uint32_t close, int cont)
{
    int rc = nx_grow(&d->quotes, &d->capquote, d->nquote + 1,
                     sizeof *d->quotes, X_MAX_TOKENS);
    if (rc != NX_OK)
        return rc;
    x_quote *q = &d->quotes[d->nquote];
    memset(q, 0, sizeof *q);
    q->open = open;
    q->close = close;
    q->speaker = q->also = -1;
    q->cont = cont;
    for (uint32_t t = open + 1; t < close; t++) {
        if (d->toks[t].quote < 0)
            d->toks[t].quote = (int32_t)d->nquote;
        d->toks[t].flags |= XF_INQUOTE;
        q->nwords += d->toks[t].kind == XT_WORD || d->toks[t].kind == XT_NUM;
    }
    d->nquote++;
    return NX_OK;
}

/* Pairs quotation marks paragraph by paragraph (see the top of the file). */
static int x_find_quotes(x_doc *d)
{
    uint32_t t = 0;
    while (t < d->ntok) {
        uint32_t pend = t + 1;
        while (pend < d->ntok && !(d->toks[pend].flags & XF_PARA_START))
            pend++;
        int64_t open = -1;
        for (uint32_t u = t; u < pend; u++) {
            x_tok *k = &d->toks[u];
            if (k->kind != XT_QUOTE || (k->flags & XF_SINGLE))
                continue;
            if (k->flags & XF_QOPEN) {
                if (open >= 0 && u > open + 1) {
                    int rc = push_quote(d, (uint32_t)open, u, 0);
                    if (rc)
                        return rc;
                }
                open = u;
            } else if (open >= 0) {
                int rc = push_quote(d, (uint32_t)open, u, 0);
                if (rc)
                    return rc;
                open = -1;
            }
        }
        if (open >= 0 && pend > (uint32_t)open + 1) {
            int cont = pend < d->ntok && d->toks[pend].kind == XT_QUOTE &&
                       (d->toks[pend].flags & XF_QOPEN);
            int rc = push_quote(d, (uint32_t)open, pend, cont);
            if (rc)
                return rc;
        }
        /* single quotes, outside double ones */
        int64_t sopen = -1;
        for (uint32_t u = t; u < pend; u++) {
            x_tok *k = &d->toks[u];
            if (k->kind != XT_QUOTE || !(k->flags & XF_SINGLE))
                continue;
            if (k->quote >= 0) {
                sopen = -1;
                continue;
            }
            if (k->flags & XF_QOPEN)
                sopen = u;
            else if (sopen >= 0 && u > sopen + 1) {
                int rc = push_quote(d, (uint32_t)sopen, u, 0);
                if (rc)
                    return rc;
                sopen = -1;
            }
        }
        t = pend;
    }
    /* text order: single quotes were added after their paragraph's double
     * ones */
    for (size_t i = 1; i < d->nquote; i++)
        for (size_t j = i; j > 0 && d->quotes[j - 1].open > d->quotes[j].open;
             j--) {
            x_quote q = d->quotes[j];
            d->quotes[j] = d->quotes[j - 1];
            d->quotes[j - 1] = q;
        }
    for (uint32_t u = 0; u < d->ntok; u++)
        d->toks[u].quote = -1;
    for (size_t qi = 0; qi < d->nquote; qi++)
        for (uint32_t u = d->quotes[qi].open + 1; u < d->quotes[qi].close; u++)
            if (d->toks[u].quote < 0)
                d->toks[u].quote = (int32_t)qi;
    return NX_OK;
}

static int tok_run(void *state, x_doc *d)
{
    (void)state;
    int rc = x_tokenize(d, d->body_off - 2);
    if (rc == NX_OK)
        rc = x_split_sentences(d);
    if (rc == NX_OK)
        rc = x_find_quotes(d);
    return rc;
}

const x_stage x_stage_tokenize = {"tokenize", NULL, tok_run, NULL};
