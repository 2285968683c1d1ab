/*
 * test_dates.c — nx_dates.h: parsing publication dates and range bounds,
 * day formatting and the sortable encoding.  Expected epoch values were
 * computed independently with `date -u -d ... +%s` when the table was
 * written, not with the code under test.
 */
#include <stdint.h>
#include <string.h>

#include "nx_dates.h"
#include "nx_test.h"

struct valid {
    const char *in;
    int64_t want;
    int warns;      /* 1 = a tolerance note is expected */
};

static const struct valid valid[] = {
    /* ISO 8601 */
    {"2021-12-03", 1638489600LL, 0},
    {"2021-12-03T10:00:00Z", 1638525600LL, 0},
    {"2021-12-03t10:00:00z", 1638525600LL, 0},
    {"2021-12-03T10:00Z", 1638525600LL, 0},
    {"2021-12-03T10:00", 1638525600LL, 0},
    {"2021-12-03 10:00:00+02:00", 1638518400LL, 0},
    {"2021-12-03T10:00:00.123-0500", 1638543600LL, 0},
    {"2021-12-03T10:00:00,5+0530", 1638505800LL, 0},
    {"2021-12-03T10:00:00-03", 1638536400LL, 0},
    {"2021-12-03 10:00:00 +0200", 1638518400LL, 0},
    {"  2021-12-03T10:00:00Z  ", 1638525600LL, 0},
    {"\t2021-12-03\n", 1638489600LL, 0},
    {"2000-02-29", 951782400LL, 0},
    {"2024-02-29T23:59:59Z", 1709251199LL, 0},
    {"2016-12-31T23:59:60Z", 1483228799LL, 1},   /* leap second -> :59 */
    {"1969-12-31T23:59:59Z", -1LL, 0},
    {"0001-01-01T00:00:00Z", -62135596800LL, 0},
    {"9999-12-31T23:59:59Z", 253402300799LL, 0},
    {"1900-03-01", -2203891200LL, 0},
    {"2021-01-01T00:30:00+01:00", 1609457400LL, 0},
    /* RFC 2822 */
    {"Fri, 03 Dec 2021 10:00:00 +0000", 1638525600LL, 0},
    {"Fri, 3 Dec 2021 10:00:00 GMT", 1638525600LL, 0},
    {"03 Dec 2021 10:00 UT", 1638525600LL, 0},
    {"3 Dec 21 10:00:00 Z", 1638525600LL, 0},
    {"3 Dec 49 10:00:00 +0000", 2522138400LL, 0},
    {"3 Dec 50 10:00:00 +0000", -602085600LL, 0},
    {"3 Dec 99 10:00:00 +0000", 944215200LL, 0},
    {"fri, 03 dec 2021 10:00:00 EST", 1638543600LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 EDT", 1638540000LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 CST", 1638547200LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 CDT", 1638543600LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 MST", 1638550800LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 MDT", 1638547200LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 PST", 1638554400LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 PDT", 1638550800LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 -0830", 1638556200LL, 0},
    {"Fri,  03  Dec  2021  10:00:00  +0100 (CET)", 1638522000LL, 0},
    {"Thu, 29 Feb 2024 23:59:59 +0000", 1709251199LL, 0},
    {"Fri, 03 Dec 2021 10:00:00 +0000", 1638525600LL, 0},
    {"Sat, 03 Dec 2021 10:00:00 +0000", 1638525600LL, 1},  /* wrong weekday */
    {"Fri, 03 Dec 2021 10:00:00 +00:00", 1638525600LL, 0},
    /* Reuters */
    {"26-FEB-1987 15:01:01.79", 541350061LL, 0},
    {"3-MAR-1987  09:15:05.40", 541761305LL, 0},
    {"7-APR-1987 16:22:00.0", 544810920LL, 0},
    {"26-feb-1987 15:01:01", 541350061LL, 0},
    {"26-Feb-1987", 541296000LL, 0},
    {"27-MAR-1987 00:02:59.13RM", 543801779LL, 1},
    {"27-MAR-1987 00:02:59.13F RM A", 543801779LL, 1},
    {"27-MAR-1987 00:02:59.13 C G T M", 543801779LL, 1},
    {"9-APR-1987 00:00:00.00    # date added by S Finch as guesswork",
     544924800LL, 1},
    /* epoch seconds */
    {"1638525600", 1638525600LL, 0},
    {"100000000", 100000000LL, 0},
    {"253402300799", 253402300799LL, 0},
};

static const char *const invalid[] = {
    "", "   ", "abc", "2021-13-01", "2021-02-29", "2021-04-31", "2021-00-10",
    "2021-12-00", "1900-02-29", "2021-12-03T24:00:00Z", "2021-12-03T10:60:00Z",
    "2021-12-03T10:00:61Z", "2021-12-03T10:00:00+24:00",
    "2021-12-03T10:00:00+0560", "2021-12-03T10:00:00Zjunk", "2021-12-3",
    "21-12-03", "0000-01-01", "2021-12-03T", "2021-12-03T10",
    "2021-12-03T10:00:00.Z", "2021-12-03T10:00:00+2", "2021-12-03X",
    "Fri, 03 Foo 2021 10:00:00 +0000", "Fri, 32 Dec 2021 10:00:00 +0000",
    "Fri, 03 Dec 2021 10:00:00 XYZ", "Fri, 03 Dec 2021", "Fri, 31 Nov 2021 10:00 Z",
    "Fry, 03 Dec 2021 10:00:00 +0000", "03 Dec 2021 10:00:00 +0000 (open",
    "31-MAR-1987 605:12:19.12", "30-FEB-1987 10:00:00.00",
    "26-FEB-1987 15:01:01.79 12", "26-FEB-1987 15:01:01.79RM5",
    "26-FEB-87 15:01:01.79", "26-FEBR-1987 15:01:01",
    "2021", "20211203", "-1638525600", "1638525600.5", "1234567890123",
    "999999999999", "2021-12-03T10:00:00+02:00:00",
};

