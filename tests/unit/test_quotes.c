/*
 * test_quotes.c — the quote: binding's pieces (docs/quotes.md): the by:
 * values a query names, the quote prefix of a by: term (both sides use
 * it) and its bound under Xapian's term limit.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_facets.h"
#include "nx_resolve.h"
#include "nx_term.h"
#include "nx_test.h"

/* The by: values of q joined with '|'. */
static char *by_values(const char *q)
{
    char **v;
    size_t n;
    static char buf[512];
    buf[0] = '\0';
    if (nx_query_by_values(q, &v, &n) != NX_OK)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(buf, "|");
        strcat(buf, v[i]);
        free(v[i]);
    }
    free(v);
    return buf;
}

int main(void)
{
    CHECK_STR(by_values("by:Lavrov quote:fire"), "Lavrov");
    CHECK_STR(by_values("quote:fire by:\"Sergey Lavrov\""), "Sergey Lavrov");
    CHECK_STR(by_values("(by:Lavrov OR by:Blinken) quote:sanctions"),
              "Lavrov|Blinken");
    CHECK_STR(by_values("+by:Lavrov quote:x"), "Lavrov");
    /* Negated speakers do not bind; a word ending in by: is no field. */
    CHECK_STR(by_values("-by:Lavrov quote:x"), "");
    CHECK_STR(by_values("NOT by:Lavrov quote:x"), "");
    CHECK_STR(by_values("standby:x nearby:y"), "");
    CHECK_STR(by_values("by: quote:x"), "");
    CHECK_STR(by_values("by:\"unterminated"), "unterminated");
    CHECK_STR(by_values(""), "");

    /* The prefix from the index form, the filter form and a surname term. */
    char *t = nx_facet_term(NX_FACET_BY, "sergey lavrov", "Sergey Lavrov");
    char *p = nx_quote_prefix(t);
    CHECK_STR(p, "XQBsergey lavrov:");
    free(p);
    free(t);
    t = nx_facet_term(NX_FACET_BY, "sergey lavrov", NULL);
    p = nx_quote_prefix(t);
    CHECK_STR(p, "XQBsergey lavrov:");
    free(p);
    free(t);
    t = nx_facet_surname_term(NX_FACET_BY, "lavrov");
    p = nx_quote_prefix(t);
    CHECK_STR(p, "XQB#lavrov:");
    free(p);
    free(t);
    CHECK(nx_quote_prefix("XPEsergey lavrov\x1f") == NULL);

    /* A long key is cut so "Z" + prefix + the longest word fits. */
    char key[NX_TERM_MAX + 1];
    memset(key, 'a', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    t = nx_facet_term(NX_FACET_BY, key, NULL);
    p = nx_quote_prefix(t);
    CHECK(p && 1 + strlen(p) + NX_QUOTE_WORD_MAX <= NX_TERM_MAX);
    CHECK(p && p[strlen(p) - 1] == ':');
    free(p);
    free(t);
    return nx_test_done();
}
