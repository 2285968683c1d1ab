/*
 * test_facets.c — the facet schema's encodings: terms (key and display,
 * cut to Xapian's 245 bytes on a UTF-8 boundary), the prefix list the
 * writer's head file uses, the sort key order; a display cut with its
 * term is cut everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_facets.h"
#include "nx_test.h"
#include "nx_xapian.h"

int main(void)
{
    /* The prefix list is the schema's, in order. */
    for (int f = 0; f < NX_FACET_COUNT; f++)
        CHECK_STR(nx_facet_prefixes[f], nx_facet_defs[f].prefix);
    CHECK(nx_facet_prefixes[NX_FACET_COUNT] == NULL);

    char *t = nx_facet_term(NX_FACET_BY, "sergey lavrov", "Sergey Lavrov");
    CHECK_STR(t, "XBYsergey lavrov\x1fSergey Lavrov");
    free(t);
    t = nx_facet_term(NX_FACET_BY, "sergey lavrov", NULL);
    CHECK_STR(t, "XBYsergey lavrov\x1f");
    free(t);

    /* A long display is cut on a character boundary; the key survives. */
    char key[201], display[400];
    memset(key, 'k', 200);
    key[200] = '\0';
    display[0] = '\0';
    for (int i = 0; i < 100; i++)
        strcat(display, "\xc3\xa9");  /* é, two bytes each */
    t = nx_facet_term(NX_FACET_PERSON, key, display);
    CHECK(t && strlen(t) <= 245);
    CHECK(t && strncmp(t + 2, key, 200) == 0 && t[202] == '\x1f');
    CHECK(t && (strlen(t) - 203) % 2 == 0);  /* whole characters only */
    free(t);

    /* A value whose term had to be cut shows the cut display everywhere
     * (slots and counts from terms agree); a short one is left whole. */
    char org[512] = "";  /* 30 x 14 + 3 bytes */
    for (int i = 0; i < 30; i++)
        strcat(org, "Acme Holdings ");
    strcat(org, "Inc");
    nx_facet_terms ft;
    CHECK_INT(nx_facet_terms_make(NX_FACET_ORG, NULL, org, 0, &ft), NX_OK);
    CHECK(ft.n >= 1 && strlen(ft.terms[0]) <= 245);
    const char *shown = ft.terms[0] ? strchr(ft.terms[0], '\x1f') : NULL;
    CHECK(shown && ft.display && strcmp(shown + 1, ft.display) == 0);
    CHECK(ft.display && strlen(ft.display) < strlen(org));
    nx_facet_terms_clear(&ft);
    CHECK_INT(nx_facet_terms_make(NX_FACET_ORG, NULL, "Acme Holdings Inc", 0,
                                  &ft), NX_OK);
    shown = ft.terms[0] ? strchr(ft.terms[0], '\x1f') : NULL;
    CHECK(shown && ft.display && strcmp(shown + 1, ft.display) == 0);
    nx_facet_terms_clear(&ft);

    /* Sort keys: newer first, then id; undated last. */
    size_t la, lb, lc;
    char *a = nx_sort_key(1700000000, "b", &la);
    char *b = nx_sort_key(1600000000, "a", &lb);
    char *c = nx_sort_key(INT64_MIN, "a", &lc);
    CHECK(memcmp(a, b, 8) < 0);
    CHECK(memcmp(b, c, 8) < 0);
    free(a);
    free(b);
    free(c);
    return nx_test_done();
}
