/*
 * ingest_txt.c — a .txt file into one article.
 *
 * Layout (DESIGN.md "Input formats"), as the seed articles are written:
 *
 *     Date: 2021-12-03            <- optional header block, recognised only
 *     Author: Jane Doe               when line 1 is one of the five keys;
 *                                    ends at the first blank line
 *     Title on the first non-empty line
 *
 *     Body paragraphs...
 *
 *     Read More About: World News  <- last non-empty line: the category
 *
 * The whole file is cleaned to UTF-8 (and CRLF to LF) first, so the line
 * logic below sees only '\n'.
 */
#include "ingest_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_xapian.h"

static const char *const HEADER_KEYS[] = {"date", "author", "url", "id",
                                          "category", NULL};
static const char READ_MORE[] = "read more about:";

static int blank(const char *s, const char *e)
{
    for (; s < e; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\f' && *s != '\v')
            return 0;
    return 1;
}

/* A header line "Key: value": *klen gets the key length, the return value
 * points after the colon; NULL when the line is not of that form. */
static const char *header_key(const char *s, const char *e, size_t *klen)
{
    const char *p = s;
    if (p == e || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return NULL;
    while (p < e && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
        p++;
    *klen = (size_t)(p - s);
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    return p < e && *p == ':' ? p + 1 : NULL;
}

static int known_key(const char *s, size_t klen)
{
    for (int i = 0; HEADER_KEYS[i]; i++)
        if (strlen(HEADER_KEYS[i]) == klen &&
            strncasecmp(s, HEADER_KEYS[i], klen) == 0)
            return i;
    return -1;
}

static char *dup_trim(const char *s, const char *e)
{
    char *c = strndup(s, (size_t)(e - s));
    return c ? nx_ing_trim(c) : NULL;
}

/* Sets a single-valued header; a repeat is reported and the first kept. */
static int set_once(const nx_ing *g, char **slot, const char *v,
                    const char *key, long line)
{
    if (*slot) {
        nx_ing_report(g, NX_REPORT_WARNING, line,
                      "header \"%s\" repeated; the first one is kept", key);
        return NX_OK;
    }
    return (*slot = strdup(v)) ? NX_OK : NX_ENOMEM;
}

/* Reads the header block from *pp; leaves *pp at the first line after it
 * and *line at that line's number. */
static int read_headers(const nx_ing *g, nx_article *a, const char **pp,
                        const char *e, long *line)
{
    const char *p = *pp;
    int rc = NX_OK;
    while (p < e && rc == NX_OK) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *eol = nl ? nl : e, *next = nl ? nl + 1 : e;
        if (blank(p, eol)) {        /* the blank line ends the block */
            p = next;
            (*line)++;
            break;
        }
        size_t klen;
        const char *v = header_key(p, eol, &klen);
        if (!v) {
            nx_ing_report(g, NX_REPORT_WARNING, *line,
                          "header block not ended by a blank line; "
                          "the text starts here");
            break;
        }
        char *value = dup_trim(v, eol);
        if (!value)
            return NX_ENOMEM;
        int k = known_key(p, klen);
        if (*value == '\0' && k >= 0)
            k = -2;                 /* an empty known header: nothing */
        switch (k) {
        case 0:
            if (a->date_raw)
                nx_ing_report(g, NX_REPORT_WARNING, *line, "header \"Date\" "
                              "repeated; the first one is kept");
            else
                rc = nx_ing_set_date(g, a, value, *line);
            break;
        case 1:
            rc = nx_strlist_push(&a->authors, value);
            break;
        case 2:
            rc = set_once(g, &a->url, value, "URL", *line);
            break;
        case 3:
            rc = set_once(g, &a->id, value, "Id", *line);
            break;
        case 4:
            rc = nx_strlist_push(&a->categories, value);
            break;
        case -1:
            nx_ing_report(g, NX_REPORT_WARNING, *line,
                          "unknown header \"%.*s\" ignored",
                          (int)(klen > 40 ? 40 : klen), p);
            break;
        }
        free(value);
        p = next;
        (*line)++;
    }
    *pp = p;
    return rc;
}

/* Title, body and the trailing "Read More About:" line from [p, e). */
static int read_text(nx_article *a, const char *p, const char *e)
{
    /* the title: the first non-empty line */
    const char *nl, *eol;
    for (;; p = nl + 1) {
        nl = p < e ? memchr(p, '\n', (size_t)(e - p)) : NULL;
        eol = nl ? nl : e;
        if (!blank(p, eol) || !nl)
            break;
    }
    if (!(a->title = dup_trim(p, eol)))
        return NX_ENOMEM;
    p = nl ? nl + 1 : e;

    /* the body: without leading blank lines and trailing white space */
    for (;;) {
        nl = p < e ? memchr(p, '\n', (size_t)(e - p)) : NULL;
        if (!nl || !blank(p, nl))
            break;
        p = nl + 1;
    }
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
                     e[-1] == '\r'))
        e--;

    /* the category: the last line, when it is "Read More About: X" */
    const char *last = e;
    while (last > p && last[-1] != '\n')
        last--;
    const char *q = last;
    while (q < e && (*q == ' ' || *q == '\t'))
        q++;
    size_t n = sizeof READ_MORE - 1;
    if ((size_t)(e - q) >= n && strncasecmp(q, READ_MORE, n) == 0) {
        char *cat = dup_trim(q + n, e);
        if (!cat)
            return NX_ENOMEM;
        int rc = *cat ? nx_strlist_push(&a->categories, cat) : NX_OK;
        free(cat);
        if (rc)
            return rc;
        e = last;
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
                         e[-1] == '\r'))
            e--;
    }
    return (a->body = strndup(p, (size_t)(e - p))) ? NX_OK : NX_ENOMEM;
}

int nx_ingest_txt(const char *buf, size_t len, const char *name,
                  const char *root_rel, const nx_ingest_options *opts,
                  nx_article_fn on_article, nx_report_fn on_report, void *ctx)
{
    nx_ing g;
    nx_ing_init(&g, opts, name, root_rel, on_article, on_report, ctx);
    if (len > g.max_record) {
        nx_ing_report_toobig(&g, 0, len);
        return NX_OK;
    }
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        buf += 3;   /* a byte order mark */
        len -= 3;
    }
    size_t nbad = 0;
    char *text = nx_utf8_clean(buf, len, &nbad);
    if (!text)
        return NX_ENOMEM;
    const char *p = text, *e = text + strlen(text);
    nx_article a;
    nx_article_init(&a);
    a.line = 1;
    long line = 1;
    size_t klen;
    int rc = NX_OK;
    if (header_key(p, e, &klen) && known_key(p, klen) >= 0)
        rc = read_headers(&g, &a, &p, e, &line);
    if (!rc)
        rc = read_text(&a, p, e);
    if (!rc && !a.id && !(a.id = strdup(g.root_rel)))
        rc = NX_ENOMEM;
    if (!rc && !(a.source = strdup(g.root_rel)))
        rc = NX_ENOMEM;
    free(text);
    if (rc) {
        nx_article_clear(&a);
        return rc;
    }
    return nx_ing_emit(&g, &a, 0, nbad);
}
