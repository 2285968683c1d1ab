/*
 * hist.c — the date histogram of a results page (cgi_page.h): inline SVG,
 * a bar per year, or per month when the matches span at most two years,
 * built from the year and month facet counts over all matches.  A bar is
 * a link that narrows the search to its period with an f=year: or
 * f=month: filter (replacing filters on finer or equal periods).  At
 * most MAX_BARS bars: the densest run of periods, the rest counted in the
 * heading as "outside the years shown".
 *
 * A ticked year or month facet is counted disjunctively (its other values
 * keep their counts), so the bars of the current matches are the ticked
 * values only.
 */
#include "cgi_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BARS 120
#define W 720.0
#define BAR_TOP 16.0   /* room for the counts above the bars */
#define BAR_BOTTOM 92.0

static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* Period index of a facet value: year*12 + month-1 for "YYYY-MM", year for
 * "YYYY"; -1 for anything else. */
static long period(const char *v, int months)
{
    size_t n = strlen(v);
    for (size_t i = 0; i < n; i++)
        if (!(v[i] >= '0' && v[i] <= '9') && !(months && i == 4 && v[i] == '-'))
            return -1;
    if (!months)
        return n == 4 ? atol(v) : -1;
    if (n != 7 || v[4] != '-')
        return -1;
    long m = atol(v + 5);
    return m >= 1 && m <= 12 ? atol(v) * 12 + m - 1 : -1;
}

typedef struct pcount {
    long t;                     /* period index */
    unsigned long long n;       /* matches in it */
} pcount;

static int by_period(const void *a, const void *b)
{
    long x = ((const pcount *)a)->t, y = ((const pcount *)b)->t;
    return (x > y) - (x < y);
}

/* Counts of the current matches per period into counts[0..span): a
 * ticked facet contributes only its ticked values.  The span shown is the
 * run of at most MAX_BARS periods holding the most matches (the latest
 * such run on a tie), so one article dated 9999 or 0001 does not push
 * every real year out of the picture; *sum counts the matches shown,
 * *all those of every period. */
static int collect(const nx_cgi_params *p, const nx_query_result *r, int facet,
                   unsigned long long *counts, long *lo, long *hi,
                   unsigned long long *sum, unsigned long long *all)
{
    int months = facet == NX_FACET_MONTH, ticked = 0;
    for (size_t i = 0; i < p->nf; i++) {
        const char *v;
        ticked |= nx_cgi_filter_split(p->f[i], &v) == facet;
    }
    *lo = -1, *hi = -1, *sum = 0, *all = 0;
    pcount *v = malloc((r->nfacets[facet] ? r->nfacets[facet] : 1) *
                       sizeof *v);
    if (!v)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < r->nfacets[facet]; i++) {
        const nx_facet_count *c = &r->facets[facet][i];
        long t = period(c->value, months);
        if (t < 0 || c->count == 0 ||
            (ticked && nx_filter_find(p, facet, c->value) < 0))
            continue;
        v[n++] = (pcount){t, c->count};
        *all += c->count;
    }
    if (n == 0) {
        free(v);
        return 0;
    }
    qsort(v, n, sizeof *v, by_period);
    size_t best = 0, best_end = 0, j = 0;
    unsigned long long run = 0, best_run = 0;
    for (size_t i = 0; i < n; i++) {       /* v[i..j): one window */
        while (j < n && v[j].t - v[i].t < MAX_BARS)
            run += v[j++].n;
        if (run >= best_run) {
            best_run = run;
            best = i;
            best_end = j;
        }
        run -= v[i].n;
    }
    *lo = v[best].t;
    *hi = v[best_end - 1].t;
    memset(counts, 0, MAX_BARS * sizeof *counts);
    for (size_t i = best; i < best_end; i++) {
        counts[v[i].t - *lo] += v[i].n;
        *sum += v[i].n;
    }
    free(v);
    return 1;
}

/* Opens a bar: an <a> to its period (returns 1), or a plain <g> for an
 * empty bar or one that would pass the filter bound (returns 0). */
static int bar_link(nx_buf *b, const nx_cgi_params *p, int months, long t,
                     unsigned long long count)
{
    char f[64], label[96];
    if (months) {
        snprintf(f, sizeof f, "month:%04ld-%02ld", t / 12, t % 12 + 1);
        snprintf(label, sizeof label, "%s %ld", month_names[t % 12], t / 12);
    } else {
        snprintf(f, sizeof f, "year:%04ld", t);
        snprintf(label, sizeof label, "%ld", t);
    }
    const char *fl[NX_CGI_MAX_FILTERS];
    unsigned facets = months ? 1u << NX_FACET_MONTH
                             : (1u << NX_FACET_YEAR) | (1u << NX_FACET_MONTH);
    size_t n = nx_filters_only(p, facets, f, fl);
    if (n == (size_t)-1 || count == 0) {
        nx_buf_puts(b, "<g>");
    } else {
        nx_link l = nx_link_of(p);
        l.f = fl;
        l.nf = n;
        nx_buf_printf(b, "<a class=\"hbar\" data-period=\"%s\" href=\"",
                      f + (months ? 6 : 5));
        nx_link_href(b, &l);
        nx_buf_puts(b, "\">");
    }
    nx_buf_printf(b, "<title>%s: ", label);
    nx_buf_count(b, count);
    nx_buf_printf(b, " article%s</title>", count == 1 ? "" : "s");
    return n != (size_t)-1 && count != 0;
}

