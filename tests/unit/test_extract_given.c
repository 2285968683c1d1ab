/*
 * test_extract_given.c — tags given in a record are vocabulary, not
 * display (extract/given.c, nx_name_from_tag): matched to the article's
 * own mentions, else through the alias table and gazetteers, else
 * title-cased and counted.  One row per rule and per negative case.
 */
#include "nx_test.h"
#include "x_test_util.h"

#include "nx_article.h"

static const struct {
    const char *body;
    const char *people, *orgs, *places;   /* given, "|"-separated */
    const char *person, *org, *place;     /* the article's lists */
    int titled;                           /* given_titled */
    const char *rule;
} ROWS[] = {
    {"Treasury Secretary James Baker said the dollar was stable.",
     "james-baker", "", "", "James Baker", "", "", 0,
     "the article's person, same key"},
    {"Agriculture Secretary Clayton Yeutter spoke in Ottawa.", "yeutter",
     "", "", "Clayton Yeutter", "", "Ottawa", 0,
     "a surname tag: the article's full name"},
    {"James Baker and Howard Baker met.", "baker", "", "",
     "James Baker|Howard Baker|Baker", "", "", 1,
     "a surname two people share: neither"},
    {"The European Community said farm prices would fall.", "", "ec", "",
     "", "European Community", "", 0, "an org's initials in the article"},
    {"Farm prices would fall, ministers said.", "", "ec|gatt", "", "",
     "European Community|GATT", "", 0,
     "not in the article: the alias table"},
    {"The International Coffee Organization met.", "",
     "ico-coffee", "", "", "International Coffee Organization", "", 0,
     "an org's initials and a word of its name"},
    {"An ICO spokesman said quotas would stay.", "", "ico-coffee", "", "",
     "ICO", "", 0, "the initials as the article writes them"},
    {"The International Cocoa Organization met.", "",
     "ico-coffee", "", "", "International Cocoa Organization|Ico Coffee", "",
     1, "initials, but not that word: titled"},
    {"Loans from the World Bank rose.", "", "worldbank", "", "",
     "World Bank", "", 0, "the article's name without its spaces"},
    {"Exports rose.", "", "", "ussr|usa", "", "", "Soviet Union|United States",
     0, "places through the gazetteers"},
    {"The Soviet Union bought wheat.", "", "", "ussr", "", "",
     "Soviet Union", 0, "the table's name is the article's too"},
    {"Bonn said exports rose.", "", "", "west-germany", "", "",
     "Bonn|West Germany", 1, "nothing knows it: title-cased"},
    {"Finance Minister Stoltenberg said rates would fall.", "stoltenberg",
     "", "", "Stoltenberg", "", "", 0,
     "a surname tag: the article's surname, not the table's full name"},
    {"Rates would fall.", "stoltenberg", "", "", "Stoltenberg", "", "", 1,
     "a surname tag alone never takes the table's full name"},
    {"Jens Stoltenberg said NATO would meet.", "stoltenberg", "", "",
     "Jens Stoltenberg", "NATO", "", 0, "the article's own full name"},
    {"Prices rose.", "de-la-madrid", "", "", "De la Madrid", "", "", 1,
     "title case keeps joiners low"},
    {"Prices rose.", "Paul Volcker", "", "", "Paul Volcker", "", "", 1,
     "a tag written as a name stays as written"},
};

static const struct {
    const char *tag, *display;
} TAGS[] = {
    {"james-baker", "James Baker"}, {"west-germany", "West Germany"},
    {"ec", "EC"},                   {"usa", "USA"},
    {"bnp", "BNP"},                 {"gatt", "Gatt"},
    {"de-la-madrid", "De la Madrid"}, {"bank-of-japan", "Bank of Japan"},
    {"James Baker", "James Baker"}, {"Ec", "Ec"},
};

static void split(nx_strlist *l, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "|");
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)n, s);
        nx_strlist_push(l, buf);
        s += n + (s[n] == '|');
    }
}

int main(void)
{
    for (size_t i = 0; i < sizeof TAGS / sizeof TAGS[0]; i++) {
        char *d = nx_name_from_tag(TAGS[i].tag);
        CHECK_STR(d, TAGS[i].display);
        free(d);
    }
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
    static char buf[4096];
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        nx_article a;
        nx_article_init(&a);
        a.id = strdup("1");
        a.title = strdup("");
        a.body = strdup(ROWS[i].body);
        split(&a.people, ROWS[i].people);
        split(&a.orgs, ROWS[i].orgs);
        split(&a.places, ROWS[i].places);
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract_article(x, &a, &e), 0);
        const char *want[3] = {ROWS[i].person, ROWS[i].org, ROWS[i].place};
        const nx_strlist *got[3] = {&e.person, &e.org, &e.place};
        for (int k = 0; k < 3; k++) {
            if (strcmp(xt_join(got[k], buf, sizeof buf), want[k]) != 0)
                fprintf(stderr, "row %zu (%s)\n", i, ROWS[i].rule);
            CHECK_STR(xt_join(got[k], buf, sizeof buf), want[k]);
        }
        CHECK_INT((int)e.given_titled, ROWS[i].titled);
        CHECK_INT(e.given_done, 1);
        nx_entities_clear(&e);
        nx_article_clear(&a);
    }
    nx_extractor_free(x);
    nx_aliases_free(al);
    return nx_test_done();
}
