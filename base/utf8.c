/*
 * utf8.c — the UTF-8 codec of nx_utf8.h; nx_utf8_clean() makes input text
 * safe to index and to print.
 *
 * Every string an article carries goes through here once, so the rest of
 * newsdex may assume valid UTF-8 without NULs.  Ill-formed sequences are cut
 * by the Unicode "maximal subpart" rule (Unicode 15, 3.9, U+FFFD
 * substitution): a lead byte and the continuation bytes that were still
 * possible become one U+FFFD, and the byte that broke the sequence starts
 * the next one — the same result as browsers and ICU, so a user sees the
 * same number of replacement characters everywhere.
 */
#include "nx_utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd"

/* Length of the well-formed sequence at s (1..4), or 0 when ill-formed with
 * *bad set to the number of bytes the replacement stands for. */
static size_t seq_len(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf;  /* range of the second byte */
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        if (c == 0xe0)
            lo = 0xa0;          /* overlong below U+0800 */
        else if (c == 0xed)
            hi = 0x9f;          /* surrogates U+D800..DFFF */
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        if (c == 0xf0)
            lo = 0x90;          /* overlong below U+10000 */
        else if (c == 0xf4)
            hi = 0x8f;          /* above U+10FFFF */
    } else {
        *bad = 1;               /* C0, C1 (overlong 2-byte), F5..FF, 80..BF */
        return 0;
    }
    size_t i = 1;
    for (; i < need && i < n; i++) {
        unsigned char b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf))
            break;
    }
    if (i == need)
        return need;
    *bad = i;
    return 0;
}

/* Controls a reader must not get: the snippet code uses 0x02/0x03 as
 * highlight markers and NUL ends C strings; tab, LF and CR are text.
 *
 * Every CR becomes LF (CRLF one LF, a lone CR one LF): only then is
 * cleaning idempotent — keeping lone CRs would turn "\r\r\n" into a new
 * "\r\n" (found by fuzz_txt). */
static int bad_control(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* Bytes copied as they are, without a closer look: the common case. */
static int plain(unsigned char c)
{
    return (c >= 0x20 && c < 0x80) || c == '\n' || c == '\t';
}

char *nx_utf8_clean(const char *s, size_t len, size_t *nbad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t out_len = 0, count = 0, i = 0, bad;
    int changed = 0;

    /* Pass 1: the exact output length, so the buffer is allocated once and
     * never grows (a replacement can triple a byte). */
    while (i < len) {
        size_t run = i;
        while (i < len && plain(u[i]))
            i++;
        out_len += i - run;
        if (i == len)
            break;
        size_t n = seq_len(u + i, len - i, &bad);
        if (n == 0) {
            out_len += 3;
            count++;
            i += bad;
        } else if (n == 1 && bad_control(u[i])) {
            out_len += 3;
            count++;
            i++;
        } else if (n == 1 && u[i] == '\r') {
            changed = 1;        /* CRLF -> LF, lone CR -> LF */
            out_len += !(i + 1 < len && u[i + 1] == '\n');
            i++;
        } else {
            out_len += n;
            i += n;
        }
        if (out_len > SIZE_MAX - 4)
            return NULL;
    }
    char *out = malloc(out_len + 1), *o = out;
    if (!out)
        return NULL;
    if (nbad)
        *nbad = count;
    if (count == 0 && !changed) {
        if (len)                /* s may be NULL when len is 0 */
            memcpy(out, s, len);    /* already clean: one copy */
        out[len] = '\0';
        return out;
    }
    for (i = 0; i < len;) {
        size_t run = i;
        while (i < len && plain(u[i]))
            i++;
        memcpy(o, u + run, i - run);
        o += i - run;
        if (i == len)
            break;
        size_t n = seq_len(u + i, len - i, &bad);
        if (n == 0 || (n == 1 && bad_control(u[i]))) {
            memcpy(o, REPLACEMENT, 3);
            o += 3;
            i += n == 0 ? bad : 1;
        } else if (n == 1 && u[i] == '\r') {
            if (!(i + 1 < len && u[i + 1] == '\n'))
                *o++ = '\n';
            i++;
        } else {
            memcpy(o, u + i, n);
            o += n;
            i += n;
        }
    }
    *o = '\0';
    return out;
}

int nx_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, bad;
    while (i < n) {
        size_t k = seq_len(s + i, n - i, &bad);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

size_t nx_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t bad;
    if (n == 0) {
        *cp = 0;
        return 1;
    }
    size_t k = seq_len(s, n, &bad);
    if (k == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t v = s[0] & lead_mask[k];
    for (size_t i = 1; i < k; i++)
        v = (v << 6) | (s[i] & 0x3F);
    *cp = v;
    return k;
}

size_t nx_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t nx_utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}
