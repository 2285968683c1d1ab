/*
 * quotes.c — the Quotes view of the search page (view=quotes, cgi_page.h):
 * the matching quotes instead of the articles (nx_quotes.h), each with
 * its speaker as a link to that speaker's quotes, the quote with the
 * query's words marked, how it was attributed, and its article; the
 * speaker facet and the date histogram over all matching quotes; and the
 * Articles / Quotes tabs every results page starts with.
 *
 * The sidebar, chips, histogram and pager are the articles page's own
 * (page.c, hist.c), fed an nx_query_result that borrows the quotes'
 * counts: a quote's year is its article's.
 */
#include "cgi_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_quotes.h"

void nx_page_tabs(nx_buf *b, const nx_cgi_params *p)
{
    nx_link l = nx_link_of(p);
    nx_buf_puts(b, "<nav class=\"tabs\" aria-label=\"Show\">");
    for (int q = 0; q < 2; q++) {
        const char *name = q ? "Quotes" : "Articles";
        if (q == p->quotes) {
            nx_buf_printf(b, "<span class=\"tab on\" id=\"tab-%s\" "
                          "aria-current=\"page\">%s</span>",
                          q ? "quotes" : "articles", name);
            continue;
        }
        l.quotes = q;
        nx_buf_printf(b, "<a class=\"tab\" id=\"tab-%s\" rel=\"nofollow\" "
                      "href=\"", q ? "quotes" : "articles");
        nx_link_href(b, &l);
        nx_buf_printf(b, "\">%s</a>", name);
    }
    nx_buf_puts(b, "</nav>\n");
}

/* The highlight (escaped by query/, the words between NX_HI_START and
 * NX_HI_END) with <mark>, the markers kept balanced. */
static void marked(nx_buf *b, const char *s)
{
    int open = 0;
    for (; s && *s; s++) {
        if (*s == NX_HI_START || *s == NX_HI_END) {
            int start = *s == NX_HI_START;
            if (start != open)
                nx_buf_puts(b, start ? "<mark>" : "</mark>");
            open = start;
        } else {
            nx_buf_add(b, s, 1);
        }
    }
    if (open)
        nx_buf_puts(b, "</mark>");
}

/* A link to one speaker's quotes: this search with its by: filters
 * replaced by that speaker. */
