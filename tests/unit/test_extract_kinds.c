/*
 * test_extract_kinds.c — the words around a name (extract/kind.c): a
 * club's role words make a city or a given name an organisation in that
 * article, a work's or a band's make it no entity, a competition's are
 * only noted; never a country's name, nor a person's possessive.  Each row
 * also says which names are listed for the archive's table (cued_club,
 * cued_work, cued_event).
 */
#include "nx_test.h"
#include "x_test_util.h"

static const struct {
    const char *body;
    const char *person, *org, *place;
    const char *club, *work, *event;
} ROWS[] = {
    /* a club's role words: the city is the club */
    {"Newcastle boss Graeme Souness said his players were tired.",
     "Graeme Souness", "Newcastle", "", "Newcastle", "", ""},
    {"Liverpool's captain Steven Gerrard scored twice in Leeds.",
     "Steven Gerrard", "Liverpool", "Leeds", "Liverpool", "", ""},
    {"Thousands of Chelsea fans travelled to Barcelona.", "", "Chelsea",
     "Barcelona", "Chelsea", "", ""},
    /* no cue: the city stays a place */
    {"Fans in Newcastle celebrated the new bridge.", "", "", "Newcastle",
     "", "", ""},
    /* a nation's side: the name stays a place, and is not listed */
    {"Wales coach Mike Ruddock named his squad in Cardiff.", "Mike Ruddock",
     "", "Wales|Cardiff", "", "", ""},
    {"England captain Michael Vaughan was out for nine.", "Michael Vaughan",
     "", "England", "", "", ""},
    /* a person's possessive and a role: someone's coach, still a person */
    {"Tim Henman said. Henman's coach Paul Annacone agreed.",
     "Tim Henman|Paul Annacone", "", "", "", "", ""},
    /* a work's title: no person, organisation or place */
    {"Paul Giamatti starred in the film Sideways in California.",
     "Paul Giamatti", "", "California", "", "Sideways", ""},
    {"The band Franz Ferdinand played in Glasgow.", "", "", "Glasgow", "",
     "Franz Ferdinand", ""},
    /* after the name, the work is only noted for the archive: the
     * article's type stands */
    {"Critics in Paris loved the Shrek sequel.", "", "", "Paris|Shrek", "",
     "Shrek", ""},
    {"Emma Watson plays Hermione in the Harry Potter films.",
     "Emma Watson|Hermione|Harry Potter", "", "", "", "Harry Potter", ""},
    {"Emma Watson said Harry Potter films made her rich.",
     "Emma Watson|Harry Potter", "", "", "", "", ""},
    /* a product: noted for the archive, never a listed company */
    {"Microsoft sold more Xbox consoles in London.", "",
     "Microsoft|Xbox", "London", "", "Xbox", ""},
    {"Nintendo consoles sold well in London.", "", "Nintendo", "London", "",
     "", ""},
    /* a competition: noted, not retyped in the article */
    {"Leicester fans hoped for the Premiership title.", "",
     "Leicester|Premiership", "", "Leicester", "", "Premiership"},
};

int main(void)
{
    nx_extractor *x = xt_new(NULL);
    static char buf[8192];
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract(x, "", ROWS[i].body, &e), 0);
        const char *want[6] = {ROWS[i].person, ROWS[i].org, ROWS[i].place,
                               ROWS[i].club, ROWS[i].work, ROWS[i].event};
        const nx_strlist *got[6] = {&e.person, &e.org, &e.place,
                                    &e.cued_club, &e.cued_work,
                                    &e.cued_event};
        static const char *const NAMES[6] = {"person", "org", "place",
                                             "club", "work", "event"};
        for (int k = 0; k < 6; k++) {
            if (strcmp(xt_join(got[k], buf, sizeof buf), want[k]) != 0)
                fprintf(stderr, "row %zu (%s): %s\n", i, NAMES[k],
                        ROWS[i].body);
            CHECK_STR(xt_join(got[k], buf, sizeof buf), want[k]);
        }
        nx_entities_clear(&e);
    }
    nx_extractor_free(x);
    return nx_test_done();
}
