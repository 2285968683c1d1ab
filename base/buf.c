/*
 * buf.c — bounded growing buffers and the escapes for HTML and URLs
 * (nx_buf.h).
 */
#include "nx_buf.h"
#include "nx_status.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(nx_buf *b, size_t n)
{
    size_t max = b->max ? b->max : NX_BUF_MAX;
    if (b->err)
        return -1;
    if (n > max || b->n > max - n) {
        b->err = NX_ETOOBIG;
        return -1;
    }
    if (b->n + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + n + 1)
        cap = cap > max ? b->n + n + 1 : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->err = NX_ENOMEM;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void nx_buf_add(nx_buf *b, const char *s, size_t n)
{
    if (grow(b, n) != 0)
        return;
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void nx_buf_puts(nx_buf *b, const char *s)
{
    nx_buf_add(b, s, strlen(s));
}

void nx_buf_printf(nx_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = NX_EINVAL;   /* an encoding error in an argument */
        return;
    }
    if ((size_t)n < sizeof small) {
        nx_buf_add(b, small, (size_t)n);
        return;
    }
    if (grow(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

void nx_buf_html_n(nx_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ent = NULL;
        switch (s[i]) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default: break;
        }
        if (!ent)
            continue;
        nx_buf_add(b, s + run, i - run);
        nx_buf_puts(b, ent);
        run = i + 1;
    }
    nx_buf_add(b, s + run, n - run);
}

void nx_buf_html(nx_buf *b, const char *s)
{
    nx_buf_html_n(b, s, strlen(s));
}

void nx_buf_url(nx_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
            c == '~') {
            nx_buf_add(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            nx_buf_add(b, e, 3);
        }
    }
}

int nx_buf_read(nx_buf *b, FILE *f)
{
    size_t max = b->max ? b->max : NX_BUF_MAX;
    while (!b->err) {
        size_t want = max - b->n < 65536 ? max - b->n : 65536;
        if (want == 0) {        /* full: one more byte is too many */
            if (getc(f) != EOF)
                b->err = NX_ETOOBIG;
            break;
        }
        if (grow(b, want) != 0)
            break;
        size_t got = fread(b->p + b->n, 1, want, f);
        b->n += got;
        b->p[b->n] = '\0';
        if (got < want)
            break;
    }
    if (b->err)
        return b->err;
    return ferror(f) ? NX_EIO : NX_OK;
}

char *nx_buf_take(nx_buf *b)
{
    char *s = b->err ? NULL : b->p ? b->p : strdup("");
    if (b->err)
        free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
    b->err = 0;
    return s;
}

const char *nx_buf_str(const nx_buf *b)
{
    return b->p ? b->p : "";
}

void nx_buf_free(nx_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
    b->err = 0;
}

int nx_grow(void *pp, size_t *cap, size_t need, size_t size, size_t max)
{
    if (need <= *cap)
        return NX_OK;
    if (need > max || need > SIZE_MAX / size)
        return NX_ETOOBIG;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n = n > SIZE_MAX / 2 ? need : n * 2;
    if (n > max)
        n = max;
    if (n > SIZE_MAX / size)
        n = need;
    void *old;
    memcpy(&old, pp, sizeof old);
    void *p = realloc(old, n * size);
    if (!p)
        return NX_ENOMEM;
    memcpy(pp, &p, sizeof p);
    *cap = n;
    return NX_OK;
}
