/*
 * prose.c — the stage after the tokenizer: lines of the body that are not
 * prose get XF_NOPROSE on their tokens, and the resolve stage drops every
 * mention that touches one (combine.c).  The text stays indexed and
 * searchable; only extraction skips it.  One rule per kind of line, tried
 * in this order:
 *
 * Lines of rules 1-2 are XF_NOPROSE: nothing is found there.  Lines of
 * rules 3-5 are XF_TABLE: a name there stands on evidence of its own (a
 * gazetteer's organisation or place, a person's first name) or on a
 * mention of it elsewhere in the article, never on its capitals or its
 * neighbours (combine.c): "JAPAN" of a shouted headline and "Argentina" of
 * a table of quotas stay, "CTS Blah", "QTR SHR", "Nine", "Lou Gulf" go.
 *
 *  1. boilerplate: a line the indexer's first pass learnt recurs across
 *     many articles of this source (boiler.c: "Reuter", "Blah blah
 *     blah.");
 *  2. filler: one word said again and again ("Blah blah blah.");
 *  3. shouting: two or more words, every one in capitals, none in lower
 *     case ("******ASSETS OF MONEY MARKET FUNDS ROSE", "DENVER PRODUCER
 *     PRICES", "SOCCER - JAPAN GET LUCKY WIN");
 *  4. tables and financial lines: six in ten of the line's words are
 *     numbers, number words, months or the abbreviations of an earnings
 *     table ("Shr 23 cts vs 18 cts", "Nine mths", "Pay May One"), or the
 *     line is laid out in columns (two gaps of three spaces);
 *  5. a short line (at most four words, no end of sentence, its sentence
 *     not going on in lower case on the next line) next to a table line
 *     belongs to the table ("Year", "1st half");
 *  6. the dateline ("DENVER, March 2 -", "WEST HARTFORD, Conn., Feb 26 -")
 *     starting the body, or the dateline paragraph before it: its tokens
 *     get XF_DATELINE instead, and only a place may be found there (where
 *     the story is from).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_status.h"
#include "x_internal.h"

/* Words of earnings tables and price lists, and number words (lower
 * case); the lexicon gives them LX_TABLE (lexicon.c). */
const char *const x_table_words[] = {
    "shr", "shrs", "cts", "ct", "dlr", "dlrs", "mln", "mlns", "bln",
    "billion", "million", "mths", "mth", "qtr", "qtrs", "qtly", "div",
    "divs", "rev", "revs", "net", "avg", "vs", "pct", "prior", "oper",
    "loss", "profit", "year", "half", "record", "pay", "sales", "note",
    "turnover", "pretax", "shares", "income", "tax", "credit", "gain",
    "extraordinary", "dividend", "stg", "yen", "marks", "francs",
    "tonnes", "bags", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "1st", "2nd", "3rd", "4th",
    "may", NULL};

static int table_word(const x_tok *t)
{
    return (t->lex & (LX_CAL | LX_TABLE)) != 0;
}

enum { L_PROSE, L_TABLE, L_OTHER, L_DATELINE, L_SHOUT };  /* classes */

typedef struct line {
    size_t a, b;             /* bytes [a, b) of d->text */
    uint32_t t0, t1;         /* tokens [t0, t1) */
    int cls;
    int nwords;              /* words and numbers */
    int sent_end;            /* ends with . ! ? */
} line;

static int is_lower_word(const x_doc *d, const x_tok *t)
{
    unsigned char c = (unsigned char)d->text[t->off];
    return t->kind == XT_WORD && !(t->flags & XF_UPPER) &&
           !(c >= '0' && c <= '9');
}

/* Two gaps of three blanks or more inside the line: columns. */
static int columns(const x_doc *d, const line *l)
{
    const char *s = d->text + l->a;
    size_t n = l->b - l->a;
    x_trim_line(&s, &n);
    int gaps = 0;
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == ' ' && s[i + 1] == ' ' && s[i + 2] == ' ') {
            gaps++;
            while (i < n && s[i] == ' ')
                i++;
        }
    return gaps >= 2;
}

