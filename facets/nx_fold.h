/*
 * nx_fold.h — the per-character folding behind nx_name_key, shared with
 * the extraction's tokenizer so that both agree on what a letter, an
 * upper-case letter, a space or a dash is.
 *
 * Everything here is pure and allocation-free.
 */
#ifndef NX_FOLD_H
#define NX_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "nx_utf8.h"   /* nx_utf8_decode, nx_utf8_encode */


/* What a code point is to a name. */
typedef enum nx_cclass {
    NX_CC_LOWER,     /* a letter that is not upper-case, or a digit */
    NX_CC_UPPER,     /* an upper- or title-case letter */
    NX_CC_DIGIT,
    NX_CC_SPACE,     /* any Unicode space, tab, newline */
    NX_CC_MARK,      /* combining mark or zero-width: belongs to the letter */
    NX_CC_APOS,      /* ' ’ ‘ ʼ ′ ` ´ */
    NX_CC_DASH,      /* - and U+2010..U+2015, U+2212 */
    NX_CC_DQUOTE,    /* " “ ” „ ‟ « » */
    NX_CC_PUNCT      /* anything else */
} nx_cclass;

nx_cclass nx_cp_class(uint32_t cp);

/* The folded form of one code point (lower-case, accents stripped for
 * Latin letters, compatibility forms resolved) as a static string, "" when
 * it vanishes from a key, or NULL when it separates words. */
const char *nx_cp_fold(uint32_t cp, char buf[8]);

#endif
