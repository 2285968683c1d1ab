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

uint64_t ner_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return ner_mix(h);
}

/* Decodes one UTF-8 code point; invalid bytes decode as themselves so a
 * broken word still gets a stable (if odd) shape. */
static uint32_t utf8_next(const unsigned char **pp)
{
    const unsigned char *p = *pp;
    uint32_t c = p[0];
    int n = 0;
    if (c >= 0xF0 && c < 0xF8) { c &= 0x07; n = 3; }
    else if (c >= 0xE0) { c &= 0x0F; n = 2; }
    else if (c >= 0xC0) { c &= 0x1F; n = 1; }
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *pp = p + 1;
            return p[0];
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    *pp = p + 1 + n;
    return c;
}

static size_t utf8_put(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
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
        size_t k = utf8_put(buf, lc);
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
        pos--;
        while (pos > 0 && ((unsigned char)lw[pos] & 0xC0) == 0x80)
            pos--;
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
