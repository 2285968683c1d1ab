/*
 * cgi_page.h — private to cgi/: the HTML page of newsdex.cgi.  Everything
 * is written through nx_buf's escaping (nx_cgi.h); links are built from
 * the request's parameters only, with every value percent-encoded.
 */
#ifndef CGI_PAGE_H
#define CGI_PAGE_H

#include "nx_cgi.h"
#include "nx_query.h"

/* The template and stylesheet compiled in (assets.c, from embed.cmake)
 * and the stylesheet's "sha256-..." for the Content-Security-Policy. */
extern const char nx_cgi_page_html[], nx_cgi_style_css[], nx_cgi_style_hash[];

/* Links, filter lists and counts (links.c), shared by page.c, hits.c and
 * hist.c. */

/* A page's state as a link: "?q=…&f=…&sort=date&page=N". */
typedef struct nx_link {
    const char *q;
    const char *const *f;
    size_t nf;
    int sort_date;
    unsigned page;          /* 1 = left out */
    int quotes;             /* view=quotes */
} nx_link;

/* The request's state on page 1 (f points into p). */
nx_link nx_link_of(const nx_cgi_params *p);
/* Appends the href, HTML-escaped for an attribute. */
void nx_link_href(nx_buf *b, const nx_link *l);

/* Filter lists derived from the request's; `out` has room for
 * NX_CGI_MAX_FILTERS entries.  _without drops entry `skip`; _toggle adds
 * `f` (or drops it when present); _only replaces every filter of the
 * given facets (bit mask) with `f`.  They return the new count, or
 * (size_t)-1 when the list would pass NX_CGI_MAX_FILTERS. */
size_t nx_filters_without(const nx_cgi_params *p, size_t skip,
                          const char **out);
size_t nx_filters_toggle(const nx_cgi_params *p, const char *f,
                         const char **out);
size_t nx_filters_only(const nx_cgi_params *p, unsigned facets,
                       const char *f, const char **out);
/* Index of the request's filter on (facet, value) compared by name key,
 * or -1. */
int nx_filter_find(const nx_cgi_params *p, int facet, const char *value);

/* Numbers with thousands separators ("21,578"). */
void nx_buf_count(nx_buf *b, unsigned long long n);

/* Parts of the results page. */
void nx_page_hits(nx_buf *b, const nx_cgi_params *p, const nx_query_result *r);
void nx_page_histogram(nx_buf *b, const nx_cgi_params *p,
                       const nx_query_result *r);

/* The facets the page counts (the CLI's default plus months for the
 * histogram). */
#define NX_PAGE_FACETS (NX_QUERY_DEFAULT_FACETS | (1u << NX_FACET_MONTH) | \
                        (1u << NX_FACET_ABOUT))

/* The whole results page: `r` is NULL when the query failed with `error`
 * (shown in the page). */
void nx_page_results(nx_buf *b, const nx_cgi_params *p,
                     const nx_query_result *r, const char *error);
/* The page around a sidebar and a main part (page.c), and one facet's
 * section of the sidebar from r->facets[facet] (the quotes view fills an
 * nx_query_result with its own counts). */
void nx_page_frame(nx_buf *b, const char *title, const nx_cgi_params *p,
                   const char *sidebar, const char *main);
void nx_page_facet(nx_buf *b, const nx_cgi_params *p,
                   const nx_query_result *r, int facet);
/* The filter chips, and the pager for r->total results. */
void nx_page_chips(nx_buf *b, const nx_cgi_params *p);
void nx_page_pager(nx_buf *b, const nx_cgi_params *p,
                   const nx_query_result *r);

/* The quotes view (quotes.c): the Articles / Quotes tabs every results
 * page starts with, and the page of matching quotes (`r` NULL when the
 * query failed with `error`). */
struct nx_quotes_result;
void nx_page_tabs(nx_buf *b, const nx_cgi_params *p);
void nx_page_quotes(nx_buf *b, const nx_cgi_params *p,
                    const struct nx_quotes_result *r, const char *error);

/* A page for a refused request (400, 405, 503...): a heading and a
 * sentence, both escaped here. */
void nx_page_refused(nx_buf *b, const char *heading, const char *msg);

#endif
