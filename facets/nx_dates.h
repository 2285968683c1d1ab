/*
 * nx_dates.h — dates: parsing publication dates, parsing the ends of
 * `date:A..B` ranges, and the value encodings of dates in the index.
 */
#ifndef NX_DATES_H
#define NX_DATES_H

#include <stddef.h>
#include <stdint.h>

/* Parses a publication date, all to UTC seconds since the epoch:
 *   ISO 8601  2021-12-03, 2021-12-03T10:00:00Z, 2021-12-03 10:00:00+02:00,
 *             2021-12-03T10:00:00.123-0500 (seconds, fraction and offset
 *             optional; offsets Z, +HH, +HHMM, +HH:MM; no offset = UTC)
 *   RFC 2822  Fri, 03 Dec 2021 10:00:00 +0000 (weekday optional; 1-2 digit
 *             day; 2-digit years 00-49 = 20xx, 50-99 = 19xx; zone +HHMM or
 *             UT/GMT/Z/EST/EDT/CST/CDT/MST/MDT/PST/PDT, none = UTC; a
 *             trailing "(comment)" is allowed)
 *   Reuters   26-FEB-1987 15:01:01.79 (time optional; month names in any
 *             case; trailing text without digits after the time, as in
 *             "00:02:59.13RM" or "... # date added", is ignored: *warning
 *             says so)
 *   epoch     1638525600 (9 to 12 digits, no sign: shorter digit strings
 *             such as "2021" or "20211203" are refused as ambiguous)
 * Leading/trailing white space is ignored; years must be 0001-9999; second
 * 60 is read as 59.  Returns 0 and sets *out, or -1 when the text is not a
 * valid date (month 13, Feb 30, hour 24...).  *warning (may be NULL) is set
 * to a static note when something was tolerated (stray suffix, leap second,
 * weekday not matching the date), else NULL. */
int nx_date_parse(const char *s, int64_t *out, const char **warning);

/* Parses one end of a date range: YYYY, YYYY-MM or YYYY-MM-DD.  For the
 * lower end the first second of that period, for the upper end (`upper` =
 * 1) the last second.  No white space.  Returns 0, or -1 when invalid. */
int nx_date_parse_bound(const char *s, int upper, int64_t *out);

/* "2021-12-03" into buf (at least 11 bytes); times outside years
 * 0001-9999 are clamped to that range. */
void nx_date_format_day(int64_t t, char *buf);
/* Year and month (1-12) of a time, UTC. */
void nx_date_year_month(int64_t t, int *year, int *month);

/* A sortable 8-byte big-endian encoding of a time (order-preserving for
 * signed values), used in value slots; buf has 8 bytes. */
void nx_date_encode(int64_t t, unsigned char buf[8]);
int64_t nx_date_decode(const unsigned char buf[8]);

#endif
