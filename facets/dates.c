/*
 * dates.c — publication dates, range bounds and the date value encoding
 * (nx_dates.h).
 *
 * All calendar arithmetic is done here with days-from-civil (proleptic
 * Gregorian, after H. Hinnant), never timegm()/mktime(): those depend on
 * the C library, TZ and locale, and the index must mean the same date on
 * every machine.  Parsing is a hand-written scanner per format, each run on
 * the trimmed text; no sscanf, whose %d accepts signs and spaces we do not
 * want and whose overflow is undefined.
 */
#include "nx_dates.h"

#include <string.h>

/* Years 0001..9999: four digits everywhere (ISO, formatting, bounds). */
#define MIN_YEAR 1
#define MAX_YEAR 9999
#define MIN_T (-62135596800LL)  /* 0001-01-01T00:00:00Z */
#define MAX_T 253402300799LL    /* 9999-12-31T23:59:59Z */

static const char W_SUFFIX[] = "stray text after the time ignored";
static const char W_LEAP[] = "second 60 read as 59";
static const char W_WEEKDAY[] = "weekday does not match the date (date kept)";

static const char MONTHS[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};
static const char WEEKDAYS[7][4] = {"sun", "mon", "tue", "wed",
                                    "thu", "fri", "sat"};

/* The fields of one date as read, before conversion. */
typedef struct dt {
    int y, mo, d, h, mi, s;
    int off;           /* zone offset, seconds east of UTC */
    int wday;          /* weekday as written (0 = Sunday), -1 when absent */
    const char *warn;  /* tolerance note, NULL when none */
} dt;

