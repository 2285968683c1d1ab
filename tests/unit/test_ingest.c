/*
 * test_ingest.c — nx_ingest.h over buffers: each row is one input and the
 * whole expected outcome (articles and reports, as ingest_collect.h writes
 * them).  File and directory handling is in test_ingest_paths.c.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_ingest.h"
#include "nx_test.h"
#include "unit/ingest_collect.h"

#define R "\xef\xbf\xbd"  /* U+FFFD */

enum { TXT, JSON, JSONL };

typedef struct row {
    int fmt;
    const char *in;
    size_t max_record;      /* 0 = default */
    const char *id_field;   /* NULL = "id" */
    const char *articles;   /* expected, one line each */
    const char *reports;
} row;

static const row rows[] = {
    /* ---- .txt */
    {TXT, "Title line\n\nPara one.\n\nPara two.\n\nRead More About: World News",
     0, NULL,
     "id=c/a.txt title=Title line body=Para one.\\n\\nPara two. "
     "cats=World News line=1 src=c/a.txt\n", ""},
    {TXT, "Date: 2021-12-03\nAuthor: Jane Doe\nid: custom-1\n"
          "URL: http://x.test/1\nCategory: Politics\nauthor: John Roe\n\n"
          "The title\nBody here.\n", 0, NULL,
     "id=custom-1 title=The title body=Body here. date=1638489600 "
     "raw=2021-12-03 url=http://x.test/1 authors=Jane Doe;John Roe "
     "cats=Politics line=1 src=c/a.txt\n", ""},
    {TXT, "Date: 2021-12-03\nSource: AP\n\nT\nB", 0, NULL,
     "id=c/a.txt title=T body=B date=1638489600 raw=2021-12-03 line=1 "
     "src=c/a.txt\n",
     "W 2 unknown header \"Source\" ignored\n"},
    /* a header block only when line 1 is a header */
    {TXT, "\nDate: 2021-12-03\n\nT", 0, NULL,
     "id=c/a.txt title=Date: 2021-12-03 body=T line=1 src=c/a.txt\n", ""},
    {TXT, "Breaking: news\n\nbody", 0, NULL,
     "id=c/a.txt title=Breaking: news body=body line=1 src=c/a.txt\n", ""},
    {TXT, "\r\n\r\nTitle\r\n\r\n  Body line 1\r\nline 2\r\n\r\n", 0, NULL,
     "id=c/a.txt title=Title body=  Body line 1\\nline 2 line=1 "
     "src=c/a.txt\n", ""},
    {TXT, "Date: 2021-02-30\n\nT\nB", 0, NULL,
     "id=c/a.txt title=T body=B raw=2021-02-30 line=1 src=c/a.txt\n",
     "W 1 unreadable date \"2021-02-30\"\n"},
    {TXT, "Date: 27-MAR-1987 00:02:59.13RM\n\nT", 0, NULL,
     "id=c/a.txt title=T body= date=543801779 raw=27-MAR-1987 00:02:59.13RM "
     "line=1 src=c/a.txt\n",
     "W 1 date \"27-MAR-1987 00:02:59.13RM\": stray text after the time "
     "ignored\n"},
    {TXT, "", 0, NULL, "", "S 0 no title or body\n"},
    {TXT, "  \n\n \t\n", 0, NULL, "", "S 0 no title or body\n"},
    /* No text but a date: kept, findable through its facets. */
    {TXT, "Date: 2021-12-03\n\n", 0, NULL,
     "id=c/a.txt title= body= date=1638489600 raw=2021-12-03 line=1 "
     "src=c/a.txt\n",
     "W 0 no title or body; indexed for its other fields\n"},
    {TXT, "Just a title\n", 0, NULL,
     "id=c/a.txt title=Just a title body= line=1 src=c/a.txt\n", ""},
    {TXT, "Date: 2021-12-03\nTitle here\nBody", 0, NULL,
     "id=c/a.txt title=Title here body=Body date=1638489600 raw=2021-12-03 "
     "line=1 src=c/a.txt\n",
     "W 2 header block not ended by a blank line; the text starts here\n"},
    {TXT, "Id: a\nId: b\n\nT", 0, NULL,
     "id=a title=T body= line=1 src=c/a.txt\n",
     "W 2 header \"Id\" repeated; the first one is kept\n"},
    {TXT, "T\xff\n\nB\x01", 0, NULL,
     "id=c/a.txt title=T" R " body=B" R " line=1 src=c/a.txt\n",
     "W 0 2 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {TXT, "\xef\xbb\xbfT\n\nread more about:  Sport  \n\n", 0, NULL,
     "id=c/a.txt title=T body= cats=Sport line=1 src=c/a.txt\n", ""},
    {TXT, "T\nRead More About:\n", 0, NULL,
     "id=c/a.txt title=T body= line=1 src=c/a.txt\n", ""},
    {TXT, "Title\n\nA body that is long enough.\n", 20, NULL, "",
     "S 0 record is 35 bytes, over the 20 bytes bound (--max-record)\n"},

    /* ---- .json */
    {JSON, "{\"id\":\"x1\",\"title\":\" T \",\"body\":\"B\\nb\","
           "\"date\":\"2021-12-03T10:00:00Z\",\"author\":\"A\","
           "\"topics\":[\"t1\",\"t2\"],\"url\":\"u\",\"extra\":{}}",
     0, NULL,
     "id=x1 title=T body=B\\nb date=1638525600 raw=2021-12-03T10:00:00Z url=u "
     "authors=A cats=t1;t2 line=1 src=c/a.json\n", ""},
    {JSON, "\n  {\"title\":\"T\"}\n", 0, NULL,
     "id=c/a.json title=T body= line=1 src=c/a.json\n", ""},
    {JSON, "[{\"title\":\"a\"},\n {\"title\":\"b\"}]", 0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n"
     "id=c/a.json#2 title=b body= line=2 src=c/a.json\n", ""},
    {JSON, "[{\"title\":\"a\"}, 5,\n {\"title\": tru},\n {\"title\":\"d\"}]",
     0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n"
     "id=c/a.json#4 title=d body= line=4 src=c/a.json\n",
     "S 2 not a JSON object\n"
     "S 3 invalid JSON at line 2, column 12\n"},
    {JSON, "[{\"title\":\"a\"},{\"title\":\"b\"", 0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n",
     "S 2 invalid JSON: unexpected end of input\n"},
    {JSON, "[{\"title\":\"a\"}", 0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n",
     "S 0 invalid JSON: unexpected end of input (array not closed)\n"},
    {JSON, "[{\"title\":\"a\"} {\"title\":\"b\"}]", 0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n",
     "S 0 invalid JSON at line 1: expected ',' or ']'\n"},
    {JSON, "[{\"title\":\"a\"},]", 0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n",
     "S 0 invalid JSON at line 1: expected a value\n"},
    {JSON, "{\"id\": 42, \"title\":\"T\", \"ts\": 1638525600}", 0, NULL,
     "id=42 title=T body= date=1638525600 raw=1638525600 line=1 "
     "src=c/a.json\n", ""},
    {JSON, "{\"id\": 4.5, \"title\":\"T\", \"ts\": 1e300}", 0, NULL,
     "id=c/a.json title=T body= raw=1.0000000000000001e+300 line=1 "
     "src=c/a.json\n",
     "W 1 field \"id\" is not a non-empty string or an integer; the default "
     "id is used\n"
     "W 1 unreadable date 1.0000000000000001e+300 (epoch seconds out of "
     "range)\n"},
    {JSON, "[{\"title\":\"T\",\"authors\":[\"A\",\"B\",3,null,\"\"],"
           "\"category\":\"c1\",\"topics\":[\"ignored\"]}]", 0, NULL,
     "id=c/a.json#1 title=T body= authors=A;B cats=c1 line=1 src=c/a.json\n",
     "W 1 field \"authors\": 1 item(s) not strings; ignored\n"},
    {JSON, "{\"title\":5,\"body\":\"B\",\"url\":[\"x\"],\"date\":true,"
           "\"people\":{}}", 0, NULL,
     "id=c/a.json title= body=B line=1 src=c/a.json\n",
     "W 1 field \"title\" is not a string; ignored\n"
     "W 1 field \"url\" is not a string; ignored\n"
     "W 1 field \"date\" is not a string or a number; ignored\n"
     "W 1 field \"people\" is not a string or an array of strings; "
     "ignored\n"},
    {JSON, "[{\"id\":\"x\"}, {\"title\":null,\"body\":\" \"}]", 0, NULL, "",
     "S 1 no title or body\nS 2 no title or body\n"},
    {JSON, "[{\"title\":\"T\",\"body\":null,\"text\":\"tx\"},"
           "{\"content\":\"c\"}]", 0, NULL,
     "id=c/a.json#1 title=T body=tx line=1 src=c/a.json\n"
     "id=c/a.json#2 title= body=c line=2 src=c/a.json\n", ""},
    {JSON, "[{\"title\":\"T\",\"people\":[\"Sergey Lavrov\"],"
           "\"orgs\":[\"NATO\"],\"places\":[\"Ukraine\",\"Russia\"]}]", 0, NULL,
     "id=c/a.json#1 title=T body= people=Sergey Lavrov orgs=NATO "
     "places=Ukraine;Russia line=1 src=c/a.json\n", ""},
    {JSON, "[{\"newid\": 7, \"id\": \"no\", \"title\":\"T\"}]", 0, "newid",
     "id=7 title=T body= line=1 src=c/a.json\n", ""},
    {JSON, "{\"title\":\"T\",\"date\":\"yesterday\"}", 0, NULL,
     "id=c/a.json title=T body= raw=yesterday line=1 src=c/a.json\n",
     "W 1 unreadable date \"yesterday\"\n"},
    {JSON, "{\"title\":\"a\\u0000b\\\\u0000\\u0007\"}", 0, NULL,
     "id=c/a.json title=a" R "b\\u0000" R " body= line=1 src=c/a.json\n",
     "W 1 2 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    /* Unpaired UTF-16 surrogate escapes: U+FFFD, not a lost record. */
    {JSONL, "{\"title\":\"a\\ud800b\",\"body\":\"\\uDC00x\\ud800\"}", 0,
     NULL, "id=c/a.jsonl#1 title=a" R "b body=" R "x" R " line=1 "
     "src=c/a.jsonl\n",
     "W 1 3 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {JSONL, "{\"title\":\"\\ud83d\\ude00 \\ud800\\ud83d\\ude00 \\\\ud800\"}", 0,
     NULL, "id=c/a.jsonl#1 title=\xf0\x9f\x98\x80 " R "\xf0\x9f\x98\x80 "
     "\\ud800 body= line=1 src=c/a.jsonl\n",
     "W 1 1 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {JSON, "[{\"title\":\"\\udfff\\ud800\"}]", 0, NULL,
     "id=c/a.json#1 title=" R R " body= line=1 src=c/a.json\n",
     "W 1 2 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {JSON, "[]", 0, NULL, "", ""},
    {JSON, " \n", 0, NULL, "", "S 0 no JSON value (empty file)\n"},
    {JSON, "\"text\"", 0, NULL, "", "S 1 not a JSON object\n"},
    {JSON, "[{\"title\":\"a\"}] x", 0, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n",
     "W 0 data after the JSON array at line 1 ignored\n"},
    {JSON, "[{\"title\":\"a\"},{\"title\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"},"
           "{\"title\":\"c\"}]", 40, NULL,
     "id=c/a.json#1 title=a body= line=1 src=c/a.json\n"
     "id=c/a.json#3 title=c body= line=3 src=c/a.json\n",
     "S 2 record is 44 bytes, over the 40 bytes bound (--max-record)\n"},

    /* ---- .jsonl */
    {JSONL, "{\"title\":\"a\"}\n{\"title\": \n{\"title\":\"c\"}\n", 0, NULL,
     "id=c/a.jsonl#1 title=a body= line=1 src=c/a.jsonl\n"
     "id=c/a.jsonl#3 title=c body= line=3 src=c/a.jsonl\n",
     "S 2 invalid JSON: unexpected end of input\n"},
    {JSONL, "\n{\"title\":\"a\"}\n  \n{\"title\":\"b\"}", 0, NULL,
     "id=c/a.jsonl#2 title=a body= line=2 src=c/a.jsonl\n"
     "id=c/a.jsonl#4 title=b body= line=4 src=c/a.jsonl\n", ""},
    {JSONL, "{\"title\":\"a\"}\r\n{\"title\":\"b\\r\\nc\"}\r\n", 0, NULL,
     "id=c/a.jsonl#1 title=a body= line=1 src=c/a.jsonl\n"
     "id=c/a.jsonl#2 title=b\\nc body= line=2 src=c/a.jsonl\n", ""},
    {JSONL, "{\"title\":\"caf\xe9\",\"body\":\"\xed\xa0\x80\"}", 0, NULL,
     "id=c/a.jsonl#1 title=caf" R " body=" R R R " line=1 src=c/a.jsonl\n",
     "W 1 4 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {JSONL, "{\"title\":\"a\"}\n{\"title\":\"0123456789012345678901234567\"}"
            "\n{\"title\":\"c\"}", 30, NULL,
     "id=c/a.jsonl#1 title=a body= line=1 src=c/a.jsonl\n"
     "id=c/a.jsonl#3 title=c body= line=3 src=c/a.jsonl\n",
     "S 2 record is 40 bytes, over the 30 bytes bound (--max-record)\n"},
    {JSONL, "[1]\n5\n", 0, NULL, "",
     "S 1 not a JSON object\nS 2 not a JSON object\n"},
    {JSONL, "{\"title\":\"a\"} x\n", 0, NULL, "",
     "S 1 data after the JSON value at column 15\n"},
    {JSONL, "{\"title\" \"a\"}\n", 0, NULL, "",
     "S 1 invalid JSON at column 10\n"},
    {JSONL, "{\"id\":\"\",\"title\":\"t\",\"date\":\"2016-12-31T23:59:60Z\"}",
     0, NULL,
     "id=c/a.jsonl#1 title=t body= date=1483228799 raw=2016-12-31T23:59:60Z "
     "line=1 src=c/a.jsonl\n",
     "W 1 field \"id\" is not a non-empty string or an integer; the default "
     "id is used\n"
     "W 1 date \"2016-12-31T23:59:60Z\": second 60 read as 59\n"},
};

/* Inputs holding a raw NUL byte, so given with their length: inside a
 * string it is U+FFFD (it used to cut the field there, silently). */
typedef struct nul_row {
    int fmt;
    const char *in;
    size_t len;
    const char *articles;
    const char *reports;
} nul_row;
#define IN(s) s, sizeof s - 1

static const nul_row nul_rows[] = {
    {JSONL, IN("{\"title\":\"T\",\"body\":\"visible\0secretword\"}\n"),
     "id=c/a.jsonl#1 title=T body=visible" R "secretword line=1 "
     "src=c/a.jsonl\n",
     "W 1 1 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {JSONL, IN("{\"title\":\"a\"}\n{\"title\":\"\0\0b\\\"\0\"}\n"),
     "id=c/a.jsonl#1 title=a body= line=1 src=c/a.jsonl\n"
     "id=c/a.jsonl#2 title=" R R "b\"" R " body= line=2 src=c/a.jsonl\n",
     "W 2 3 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    {JSON, IN("[{\"title\":\"x\"},\n {\"title\":\"a\0b\"}]"),
     "id=c/a.json#1 title=x body= line=1 src=c/a.json\n"
     "id=c/a.json#2 title=a" R "b body= line=2 src=c/a.json\n",
     "W 2 1 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
    /* between tokens cJSON reads it as white space: nothing is lost */
    {JSONL, IN("{\"title\":\"a\",\0\"body\":\"b\"}\n"),
     "id=c/a.jsonl#1 title=a body=b line=1 src=c/a.jsonl\n", ""},
    /* a NUL ends no string early in a .json array's element scanner */
    {JSON, IN("[{\"title\":\"a\0]\"},{\"title\":\"b\"}]"),
     "id=c/a.json#1 title=a" R "] body= line=1 src=c/a.json\n"
     "id=c/a.json#2 title=b body= line=2 src=c/a.json\n",
     "W 1 1 invalid UTF-8 sequence(s) or control character(s) replaced by "
     "U+FFFD\n"},
};

static void run_input(size_t i, int fmt, const char *in, size_t len,
                      size_t max_record, const char *id_field,
                      const char *articles, const char *reports)
{
    static const char *const names[] = {"c/a.txt", "c/a.json", "c/a.jsonl"};
    nx_ingest_options opts = NX_INGEST_OPTIONS_INIT;
    opts.max_record = max_record;
    opts.id_field = id_field;
    collect c = {0};
    const char *name = names[fmt];
    int rc;
    if (fmt == TXT)
        rc = nx_ingest_txt(in, len, name, name, &opts, collect_article,
                           collect_report, &c);
    else if (fmt == JSON)
        rc = nx_ingest_json(in, len, name, name, &opts, collect_article,
                            collect_report, &c);
    else
        rc = nx_ingest_jsonl(in, len, name, name, &opts, collect_article,
                             collect_report, &c);
    int bad = rc != 0 || strcmp(COLLECT_STR(c.out), articles) != 0 ||
              strcmp(COLLECT_STR(c.rep), reports) != 0;
    if (bad)
        fprintf(stderr, "row %zu: input \"%s\"\n--- articles\n%s--- reports\n"
                "%s---\n", i, in, COLLECT_STR(c.out), COLLECT_STR(c.rep));
    CHECK_INT(rc, 0);
    CHECK_STR(COLLECT_STR(c.out), articles);
    CHECK_STR(COLLECT_STR(c.rep), reports);
    if (c.last_file)
        CHECK_STR(c.last_file, name);
    collect_free(&c);
}

static void run_row(size_t i, const row *r)
{
    run_input(i, r->fmt, r->in, strlen(r->in), r->max_record, r->id_field,
              r->articles, r->reports);
}

/* A callback's non-zero return stops the parse and is returned. */
static void test_stop(void)
{
    const char *in = "{\"title\":\"a\"}\n{\"title\":\"b\"}\n{\"title\":\"c\"}\n";
    collect c = {0};
    c.stop_after = 2;
    CHECK_INT(nx_ingest_jsonl(in, strlen(in), "s.jsonl", "s.jsonl", NULL,
                              collect_article, collect_report, &c), 99);
    CHECK_INT(c.narticles, 2);
    collect_free(&c);
    /* NULL callbacks and options are allowed */
    CHECK_INT(nx_ingest_json("[{\"title\":1}]", 13, "n.json", NULL, NULL,
                             NULL, NULL, NULL), 0);
}

/* Nesting deeper than cJSON's limit (1000) is an error, not a crash. */
static void test_deep(void)
{
    size_t depth = 5000, i;
    char *in = malloc(2 * depth + 16);
    if (!in)
        return;
    char *p = in;
    *p++ = '{';
    memcpy(p, "\"t\":", 4);
    p += 4;
    for (i = 0; i < depth; i++)
        *p++ = '[';
    for (i = 0; i < depth; i++)
        *p++ = ']';
    *p++ = '}';
    collect c = {0};
    CHECK_INT(nx_ingest_jsonl(in, (size_t)(p - in), "d.jsonl", NULL, NULL,
                              collect_article, collect_report, &c), 0);
    CHECK_INT(c.narticles, 0);
    CHECK(c.rep && strncmp(c.rep, "S 1 invalid JSON at column ", 27) == 0);
    collect_free(&c);
    free(in);
}

int main(void)
{
    test_deep();
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        run_row(i, &rows[i]);
    for (size_t i = 0; i < sizeof nul_rows / sizeof *nul_rows; i++)
        run_input(i, nul_rows[i].fmt, nul_rows[i].in, nul_rows[i].len, 0,
                  NULL, nul_rows[i].articles, nul_rows[i].reports);
    test_stop();
    return nx_test_done();
}