void nx_page_histogram(nx_buf *b, const nx_cgi_params *p,
                       const nx_query_result *r)
{
    unsigned long long counts[MAX_BARS], sum, dated, all;
    long lo, hi;
    if (!collect(p, r, NX_FACET_YEAR, counts, &lo, &hi, &sum, &dated))
        return;
    int months = hi - lo <= 1;
    if (months && !collect(p, r, NX_FACET_MONTH, counts, &lo, &hi, &sum, &all))
        return;
    long nbars = hi - lo + 1;
    unsigned long long max = 1;
    for (long i = 0; i < nbars; i++)
        if (counts[i] > max)
            max = counts[i];
    double slot = W / (double)nbars, bw = slot * 0.72;
    if (bw > 56)
        bw = 56;
    long every = nbars <= 14 ? 1 : (nbars + 13) / 14;
    double height = months ? 120 : 110;

    nx_buf_printf(b, "<section class=\"hist\" aria-label=\"Matches over "
                  "time\"><h2>Published, by %s", months ? "month" : "year");
    unsigned years_ticked = 0;
    for (size_t i = 0; i < p->nf; i++) {
        const char *v;
        int f = nx_cgi_filter_split(p->f[i], &v);
        years_ticked |= f == NX_FACET_YEAR || f == NX_FACET_MONTH;
    }
    if (!years_ticked && r->total > dated) {
        nx_buf_puts(b, "<span>");
        nx_buf_count(b, r->total - dated);
        nx_buf_puts(b, " undated</span>");
    }
    if (dated > sum) {
        nx_buf_puts(b, "<span>");
        nx_buf_count(b, dated - sum);
        nx_buf_printf(b, " outside the %s shown</span>",
                      months ? "months" : "years");
    }
    nx_buf_printf(b, "</h2><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                  "aria-label=\"Articles per %s\">", W, height,
                  months ? "month" : "year");
    nx_buf_printf(b, "<line class=\"axis\" x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" "
                  "y2=\"%.1f\"/>", BAR_BOTTOM + 0.5, W, BAR_BOTTOM + 0.5);
    for (long i = 0; i < nbars; i++) {
        long t = lo + i;
        char value[48];
        if (months)
            snprintf(value, sizeof value, "%04ld-%02ld", t / 12, t % 12 + 1);
        else
            snprintf(value, sizeof value, "%04ld", t);
        int on = nx_filter_find(p, months ? NX_FACET_MONTH : NX_FACET_YEAR,
                                value) >= 0;
        double h = counts[i] ? (BAR_BOTTOM - BAR_TOP) * (double)counts[i] /
                                   (double)max
                             : 0;
        if (counts[i] && h < 2)
            h = 2;
        double x = slot * (double)i;
        int linked = bar_link(b, p, months, t, counts[i]);
        nx_buf_printf(b, "<rect class=\"pad\" x=\"%.1f\" y=\"0\" width=\"%.1f\" "
                      "height=\"%.0f\"/>", x, slot, BAR_BOTTOM);
        nx_buf_printf(b, "<rect class=\"bar%s\" x=\"%.1f\" y=\"%.1f\" "
                      "width=\"%.1f\" height=\"%.1f\" rx=\"2\"/>",
                      on ? " on" : "", x + (slot - bw) / 2, BAR_BOTTOM - h, bw,
                      h);
        if (counts[i] && nbars <= 24) {
            /* The count above its bar (in the link: part of the target). */
            nx_buf_printf(b, "<text class=\"cnt\" x=\"%.1f\" y=\"%.1f\" "
                          "text-anchor=\"middle\">", x + slot / 2,
                          BAR_BOTTOM - h - 3);
            nx_buf_count(b, counts[i]);
            nx_buf_puts(b, "</text>");
        }
        nx_buf_puts(b, linked ? "</a>" : "</g>");
        if (i % every == 0) {
            double cx = x + slot / 2;
            if (months) {
                nx_buf_printf(b, "<text x=\"%.1f\" y=\"104\" "
                              "text-anchor=\"middle\">%s</text>", cx,
                              mon[t % 12]);
                if (i == 0 || t % 12 == 0)
                    nx_buf_printf(b, "<text x=\"%.1f\" y=\"116\" "
                                  "text-anchor=\"middle\">%ld</text>", cx,
                                  t / 12);
            } else {
                nx_buf_printf(b, "<text x=\"%.1f\" y=\"104\" "
                              "text-anchor=\"middle\">%ld</text>", cx, t);
            }
        }
    }
    nx_buf_puts(b, "</svg></section>\n");
}
