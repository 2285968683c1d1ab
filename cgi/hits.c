/*
 * hits.c — the hits of a results page (cgi_page.h): title (a link only for
 * an http or https url), date, source, authors, categories, the snippet
 * with matches marked, the article's speakers and people as links
 * that filter on them, and under them the sentences that attribute its
 * quotes (who, how the speaker was found, the confidence).
 */
#include "cgi_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ENTS_SHOWN 6   /* speakers / people listed per hit */
#define SAID_SHOWN 2   /* attributing sentences shown per hit */
#define SAID_BYTES 280 /* of each, cut at a character boundary */

/* Only http and https urls become links: never javascript:, data: or a
 * relative path. */
static int linkable(const char *url)
{
    if (!url)
        return 0;
    size_t skip = strncasecmp(url, "https://", 8) == 0  ? 8
                  : strncasecmp(url, "http://", 7) == 0 ? 7
                                                        : 0;
    if (!skip || !url[skip])
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* The snippet from the shim is HTML-escaped with matches between
 * NX_HI_START and NX_HI_END.  It is not trusted blindly: a '<' or '>' is
 * escaped again, '&' passes only as one of the entities the escaper
 * writes, markers are balanced and runs of white space become one. */
static void snippet(nx_buf *b, const char *s)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;",
                                       "&#39;", "&apos;"};
    int open = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            while (p[1] == ' ' || p[1] == '\n' || p[1] == '\t' || p[1] == '\r')
                p++;
            nx_buf_add(b, " ", 1);
        } else if (c == (unsigned char)NX_HI_START) {
            if (!open)
                nx_buf_puts(b, "<mark>");
            open = 1;
        } else if (c == (unsigned char)NX_HI_END) {
            if (open)
                nx_buf_puts(b, "</mark>");
            open = 0;
        } else if (c == '&') {
            size_t k = 0, ne = sizeof ents / sizeof ents[0];
            while (k < ne && strncmp(p, ents[k], strlen(ents[k])) != 0)
                k++;
            if (k < ne) {
                nx_buf_puts(b, ents[k]);
                p += strlen(ents[k]) - 1;
            } else {
                nx_buf_puts(b, "&amp;");
            }
        } else if (c == '<' || c == '>' || c == '"' || c == '\'') {
            nx_buf_html_n(b, p, 1);
        } else if (c >= 0x20 && c != 0x7f) {
            nx_buf_add(b, p, 1);
        }
    }
    if (open)
        nx_buf_puts(b, "</mark>");
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "2021-12-03" as "3 Dec 2021"; anything else as it is. */
static void date(nx_buf *b, const char *d)
{
    int y, m, day;
    char tail;
    if (strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3 &&
        m >= 1 && m <= 12 && day >= 1 && day <= 31) {
        nx_buf_printf(b, "%d %s %04d", day, months[m - 1], y);
        return;
    }
    nx_buf_html(b, d);
}

/* A list field (authors, categories) joined with ", ". */
static void joined(nx_buf *b, const nx_stored_list *list, const char *before)
{
    if (list->n == 0)
        return;
    nx_buf_puts(b, "<span>");
    nx_buf_puts(b, before);
    for (size_t i = 0; i < list->n; i++) {
        if (i)
            nx_buf_puts(b, ", ");
        nx_buf_html(b, list->v[i]);
    }
    nx_buf_puts(b, "</span>");
}

static void entity_links(nx_buf *b, const nx_cgi_params *p,
                         const nx_stored_list *list, int facet,
                         const char *label, const char *cls, int *any)
{
    if (list->n == 0)
        return;
    if (!*any)
        nx_buf_puts(b, "<div class=\"ents\">");
    *any = 1;
    nx_buf_printf(b, "<span class=\"k\">%s</span>", label);
    int shown = 0, total = (int)list->n;
    for (; shown < total && shown < ENTS_SHOWN; shown++) {
        const char *v = list->v[shown];
        nx_buf f = NX_BUF_INIT;
        nx_buf_puts(&f, nx_facet_defs[facet].name);
        nx_buf_puts(&f, ":");
        nx_buf_puts(&f, v);
        const char *fl[NX_CGI_MAX_FILTERS];
        size_t n = nx_filter_find(p, facet, v) >= 0
                       ? (size_t)-1
                       : nx_filters_toggle(p, nx_buf_str(&f), fl);
        if (n != (size_t)-1 && !f.err) {
            nx_link l = nx_link_of(p);
            l.f = fl;
            l.nf = n;
            nx_buf_puts(b, "<a class=\"ent ");
            nx_buf_puts(b, cls);
            nx_buf_puts(b, "\" rel=\"nofollow\" href=\"");
            nx_link_href(b, &l);
            nx_buf_puts(b, "\">");
            nx_buf_html(b, v);
            nx_buf_puts(b, "</a>");
        } else {
            nx_buf_puts(b, "<span class=\"ent ");
            nx_buf_puts(b, cls);
            nx_buf_puts(b, "\">");
            nx_buf_html(b, v);
            nx_buf_puts(b, "</span>");
        }
        nx_buf_free(&f);
    }
    if (total > shown)
        nx_buf_printf(b, "<span class=\"more\">+%d</span>", total - shown);
}

