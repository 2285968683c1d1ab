/*
 * nx_utf8.h — the one UTF-8 codec: decoding and encoding one code point,
 * checking and cleaning by the Unicode "maximal subpart" rule (Unicode 15,
 * 3.9), so a user sees the same number of replacement characters as in a
 * browser.
 */
#ifndef NX_UTF8_H
#define NX_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Copies `len` bytes of possibly invalid UTF-8 into a new NUL-terminated
 * string the caller frees, replacing each invalid sequence (overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences; cut by the
 * Unicode "maximal subpart" rule) and each NUL and C0 control other than
 * \t \n \r (0x02/0x03 are the snippet highlight markers) by U+FFFD; CRLF
 * and a lone CR become LF, so the result has no CR and cleaning it again
 * changes nothing.  *nbad (may be NULL) counts the replacements.  NULL on
 * ENOMEM. */
char *nx_utf8_clean(const char *s, size_t len, size_t *nbad);

/* Whether s[0..n) is valid UTF-8 (shortest forms, no surrogates, at most
 * U+10FFFF). */
int nx_utf8_valid(const char *s, size_t n);

/* Decodes one code point at s (n bytes available) into *cp; returns the
 * bytes consumed (>= 1, so a loop always advances).  An ill-formed or
 * truncated sequence (by the rule above) yields U+FFFD and consumes one
 * byte; n == 0 yields code point 0. */
size_t nx_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp (at most U+10FFFF) into out; returns the length, 1..4. */
size_t nx_utf8_encode(uint32_t cp, char out[4]);

/* The largest k <= n that does not cut a sequence of s: s[k] is not a
 * continuation byte (s[n] must be readable; it may be the NUL). */
size_t nx_utf8_cut(const char *s, size_t n);

#endif
