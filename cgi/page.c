/*
 * page.c — the results page of newsdex.cgi (cgi_page.h): the template,
 * the facet sidebar, filter chips, the summary, "did you mean", the
 * empty-result advice and pagination.  Hits and the histogram live in
 * hits.c and hist.c; the links and filter lists all three build, in
 * links.c.
 */
#include "cgi_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_names.h"

/* ----------------------------------------------------------- template */

typedef struct slot {
    const char *name;
    const char *value;   /* already escaped for where it goes */
} slot;

static void expand(nx_buf *b, const slot *slots, size_t n)
{
    const char *t = nx_cgi_page_html;
    for (;;) {
        const char *open = strstr(t, "{{");
        const char *close = open ? strstr(open, "}}") : NULL;
        if (!close) {
            nx_buf_puts(b, t);
            return;
        }
        nx_buf_add(b, t, (size_t)(open - t));
        size_t k = 0, len = (size_t)(close - open - 2);
        while (k < n && !(strlen(slots[k].name) == len &&
                          memcmp(slots[k].name, open + 2, len) == 0))
            k++;
        if (k < n)
            nx_buf_puts(b, slots[k].value);
        t = close + 2;
    }
}

void nx_page_frame(nx_buf *b, const char *title, const nx_cgi_params *p,
                   const char *sidebar, const char *main)
{
    nx_buf t = NX_BUF_INIT, q = NX_BUF_INIT, hidden = NX_BUF_INIT;
    nx_buf_html(&t, title);
    if (p) {
        nx_buf_html(&q, p->q ? p->q : "");
        for (size_t i = 0; i < p->nf; i++) {
            nx_buf_puts(&hidden, "<input type=\"hidden\" name=\"f\" value=\"");
            nx_buf_html(&hidden, p->f[i]);
            nx_buf_puts(&hidden, "\">");
        }
        if (p->sort_date)
            nx_buf_puts(&hidden,
                        "<input type=\"hidden\" name=\"sort\" value=\"date\">");
        if (p->quotes)
            nx_buf_puts(&hidden,
                        "<input type=\"hidden\" name=\"view\" value=\"quotes\">");
    }
    slot slots[] = {
        {"title", nx_buf_str(&t)},   {"style", nx_cgi_style_css},
        {"q", nx_buf_str(&q)},       {"hidden", nx_buf_str(&hidden)},
        {"sidebar", sidebar},        {"main", main},
    };
    expand(b, slots, sizeof slots / sizeof slots[0]);
    if (t.err || q.err || hidden.err)
        b->err = 1;
    nx_buf_free(&t);
    nx_buf_free(&q);
    nx_buf_free(&hidden);
}

void nx_page_refused(nx_buf *b, const char *heading, const char *msg)
{
    nx_buf main = NX_BUF_INIT;
    nx_buf_puts(&main, "<div class=\"bad\"><h1>");
    nx_buf_html(&main, heading);
    nx_buf_puts(&main, "</h1><p>");
    nx_buf_html(&main, msg);
    nx_buf_puts(&main, "</p><p><a href=\"?\">Start a new search</a></p></div>");
    nx_page_frame(b, heading, NULL, "", nx_buf_str(&main));
    if (main.err)
        b->err = 1;
    nx_buf_free(&main);
}

/* ------------------------------------------------------------ sidebar */

static const char *const facet_titles[NX_FACET_COUNT] = {
    [NX_FACET_BY] = "Quoted",       [NX_FACET_PERSON] = "People",
    [NX_FACET_ORG] = "Organisations", [NX_FACET_PLACE] = "Places",
    [NX_FACET_CATEGORY] = "Categories", [NX_FACET_AUTHOR] = "Authors",
    [NX_FACET_YEAR] = "Years",      [NX_FACET_MONTH] = "Months",
    [NX_FACET_BYANY] = "Quoted (any confidence)",
    [NX_FACET_ABOUT] = "Main subjects",
};

