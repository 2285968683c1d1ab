/*
 * nx_utf8.h — UTF-8 checking and cleaning, by the Unicode "maximal
 * subpart" rule (Unicode 15, 3.9), so a user sees the same number of
 * replacement characters as in a browser.
 */
#ifndef NX_UTF8_H
#define NX_UTF8_H

#include <stddef.h>

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

#endif
