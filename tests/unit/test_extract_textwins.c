/*
 * test_extract_textwins.c — the article's own text wins over the global
 * alias table (extract/combine.c, text_over_table): the table maps the
 * spellings of a full name and well-known acronyms, and never turns a
 * surname or an acronym into someone the article does not name.  One row
 * per rule and per negative case, on the shipped table.
 */
#include "nx_test.h"
#include "x_test_util.h"

static const struct {
    const char *title, *body;
    const char *person, *org;
    const char *rule;
} ROWS[] = {
    /* a surname joins the full name the article uses */
    {"", "West German Finance Minister Gerhard Stoltenberg said rates "
     "would fall. Stoltenberg added that the mark was stable.",
     "Gerhard Stoltenberg", "", "surname after the full name"},
    {"STOLTENBERG SEES LOWER RATES", "Finance Minister Gerhard "
     "Stoltenberg said rates would fall.", "Gerhard Stoltenberg", "",
     "a headline's surname"},
    {"", "Scotland's First Minister Jack McConnell spoke on Monday. Mr "
     "McConnell said the budget was fair.", "Jack McConnell", "",
     "title and surname"},
    {"", "McConnell said the budget was fair. First Minister Jack "
     "McConnell spoke later.", "Jack McConnell", "",
     "the surname before the full name"},
    /* an acronym the article spells out for another organisation */
    {"", "The World Tourism Organisation (WTO) said visitors rose. The WTO "
     "expects more next year.", "", "World Tourism Organisation",
     "an acronym defined in the text"},
    {"", "The World Tourism Organisation said visitors rose. The WTO "
     "expects more next year.", "", "World Tourism Organisation",
     "an acronym of the article's own organisation"},
    /* negatives: the table's spellings and acronyms still work */
    {"", "Stoltenberg said NATO would meet.", "Stoltenberg", "NATO",
     "a surname alone stays as written"},
    {"", "Finance Minister Stoltenberg said rates would fall. Stoltenberg "
     "added more.", "Stoltenberg", "",
     "title and surname alone stay as written"},
    {"", "Jens Stoltenberg said NATO would meet. Stoltenberg added more.",
     "Jens Stoltenberg", "NATO", "the table's man named in full"},
    {"", "Foreign Minister Sergei Lavrov spoke. Lavrov said talks went "
     "well.", "Sergey Lavrov", "", "a spelling of a full name"},
    {"", "The WTO ruled on the dispute.", "", "World Trade Organization",
     "an acronym alone: the table"},
    {"", "The World Trade Organisation ruled. The WTO said more.", "",
     "World Trade Organization", "the table's organisation spelt out"},
};

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
    static char buf[4096];
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract(x, ROWS[i].title, ROWS[i].body, &e), 0);
        const char *want[2] = {ROWS[i].person, ROWS[i].org};
        const nx_strlist *got[2] = {&e.person, &e.org};
        for (int k = 0; k < 2; k++) {
            if (strcmp(xt_join(got[k], buf, sizeof buf), want[k]) != 0)
                fprintf(stderr, "row %zu (%s, %s): %s\n", i, ROWS[i].rule,
                        k ? "org" : "person", ROWS[i].body);
            CHECK_STR(xt_join(got[k], buf, sizeof buf), want[k]);
        }
        nx_entities_clear(&e);
    }
    nx_extractor_free(x);
    nx_aliases_free(al);
    return nx_test_done();
}
