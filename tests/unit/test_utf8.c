/*
 * test_utf8.c — nx_utf8_clean(): each ill-formed sequence (as the Unicode
 * "maximal subpart" practice cuts it) becomes one U+FFFD, as do NUL and C0
 * controls other than tab, LF and CR; CRLF and lone CRs become LF.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_ingest.h"
#include "nx_test.h"

#define R "\xef\xbf\xbd"  /* U+FFFD */

static const struct {
    const char *in;
    size_t len;        /* 0 = strlen(in) */
    const char *want;
    size_t nbad;
} rows[] = {
    {"", 0, "", 0},
    {"plain ascii", 0, "plain ascii", 0},
    {"caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x98\x80", 0,
     "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x98\x80", 0},
    {"tab\there\nnl\rcr", 0, "tab\there\nnl\ncr", 0},  /* CR -> LF */
    {"a\r\nb\r\n\r\nc", 0, "a\nb\n\nc", 0},          /* CRLF -> LF */
    {"a\r\r\nb", 0, "a\n\nb", 0},                  /* idempotent */
    {"\r\r\n\r", 0, "\n\n\n", 0},
    {"nul\0x", 5, "nul" R "x", 1},
    {"\x01\x02\x03\x1b\x1f\x7f", 0, R R R R R "\x7f", 5},  /* 02/03: markers */
    {"\xc0\xaf", 0, R R, 2},                           /* overlong '/' */
    {"\xe0\x80\xaf", 0, R R R, 3},                     /* overlong, 3 bytes */
    {"\xf0\x80\x80\xaf", 0, R R R R, 4},               /* overlong, 4 bytes */
    {"\xc1\xbf", 0, R R, 2},
    {"\xed\xa0\x80", 0, R R R, 3},                     /* surrogate D800 */
    {"\xed\xbf\xbf", 0, R R R, 3},                     /* surrogate DFFF */
    {"\xed\x9f\xbf", 0, "\xed\x9f\xbf", 0},            /* U+D7FF is fine */
    {"\xf4\x8f\xbf\xbf", 0, "\xf4\x8f\xbf\xbf", 0},    /* U+10FFFF */
    {"\xf4\x90\x80\x80", 0, R R R R, 4},               /* > U+10FFFF */
    {"\xf5\x80\x80\x80", 0, R R R R, 4},
    {"\xff\xfe", 0, R R, 2},
    {"ab\xe2\x82", 0, "ab" R, 1},                      /* truncated at end */
    {"\xe2\x82z", 0, R "z", 1},                        /* truncated inside */
    {"\xf0\x9f\x98z", 0, R "z", 1},
    {"\x80\x80", 0, R R, 2},                           /* lone continuations */
    {"\xc3", 0, R, 1},
    {"\xc3\xc3\xa9", 0, R "\xc3\xa9", 1},
    {"x\xef\xbf\xbdy", 0, "x" R "y", 0},               /* U+FFFD itself */
};

int main(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t len = rows[i].len ? rows[i].len : strlen(rows[i].in);
        size_t nbad = 99;
        char *out = nx_utf8_clean(rows[i].in, len, &nbad);
        if (!out || strcmp(out, rows[i].want) != 0)
            fprintf(stderr, "row %zu\n", i);
        CHECK_STR(out, rows[i].want);
        CHECK_INT(nbad, rows[i].nbad);
        free(out);
    }
    /* nbad may be NULL; a NULL s with length 0 is an empty string. */
    char *out = nx_utf8_clean("a\x80", 2, NULL);
    CHECK_STR(out, "a" R);
    free(out);
    out = nx_utf8_clean(NULL, 0, NULL);
    CHECK_STR(out, "");
    free(out);
    return nx_test_done();
}
