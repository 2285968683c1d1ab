/*
 * test_base.c — the ground floor: error formatting (nx_errf, nx_fail), the
 * bounded buffer and array growth (nx_buf, nx_grow), the UTF-8 codec
 * (decode, encode, cut) and FNV-1a against its published test vectors.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_hash.h"
#include "nx_status.h"
#include "nx_test.h"
#include "nx_utf8.h"

static void test_errors(void)
{
    char *m = nx_errf("%s:%d: %s", "a.tsv", 3, "no tab");
    CHECK_STR(m, "a.tsv:3: no tab");
    free(m);
    char *err = NULL;
    CHECK_INT(nx_fail(&err, NX_EIO, "%s: %s", "x", "gone"), NX_EIO);
    CHECK_STR(err, "x: gone");
    /* The first message wins; the second is neither set nor leaked. */
    CHECK_INT(nx_fail(&err, NX_EINVAL, "second"), NX_EINVAL);
    CHECK_STR(err, "x: gone");
    free(err);
    CHECK_INT(nx_fail(NULL, NX_ENOMEM, "nowhere"), NX_ENOMEM);
    /* Longer than any fixed scratch buffer. */
    char big[3000];
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    m = nx_errf("<%s>", big);
    CHECK(m && strlen(m) == sizeof big + 1 && m[1] == 'b');
    free(m);
}

static void test_buf(void)
{
    static const struct {
        size_t max;          /* bound on the contents */
        const char *parts[3];
        const char *want;    /* NULL: the bound is hit */
    } rows[] = {
        {0, {"", NULL}, ""},
        {0, {"ab", "cd", NULL}, "abcd"},
        {4, {"ab", "cd", NULL}, "abcd"},      /* exactly the bound */
        {4, {"ab", "cde", NULL}, NULL},       /* one past: an error */
        {3, {"abcd", "x", NULL}, NULL},       /* sticky: "x" is not added */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        nx_buf b = NX_BUF_INIT;
        b.max = rows[i].max;
        for (size_t k = 0; k < 3 && rows[i].parts[k]; k++)
            nx_buf_puts(&b, rows[i].parts[k]);
        CHECK_INT(b.err, rows[i].want ? NX_OK : NX_ETOOBIG);
        char *s = nx_buf_take(&b);
        if (rows[i].want)
            CHECK_STR(s, rows[i].want);
        else
            CHECK(s == NULL);
        CHECK(b.p == NULL && b.n == 0 && b.err == 0);
        free(s);
    }
    nx_buf b = NX_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        nx_buf_printf(&b, "%04d,", i);
    CHECK_INT(b.n, 5000);
    CHECK(strncmp(nx_buf_str(&b) + 4995, "0999,", 5) == 0);
    nx_buf_free(&b);
    CHECK_STR(nx_buf_str(&b), "");
}

/* A whole stream within a bound: the bound itself fits, one byte more is
 * NX_ETOOBIG; binary bytes (a NUL) come through. */
static void test_buf_read(void)
{
    static const struct {
        size_t len, max;
        int rc;
    } rows[] = {
        {0, 10, NX_OK},
        {10, 10, NX_OK},
        {11, 10, NX_ETOOBIG},
        {200000, 200000, NX_OK},     /* several reads */
        {200001, 200000, NX_ETOOBIG},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        FILE *f = tmpfile();
        if (!f) {
            CHECK(f != NULL);
            return;
        }
        for (size_t k = 0; k < rows[i].len; k++)
            putc(k == 1 ? '\0' : 'a' + (int)(k % 26), f);
        rewind(f);
        nx_buf b = NX_BUF_INIT;
        b.max = rows[i].max;
        CHECK_INT(nx_buf_read(&b, f), rows[i].rc);
        if (rows[i].rc == NX_OK) {
            CHECK_INT(b.n, rows[i].len);
            CHECK(b.n < 2 || (b.p[1] == '\0' && b.p[b.n - 1] ==
                                                   'a' + (int)((b.n - 1) % 26)));
        }
        nx_buf_free(&b);
        fclose(f);
    }
}

