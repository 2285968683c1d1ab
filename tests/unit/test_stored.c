/*
 * test_stored.c — nx_stored_parse(), the one reader of the stored
 * document: every field, fields absent or of the wrong type (NULL, never
 * a crash), list items that are not strings passed over, and data that is
 * not an object (NX_EPARSE with every field empty); the attribution of
 * each quote (how, confidence, confident, cue, cue_offset, evidence,
 * start/end offsets in the body) and
 * the article's by_low and unattributed.
 */
#include <stdio.h>
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
    /* The attribution fields; absent ones read as none (-1, 0, NULL), a
     * cue_offset without a cue, a fraction or a negative count as none. */
    static const char attr[] =
        "{\"by_low\":[\"Dmitry Peskov\",3],\"unattributed\":2,"
        "\"quotes\":[{\"speaker\":\"Sergei Lavrov\",\"text\":\"no\","
        "\"how\":\"named\",\"confidence\":0.95,\"confident\":true,"
        "\"cue\":\"said\",\"cue_offset\":42,\"evidence\":\"Lavrov said.\"},"
        "{\"speaker\":\"Dmitry Peskov\",\"text\":\"yes\",\"how\":\"pronoun\","
        "\"confidence\":0.75,\"confident\":false,\"cue_offset\":7},"
        "{\"speaker\":null,\"text\":\"maybe\",\"cue\":\"said\","
        "\"cue_offset\":1.5}]}";
    nx_stored d;
    CHECK_INT(nx_stored_parse(&d, attr, strlen(attr)), NX_OK);
    CHECK_INT(d.by_low.n, 1);
    CHECK_STR(nz(d.by_low.n ? d.by_low.v[0] : NULL), "Dmitry Peskov");
    CHECK_INT(d.unattributed, 2);
    CHECK_INT(d.nquotes, 3);
    if (d.nquotes == 3) {
        const nx_stored_quote *q = d.quotes;
        CHECK_STR(nz(q[0].how), "named");
        CHECK(q[0].confidence > 0.949 && q[0].confidence < 0.951);
        CHECK_INT(q[0].confident, 1);
        CHECK_STR(nz(q[0].cue), "said");
        CHECK_INT(q[0].cue_offset, 42);
        CHECK_STR(nz(q[0].evidence), "Lavrov said.");
        CHECK_STR(nz(q[1].how), "pronoun");
        CHECK_INT(q[1].confident, 0);
        CHECK(q[1].cue == NULL && q[1].cue_offset == -1);
        CHECK(q[1].evidence == NULL);
        CHECK(q[2].how == NULL && q[2].confidence == -1.0);
        CHECK_INT(q[2].cue_offset, -1);
    }
    nx_stored_clear(&d);
    CHECK(d.by_low.n == 0 && d.by_low.v == NULL);
    static const char neg[] = "{\"unattributed\":-3}";
    CHECK_INT(nx_stored_parse(&d, neg, strlen(neg)), NX_OK);
    CHECK_INT(d.unattributed, 0);
    nx_stored_clear(&d);
    /* Quote offsets: kept as a pair within the body; absent (an old
     * database), one of the two missing, reversed, past the body's end, a
     * fraction or negative: none (-1 both). */
    static const struct {
        const char *quote;
        long start, end;
    } offs[] = {
        {"\"start\":4,\"end\":9", 4, 9},
        {"\"start\":0,\"end\":11", 0, 11},
        {"\"start\":5,\"end\":5", 5, 5},
        {"", -1, -1},
        {"\"start\":4", -1, -1},
        {"\"end\":9", -1, -1},
        {"\"start\":9,\"end\":4", -1, -1},
        {"\"start\":4,\"end\":13", -1, -1},
        {"\"start\":1.5,\"end\":9", -1, -1},
        {"\"start\":-1,\"end\":9", -1, -1},
        {"\"start\":\"4\",\"end\":9", -1, -1},
    };
    for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
        char data[256];
        snprintf(data, sizeof data,
                 "{\"body\":\"He said: no.\",\"quotes\":[{\"text\":\"x\"%s%s}]}",
                 *offs[i].quote ? "," : "", offs[i].quote);
        CHECK_INT(nx_stored_parse(&d, data, strlen(data)), NX_OK);
        CHECK_INT(d.nquotes, 1);
        if (d.nquotes == 1) {
            CHECK_INT(d.quotes[0].start, offs[i].start);
            CHECK_INT(d.quotes[0].end, offs[i].end);
        }
        nx_stored_clear(&d);
    }
    /* without a body, no offsets */
    static const char nobody[] =
        "{\"quotes\":[{\"text\":\"x\",\"start\":0,\"end\":1}]}";
    CHECK_INT(nx_stored_parse(&d, nobody, strlen(nobody)), NX_OK);
    CHECK(d.nquotes == 1 && d.quotes[0].start == -1 && d.quotes[0].end == -1);
    nx_stored_clear(&d);
    /* The lists are named as their facets; year and month are not lists,
     * nor byany ("by" and "by_low"). */
    CHECK(nx_stored_list_field(NX_FACET_BYANY) == NULL);
    CHECK_STR(nx_stored_list_field(NX_FACET_BY), "by");
    CHECK_STR(nx_stored_list_field(NX_FACET_AUTHOR), "author");
    CHECK(nx_stored_list_field(NX_FACET_MONTH) == NULL);
    nx_stored empty;
    memset(&empty, 0, sizeof empty);
    nx_stored_clear(&empty);   /* a no-op */
    return nx_test_done();
}
