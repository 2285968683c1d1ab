/*
 * test_extract_prose.c — text that is not prose is not mined for names
 * (extract/prose.c, extract/boiler.c): one row per rule and per negative
 * case, then boilerplate learnt from a small archive.
 */
#include "nx_test.h"
#include "x_test_util.h"

#include "nx_article.h"

static const struct {
    const char *dateline, *body;
    const char *person, *org, *place;
    const char *rule;
} ROWS[] = {
    /* rule 4: earnings tables, dividends, price lists */
    {NULL, "Shr 23 cts vs 18 cts\n    Net 509,144 vs 277,834\n"
     "    Nine mths\n    Shr 55 cts vs 42 cts\n", "", "", "",
     "an earnings table: no Nine"},
    {NULL, "Shr 1.10 dlrs vs 1.00 dlrs\n    Nine Mths\n"
     "    Shr 3.07 dlrs vs 3.08 dlrs\n    Record April One\n", "", "", "",
     "table words are no first name: no Nine Mths, no April One"},
    {NULL, "Qtly div 48 cts vs 44 cts prior\n    Pay May One\n"
     "    Record April One\n", "", "", "", "a dividend: no May One"},
    {NULL, "Oper shr loss two cts vs profit 11 cts\n    Year\n"
     "    Oper shr loss 1.10 dlrs vs profit 1.20 dlrs\n", "", "", "",
     "rule 5: Year, a short line inside a table"},
    {NULL, " Wheat   2.55   2.40       IV     4.65     --\n"
     " Corn    1.35   1.92       IV     3.15   3.15\n", "", "", "",
     "columns"},
    {NULL, "Quotas in tonnes:\n    Argentina     12,345     11,000\n"
     "    Brazil         9,876      8,000\n    DOM REP        1,234 "
     "     1,100\n", "", "", "Argentina|Brazil",
     "a table keeps the places the gazetteers know, nothing else"},
    {NULL, "Leading scores:\n    Nick Faldo      68  70  72\n"
     "    Zorbak Tamrazov      70  71  72\n", "Nick Faldo", "", "",
     "a results table: a person with a first name, not a guess"},
    /* rule 2: filler */
    {NULL, "Blah blah blah.", "", "", "", "filler"},
    {NULL, "Acme Widgets Inc said profits rose.\n    Blah blah blah.", "",
     "Acme Widgets", "", "filler after prose"},
    /* rule 3: shouting */
    {NULL, "******ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE IN LATEST WEEK\n",
     "", "", "", "an all-caps flash line"},
    {NULL, "DENVER PRODUCER PRICES\n no1 hrw wheat ord    254-262\n", "",
     "", "", "an all-caps heading: no person, and a city (not a big one) "
     "needs the prose"},
    {NULL, "SOCCER - JAPAN GET LUCKY WIN , ZORBAK IN SURPRISE DEFEAT .\n"
     "Japan beat Syria 2-1 on Friday.", "", "", "Japan|Syria",
     "a shouted headline: a country stays, an unknown name goes"},
    {NULL, "******ZAPATA CORP SEES LOSS\nZapata Corp said it would lose "
     "money.", "", "Zapata", "",
     "a shouted name the prose names too"},
    /* rule 6: datelines name a place, nothing else */
    {NULL, "DENVER, March 2 - Zapata Corp said it would not pay.", "",
     "Zapata", "Denver", "an inline dateline"},
    {"KOKOMO, Ind., Feb 26 -", "Shr 39 cts vs 50 cts\n"
     "    Net 1,545,160 vs 2,188,933\n", "", "", "Kokomo|Indiana",
     "the dateline paragraph before a table"},
    /* a US state's abbreviation where a place takes one (abbrev.c) */
    {"SAN DIEGO, Calif., Feb 26 -", "Prices rose.", "", "", "San Diego|California",
     "a state in a dateline"},
    {NULL, "DENVER, March 2 - Prices rose.", "", "", "Denver",
     "a dateline without a state"},
    {"FRANKFURT, March 2 -", "Prices rose.", "", "", "Frankfurt",
     "a shouted dateline place the gazetteers do not know: title case"},
    {NULL, "Acme Widgets Inc of Stamford, Conn., said profits rose.", "",
     "Acme Widgets", "Stamford|Connecticut", "a state after a place"},
    {NULL, "Thousands joined the protests in Boston, Mass., on Monday.", "",
     "", "Boston|Massachusetts", "a state that is also a word"},
    {NULL, "Fla. is warm, Acme Widgets Inc said.", "", "Acme Widgets",
     "Fla", "no place before it: stays as written"},
    /* negatives: prose stays prose */
    {"WELLINGTON, Feb 27 -", "New Zealand's official foreign\n"
     "reserves fell to 7.15 billion dlrs in January, the Reserve "
     "Bank said.", "", "Reserve Bank", "Wellington|New Zealand",
     "a short first line whose sentence goes on is prose"},
    {NULL, "The U.S. Agriculture Department\nreported prices through "
     "February 25 as follows:\n    Wheat 2.55 vs 2.40\n", "",
     "U.S. Agriculture Department", "",
     "a short line before a table, its sentence going on"},
    {NULL, "Volkswagen AG sold 12 mln cars in 1986, up 5 pct, Carl Hahn "
     "said.", "Carl Hahn", "Volkswagen", "",
     "numbers inside a sentence"},
    {NULL, "Sergey Lavrov\nmet Antony Blinken in Stockholm.",
     "Sergey Lavrov|Antony Blinken", "", "Stockholm",
     "a short line that is a name, in prose"},
    {NULL, "Analysts said the IMF and OPEC would meet.", "",
     "International Monetary Fund|OPEC", "",
     "acronyms in a lower-case sentence are not shouting"},
};

