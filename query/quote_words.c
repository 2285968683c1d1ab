/*
 * quote_words.c — which of a query's words a quote holds, and the quote
 * with them highlighted (nx_quotes.h).
 *
 * The index side tokenises with Xapian's TermGenerator; this file reads a
 * quote the way it does for the words a query can hold: runs of letters,
 * digits and combining marks, an apostrophe inside a word kept (’ read
 * as '), lower-cased.  A word matches a query word as written (a phrase's
 * words, a capitalised word: unstemmed terms) or through the same Snowball
 * stemmer (nx_stem_word; "Z" terms).  Lower-casing covers ASCII, Latin-1,
 * Latin Extended-A, Greek and Cyrillic, where the news is; a word with
 * other upper-case letters matches through its other forms or not at all.
 */
#include "nx_quotes.h"

#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_facets.h"
#include "nx_fold.h"
#include "nx_utf8.h"

/* Words of one query, at most (a query has a few). */
#define WORDS_MAX 4096

struct nx_quote_words {
    char **exact, **stem;   /* sorted, each once */
    size_t nexact, nstem, capexact, capstem;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push(char ***v, size_t *n, size_t *cap, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], s) == 0)
            return NX_OK;
    int rc = nx_grow(v, cap, *n + 1, sizeof **v, WORDS_MAX);
    if (rc != NX_OK)
        return rc;
    if (!((*v)[*n] = strdup(s)))
        return NX_ENOMEM;
    (*n)++;
    return NX_OK;
}

/* The word of a query term, or NULL when the term is not a body or quote
 * word.  Body words start with a lower-case letter, a digit or a
 * non-ASCII byte (Xapian's prefixes are upper-case). */
static const char *term_word(const char *t)
{
    size_t np = strlen(NX_PREFIX_QUOTE_BY);
    if (strncmp(t, NX_PREFIX_QUOTE_BY, np) == 0) {
        const char *c = strchr(t + np, ':');
        return c && c[1] ? c + 1 : NULL;
    }
    if (strncmp(t, NX_PREFIX_QUOTE, strlen(NX_PREFIX_QUOTE)) == 0)
        t += strlen(NX_PREFIX_QUOTE);
    unsigned char c = (unsigned char)*t;
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80
               ? t
               : NULL;
}

int nx_quote_words_new(nx_quote_words **out, const char *const *terms,
                       size_t n)
{
    *out = NULL;
    nx_quote_words *w = calloc(1, sizeof *w);
    if (!w)
        return NX_ENOMEM;
    int rc = NX_OK;
    for (size_t i = 0; i < n && rc == NX_OK; i++) {
        const char *t = terms[i];
        int stemmed = t[0] == 'Z';
        const char *word = term_word(t + stemmed);
        if (!word)
            continue;
        rc = stemmed ? push(&w->stem, &w->nstem, &w->capstem, word)
                     : push(&w->exact, &w->nexact, &w->capexact, word);
    }
    if (rc != NX_OK) {
        nx_quote_words_free(w);
        return rc;
    }
    if (w->nexact)
        qsort(w->exact, w->nexact, sizeof *w->exact, cmp_str);
    if (w->nstem)
        qsort(w->stem, w->nstem, sizeof *w->stem, cmp_str);
    *out = w;
    return NX_OK;
}

size_t nx_quote_words_count(const nx_quote_words *w)
{
    return w ? w->nexact + w->nstem : 0;
}

void nx_quote_words_free(nx_quote_words *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nexact; i++)
        free(w->exact[i]);
    for (size_t i = 0; i < w->nstem; i++)
        free(w->stem[i]);
    free(w->exact);
    free(w->stem);
    free(w);
}