static int classify(const x_doc *d, line *l)
{
    int words = 0, nums = 0, caps = 0, lower = 0, tab = 0, same = 1;
    const x_tok *first = NULL;
    for (uint32_t t = l->t0; t < l->t1; t++) {
        const x_tok *k = &d->toks[t];
        if (k->kind == XT_NUM) {
            nums++;
            continue;
        }
        if (k->kind != XT_WORD)
            continue;
        words++;
        caps += (k->flags & XF_ALLCAPS) != 0;
        lower += is_lower_word(d, k);
        tab += table_word(k);
        if (!first)
            first = k;
        else if (k->len != first->len ||
                 strncasecmp(d->text + k->off, d->text + first->off,
                             k->len) != 0)
            same = 0;
    }
    l->nwords = words + nums;
    if (l->t1 > l->t0) {
        const char *e = d->text + d->toks[l->t1 - 1].off;
        l->sent_end = *e == '.' || *e == '!' || *e == '?';
    }
    if (!l->nwords)
        return L_OTHER;
    const char *s = d->text + l->a;
    size_t n = l->b - l->a;
    x_trim_line(&s, &n);
    if (d->has_group && x_boiler_has(d->x->boiler, d->group, s, n))
        return L_OTHER;
    if (words >= 2 && !nums && same)
        return L_OTHER;
    /* a one-letter word ("A", "&") is not shouting, and not lower case */
    int short1 = 0;
    for (uint32_t t = l->t0; t < l->t1; t++)
        short1 += d->toks[t].kind == XT_WORD && d->toks[t].len == 1 &&
                  (d->toks[t].flags & XF_UPPER);
    if (caps >= 2 && !lower && caps + short1 == words)
        return L_SHOUT;
    if ((nums + tab) * 10 >= l->nwords * 6 || columns(d, l))
        return L_TABLE;
    return L_PROSE;
}

static void mark(x_doc *d, uint32_t t0, uint32_t t1, uint16_t flag)
{
    for (uint32_t t = t0; t < t1; t++)
        d->toks[t].flags |= flag;
}

/* The dateline at the start of the body: up to a dash within its first
 * twelve tokens, with a month and a day before it.  The dash's index, or
 * 0 when the line starts otherwise. */
static uint32_t dateline_end(const x_doc *d, const line *l)
{
    int month = 0;
    for (uint32_t t = l->t0; t < l->t1 && t < l->t0 + 12; t++) {
        const x_tok *k = &d->toks[t];
        if ((k->lex & LX_CAL) ||
            (k->len == 3 && strncasecmp(d->text + k->off, "may", 3) == 0))
            month = t + 1 < l->t1 && d->toks[t + 1].kind == XT_NUM;
        if (t > l->t0 && month &&
            (k->kind == XT_DASH ||
             (k->len == 1 && d->text[k->off] == '-')))
            return t;
        if (is_lower_word(d, k) && !(k->lex & LX_CAL))
            return 0;
    }
    return 0;
}

static int prose_run(void *state, x_doc *d)
{
    (void)state;
    size_t nl = 1;
    for (size_t i = d->body_off; i < d->len; i++)
        nl += d->text[i] == '\n';
    line *L = calloc(nl, sizeof *L);
    if (!L)
        return NX_ENOMEM;
    size_t n = 0;
    uint32_t t = 0;
    while (t < d->ntok && d->toks[t].off < d->body_off)
        t++;
    for (size_t a = d->body_off; a <= d->len && n < nl;) {
        const char *e = memchr(d->text + a, '\n', d->len - a);
        size_t b = e ? (size_t)(e - d->text) : d->len;
        line *l = &L[n++];
        l->a = a;
        l->b = b;
        l->t0 = t;
        while (t < d->ntok && d->toks[t].off < b)
            t++;
        l->t1 = t;
        l->cls = classify(d, l);
        a = b + 1;
        if (!e)
            break;
    }
    /* rule 6 first: a dateline is no table line */
    for (size_t i = 0; i < n; i++)
        if (L[i].nwords) {
            uint32_t end = dateline_end(d, &L[i]);
            if (end) {
                d->toks[end].flags |= XF_DATELINE;
                mark(d, L[i].t0, end, XF_DATELINE);
                L[i].cls = L_DATELINE;
            }
            break;
        }
    /* rule 5, both ways: a table's short lines; not a line whose
     * sentence goes on in lower case on the next (Reuters' first lines
     * are short: the dateline took their room) */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++) {
            size_t i = pass ? n - 1 - k : k;
            line *l = &L[i];
            if (l->cls != L_PROSE || l->nwords > 4 || l->sent_end ||
                (i + 1 < n && L[i + 1].t1 > L[i + 1].t0 &&
                 is_lower_word(d, &d->toks[L[i + 1].t0])))
                continue;
            size_t j = i;          /* the neighbour, over blank lines */
            const line *prev = NULL, *next = NULL;
            while (j > 0 && !prev)
                if (L[--j].nwords)
                    prev = &L[j];
            for (j = i + 1; j < n && !next; j++)
                if (L[j].nwords)
                    next = &L[j];
            if ((prev && prev->cls == L_TABLE) ||
                (next && next->cls == L_TABLE))
                l->cls = L_TABLE;
        }
    for (size_t i = 0; i < n; i++)
        if (L[i].cls == L_TABLE || L[i].cls == L_SHOUT)
            mark(d, L[i].t0, L[i].t1, XF_TABLE);
        else if (L[i].cls == L_OTHER)
            mark(d, L[i].t0, L[i].t1, XF_NOPROSE);
    free(L);
    return NX_OK;
}

const x_stage x_stage_prose = {"prose", NULL, prose_run, NULL};
