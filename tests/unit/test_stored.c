/*
 * test_stored.c — nx_stored_parse(), the one reader of the stored
 * document: every field, fields absent or of the wrong type (NULL, never
 * a crash), list items that are not strings passed over, and data that is
 * not an object (NX_EPARSE with every field empty).
 */
#include <string.h>

#include "nx_status.h"
#include "nx_stored.h"
#include "nx_test.h"

static const char *nz(const char *s)
{
    return s ? s : "(null)";
}

int main(void)
{
    static const struct {
        const char *data;
        int rc;
        const char *id, *title, *date, *source, *url, *body;
        size_t npeople, nby, nquotes;
        const char *first_person, *first_speaker;
    } rows[] = {
        {"{\"id\":\"a1\",\"title\":\"T\",\"date\":\"2024-02-29\","
         "\"time\":\"2024-02-29T10:00:00Z\",\"source\":\"s.jsonl\","
         "\"url\":\"https://x/\",\"author\":[\"Ann\"],\"category\":[],"
         "\"person\":[\"Sergei Lavrov\",\"Joe\"],\"org\":[],\"place\":[],"
         "\"by\":[\"Sergei Lavrov\"],\"quotes\":[{\"speaker\":\"Sergei "
         "Lavrov\",\"text\":\"no\"},{\"speaker\":null,\"text\":\"yes\"}],"
         "\"body\":\"B\"}",
         NX_OK, "a1", "T", "2024-02-29", "s.jsonl", "https://x/", "B",
         2, 1, 2, "Sergei Lavrov", "Sergei Lavrov"},
        /* null date, no url, a number for a title, a non-string item */
        {"{\"id\":\"b\",\"title\":7,\"date\":null,\"person\":[1,\"P\"]}",
         NX_OK, "b", "(null)", "(null)", "(null)", "(null)", "(null)",
         1, 0, 0, "P", "(null)"},
        {"{}", NX_OK, "(null)", "(null)", "(null)", "(null)", "(null)",
         "(null)", 0, 0, 0, "(null)", "(null)"},
        {"[\"id\"]", NX_EPARSE, "(null)", "(null)", "(null)", "(null)",
         "(null)", "(null)", 0, 0, 0, "(null)", "(null)"},
        {"{\"id\":", NX_EPARSE, "(null)", "(null)", "(null)", "(null)",
         "(null)", "(null)", 0, 0, 0, "(null)", "(null)"},
        {"", NX_EPARSE, "(null)", "(null)", "(null)", "(null)", "(null)",
         "(null)", 0, 0, 0, "(null)", "(null)"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        nx_stored d;
        CHECK_INT(nx_stored_parse(&d, rows[i].data, strlen(rows[i].data)),
                  rows[i].rc);
        CHECK_STR(nz(d.id), rows[i].id);
        CHECK_STR(nz(d.title), rows[i].title);
        CHECK_STR(nz(d.date), rows[i].date);
        CHECK_STR(nz(d.source), rows[i].source);
        CHECK_STR(nz(d.url), rows[i].url);
        CHECK_STR(nz(d.body), rows[i].body);
        CHECK_INT(d.list[NX_FACET_PERSON].n, rows[i].npeople);
        CHECK_INT(d.list[NX_FACET_BY].n, rows[i].nby);
        CHECK_INT(d.list[NX_FACET_YEAR].n, 0);
        CHECK_INT(d.nquotes, rows[i].nquotes);
        CHECK_STR(nz(d.list[NX_FACET_PERSON].n ? d.list[NX_FACET_PERSON].v[0]
                                               : NULL),
                  rows[i].first_person);
        CHECK_STR(nz(d.nquotes ? d.quotes[0].speaker : NULL),
                  rows[i].first_speaker);
        nx_stored_clear(&d);
        CHECK(d.id == NULL && d.nquotes == 0 && d.tree == NULL);
    }
    /* The lists are named as their facets; year and month are not lists. */
    CHECK_STR(nx_stored_list_field(NX_FACET_BY), "by");
    CHECK_STR(nx_stored_list_field(NX_FACET_AUTHOR), "author");
    CHECK(nx_stored_list_field(NX_FACET_MONTH) == NULL);
    nx_stored empty;
    memset(&empty, 0, sizeof empty);
    nx_stored_clear(&empty);   /* a no-op */
    return nx_test_done();
}