static void test_grow(void)
{
    static const struct {
        size_t cap, need, max;
        int rc;
    } rows[] = {
        {0, 1, 100, NX_OK},
        {0, 100, 100, NX_OK},          /* exactly the bound */
        {0, 101, 100, NX_ETOOBIG},
        {16, 16, 16, NX_OK},           /* already room: no change */
        {16, 17, 20, NX_OK},           /* doubling stops at the bound */
        {0, SIZE_MAX / 2, SIZE_MAX, NX_ETOOBIG},  /* bytes overflow */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        uint64_t *v = NULL;
        size_t cap = 0;
        if (rows[i].cap)
            CHECK_INT(nx_grow(&v, &cap, rows[i].cap, sizeof *v, rows[i].cap),
                      NX_OK);
        size_t before = cap;
        int rc = nx_grow(&v, &cap, rows[i].need, sizeof *v, rows[i].max);
        CHECK_INT(rc, rows[i].rc);
        if (rc == NX_OK) {
            CHECK(cap >= rows[i].need && cap <= rows[i].max);
            v[rows[i].need - 1] = 7;   /* ASan checks the room is there */
        } else {
            CHECK_INT(cap, before);
        }
        free(v);
    }
}

static void test_utf8(void)
{
    static const struct {
        const char *s;
        size_t n;        /* 0 = strlen(s) */
        uint32_t cp;
        size_t len;
    } dec[] = {
        {"a", 0, 'a', 1},
        {"\xc3\xa9", 0, 0xE9, 2},
        {"\xe2\x80\x9c", 0, 0x201C, 3},
        {"\xf0\x9f\x98\x80", 0, 0x1F600, 4},
        {"\xf4\x8f\xbf\xbf", 0, 0x10FFFF, 4},
        {"\xef\xbf\xbd", 0, 0xFFFD, 3},          /* U+FFFD itself */
        {"\xc0\xaf", 0, 0xFFFD, 1},              /* overlong */
        {"\xe0\x80\xaf", 0, 0xFFFD, 1},
        {"\xed\xa0\x80", 0, 0xFFFD, 1},          /* surrogate */
        {"\xf4\x90\x80\x80", 0, 0xFFFD, 1},      /* above U+10FFFF */
        {"\xe2\x80\x9c", 2, 0xFFFD, 1},          /* truncated by n */
        {"\x80", 0, 0xFFFD, 1},                  /* lone continuation */
        {"", 0, 0, 1},                           /* nothing left */
    };
    for (size_t i = 0; i < sizeof dec / sizeof *dec; i++) {
        size_t n = dec[i].n ? dec[i].n : strlen(dec[i].s);
        uint32_t cp = 1;
        CHECK_INT(nx_utf8_decode(dec[i].s, n, &cp), dec[i].len);
        CHECK_INT(cp, dec[i].cp);
        if (dec[i].len > 1) {          /* well-formed: encodes back */
            char out[4];
            CHECK_INT(nx_utf8_encode(cp, out), dec[i].len);
            CHECK(memcmp(out, dec[i].s, dec[i].len) == 0);
        }
    }
    static const struct {
        const char *s;
        size_t n, want;
    } cut[] = {
        {"abc", 2, 2},
        {"ab\xc3\xa9", 3, 2},            /* inside é: back to its lead */
        {"ab\xc3\xa9", 4, 4},            /* at the NUL */
        {"\xf0\x9f\x98\x80z", 3, 0},
        {"\xf0\x9f\x98\x80z", 4, 4},
        {"\x80\x80", 1, 0},
    };
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++)
        CHECK_INT(nx_utf8_cut(cut[i].s, cut[i].n), cut[i].want);
}

static void test_fnv(void)
{
    /* The FNV authors' test vectors. */
    static const struct {
        const char *s;
        uint32_t h32;
        uint64_t h64;
    } rows[] = {
        {"", 0x811c9dc5u, 0xcbf29ce484222325ull},
        {"a", 0xe40c292cu, 0xaf63dc4c8601ec8cull},
        {"foobar", 0xbf9cf968u, 0x85944171f73967e8ull},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t n = strlen(rows[i].s);
        CHECK(nx_fnv1a32(rows[i].s, n) == rows[i].h32);
        CHECK(nx_fnv1a64(NX_FNV64_OFFSET, rows[i].s, n) == rows[i].h64);
    }
    /* Continuing a stream equals hashing the whole at once. */
    CHECK(nx_fnv1a64(nx_fnv1a64(NX_FNV64_OFFSET, "foo", 3), "bar", 3) ==
          0x85944171f73967e8ull);
}

int main(void)
{
    test_errors();
    test_buf();
    test_buf_read();
    test_grow();
    test_utf8();
    test_fnv();
    return nx_test_done();
}