/* ------------------------------------------------------------ arithmetic */

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* ------------------------------------------------------------- scanning */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}
static char lower(char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Exactly n digits into *v; advances *p. */
static int digits(const char **p, const char *e, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (*p + i >= e || !is_digit((*p)[i]))
            return -1;
        x = x * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *v = x;
    return 0;
}

/* min..max digits into *v (max <= 4, so no overflow); *n gets the count. */
static int digits_upto(const char **p, const char *e, int min, int max,
                       int *v, int *n)
{
    int x = 0, i = 0;
    while (i < max && *p + i < e && is_digit((*p)[i])) {
        x = x * 10 + ((*p)[i] - '0');
        i++;
    }
    if (i < min || (*p + i < e && is_digit((*p)[i])))
        return -1;
    *p += i;
    *v = x;
    if (n)
        *n = i;
    return 0;
}

static int expect(const char **p, const char *e, char c)
{
    if (*p >= e || **p != c)
        return -1;
    (*p)++;
    return 0;
}

/* One or more blanks (the `required` form) or zero or more. */
static int skip_spaces(const char **p, const char *e, int required)
{
    const char *s = *p;
    while (*p < e && is_space(**p))
        (*p)++;
    return required && *p == s ? -1 : 0;
}

/* A three-letter name from `names` (case-insensitive) not followed by a
 * letter; returns its index or -1. */
static int name3(const char **p, const char *e, const char (*names)[4],
                 int count)
{
    if (e - *p < 3 || (e - *p > 3 && is_alpha((*p)[3])))
        return -1;
    for (int i = 0; i < count; i++)
        if (lower((*p)[0]) == names[i][0] && lower((*p)[1]) == names[i][1] &&
            lower((*p)[2]) == names[i][2]) {
            *p += 3;
            return i;
        }
    return -1;
}

/* [H]H:MM[:SS] into d; seconds are required when need_sec is set. */
static int hms(const char **p, const char *e, dt *d, int need_sec)
{
    if (digits_upto(p, e, 1, 2, &d->h, NULL) || expect(p, e, ':') ||
        digits(p, e, 2, &d->mi))
        return -1;
    if (*p < e && **p == ':') {
        (*p)++;
        return digits(p, e, 2, &d->s);
    }
    return need_sec ? -1 : 0;
}

/* A fraction of a second: separator then at least one digit (ignored). */
static int fraction(const char **p, const char *e)
{
    if (*p < e && (**p == '.' || **p == ',')) {
        (*p)++;
        if (*p >= e || !is_digit(**p))
            return -1;
        while (*p < e && is_digit(**p))
            (*p)++;
    }
    return 0;
}

/* Numeric offset: +HH, +HHMM or +HH:MM. */
static int numeric_zone(const char **p, const char *e, dt *d)
{
    int sign = **p == '-' ? -1 : 1, hh, mm = 0;
    (*p)++;
    if (digits(p, e, 2, &hh))
        return -1;
    if (*p < e && **p == ':') {
        (*p)++;
        if (digits(p, e, 2, &mm))
            return -1;
    } else if (*p < e && is_digit(**p)) {
        if (digits(p, e, 2, &mm))
            return -1;
    }
    if (hh > 23 || mm > 59)
        return -1;
    d->off = sign * (hh * 3600 + mm * 60);
    return 0;
}

/* ------------------------------------------------------------- formats */

/* YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)frac]][ ][Z|z|+HH[[:]MM]]] */
static int parse_iso(const char *p, const char *e, dt *d)
{
    if (digits(&p, e, 4, &d->y) || expect(&p, e, '-') ||
        digits(&p, e, 2, &d->mo) || expect(&p, e, '-') ||
        digits(&p, e, 2, &d->d))
        return -1;
    if (p == e)
        return 0;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return -1;
    p++;
    if (digits(&p, e, 2, &d->h) || expect(&p, e, ':') ||
        digits(&p, e, 2, &d->mi))
        return -1;
    if (p < e && *p == ':') {
        p++;
        if (digits(&p, e, 2, &d->s) || fraction(&p, e))
            return -1;
    }
    skip_spaces(&p, e, 0);
    if (p < e && (*p == 'Z' || *p == 'z'))
        p++;
    else if (p < e && (*p == '+' || *p == '-') && numeric_zone(&p, e, d))
        return -1;
    return p == e ? 0 : -1;
}

/* D-MON-YYYY[ HH:MM:SS[.frac][suffix]]; the suffix (Reuters' own codes
 * such as "RM" or "F A", or a "# comment") carries no digits, so nothing
 * that could be part of the time is ever dropped. */
static int parse_reuters(const char *p, const char *e, dt *d)
{
    if (digits_upto(&p, e, 1, 2, &d->d, NULL) || expect(&p, e, '-') ||
        (d->mo = name3(&p, e, MONTHS, 12) + 1) == 0 || expect(&p, e, '-') ||
        digits(&p, e, 4, &d->y))
        return -1;
    if (p == e)
        return 0;
    if (skip_spaces(&p, e, 1) || hms(&p, e, d, 1) || fraction(&p, e))
        return -1;
    if (p == e)
        return 0;
    for (const char *q = p; q < e; q++)
        if (is_digit(*q))
            return -1;
    d->warn = W_SUFFIX;
    return 0;
}

static const struct {
    const char *name;
    int hours;
} ZONES[] = {
    {"ut", 0},   {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
    {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8},
    {"pdt", -7},
};

/* [Day,] D Mon YY[YY] HH:MM[:SS] [zone] [(comment)] */
static int parse_rfc2822(const char *p, const char *e, dt *d)
{
    if (p < e && is_alpha(*p)) {
        if ((d->wday = name3(&p, e, WEEKDAYS, 7)) < 0)
            return -1;
        skip_spaces(&p, e, 0);
        if (p < e && *p == ',')
            p++;
        skip_spaces(&p, e, 0);
    }
    int ny;
    if (digits_upto(&p, e, 1, 2, &d->d, NULL) || skip_spaces(&p, e, 1) ||
        (d->mo = name3(&p, e, MONTHS, 12) + 1) == 0 ||
        skip_spaces(&p, e, 1) || digits_upto(&p, e, 2, 4, &d->y, &ny) ||
        skip_spaces(&p, e, 1) || hms(&p, e, d, 0))
        return -1;
    /* RFC 2822 4.3: two-digit years 00-49 are 20xx, 50-99 19xx; three-digit
     * years add 1900. */
    if (ny == 2)
        d->y += d->y < 50 ? 2000 : 1900;
    else if (ny == 3)
        d->y += 1900;
    skip_spaces(&p, e, 0);
    if (p < e && (*p == '+' || *p == '-')) {
        if (numeric_zone(&p, e, d))
            return -1;
    } else if (p < e && is_alpha(*p)) {
        const char *s = p;
        while (p < e && is_alpha(*p))
            p++;
        size_t n = (size_t)(p - s), i, nz = sizeof ZONES / sizeof *ZONES;
        for (i = 0; i < nz; i++) {
            size_t k = 0;
            while (k < n && ZONES[i].name[k] && lower(s[k]) == ZONES[i].name[k])
                k++;
            if (k == n && ZONES[i].name[k] == '\0')
                break;
        }
        if (i == nz)
            return -1;
        d->off = ZONES[i].hours * 3600;
    }
    skip_spaces(&p, e, 0);
    if (p < e && *p == '(') {  /* a comment such as "(CET)" */
        while (p < e && *p != ')')
            p++;
        if (expect(&p, e, ')'))
            return -1;
        skip_spaces(&p, e, 0);
    }
    return p == e ? 0 : -1;
}

/* Epoch seconds: 9 to 12 digits.  Shorter digit strings are refused: "2021"
 * or "20211203" is far more likely a year or a basic ISO date than a time
 * in 1970, and a silent misreading is worse than a reported one.  (Every
 * time after 1973-03-03 has at least 9 digits; JSON numbers are not limited
 * like this.) */
static int parse_epoch(const char *p, const char *e, int64_t *out)
{
    size_t n = (size_t)(e - p);
    if (n < 9 || n > 12)
        return -1;
    int64_t v = 0;
    for (; p < e; p++) {
        if (!is_digit(*p))
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (v > MAX_T)
        return -1;
    *out = v;
    return 0;
}

static int to_time(dt *d, int64_t *out)
{
    if (d->y < MIN_YEAR || d->y > MAX_YEAR || d->mo < 1 || d->mo > 12 ||
        d->d < 1 || d->d > month_days(d->y, d->mo) || d->h > 23 ||
        d->mi > 59 || d->s > 60)
        return -1;
    if (d->s == 60) {  /* a leap second: no time_t for it */
        d->s = 59;
        d->warn = W_LEAP;
    }
    int64_t days = days_from_civil(d->y, d->mo, d->d);
    if (d->wday >= 0 && d->wday != (int)(((days % 7) + 11) % 7))
        d->warn = W_WEEKDAY;  /* 1970-01-01 was a Thursday (4) */
    *out = days * 86400 + d->h * 3600 + d->mi * 60 + d->s - d->off;
    return 0;
}

int nx_date_parse(const char *s, int64_t *out, const char **warning)
{
    if (warning)
        *warning = NULL;
    if (!s)
        return -1;
    const char *p = s, *e = s + strlen(s);
    while (p < e && is_space(*p))
        p++;
    while (e > p && is_space(e[-1]))
        e--;
    if (p == e)
        return -1;

    dt d = {0, 0, 0, 0, 0, 0, 0, -1, NULL};
    const char *q = p;
    while (q < e && is_digit(*q))
        q++;
    size_t nd = (size_t)(q - p);
    int rc;
    if (q == e)
        return parse_epoch(p, e, out);
    else if (nd == 4 && *q == '-')
        rc = parse_iso(p, e, &d);
    else if ((nd == 1 || nd == 2) && *q == '-')
        rc = parse_reuters(p, e, &d);
    else if (nd <= 2)
        rc = parse_rfc2822(p, e, &d);
    else
        rc = -1;
    int64_t t;
    if (rc != 0 || to_time(&d, &t) != 0)
        return -1;
    *out = t;
    if (warning)
        *warning = d.warn;
    return 0;
}

int nx_date_parse_bound(const char *s, int upper, int64_t *out)
{
    if (!s)
        return -1;
    const char *p = s, *e = s + strlen(s);
    int y, m = 0, d = 0;
    if (digits(&p, e, 4, &y) || y < MIN_YEAR)
        return -1;
    if (p < e && (expect(&p, e, '-') || digits(&p, e, 2, &m) || m < 1 ||
                  m > 12))
        return -1;
    if (p < e && (expect(&p, e, '-') || digits(&p, e, 2, &d) || d < 1 ||
                  d > month_days(y, m)))
        return -1;
    if (p != e)
        return -1;
    int64_t first;
    if (!upper)
        first = days_from_civil(y, m ? m : 1, d ? d : 1);
    else if (d)  /* the first day of the next period, minus one second */
        first = days_from_civil(y, m, d) + 1;
    else if (m)
        first = days_from_civil(y + (m == 12), m == 12 ? 1 : m + 1, 1);
    else
        first = days_from_civil(y + 1, 1, 1);
    *out = first * 86400 - (upper ? 1 : 0);
    return 0;
}

static void split(int64_t t, int *y, int *m, int *d)
{
    /* Clamp so the year always has four digits (callers format it). */
    if (t < MIN_T)
        t = MIN_T;
    if (t > MAX_T)
        t = MAX_T;
    civil_from_days(floor_div(t, 86400), y, m, d);
}

void nx_date_format_day(int64_t t, char *buf)
{
    int y, m, d;
    split(t, &y, &m, &d);
    /* Written by hand: gcc cannot prove snprintf's %04d fits 11 bytes. */
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

void nx_date_year_month(int64_t t, int *year, int *month)
{
    int d;
    split(t, year, month, &d);
}

void nx_date_encode(int64_t t, unsigned char buf[8])
{
    /* Flipping the sign bit maps INT64_MIN..INT64_MAX onto 0..UINT64_MAX in
     * order, so memcmp() of the big-endian bytes sorts like the times. */
    uint64_t u = (uint64_t)t ^ 0x8000000000000000ULL;
    for (int i = 7; i >= 0; i--) {
        buf[i] = (unsigned char)(u & 0xff);
        u >>= 8;
    }
}

int64_t nx_date_decode(const unsigned char buf[8])
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u = (u << 8) | buf[i];
    u ^= 0x8000000000000000ULL;
    /* Two's complement conversion without implementation-defined casts. */
    return u <= (uint64_t)INT64_MAX ? (int64_t)u
                                    : -(int64_t)(~u) - 1;
}
