/*
 * test_quote_words.c — which of a query's words a quote holds
 * (nx_quote_words_match, nx_quotes.h): the query terms Xapian gives (body
 * words, quote: words with and without a speaker, stemmed "Z" and exact
 * forms), the terms that are not a quote's (title, facets), stemming as
 * the body, case, apostrophes, distinct counting, and the highlight
 * (HTML-escaped, matches between NX_HI_START and NX_HI_END).
 */
#include <stdlib.h>
#include <string.h>

#include "nx_quotes.h"
#include "nx_test.h"

/* The highlight with the markers as [ and ]. */
static char *brackets(char *s)
{
    for (char *p = s; p && *p; p++)
        if (*p == NX_HI_START)
            *p = '[';
        else if (*p == NX_HI_END)
            *p = ']';
    return s;
}

int main(void)
{
    static const struct {
        const char *terms;   /* the query's terms, separated by | */
        size_t nwords;       /* words kept for matching */
        const char *text;
        unsigned matched;
        const char *hl;
    } rows[] = {
        /* stemmed: "fires", "firing" and "fired" hold fire's stem */
        {"Zfire", 1, "They are playing with fire", 1,
         "They are playing with [fire]"},
        {"Zfire", 1, "Fires, firing: all fired.", 1,
         "[Fires], [firing]: all [fired]."},
        /* a phrase's words are exact (unstemmed): "fires" is not "fire" */
        {"XQplaying|XQwith|XQfire", 3, "playing with fires", 2,
         "[playing] [with] fires"},
        /* a speaker's quote prefix: the word after its colon */
        {"ZXQBsergey lavrov:fire|ZXQB#lavrov:fire", 1, "Playing with FIRE", 1,
         "Playing with [FIRE]"},
        /* title, facet and year terms are not a quote's words */
        {"ZSnato|XBYsergey lavrov\x1f|Y2021|Kdiplomacy", 0, "NATO and 2021",
         0, "NATO and 2021"},
        /* body words count; distinct words, not occurrences */
        {"Znato|nato|Zalli", 3, "NATO allies: nato, Nato.", 3,
         "[NATO] [allies]: [nato], [Nato]."},
        /* apostrophes inside a word (’ as '), HTML escaped around */
        {"don't", 1, "We don\xe2\x80\x99t <care> & \"won't\"", 1,
         "We [don\xe2\x80\x99t] &lt;care&gt; &amp; &quot;won&#39;t&quot;"},
        /* non-ASCII lower-casing */
        {"\xc3\xa9lys\xc3\xa9""e", 1, "\xc3\x89LYS\xc3\x89""E palace", 1,
         "[\xc3\x89LYS\xc3\x89""E] palace"},
        /* a word inside a longer one does not match */
        {"Zfire", 1, "firewall and bonfire", 0, "firewall and bonfire"},
        /* digits */
        {"94000", 1, "over 94000 troops", 1, "over [94000] troops"},
        {"", 0, "nothing asked", 0, "nothing asked"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char buf[256];
        const char *terms[16];
        size_t n = 0;
        snprintf(buf, sizeof buf, "%s", rows[i].terms);
        for (char *p = buf; *p && n < 16;) {
            terms[n++] = p;
            char *bar = strchr(p, '|');
            if (!bar)
                break;
            *bar = '\0';
            p = bar + 1;
        }
        nx_quote_words *w = NULL;
        CHECK_INT(nx_quote_words_new(&w, terms, n), NX_OK);
        if (nx_quote_words_count(w) != rows[i].nwords)
            fprintf(stderr, "row %zu: %zu words\n", i,
                    nx_quote_words_count(w));
        CHECK_INT(nx_quote_words_count(w), rows[i].nwords);
        unsigned matched = 99;
        char *hl = NULL;
        CHECK_INT(nx_quote_words_match(w, rows[i].text, &matched, &hl), NX_OK);
        CHECK_INT(matched, rows[i].matched);
        CHECK_STR(brackets(hl), rows[i].hl);
        free(hl);
        /* without a highlight: the same count */
        CHECK_INT(nx_quote_words_match(w, rows[i].text, &matched, NULL),
                  NX_OK);
        CHECK_INT(matched, rows[i].matched);
        nx_quote_words_free(w);
    }
    nx_quote_words_free(NULL);   /* a no-op */
    return nx_test_done();
}
