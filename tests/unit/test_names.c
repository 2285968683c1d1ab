/*
 * test_names.c — name keys, the alias table and canonical names
 * (facets/nx_names.h), table-driven.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_test.h"
#include "nx_names.h"

/* An alias table as the shipped facets/data/aliases.tsv writes it; the test
 * carries its own rows so it does not depend on what the file holds. */
static const char ALIASES[] =
    "# variant\tcanonical\n"
    "Putin\tVladimir Putin\n"
    "Vladimir Vladimirovich Putin\tVladimir Putin\n"
    "Sergei Lavrov\tSergey Lavrov\n"
    "IMF\tInternational Monetary Fund\n"
    "Zelensky\tVolodymyr Zelenskyy\n"
    "Volodymyr Zelensky\tVolodymyr Zelenskyy\n"
    "Anthony Blinken\tAntony Blinken\n"
    "\n"
    "U.S.\tUnited States\n";

static void test_keys(void)
{
    static const struct { const char *in, *want; } rows[] = {
        {"Sergey Lavrov", "sergey lavrov"},
        {"  SERGEY   LAVROV ", "sergey lavrov"},
        {"Recep Tayyip Erdo\xc4\x9f" "an", "recep tayyip erdogan"},
        /* NFD: g + U+0306 combining breve folds like precomposed ğ */
        {"Erdog\xcc\x86" "an", "erdogan"},
        {"Erdo\xc4\x9f" "an", "erdogan"},
        {"Fran\xc3\xa7ois Hollande", "francois hollande"},
        {"Fran\x63\xcc\xa7ois", "francois"},
        {"Lech Wa\xc5\x82\xc4\x99sa", "lech walesa"},
        {"Stra\xc3\x9f" "e", "strasse"},
        {"\xc3\x98ystein", "oystein"},
        {"Nguy\xe1\xbb\x85n", "nguyen"},
        {"\xc8\x98tefan", "stefan"},                 /* Ș comma below */
        /* Cyrillic and Greek: lower-cased */
        {"\xd0\x92\xd0\x9b\xd0\x90\xd0\x94\xd0\x98\xd0\x9c\xd0\x98\xd0\xa0",
         "\xd0\xb2\xd0\xbb\xd0\xb0\xd0\xb4\xd0\xb8\xd0\xbc\xd0\xb8\xd1\x80"},
        {"\xce\x91\xce\x98\xce\x97\xce\x9d\xce\x91",
         "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1"},
        /* apostrophes vanish, hyphens and dashes become spaces */
        {"O'Brien", "obrien"},
        {"O\xe2\x80\x99" "Brien", "obrien"},
        {"Jean-Claude Juncker", "jean claude juncker"},
        {"Jean\xe2\x80\x90" "Claude", "jean claude"},
        {"Jean\xe2\x80\x94" "Claude", "jean claude"},
        {"U.S.", "us"},
        {"AT&T", "att"},
        /* Unicode spaces, zero-width, fullwidth, ligatures */
        {"Sergey\xc2\xa0Lavrov", "sergey lavrov"},
        {"Sergey\xe2\x80\x89Lavrov", "sergey lavrov"},
        {"Ser\xe2\x80\x8bgey", "sergey"},
        {"\xef\xbc\xa9\xef\xbc\xad\xef\xbc\xa6", "imf"},
        {"\xef\xac\x81" "nance", "finance"},
        /* surrounding punctuation and quotes */
        {"\xe2\x80\x9cLavrov,\xe2\x80\x9d", "lavrov"},
        {"(NATO)", "nato"},
        /* transliteration endings -iy / -yy meet -y */
        {"Zelenskyy", "zelensky"},
        {"Zelenskiy", "zelensky"},
        {"Zelensky", "zelensky"},
        {"Dmitriy Peskov", "dmitry peskov"},
        {"", ""},
        {"--", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *k = nx_name_key(rows[i].in);
        CHECK_STR(k, rows[i].want);
        free(k);
    }
    /* the cap falls on a UTF-8 boundary */
    char big[1000];
    for (int i = 0; i < 999; i += 2)
        memcpy(big + i, "\xd0\xb6", 2);   /* ж */
    big[998] = 0;
    char *k = nx_name_key(big);
    CHECK(strlen(k) <= NX_NAME_KEY_MAX);
    CHECK(strlen(k) % 2 == 0);
    free(k);
}

static void test_aliases(nx_aliases *al)
{
    char *err = NULL;
    CHECK_INT(nx_aliases_add_tsv(al, ALIASES, strlen(ALIASES), "t.tsv", &err),
              0);
    CHECK(err == NULL);
    CHECK_INT(nx_aliases_count(al), 8);

    /* a bad line names the file and line; earlier lines stay */
    nx_aliases *bad = nx_aliases_new();
    const char badtsv[] = "A\tB\n# c\nno tab here\nC\tD\n";
    CHECK_INT(nx_aliases_add_tsv(bad, badtsv, strlen(badtsv), "bad.tsv", &err),
              -1);
    CHECK(err && strncmp(err, "bad.tsv:3:", 10) == 0);
    free(err);
    err = NULL;
    CHECK_INT(nx_aliases_count(bad), 1);
    nx_aliases_free(bad);

    /* serialize round-trips */
    char *s = nx_aliases_serialize(al);
    nx_aliases *back = nx_aliases_new();
    CHECK_INT(nx_aliases_add_tsv(back, s, strlen(s), "ser", &err), 0);
    CHECK_INT(nx_aliases_count(back), nx_aliases_count(al));
    char *s2 = nx_aliases_serialize(back);
    CHECK_STR(s2, s);
    char *c = nx_name_canonical(back, NX_ENT_PERSON, "sergei lavrov");
    CHECK_STR(c, "Sergey Lavrov");
    free(c);
    free(s);
    free(s2);
    nx_aliases_free(back);
    nx_aliases_free(NULL);

    CHECK_INT(nx_aliases_add_file(al, "/nonexistent/aliases.tsv", &err) < 0,
              1);
    CHECK(err && strstr(err, "/nonexistent/aliases.tsv"));
    free(err);
}

static void test_canonical(const nx_aliases *al)
{
    static const struct {
        nx_entity_kind kind;
        const char *in, *want;
    } rows[] = {
        {NX_ENT_PERSON, "Putin", "Vladimir Putin"},
        {NX_ENT_PERSON, "President Vladimir Putin", "Vladimir Putin"},
        {NX_ENT_PERSON, "Russian President Vladimir Putin", "Vladimir Putin"},
        {NX_ENT_PERSON, "Putin's", "Vladimir Putin"},
        {NX_ENT_PERSON, "Putin\xe2\x80\x99s", "Vladimir Putin"},
        {NX_ENT_PERSON, "Vladimir Vladimirovich Putin", "Vladimir Putin"},
        {NX_ENT_PERSON, "Sergei Lavrov", "Sergey Lavrov"},
        {NX_ENT_PERSON, "Sergey Lavrov", "Sergey Lavrov"},
        {NX_ENT_PERSON, "Foreign Minister Sergei Lavrov", "Sergey Lavrov"},
        {NX_ENT_PERSON, "Russian Foreign Minister Sergey Lavrov's",
         "Sergey Lavrov"},
        {NX_ENT_PERSON, "sergey lavrov", "Sergey Lavrov"},
        {NX_ENT_ORG, "IMF", "International Monetary Fund"},
        {NX_ENT_ORG, "International Monetary Fund",
         "International Monetary Fund"},
        {NX_ENT_ORG, "the IMF", "International Monetary Fund"},
        {NX_ENT_PERSON, "Zelensky", "Volodymyr Zelenskyy"},
        {NX_ENT_PERSON, "Zelenskyy", "Volodymyr Zelenskyy"},
        {NX_ENT_PERSON, "Zelenskiy", "Volodymyr Zelenskyy"},
        {NX_ENT_PERSON, "President Volodymyr Zelenskiy", "Volodymyr Zelenskyy"},
        {NX_ENT_PERSON, "Foreign Minister Anthony Blinken", "Antony Blinken"},
        /* titles without an alias keep the original capitalisation */
        {NX_ENT_PERSON, "NATO Secretary General Jens Stoltenberg",
         "Jens Stoltenberg"},
        {NX_ENT_PERSON, "U.S. President Joe Biden", "Joe Biden"},
        {NX_ENT_PERSON, "Prime Minister Boris Johnson", "Boris Johnson"},
        {NX_ENT_PERSON, "German Chancellor Olaf Scholz", "Olaf Scholz"},
        {NX_ENT_PERSON, "Mr. Biden", "Biden"},
        {NX_ENT_PERSON, "Mrs Thatcher", "Thatcher"},
        {NX_ENT_PERSON, "Dr. Anthony Fauci", "Anthony Fauci"},
        {NX_ENT_PERSON, "Sir Keir Starmer", "Keir Starmer"},
        {NX_ENT_PERSON, "Gov. Andrew Cuomo", "Andrew Cuomo"},
        {NX_ENT_PERSON, "Sen. Bernie Sanders", "Bernie Sanders"},
        {NX_ENT_PERSON, "Rep. Nancy Pelosi", "Nancy Pelosi"},
        {NX_ENT_PERSON, "Gen. Mark Milley", "Mark Milley"},
        {NX_ENT_PERSON, "General Valery Gerasimov", "Valery Gerasimov"},
        {NX_ENT_PERSON, "Judge Amy Berman Jackson", "Amy Berman Jackson"},
        {NX_ENT_PERSON, "Apple CEO Tim Cook", "Tim Cook"},
        {NX_ENT_PERSON, "Tesla chief executive Elon Musk", "Elon Musk"},
        {NX_ENT_PERSON, "Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"},
        {NX_ENT_PERSON, "UN Secretary-General Antonio Guterres",
         "Antonio Guterres"},
        {NX_ENT_PERSON, "\xe2\x80\x9cJens Stoltenberg,\xe2\x80\x9d",
         "Jens Stoltenberg"},
        {NX_ENT_PERSON, "Charles Jones'", "Charles Jones"},
        /* royal and religious titles are part of the name */
        {NX_ENT_PERSON, "Pope Francis", "Pope Francis"},
        {NX_ENT_PERSON, "President", ""},
        {NX_ENT_ORG, "General Motors", "General Motors"},
        {NX_ENT_ORG, "McDonald's", "McDonald's"},
        /* legal forms go (rule 4); spelled-out Corporation stays */
        {NX_ENT_ORG, "Paxar Corp", "Paxar"},
        {NX_ENT_ORG, "Bank of Tokyo Ltd.", "Bank of Tokyo"},
        {NX_ENT_ORG, "J.P. Morgan and Co Inc", "J.P. Morgan"},
        {NX_ENT_ORG, "Volkswagen AG", "Volkswagen"},
        {NX_ENT_ORG, "NV Philips", "Philips"},
        {NX_ENT_ORG, "Reuters Holdings PLC", "Reuters Holdings"},
        {NX_ENT_ORG, "Canadian Broadcasting Corporation",
         "Canadian Broadcasting Corporation"},
        {NX_ENT_ORG, "Inc", "Inc"},
        {NX_ENT_ANY, "General Motors Corp", "General Motors"},
        {NX_ENT_PERSON, "John Co", "John Co"},
        {NX_ENT_PLACE, "U.S.", "United States"},
        {NX_ENT_PLACE, "the  United   States", "United States"},
        {NX_ENT_ANY, "", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *c = nx_name_canonical(al, rows[i].kind, rows[i].in);
        CHECK_STR(c, rows[i].want);
        free(c);
    }
    /* variants that must meet: same key after canonicalisation */
    static const char *const meet[][2] = {
        {"Sergei Lavrov", "Sergey Lavrov"},
        {"IMF", "International Monetary Fund"},
        {"Zelensky", "Zelenskyy"},
        {"Zelenskiy", "Zelenskyy"},
        {"Erdog\xcc\x86" "an", "ERDO\xc4\x9e" "AN"},
        {"Putin's", "President Vladimir Putin"},
    };
    for (size_t i = 0; i < sizeof meet / sizeof meet[0]; i++) {
        char *a = nx_name_canonical(al, NX_ENT_ANY, meet[i][0]);
        char *b = nx_name_canonical(al, NX_ENT_ANY, meet[i][1]);
        char *ka = nx_name_key(a), *kb = nx_name_key(b);
        CHECK_STR(ka, kb);
        free(a), free(b), free(ka), free(kb);
    }
    /* no alias table at all */
    char *c = nx_name_canonical(NULL, NX_ENT_PERSON, "President Putin's");
    CHECK_STR(c, "Putin");
    free(c);
}

static void test_surname(void)
{
    static const struct { const char *in, *want; } rows[] = {
        {"Sergey Lavrov", "lavrov"},
        {"Recep Tayyip Erdo\xc4\x9f" "an", "erdogan"},
        {"Martin Luther King Jr.", "king"},
        {"Jean-Claude Juncker", "juncker"},
        {"Putin", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *k = nx_name_surname_key(rows[i].in);
        if (rows[i].want)
            CHECK_STR(k, rows[i].want);
        else
            CHECK(k == NULL);
        free(k);
    }
}

/* ASCII takes a short path through nx_name_key; fullwidth forms of the
 * same characters (U+FF01..U+FF5E, folded to ASCII) take the general one.
 * Every printable ASCII string must key the same both ways: random
 * strings over the characters that matter, and every length up to past
 * NX_NAME_KEY_MAX (where the cut falls). */
static void test_ascii_path(void)
{
    static const char pool[] = "aZ9 .'`&-,/_(\"!?:;xYq0";
    unsigned seed = 12345;
    char ascii[300], wide[300 * 3 + 1];
    for (int round = 0; round < 4000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % (round < 3900 ? 24 : 260);
        size_t w = 0;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            char c = pool[(seed >> 16) % (sizeof pool - 1)];
            ascii[i] = c;
            if (c == ' ') {
                wide[w++] = ' ';
                continue;
            }
            unsigned cp = 0xFEE0u + (unsigned char)c;   /* fullwidth */
            wide[w++] = (char)(0xE0 | (cp >> 12));
            wide[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            wide[w++] = (char)(0x80 | (cp & 0x3F));
        }
        ascii[len] = 0;
        wide[w] = 0;
        char *ka = nx_name_key(ascii), *kw = nx_name_key(wide);
        CHECK(ka && kw);
        if (ka && kw && strcmp(ka, kw) != 0) {
            fprintf(stderr, "ascii path: \"%s\" -> \"%s\", fullwidth -> \"%s\"\n",
                    ascii, ka, kw);
            CHECK_STR(ka, kw);
        }
        free(ka);
        free(kw);
    }
}

int main(void)
{
    test_keys();
    test_ascii_path();
    nx_aliases *al = nx_aliases_new();
    test_aliases(al);
    test_canonical(al);
    test_surname();
    nx_aliases_free(al);
    return nx_test_done();
}
