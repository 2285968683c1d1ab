/*
 * fold.c — character classes and the name key
 * (nx_fold.h, nx_name_key of nx_names.h).
 *
 * The key is what facet terms and the alias table compare, so it must not
 * care how a name was typed: case, accents (precomposed or combining), the
 * Unicode normalisation form, curly or straight apostrophes, fancy dashes,
 * non-breaking spaces, fullwidth letters and ligatures all fold away.
 *
 * Decisions:
 *  - apostrophes and periods vanish (O'Brien → obrien, U.S. → us), so
 *    spelling with or without them meets;
 *  - hyphens and dashes become a space (Jean-Claude → jean claude), so the
 *    hyphenated and the spaced spelling meet;
 *  - '&' vanishes (AT&T → att); other punctuation separates words;
 *  - Latin letters lose their diacritics; Greek and Cyrillic are only
 *    lower-cased (their combining accents are dropped like any other, and
 *    precomposed letters fold to the same base so NFC and NFD agree);
 *  - word-final "iy" and "yy" become "y" (Zelenskiy, Zelenskyy → zelensky;
 *    Dmitriy → dmitry): the commonest split between transliteration
 *    schemes of Slavic names, and rare at the end of other words.
 */
#include "nx_fold.h"
#include "nx_names.h"

#include <stdlib.h>
#include <string.h>

#include "fold_table.h"

static int is_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
           (cp >= 0x0591 && cp <= 0x05BD) || (cp >= 0x064B && cp <= 0x065F) ||
           (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
           cp == 0x00AD || cp == 0x2060 || cp == 0xFEFF;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

/* The generated tables: the fold of cp and its kind ('U', 'l', '.'), or 0
 * when cp is outside them. */
static const char *table_fold(uint32_t cp, char *kind)
{
    if (cp >= 0x00C0 && cp <= 0x024F) {
        *kind = kind_00c0[cp - 0x00C0];
        return fold_00c0[cp - 0x00C0];
    }
    if (cp >= 0x0370 && cp <= 0x04FF) {
        *kind = kind_0370[cp - 0x0370];
        return fold_0370[cp - 0x0370];
    }
    if (cp >= 0x1E00 && cp <= 0x1EFF) {
        *kind = kind_1e00[cp - 0x1E00];
        return fold_1e00[cp - 0x1E00];
    }
    *kind = 0;
    return NULL;
}

nx_cclass nx_cp_class(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return NX_CC_LOWER;
        if (cp >= 'A' && cp <= 'Z')
            return NX_CC_UPPER;
        if (cp >= '0' && cp <= '9')
            return NX_CC_DIGIT;
        if (is_space(cp))
            return NX_CC_SPACE;
        if (cp == '\'' || cp == '`')
            return NX_CC_APOS;
        if (cp == '-')
            return NX_CC_DASH;
        if (cp == '"')
            return NX_CC_DQUOTE;
        return NX_CC_PUNCT;
    }
    if (is_space(cp))
        return NX_CC_SPACE;
    if (is_mark(cp))
        return NX_CC_MARK;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC:
    case 0x2032: case 0x00B4: case 0xFF07:
        return NX_CC_APOS;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2033: case 0xFF02:
        return NX_CC_DQUOTE;
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: case 0x00AF:
        return NX_CC_DASH;
    case 0x00AA: case 0x00BA: case 0x00B5:
        return NX_CC_LOWER;
    }
    if (cp >= 0x2010 && cp <= 0x2015)
        return NX_CC_DASH;
    if (cp >= 0xFF21 && cp <= 0xFF3A)
        return NX_CC_UPPER;
    if ((cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0xFB00 && cp <= 0xFB06))
        return NX_CC_LOWER;
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return NX_CC_DIGIT;
    char kind;
    table_fold(cp, &kind);
    if (kind == 'U')
        return NX_CC_UPPER;
    if (kind == 'l')
        return NX_CC_LOWER;
    if (kind == '.' || (cp >= 0x00A0 && cp < 0x00C0) ||
        (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFF65) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
        cp == 0xFFFD)
        return NX_CC_PUNCT;
    /* Other scripts (CJK, Arabic, Hebrew...): letters without case. */
    return NX_CC_LOWER;
}

const char *nx_cp_fold(uint32_t cp, char buf[8])
{
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st",
                                      "st"};
    if (cp >= 0xFF01 && cp <= 0xFF5E)   /* fullwidth ASCII */
        cp -= 0xFEE0;
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            buf[0] = (char)(cp + 32);
            buf[1] = 0;
            return buf;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            buf[0] = (char)cp;
            buf[1] = 0;
            return buf;
        }
        if (cp == '\'' || cp == '`' || cp == '.' || cp == '&')
            return "";
        return NULL;
    }
    if (cp >= 0xFB00 && cp <= 0xFB06)
        return lig[cp - 0xFB00];
    switch (cp) {
    case 0x00AA: return "a";
    case 0x00BA: return "o";
    case 0x00B9: return "1";
    case 0x00B2: return "2";
    case 0x00B3: return "3";
    }
    nx_cclass c = nx_cp_class(cp);
    if (c == NX_CC_MARK || c == NX_CC_APOS)
        return "";
    if (c == NX_CC_SPACE || c == NX_CC_DASH || c == NX_CC_DQUOTE ||
        c == NX_CC_PUNCT)
        return NULL;
    char kind;
    const char *f = table_fold(cp, &kind);
    if (kind)
        return f;
    size_t n = nx_utf8_encode(cp, buf);
    buf[n] = 0;
    return buf;
}

/* Word-final "iy"/"yy" → "y" (see the top of the file), in place; returns
 * the new length.  Only ASCII words of four letters or more. */
static size_t translit_endings(char *s, size_t n)
{
    size_t w = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ' ') {
            s[w++] = s[i];
            continue;
        }
        size_t wl = w - start;
        if (wl >= 4 && s[w - 1] == 'y' && (s[w - 2] == 'i' || s[w - 2] == 'y')) {
            s[w - 2] = 'y';
            w--;
        }
        if (i < n)
            s[w++] = ' ';
        start = w;
    }
    s[w] = 0;
    return w;
}

char *nx_name_key(const char *name)
{
    char out[NX_NAME_KEY_MAX + 1];
    size_t n = 0, len = strlen(name);
    int pending_space = 0;
    char buf[8];
    for (size_t i = 0; i < len;) {
        /* ASCII, most of every name, the way nx_cp_fold() folds it,
         * without the call: facet counts key thousands of names a page. */
        unsigned char c = (unsigned char)name[i];
        if (c < 0x80) {
            i++;
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                if (!(c == '\'' || c == '`' || c == '.' || c == '&'))
                    pending_space = 1;
                continue;
            }
            if (n + 1 + (pending_space && n > 0) > NX_NAME_KEY_MAX)
                break;
            if (pending_space && n > 0)
                out[n++] = ' ';
            pending_space = 0;
            out[n++] = (char)c;
            continue;
        }
        uint32_t cp;
        i += nx_utf8_decode(name + i, len - i, &cp);
        const char *f = nx_cp_fold(cp, buf);
        if (!f) {
            pending_space = 1;
            continue;
        }
        size_t fl = strlen(f);
        if (fl == 0)
            continue;
        size_t need = fl + (pending_space && n > 0);
        if (n + need > NX_NAME_KEY_MAX)
            break;       /* f is whole code points: the cut is a boundary */
        if (pending_space && n > 0)
            out[n++] = ' ';
        pending_space = 0;
        memcpy(out + n, f, fl);
        n += fl;
    }
    out[n] = 0;
    n = translit_endings(out, n);
    return strdup(out);
}