static void check_row(nx_extractor *x, size_t i, const nx_entities *e)
{
    static char buf[4096];
    const char *want[3] = {ROWS[i].person, ROWS[i].org, ROWS[i].place};
    const nx_strlist *got[3] = {&e->person, &e->org, &e->place};
    (void)x;
    for (int k = 0; k < 3; k++) {
        if (strcmp(xt_join(got[k], buf, sizeof buf), want[k]) != 0)
            fprintf(stderr, "row %zu (%s, %s): %s\n", i, ROWS[i].rule,
                    k == 0 ? "person" : k == 1 ? "org" : "place",
                    ROWS[i].body);
        CHECK_STR(xt_join(got[k], buf, sizeof buf), want[k]);
    }
}

/* Boilerplate: learnt per source group, at a share and a minimum count. */
static const struct {
    const char *learn_source;  /* the archive's articles' source */
    int articles, with_line;   /* of them, how many end with the line */
    const char *source;        /* the article extracted */
    const char *person;        /* people found in it */
    const char *why;
} BOILER[] = {
    {"wire.jsonl", 40, 40, "wire.jsonl", "",
     "a sign-off on every article, and the sign-off used as a name"},
    {"wire.jsonl", 40, 4, "wire.jsonl", "Jim Hanley",
     "in 4 articles: under the minimum of 5"},
    {"wire.jsonl", 1000, 6, "wire.jsonl", "Jim Hanley",
     "in 6 of 1000 articles: under 1 in 100"},
    {"wire.jsonl", 40, 40, "other.jsonl", "Jim Hanley",
     "learnt from another source"},
    {"desk/a1.txt", 40, 40, "desk/b7.txt", "",
     ".txt files: the directory is the source"},
    {"desk/a1.txt", 40, 40, "news/b7.txt", "Jim Hanley",
     ".txt files in another directory"},
};

static void boiler_rows(void)
{
    static char buf[4096];
    nx_aliases *al = nx_aliases_new();
    for (size_t i = 0; i < sizeof BOILER / sizeof BOILER[0]; i++) {
        nx_boiler *b = NULL;
        CHECK_INT(nx_boiler_new(&b), 0);
        for (int k = 0; k < BOILER[i].articles; k++)
            CHECK_INT(nx_boiler_add(b, BOILER[i].learn_source,
                                    k < BOILER[i].with_line
                                        ? "Prices rose.\n    Jim Hanley\n"
                                        : "Prices fell.\n"), 0);
        CHECK_INT((int)nx_boiler_articles(b), BOILER[i].articles);
        nx_extract_options o = NX_EXTRACT_OPTIONS_INIT;
        o.aliases = al;
        o.boiler = b;
        nx_extractor *x = NULL;
        char *err = NULL;
        CHECK_INT(nx_extractor_new(&x, &o, &err), 0);
        nx_article a;
        nx_article_init(&a);
        a.id = strdup("1");
        a.title = strdup("");
        a.body = strdup("Acme Widgets Inc said sales of its tools rose, "
                        "Jim Hanley wrote.\n    Jim Hanley\n");
        a.source = strdup(BOILER[i].source);
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract_article(x, &a, &e), 0);
        if (strcmp(xt_join(&e.person, buf, sizeof buf), BOILER[i].person))
            fprintf(stderr, "boiler row %zu: %s\n", i, BOILER[i].why);
        CHECK_STR(xt_join(&e.person, buf, sizeof buf), BOILER[i].person);
        CHECK_STR(xt_join(&e.org, buf, sizeof buf), "Acme Widgets");
        nx_entities_clear(&e);
        nx_article_clear(&a);
        nx_extractor_free(x);
        nx_boiler_free(b);
    }
    nx_aliases_free(al);
}

int main(void)
{
    nx_aliases *al = nx_aliases_new();
    char *err = NULL;
    char path[4096];
    const char *src = getenv("NX_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/facets/data/aliases.tsv",
             src ? src : NX_SOURCE_DIR);
    if (nx_aliases_add_file(al, path, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    nx_extractor *x = xt_new(al);
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        nx_article a;
        nx_article_init(&a);
        a.id = strdup("1");
        a.title = strdup("");
        a.body = strdup(ROWS[i].body);
        a.dateline = ROWS[i].dateline ? strdup(ROWS[i].dateline) : NULL;
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract_article(x, &a, &e), 0);
        check_row(x, i, &e);
        nx_entities_clear(&e);
        nx_article_clear(&a);
    }
    nx_extractor_free(x);
    nx_aliases_free(al);
    boiler_rows();
    return nx_test_done();
}