#define FACET_SHOWN 8    /* values before "more" */
#define FACET_MORE 40    /* values behind "more" */

/* One facet value as a checkbox-like link that ticks or unticks it. */
static void facet_value(nx_buf *b, const nx_cgi_params *p, int facet,
                        const char *value, const unsigned long long *count)
{
    nx_buf fb = NX_BUF_INIT;
    nx_buf_puts(&fb, nx_facet_defs[facet].name);
    nx_buf_puts(&fb, ":");
    nx_buf_puts(&fb, value);
    const char *fl[NX_CGI_MAX_FILTERS];
    int on = nx_filter_find(p, facet, value) >= 0;
    size_t n;
    if (on) {
        n = nx_filters_without(p, (size_t)nx_filter_find(p, facet, value), fl);
    } else {
        n = nx_filters_toggle(p, nx_buf_str(&fb), fl);
    }
    nx_buf_puts(b, "<li>");
    if (n != (size_t)-1 && !fb.err) {
        nx_link l = nx_link_of(p);
        l.f = fl;
        l.nf = n;
        nx_buf_puts(b, on ? "<a class=\"fv on\" rel=\"nofollow\" href=\""
                          : "<a class=\"fv\" rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">");
    } else {
        nx_buf_puts(b, on ? "<span class=\"fv on\">" : "<span class=\"fv\">");
    }
    nx_buf_puts(b, "<span class=\"box\"></span><span class=\"sr\">");
    nx_buf_puts(b, on ? "remove filter" : "filter on");
    nx_buf_puts(b, "</span><span class=\"name\" title=\"");
    nx_buf_html(b, value);
    nx_buf_puts(b, "\">");
    nx_buf_html(b, value);
    nx_buf_puts(b, "</span>");
    if (count) {
        nx_buf_puts(b, "<span class=\"n\">");
        nx_buf_count(b, *count);
        nx_buf_puts(b, "</span>");
    }
    nx_buf_puts(b, n != (size_t)-1 && !fb.err ? "</a></li>" : "</span></li>");
    nx_buf_free(&fb);
}

static int cmp_period_desc(const void *a, const void *b)
{
    const nx_facet_count *x = a, *y = b;
    return strcmp(y->value, x->value);
}

void nx_page_facet(nx_buf *b, const nx_cgi_params *p,
                   const nx_query_result *r, int facet)
{
    size_t n = r->nfacets[facet];
    nx_facet_count *v = r->facets[facet];
    /* Ticked values are shown even when no article of the current
     * matches carries them (a surname filter, a value gone to zero). */
    size_t extra = 0;
    const char *extras[NX_CGI_MAX_FILTERS];
    for (size_t i = 0; i < p->nf; i++) {
        const char *val;
        if (nx_cgi_filter_split(p->f[i], &val) != facet)
            continue;
        int seen = 0;
        for (size_t k = 0; k < n && !seen; k++) {
            char *a = nx_name_key(v[k].value), *c = nx_name_key(val);
            seen = a && c && strcmp(a, c) == 0 && *a;
            free(a);
            free(c);
        }
        if (!seen)
            extras[extra++] = val;
    }
    if (n == 0 && extra == 0)
        return;
    nx_facet_count *sorted = NULL;
    if (facet == NX_FACET_YEAR && n) {
        sorted = malloc(n * sizeof *sorted);
        if (sorted) {
            memcpy(sorted, v, n * sizeof *sorted);
            qsort(sorted, n, sizeof *sorted, cmp_period_desc);
            v = sorted;
        }
    }
    nx_buf_printf(b, "<section class=\"facet\" data-facet=\"%s\"><h2>%s</h2>"
                  "<ul>", nx_facet_defs[facet].name, facet_titles[facet]);
    for (size_t i = 0; i < extra; i++)
        facet_value(b, p, facet, extras[i], NULL);
    size_t shown = n < FACET_SHOWN ? n : FACET_SHOWN;
    /* Ticked values past the first few come up front. */
    for (size_t i = 0; i < n; i++) {
        int on = nx_filter_find(p, facet, v[i].value) >= 0;
        if (i < shown || on) {
            unsigned long long c = v[i].count;
            facet_value(b, p, facet, v[i].value, &c);
        }
    }
    nx_buf_puts(b, "</ul>");
    size_t more = 0;
    for (size_t i = shown; i < n && more < FACET_MORE; i++) {
        if (nx_filter_find(p, facet, v[i].value) >= 0)
            continue;
        if (!more++)
            nx_buf_printf(b, "<details><summary>More %s</summary><ul>",
                          facet == NX_FACET_YEAR ? "years" : "values");
        unsigned long long c = v[i].count;
        facet_value(b, p, facet, v[i].value, &c);
    }
    if (more)
        nx_buf_puts(b, "</ul></details>");
    nx_buf_puts(b, "</section>\n");
    free(sorted);
}

static void sidebar(nx_buf *b, const nx_cgi_params *p, const nx_query_result *r)
{
    static const int order[] = {NX_FACET_ABOUT, NX_FACET_BY, NX_FACET_PERSON,
                                NX_FACET_ORG,   NX_FACET_PLACE,
                                NX_FACET_CATEGORY, NX_FACET_YEAR};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        nx_page_facet(b, p, r, order[i]);
}

/* -------------------------------------------------------------- main */

void nx_page_chips(nx_buf *b, const nx_cgi_params *p)
{
    if (p->nf == 0)
        return;
    nx_buf_puts(b, "<div class=\"chips\"><span class=\"label\">Filters:</span>");
    for (size_t i = 0; i < p->nf; i++) {
        const char *fl[NX_CGI_MAX_FILTERS], *v;
        int facet = nx_cgi_filter_split(p->f[i], &v);
        nx_link l = nx_link_of(p);
        l.f = fl;
        l.nf = nx_filters_without(p, i, fl);
        nx_buf_puts(b, "<a class=\"chip\" rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\" title=\"Remove this filter\"><b>");
        nx_buf_html(b, facet >= 0 ? facet_titles[facet] : "?");
        nx_buf_puts(b, ":</b> ");
        nx_buf_html(b, v);
        nx_buf_puts(b, " <span class=\"x\" aria-hidden=\"true\">\xc3\x97</span>"
                       "<span class=\"sr\">(remove)</span></a>");
    }
    nx_link none = nx_link_of(p);
    none.nf = 0;
    nx_buf_puts(b, "<a class=\"clear\" rel=\"nofollow\" href=\"");
    nx_link_href(b, &none);
    nx_buf_puts(b, "\">Clear all</a></div>\n");
}

static void summary(nx_buf *b, const nx_cgi_params *p, const nx_query_result *r)
{
    nx_buf_puts(b, "<div class=\"summary\"><div>");
    if (!r->total_exact)
        nx_buf_puts(b, "About ");
    nx_buf_puts(b, "<strong>");
    nx_buf_count(b, r->total);
    nx_buf_printf(b, "</strong> article%s", r->total == 1 ? "" : "s");
    if (p->q && *p->q) {
        nx_buf_printf(b, " match%s <strong>", r->total == 1 ? "es" : "");
        nx_buf_html(b, p->q);
        nx_buf_puts(b, "</strong>");
    } else if (p->nf) {
        nx_buf_puts(b, " with these filters");
    } else {
        nx_buf_puts(b, " in the index");
    }
    if (r->nhits)
        nx_buf_printf(b, " \xc2\xb7 %u\xe2\x80\x93%u shown", r->offset + 1,
                      r->offset + (unsigned)r->nhits);
    nx_buf_puts(b, "</div><div class=\"sort\">Sort: ");
    nx_link l = nx_link_of(p);
    l.sort_date = 0;
    if (!p->sort_date) {
        nx_buf_puts(b, "<span>Relevance</span> ");
    } else {
        nx_buf_puts(b, "<a rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">Relevance</a> ");
    }
    l.sort_date = 1;
    if (p->sort_date) {
        nx_buf_puts(b, "<span>Newest</span>");
    } else {
        nx_buf_puts(b, "<a rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">Newest</a>");
    }
    nx_buf_puts(b, "</div></div>\n");
    if (r->missing) {
        /* Over shards with NEWSDEX_CGI_ALLOW_PARTIAL: say which did not
         * answer, since the counts leave their articles out. */
        int several = strchr(r->missing, ',') != NULL;
        nx_buf_puts(b, "<p class=\"notice\" id=\"partial\" role=\"status\">"
                       "<strong>Partial results:</strong> ");
        for (const char *s = r->missing; *s; s++) {
            if (*s == ',')
                nx_buf_puts(b, ", ");
            else
                nx_buf_html_n(b, s, 1);
        }
        nx_buf_printf(b, " did not answer. The results and counts leave out "
                         "the articles %s.</p>\n",
                      several ? "they hold" : "it holds");
    }
    if (!r->total_exact)
        nx_buf_puts(b, "<p class=\"notice\" id=\"incomplete\">The search "
                       "stopped at its time limit: results and counts may be "
                       "incomplete. A narrower query will be faster.</p>\n");
}

static void did_you_mean(nx_buf *b, const nx_cgi_params *p,
                         const nx_query_result *r)
{
    if (!r->suggestion || !*r->suggestion ||
        (p->q && strcmp(r->suggestion, p->q) == 0))
        return;
    nx_link l = nx_link_of(p);
    l.q = r->suggestion;
    nx_buf_puts(b, "<p class=\"dym\">Did you mean <a id=\"suggestion\" "
                   "rel=\"nofollow\" href=\"");
    nx_link_href(b, &l);
    nx_buf_puts(b, "\">");
    nx_buf_html(b, r->suggestion);
    nx_buf_puts(b, "</a>?</p>\n");
}

static void empty(nx_buf *b, const nx_cgi_params *p, const nx_query_result *r)
{
    nx_buf_puts(b, "<div class=\"empty\" id=\"no-results\">");
    if (r && r->total > 0) {
        nx_link l = nx_link_of(p);
        nx_buf_puts(b, "<h2>No more results</h2><p>This page is past the last "
                       "match. <a href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">Back to the first page</a></p></div>\n");
        return;
    }
    nx_buf_puts(b, "<h2>No articles match</h2>");
    if (p->nf) {
        nx_buf_puts(b, "<p>Try loosening the filters:</p><ul class=\"loosen\">");
        for (size_t i = 0; i < p->nf; i++) {
            const char *fl[NX_CGI_MAX_FILTERS], *v;
            int facet = nx_cgi_filter_split(p->f[i], &v);
            nx_link l = nx_link_of(p);
            l.f = fl;
            l.nf = nx_filters_without(p, i, fl);
            nx_buf_puts(b, "<li><a rel=\"nofollow\" href=\"");
            nx_link_href(b, &l);
            nx_buf_puts(b, "\">Remove ");
            nx_buf_html(b, facet >= 0 ? facet_titles[facet] : "?");
            nx_buf_puts(b, ": ");
            nx_buf_html(b, v);
            nx_buf_puts(b, "</a></li>");
        }
        if (p->nf > 1) {
            nx_link l = nx_link_of(p);
            l.nf = 0;
            nx_buf_puts(b, "<li><a rel=\"nofollow\" href=\"");
            nx_link_href(b, &l);
            nx_buf_puts(b, "\">Remove every filter</a></li>");
        }
        nx_buf_puts(b, "</ul>");
    }
    nx_buf_puts(b, "<p>Check the spelling, use fewer words, or join words "
                   "with <code>OR</code>. A facet value nobody matches "
                   "(<code>by:Someone</code>) finds nothing.</p></div>\n");
}

void nx_page_pager(nx_buf *b, const nx_cgi_params *p, const nx_query_result *r)
{
    unsigned long long pages = (r->total + NX_CGI_PER_PAGE - 1) / NX_CGI_PER_PAGE;
    if (pages > NX_CGI_MAX_PAGE)
        pages = NX_CGI_MAX_PAGE;
    if (pages <= 1)
        return;
    unsigned cur = p->page, last = (unsigned)pages;
    nx_link l = nx_link_of(p);
    nx_buf_puts(b, "<nav class=\"pager\" aria-label=\"Pages\">");
    if (cur > 1) {
        l.page = cur - 1;
        nx_buf_puts(b, "<a rel=\"prev nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">\xe2\x80\xb9 Previous</a>");
    } else {
        nx_buf_puts(b, "<span class=\"off\">\xe2\x80\xb9 Previous</span>");
    }
    unsigned lo = cur > 3 ? cur - 2 : 1, hi = cur + 2 < last ? cur + 2 : last;
    for (unsigned pg = 1; pg <= last; pg++) {
        if (pg != 1 && pg != last && (pg < lo || pg > hi)) {
            if (pg == lo - 1 || pg == hi + 1)
                nx_buf_puts(b, "<span class=\"gap\">\xe2\x80\xa6</span>");
            continue;
        }
        if (pg == cur) {
            nx_buf_printf(b, "<span class=\"cur\" aria-current=\"page\">%u"
                          "</span>", pg);
            continue;
        }
        l.page = pg;
        nx_buf_puts(b, "<a rel=\"nofollow\" href=\"");
        nx_link_href(b, &l);
        nx_buf_printf(b, "\">%u</a>", pg);
    }
    if (cur < last) {
        l.page = cur + 1;
        nx_buf_puts(b, "<a rel=\"next nofollow\" id=\"next\" href=\"");
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">Next \xe2\x80\xba</a>");
    } else {
        nx_buf_puts(b, "<span class=\"off\">Next \xe2\x80\xba</span>");
    }
    nx_buf_puts(b, "</nav>\n");
}

void nx_page_results(nx_buf *b, const nx_cgi_params *p,
                     const nx_query_result *r, const char *error)
{
    nx_buf side = NX_BUF_INIT, main = NX_BUF_INIT, title = NX_BUF_INIT;
    nx_page_tabs(&main, p);
    nx_page_chips(&main, p);
    if (!r) {
        nx_buf_puts(&main, "<div class=\"error\" id=\"query-error\" "
                           "role=\"alert\"><strong>The query could not be "
                           "run.</strong>");
        nx_buf_html(&main, error ? error : "unknown error");
        nx_buf_puts(&main, "</div>\n");
        empty(&main, p, NULL);
    } else {
        summary(&main, p, r);
        did_you_mean(&main, p, r);
        if (r->nhits == 0) {
            empty(&main, p, r);
        } else {
            nx_page_histogram(&main, p, r);
            nx_page_hits(&main, p, r);
            nx_page_pager(&main, p, r);
        }
        sidebar(&side, p, r);
    }
    if (p->q && *p->q) {
        /* At most 80 bytes of the query, cut at a whole UTF-8 sequence. */
        size_t n = strlen(p->q) > 80 ? 80 : strlen(p->q);
        while (n && !nx_utf8_valid(p->q, n))
            n--;
        nx_buf_add(&title, p->q, n);
        nx_buf_puts(&title, " \xe2\x80\x94 newsdex");
    } else {
        nx_buf_puts(&title, "newsdex \xe2\x80\x94 news search");
    }
    nx_page_frame(b, nx_buf_str(&title), p, nx_buf_str(&side),
                  nx_buf_str(&main));
    if (side.err || main.err || title.err)
        b->err = 1;
    nx_buf_free(&side);
    nx_buf_free(&main);
    nx_buf_free(&title);
}