static void speaker_link(nx_buf *b, const nx_cgi_params *p, const char *name)
{
    nx_buf f = NX_BUF_INIT;
    nx_buf_printf(&f, "by:%s", name);
    const char *fl[NX_CGI_MAX_FILTERS];
    size_t n = f.err ? (size_t)-1
                     : nx_filters_only(p, 1u << NX_FACET_BY, nx_buf_str(&f),
                                       fl);
    if (n == (size_t)-1) {
        nx_buf_puts(b, "<span class=\"speaker\">");
        nx_buf_html(b, name);
        nx_buf_puts(b, "</span>");
    } else {
        nx_link l = nx_link_of(p);
        l.f = fl;
        l.nf = n;
        nx_buf_puts(b, "<a class=\"speaker\" rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">");
        nx_buf_html(b, name);
        nx_buf_puts(b, "</a>");
    }
    nx_buf_free(&f);
}

/* The article: its url when it is an http(s) one, else the articles view
 * searching its title. */
static void article_link(nx_buf *b, const nx_stored *d)
{
    const char *title = d->title && *d->title ? d->title : "(no title)";
    const char *url = d->url;
    int web = url && (strncmp(url, "https://", 8) == 0 ||
                      strncmp(url, "http://", 7) == 0) &&
              !strpbrk(url, " \t\r\n\"<>");
    if (web) {
        nx_buf_puts(b, "<a class=\"article\" rel=\"noopener noreferrer "
                       "nofollow\" href=\"");
        nx_buf_html(b, url);
    } else {
        /* title:"…" without the quote marks a title may hold */
        nx_buf q = NX_BUF_INIT;
        nx_buf_puts(&q, "title:\"");
        for (const char *s = d->title ? d->title : ""; *s; s++)
            nx_buf_add(&q, *s == '"' ? " " : s, 1);
        nx_buf_puts(&q, "\"");
        nx_link l = {nx_buf_str(&q), NULL, 0, 0, 1, 0};
        nx_buf_puts(b, "<a class=\"article\" rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_free(&q);
    }
    nx_buf_puts(b, "\">");
    nx_buf_html(b, title);
    nx_buf_puts(b, "</a>");
}

static void quote_item(nx_buf *b, const nx_cgi_params *p,
                       const nx_quote_hit *h)
{
    const nx_stored *d = &h->doc;
    const nx_stored_quote *q = &d->quotes[h->index];
    nx_buf_printf(b, "<li class=\"quote\" value=\"%u\"><div class=\"who\">",
                  h->rank);
    if (q->speaker)
        speaker_link(b, p, q->speaker);
    else
        speaker_link(b, p, NX_STORED_UNATTRIBUTED);
    nx_buf_puts(b, "</div><blockquote>\xe2\x80\x9c");
    marked(b, h->highlight);
    nx_buf_puts(b, "\xe2\x80\x9d</blockquote><p class=\"how\">");
    nx_buf_html(b, q->how ? q->how : "none");
    if (q->confidence >= 0)
        nx_buf_printf(b, " \xc2\xb7 confidence %.2f", q->confidence);
    if (q->cue) {
        nx_buf_puts(b, " \xc2\xb7 cue \xe2\x80\x9c");
        nx_buf_html(b, q->cue);
        nx_buf_puts(b, "\xe2\x80\x9d");
    }
    nx_buf_puts(b, "</p>");
    if (q->evidence) {
        nx_buf_puts(b, "<p class=\"evidence\">");
        nx_buf_html(b, q->evidence);
        nx_buf_puts(b, "</p>");
    }
    nx_buf_puts(b, "<p class=\"meta\">");
    article_link(b, d);
    nx_buf_puts(b, "<span>");
    nx_buf_html(b, d->date ? d->date : "undated");
    nx_buf_puts(b, "</span>");
    if (d->source && *d->source) {
        nx_buf_puts(b, "<span class=\"src\">");
        nx_buf_html(b, d->source);
        nx_buf_puts(b, "</span>");
    }
    nx_buf_puts(b, "</p></li>\n");
}

static void summary(nx_buf *b, const nx_cgi_params *p,
                    const nx_quotes_result *r)
{
    nx_buf_puts(b, "<div class=\"summary\"><div>");
    if (!r->total_exact)
        nx_buf_puts(b, "At least ");
    nx_buf_puts(b, "<strong>");
    nx_buf_count(b, r->total);
    nx_buf_printf(b, "</strong> quote%s in ", r->total == 1 ? "" : "s");
    nx_buf_count(b, r->articles);
    nx_buf_printf(b, " article%s", r->articles == 1 ? "" : "s");
    if (p->q && *p->q) {
        nx_buf_printf(b, " match%s <strong>", r->total == 1 ? "es" : "");
        nx_buf_html(b, p->q);
        nx_buf_puts(b, "</strong>");
    }
    if (r->nhits)
        nx_buf_printf(b, " \xc2\xb7 %u\xe2\x80\x93%u shown", r->offset + 1,
                      r->offset + (unsigned)r->nhits);
    nx_buf_puts(b, "</div><div class=\"sort\">Sort: ");
    nx_link l = nx_link_of(p);
    for (int date = 0; date < 2; date++) {
        const char *name = date ? "Newest" : "Relevance";
        l.sort_date = date;
        if (date == p->sort_date) {
            nx_buf_printf(b, "<span>%s</span> ", name);
        } else {
            nx_buf_puts(b, "<a rel=\"nofollow\" href=\"");
            nx_link_href(b, &l);
            nx_buf_printf(b, "\">%s</a> ", name);
        }
    }
    nx_buf_puts(b, "</div></div>\n");
    if (r->missing) {
        nx_buf_puts(b, "<p class=\"notice\" id=\"partial\" role=\"status\">"
                       "<strong>Partial results:</strong> ");
        nx_buf_html(b, r->missing);
        nx_buf_puts(b, " did not answer. The quotes and counts leave out "
                       "their articles.</p>\n");
    }
}

void nx_page_quotes(nx_buf *b, const nx_cgi_params *p,
                    const nx_quotes_result *r, const char *error)
{
    nx_buf side = NX_BUF_INIT, main = NX_BUF_INIT, title = NX_BUF_INIT;
    nx_page_tabs(&main, p);
    nx_page_chips(&main, p);
    /* The counts as an articles page's result: borrowed, not freed. */
    nx_query_result counts;
    memset(&counts, 0, sizeof counts);
    if (!r) {
        nx_buf_puts(&main, "<div class=\"error\" id=\"query-error\" "
                           "role=\"alert\"><strong>The query could not be "
                           "run.</strong>");
        nx_buf_html(&main, error ? error : "unknown error");
        nx_buf_puts(&main, "</div>\n");
    } else {
        counts.total = r->total;
        counts.total_exact = r->total_exact;
        counts.offset = r->offset;
        counts.facets[NX_FACET_BY] = r->speakers;
        counts.nfacets[NX_FACET_BY] = r->nspeakers;
        counts.facets[NX_FACET_YEAR] = r->years;
        counts.nfacets[NX_FACET_YEAR] = r->nyears;
        counts.facets[NX_FACET_MONTH] = r->months;
        counts.nfacets[NX_FACET_MONTH] = r->nmonths;
        summary(&main, p, r);
        if (r->nhits == 0) {
            nx_buf_puts(&main, "<div class=\"empty\" id=\"no-results\">");
            if (r->total)
                nx_buf_puts(&main, "<h2>No more quotes</h2><p>This page is "
                                   "past the last match.</p></div>\n");
            else
                nx_buf_puts(&main, "<h2>No quotes match</h2><p>Words typed "
                                   "here are looked for inside quotes, "
                                   "bound to the speakers named with "
                                   "<code>by:</code>. Try fewer words or "
                                   "another speaker.</p></div>\n");
        } else {
            nx_page_histogram(&main, p, &counts);
            nx_buf_printf(&main, "<ol class=\"quotes\" start=\"%u\">\n",
                          r->offset + 1);
            for (size_t i = 0; i < r->nhits; i++)
                quote_item(&main, p, &r->hits[i]);
            nx_buf_puts(&main, "</ol>\n");
            nx_page_pager(&main, p, &counts);
        }
        nx_page_facet(&side, p, &counts, NX_FACET_BY);
        nx_page_facet(&side, p, &counts, NX_FACET_YEAR);
    }
    if (p->q && *p->q) {
        size_t n = strlen(p->q) > 80 ? 80 : strlen(p->q);
        while (n && !nx_utf8_valid(p->q, n))
            n--;
        nx_buf_add(&title, p->q, n);
        nx_buf_puts(&title, " \xe2\x80\x94 quotes \xe2\x80\x94 newsdex");
    } else {
        nx_buf_puts(&title, "Quotes \xe2\x80\x94 newsdex");
    }
    nx_page_frame(b, nx_buf_str(&title), p, nx_buf_str(&side),
                  nx_buf_str(&main));
    if (side.err || main.err || title.err)
        b->err = 1;
    nx_buf_free(&side);
    nx_buf_free(&main);
    nx_buf_free(&title);
}
