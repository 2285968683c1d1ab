/*
 * ner_token.c — what the tagger sees of one word on its own: hashes of its
 * forms, shape, capitalisation, prefixes and suffixes.
 *
 * Case is known for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
 * letters — what news names are written in; other code points count as
 * lower-case letters for case and as '~' in shapes.
 */
#include "ner_internal.h"

#include <string.h>

#include "nx_hash.h"
#include "nx_utf8.h"

uint64_t ner_hash_bytes(const char *s, size_t n)
{
    return ner_mix(nx_fnv1a64(NX_FNV64_OFFSET, s, n));
}

/* Decodes one code point; ill-formed bytes decode as themselves so a
 * broken word still gets a stable (if odd) shape. */
static uint32_t utf8_next(const unsigned char **pp)
{
    const char *s = (const char *)*pp;
    uint32_t c;
    size_t k = nx_utf8_decode(s, strnlen(s, 4), &c);
    if (k == 1 && c == 0xFFFD)
        c = **pp;
    *pp += k;
    return c;
}

enum { K_UPPER, K_LOWER, K_DIGIT, K_OTHER };

/* Class of a code point, and its lower-case form in *lower. */
static int classify(uint32_t c, uint32_t *lower)
{
    *lower = c;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
            *lower = c + 32;
            return K_UPPER;
        }
        if (c >= 'a' && c <= 'z')
            return K_LOWER;
        if (c >= '0' && c <= '9')
            return K_DIGIT;
        return K_OTHER;
    }
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
        (c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) {
        *lower = c + 32;
        return K_UPPER;
    }
    if (c >= 0x100 && c <= 0x17E && c != 0x138 && c != 0x149) {
        /* Latin Extended-A pairs upper/lower, even/odd except in
         * U+0139..U+0148 and U+0179..U+017E where the upper is odd. */
        int odd_upper = (c >= 0x139 && c <= 0x148) || c >= 0x179;
        if (c == 0x178) {
            *lower = 0xFF;
            return K_UPPER;
        }
        if ((c % 2 == 1) == odd_upper) {
            *lower = c + 1;
            return K_UPPER;
        }
        return K_LOWER;
    }
    if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x80 && c < 0xC0) ||
        c == 0xD7 || c == 0xF7)
        return K_OTHER;
    return K_LOWER;
}

size_t ner_lower(char *out, size_t cap, const char *word)
{
    const unsigned char *p = (const unsigned char *)word;
    size_t n = 0;
    while (*p) {
        uint32_t lc;
        classify(utf8_next(&p), &lc);
        char buf[4];
        size_t k = nx_utf8_encode(lc, buf);
        if (n + k + 1 > cap)
            break;
        memcpy(out + n, buf, k);
        n += k;
    }
    out[n] = '\0';
    return n;
}

size_t ner_shape(char *out, size_t cap, const char *word, int collapsed)
{
    const unsigned char *p = (const unsigned char *)word;
    size_t n = 0;
    char last = 0;
    int run = 0;
    while (*p && n + 1 < cap) {
        uint32_t c = utf8_next(&p), lc;
        char s;
        switch (classify(c, &lc)) {
        case K_UPPER: s = 'X'; break;
        case K_LOWER: s = 'x'; break;
        case K_DIGIT: s = 'd'; break;
        default: s = c < 0x80 ? (char)c : '~'; break;
        }
        run = s == last ? run + 1 : 1;
        last = s;
        if (run > (collapsed ? 1 : 4))
            continue;
        out[n++] = s;
    }
    out[n] = '\0';
    return n;
}

/* Hashes of the first and last k code points (k = 1..4) of a lower-case
 * word; 0 where the word is shorter than k. */
static void affixes(ner_tok *tok, const char *lw, size_t len)
{
    size_t ends[5] = {0};   /* byte offset after the k-th code point */
    size_t nc = 0;
    const unsigned char *p = (const unsigned char *)lw;
    while (*p && nc < 4) {
        utf8_next(&p);
        ends[++nc] = (size_t)(p - (const unsigned char *)lw);
    }
    for (size_t k = 1; k <= 4; k++)
        tok->pre[k - 1] = k <= nc ? ner_hash_bytes(lw, ends[k]) : 0;
    /* Suffixes: walk back over continuation bytes. */
    size_t pos = len;
    for (size_t k = 1; k <= 4; k++) {
        if (pos == 0) {
            tok->suf[k - 1] = 0;
            continue;
        }
        pos = nx_utf8_cut(lw, pos - 1);
        tok->suf[k - 1] = ner_hash_bytes(lw + pos, len - pos);
    }
}

void ner_tok_analyse(ner_tok *tok, const char *word)
{
    char lw[64], shape[32], cshape[32];
    memset(tok, 0, sizeof *tok);
    size_t wlen = strlen(word);
    size_t llen = ner_lower(lw, sizeof lw, word);
    size_t slen = ner_shape(shape, sizeof shape, word, 0);
    size_t clen = ner_shape(cshape, sizeof cshape, word, 1);
    tok->w = ner_hash_bytes(word, wlen);
    tok->lw = ner_hash_bytes(lw, llen);
    tok->shape = ner_hash_bytes(shape, slen);
    tok->cshape = ner_hash_bytes(cshape, clen);
    affixes(tok, lw, llen);

    size_t upper = 0, lower = 0, digit = 0, nchars = 0;
    int first = -1;
    uint32_t flags = 0;
    const unsigned char *p = (const unsigned char *)word;
    while (*p) {
        uint32_t c = utf8_next(&p), lc;
        int k = classify(c, &lc);
        if (first < 0)
            first = k;
        nchars++;
        if (k == K_UPPER) upper++;
        else if (k == K_LOWER) lower++;
        else if (k == K_DIGIT) digit++;
        else if (c == '-') flags |= NER_F_HYPHEN;
        else if (c == '.') flags |= NER_F_PERIOD;
    }
    size_t letters = upper + lower;
    if (first == K_UPPER)
        flags |= NER_F_UPPER1;
    if (digit)
        flags |= NER_F_DIGIT;
    if (digit && digit == nchars)
        flags |= NER_F_ALLDIGIT;
    if (!letters && !digit)
        flags |= NER_F_PUNCT;
    if (letters && !lower)
        flags |= NER_F_ALLCAPS;
    if (letters && !upper)
        flags |= NER_F_LOWER;
    if (first == K_UPPER && lower)
        flags |= NER_F_TITLE;

    if (!letters)
        tok->capclass = digit ? NER_C_DIGIT : NER_C_PUNCT;
    else if (!upper)
        tok->capclass = NER_C_LOWER;
    else if (!lower)
        tok->capclass = NER_C_CAPS;
    else if (first == K_UPPER)
        tok->capclass = NER_C_TITLE;
    else
        tok->capclass = NER_C_MIXED;
    tok->flags = flags;
    tok->nchars = nchars > 255 ? 255 : (uint8_t)nchars;
}
