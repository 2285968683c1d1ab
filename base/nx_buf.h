/*
 * nx_buf.h — a growing byte buffer with a hard maximum (curl's dynbuf),
 * the escapes for text put in HTML and URLs, and the bounded growth of
 * arrays.
 *
 * Past `max` or on out-of-memory the buffer sets `err` and every later
 * append is a no-op (a sticky error, checked once at the end).  The bytes
 * may be binary; a NUL always follows them.  The
 * contents belong to the buffer until nx_buf_free().
 */
#ifndef NX_BUF_H
#define NX_BUF_H

#include <stddef.h>
#include <stdio.h>

typedef struct nx_buf {
    char *p;       /* NUL-terminated contents, NULL while empty */
    size_t n;      /* bytes used */
    size_t cap;    /* bytes allocated */
    size_t max;    /* bound on n (0 = NX_BUF_MAX) */
    int err;       /* sticky: 0, or the code of the first failed append
                    * (NX_ETOOBIG past max, NX_ENOMEM) */
} nx_buf;
#define NX_BUF_MAX (16u << 20)
#define NX_BUF_INIT {NULL, 0, 0, 0, 0}

void nx_buf_add(nx_buf *b, const char *s, size_t n);
void nx_buf_puts(nx_buf *b, const char *s);
void nx_buf_printf(nx_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Escapes for HTML text and double-quoted attribute values alike:
 * & < > " ' become entities. */
void nx_buf_html(nx_buf *b, const char *s);
void nx_buf_html_n(nx_buf *b, const char *s, size_t n);
/* Percent-encodes a URL query component: everything but A-Z a-z 0-9 - . _ ~
 * (space as %20).  The result still needs nx_buf_html inside HTML, for the
 * '&' between parameters. */
void nx_buf_url(nx_buf *b, const char *s);
/* Appends the rest of stream f; NX_OK at its end, else b->err or NX_EIO
 * (ferror) — so a bounded read of a whole file is one call. */
int nx_buf_read(nx_buf *b, FILE *f);
/* Detaches the contents as a NUL-terminated string the caller frees
 * ("" when empty) and resets the buffer; NULL (and the buffer freed) when
 * an append failed or on ENOMEM. */
char *nx_buf_take(nx_buf *b);
/* The contents ("" when empty); owned by the buffer. */
const char *nx_buf_str(const nx_buf *b);
void nx_buf_free(nx_buf *b);

/* Makes room in the array *pp (a pointer to any T *) of *cap elements of
 * `size` bytes for `need` elements: the capacity doubles from 16, never
 * past `max` elements.  NX_OK, NX_ETOOBIG when need > max, NX_ENOMEM; on
 * failure *pp and *cap are unchanged.  The growth of every array of
 * structs, as nx_buf is the growth of every string. */
int nx_grow(void *pp, size_t *cap, size_t need, size_t size, size_t max);

#endif