static void test_parse(void)
{
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++) {
        int64_t t = 12345;
        const char *w = "unset";
        int rc = nx_date_parse(valid[i].in, &t, &w);
        if (rc != 0 || t != valid[i].want)
            fprintf(stderr, "valid[%zu] \"%s\"\n", i, valid[i].in);
        CHECK_INT(rc, 0);
        CHECK_INT(t, valid[i].want);
        CHECK_INT(w != NULL, valid[i].warns);
        /* warning may be NULL */
        CHECK_INT(nx_date_parse(valid[i].in, &t, NULL), 0);
    }
    for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++) {
        int64_t t = 12345;
        int rc = nx_date_parse(invalid[i], &t, NULL);
        if (rc != -1)
            fprintf(stderr, "invalid[%zu] \"%s\" parsed as %lld\n", i,
                    invalid[i], (long long)t);
        CHECK_INT(rc, -1);
    }
    int64_t t;
    CHECK_INT(nx_date_parse(NULL, &t, NULL), -1);
}

static void test_bounds(void)
{
    static const struct {
        const char *in;
        int upper;
        int64_t want;
    } ok[] = {
        {"2021", 0, 1609459200LL},       {"2021", 1, 1640995199LL},
        {"2021-02", 0, 1612137600LL},    {"2021-02", 1, 1614556799LL},
        {"2024-02", 1, 1709251199LL},    {"2021-12-03", 0, 1638489600LL},
        {"2021-12-03", 1, 1638575999LL}, {"1969", 1, -1LL},
        {"0001", 0, -62135596800LL},     {"9999", 1, 253402300799LL},
    };
    static const char *const bad[] = {
        "", "2021-13", "2021-02-29", "21", "2021-1", "2021-12-03T10", "abcd",
        "0000", " 2021", "2021-", "2021-12-", "20211", "2021-12-03 ",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int64_t t = 0;
        CHECK_INT(nx_date_parse_bound(ok[i].in, ok[i].upper, &t), 0);
        CHECK_INT(t, ok[i].want);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t t = 0;
        CHECK_INT(nx_date_parse_bound(bad[i], 0, &t), -1);
        CHECK_INT(nx_date_parse_bound(bad[i], 1, &t), -1);
    }
}

static void test_format(void)
{
    static const struct {
        int64_t t;
        const char *day;
        int year, month;
    } rows[] = {
        {1638525600LL, "2021-12-03", 2021, 12},
        {0, "1970-01-01", 1970, 1},
        {-1, "1969-12-31", 1969, 12},
        {951782400LL, "2000-02-29", 2000, 2},
        {-62135596800LL, "0001-01-01", 1, 1},
        {253402300799LL, "9999-12-31", 9999, 12},
        {541350061LL, "1987-02-26", 1987, 2},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char buf[11];
        int y = 0, m = 0;
        nx_date_format_day(rows[i].t, buf);
        CHECK_STR(buf, rows[i].day);
        nx_date_year_month(rows[i].t, &y, &m);
        CHECK_INT(y, rows[i].year);
        CHECK_INT(m, rows[i].month);
    }
    /* Out of range times are clamped, never overflow the 11-byte buffer. */
    char buf[11];
    nx_date_format_day(INT64_MIN, buf);
    CHECK_STR(buf, "0001-01-01");
    nx_date_format_day(INT64_MAX, buf);
    CHECK_STR(buf, "9999-12-31");
}

static void test_encode(void)
{
    static const int64_t ts[] = {
        INT64_MIN, -62135596800LL, -1000, -256, -255, -1, 0, 1, 255, 256,
        1638525600LL, 253402300799LL, INT64_MAX,
    };
    unsigned char prev[8], cur[8];
    size_t n = sizeof ts / sizeof *ts;
    for (size_t i = 0; i < n; i++) {
        nx_date_encode(ts[i], cur);
        CHECK_INT(nx_date_decode(cur), ts[i]);
        if (i > 0)
            CHECK(memcmp(prev, cur, 8) < 0);
        memcpy(prev, cur, 8);
    }
    nx_date_encode(0, cur);
    CHECK(memcmp(cur, "\x80\0\0\0\0\0\0\0", 8) == 0);
    nx_date_encode(-1, cur);
    CHECK(memcmp(cur, "\x7f\xff\xff\xff\xff\xff\xff\xff", 8) == 0);
}

int main(void)
{
    test_parse();
    test_bounds();
    test_format();
    test_encode();
    return nx_test_done();
}