/* The sentences attributing the article's quotes, one per speaker
 * (the first of each), confident ones first: what a reader checks before
 * trusting by:. */
static void said(nx_buf *b, const nx_stored *d)
{
    const nx_stored_quote *shown[SAID_SHOWN];
    int n = 0;
    for (int pass = 0; pass < 2 && n < SAID_SHOWN; pass++)
        for (size_t qi = 0; qi < d->nquotes && n < SAID_SHOWN; qi++) {
            const nx_stored_quote *q = &d->quotes[qi];
            if (!q->speaker || !q->evidence || q->confident != !pass)
                continue;
            int dup = 0;
            for (int i = 0; i < n && !dup; i++)
                dup = strcmp(shown[i]->speaker, q->speaker) == 0;
            if (!dup)
                shown[n++] = q;
        }
    if (n == 0)
        return;
    nx_buf_puts(b, "<ul class=\"said\">");
    for (int i = 0; i < n; i++) {
        const nx_stored_quote *q = shown[i];
        const char *ev = q->evidence;
        size_t len = strlen(ev);
        if (len > SAID_BYTES) {
            len = SAID_BYTES;
            while (len > 0 && ((unsigned char)ev[len] & 0xC0) == 0x80)
                len--;
        }
        nx_buf_puts(b, "<li><span class=\"sp\">");
        nx_buf_html(b, q->speaker);
        nx_buf_puts(b, "</span> <span class=\"how\">(");
        nx_buf_html(b, q->how ? q->how : "");
        if (q->confidence >= 0)
            nx_buf_printf(b, ", %.2f", q->confidence);
        nx_buf_puts(b, q->confident ? ")" : ", below the by: threshold)");
        nx_buf_puts(b, "</span> ");
        nx_buf_html_n(b, ev, len);
        if (len < strlen(ev))
            nx_buf_puts(b, "\xe2\x80\xa6");
        nx_buf_puts(b, "</li>");
    }
    nx_buf_puts(b, "</ul>");
}

static void hit(nx_buf *b, const nx_cgi_params *p, const nx_hit *h)
{
    const nx_stored *d = &h->doc;
    const char *title = d->title, *url = d->url, *day = d->date,
               *src = d->source;
    nx_buf_printf(b, "<li class=\"hit\"><h3><span class=\"rank\">%u.</span>",
                  h->rank);
    int link = linkable(url);
    if (link) {
        nx_buf_puts(b, "<a rel=\"noopener noreferrer nofollow\" href=\"");
        nx_buf_html(b, url);
        nx_buf_puts(b, "\">");
    } else {
        nx_buf_puts(b, "<span class=\"title\">");
    }
    nx_buf_html(b, title && *title ? title : "(no title)");
    nx_buf_puts(b, link ? "</a></h3>" : "</span></h3>");
    nx_buf_puts(b, "<p class=\"meta\">");
    nx_buf_puts(b, "<span>");
    if (day)
        date(b, day);
    else
        nx_buf_puts(b, "undated");
    nx_buf_puts(b, "</span>");
    if (src && *src) {
        nx_buf_puts(b, "<span class=\"src\">");
        nx_buf_html(b, src);
        nx_buf_puts(b, "</span>");
    }
    joined(b, &d->list[NX_FACET_AUTHOR], "by ");
    joined(b, &d->list[NX_FACET_CATEGORY], "");
    nx_buf_puts(b, "</p>");
    if (h->snippet && *h->snippet) {
        nx_buf_puts(b, "<p class=\"snippet\">");
        snippet(b, h->snippet);
        nx_buf_puts(b, "</p>");
    }
    int any = 0;
    entity_links(b, p, &d->list[NX_FACET_BY], NX_FACET_BY, "Quoted", "by",
                 &any);
    entity_links(b, p, &d->list[NX_FACET_PERSON], NX_FACET_PERSON, "People",
                 "person", &any);
    if (any)
        nx_buf_puts(b, "</div>");
    said(b, d);
    nx_buf_puts(b, "</li>\n");
}

void nx_page_hits(nx_buf *b, const nx_cgi_params *p, const nx_query_result *r)
{
    nx_buf_printf(b, "<ol class=\"hits\" start=\"%u\">\n", r->offset + 1);
    for (size_t i = 0; i < r->nhits; i++)
        hit(b, p, &r->hits[i]);
    nx_buf_puts(b, "</ol>\n");
}