/* The lower case of cp in the scripts named at the top. */
static uint32_t lower(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0xc0)
        return cp;
    if ((cp >= 0xc0 && cp <= 0xde && cp != 0xd7) ||
        (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2) ||
        (cp >= 0x410 && cp <= 0x42f))
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40f)
        return cp + 80;
    if (cp == 0x178)
        return 0xff;
    if (cp >= 0x100 && cp <= 0x17f && cp != 0x130 && cp != 0x138 &&
        cp != 0x149 && cp != 0x17f) {
        /* pairs: even upper / odd lower, shifted by one in 0x139..0x148
         * and 0x179..0x17e */
        int odd_upper = (cp >= 0x139 && cp <= 0x148) ||
                        (cp >= 0x179 && cp <= 0x17e);
        return (cp % 2 == 1) == odd_upper ? cp + 1 : cp;
    }
    return cp;
}

static int word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    nx_cclass c = nx_cp_class(cp);
    return c == NX_CC_LOWER || c == NX_CC_UPPER || c == NX_CC_DIGIT ||
           c == NX_CC_MARK;
}

static int apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* Marks word i of w as found (distinct counting). */
static void found(unsigned char *seen, size_t i, unsigned *matched)
{
    if (!seen[i]) {
        seen[i] = 1;
        (*matched)++;
    }
}

/* Whether `word` (lower-cased) is one of w's, counting it. */
static int check_word(const nx_quote_words *w, const char *word,
                      unsigned char *seen, unsigned *matched, int *oom)
{
    int hit = 0;
    if (w->nexact) {
        char *const *p = bsearch(&word, w->exact, w->nexact,
                                 sizeof *w->exact, cmp_str);
        if (p) {
            found(seen, (size_t)(p - w->exact), matched);
            hit = 1;
        }
    }
    if (w->nstem) {
        char *s = nx_stem_word(word);
        if (!s) {
            *oom = 1;
            return 0;
        }
        char *const *p = bsearch(&s, w->stem, w->nstem, sizeof *w->stem,
                                 cmp_str);
        free(s);
        if (p) {
            found(seen, w->nexact + (size_t)(p - w->stem), matched);
            hit = 1;
        }
    }
    return hit;
}

int nx_quote_words_match(const nx_quote_words *w, const char *text,
                         unsigned *matched, char **hl)
{
    *matched = 0;
    if (hl)
        *hl = NULL;
    size_t nw = nx_quote_words_count(w), len = strlen(text);
    unsigned char *seen = calloc(nw ? nw : 1, 1);
    nx_buf b = NX_BUF_INIT, word = NX_BUF_INIT;
    int oom = !seen;
    size_t i = 0, copied = 0;
    while (i < len && !oom) {
        uint32_t cp;
        size_t n = nx_utf8_decode(text + i, len - i, &cp);
        if (!word_char(cp)) {
            i += n;
            continue;
        }
        /* one word: [i, j) */
        size_t j = i;
        word.n = 0;
        while (j < len) {
            n = nx_utf8_decode(text + j, len - j, &cp);
            if (apostrophe(cp) && j + n < len) {
                uint32_t next;
                nx_utf8_decode(text + j + n, len - j - n, &next);
                if (!word_char(next))
                    break;
                nx_buf_add(&word, "'", 1);
                j += n;
                continue;
            }
            if (!word_char(cp))
                break;
            char enc[4];
            nx_buf_add(&word, enc, nx_utf8_encode(lower(cp), enc));
            j += n;
        }
        const char *ws = nx_buf_str(&word);
        int hit = word.err ? (oom = 1, 0)
                           : nw && check_word(w, ws, seen, matched, &oom);
        if (hl && hit) {
            nx_buf_html_n(&b, text + copied, i - copied);
            nx_buf_add(&b, (char[]){NX_HI_START}, 1);
            nx_buf_html_n(&b, text + i, j - i);
            nx_buf_add(&b, (char[]){NX_HI_END}, 1);
            copied = j;
        }
        i = j;
    }
    nx_buf_free(&word);
    free(seen);
    if (hl && !oom) {
        nx_buf_html_n(&b, text + copied, len - copied);
        if (!(*hl = nx_buf_take(&b)))
            oom = 1;
    }
    nx_buf_free(&b);
    return oom ? NX_ENOMEM : NX_OK;
}
