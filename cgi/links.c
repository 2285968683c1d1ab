/*
 * links.c — what the parts of the results page (page.c, hits.c, hist.c)
 * share: a page's state as a link, the filter lists derived from the
 * request's, and counts with thousands separators (cgi_page.h).  The parts
 * call these; nothing here calls back into them.
 */
#include "cgi_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_names.h"

nx_link nx_link_of(const nx_cgi_params *p)
{
    nx_link l = {p->q ? p->q : "", (const char *const *)p->f, p->nf,
                 p->sort_date, 1, p->quotes};
    return l;
}

void nx_link_href(nx_buf *b, const nx_link *l)
{
    nx_buf_puts(b, "?q=");
    nx_buf_url(b, l->q ? l->q : "");
    for (size_t i = 0; i < l->nf; i++) {
        nx_buf_puts(b, "&amp;f=");
        nx_buf_url(b, l->f[i]);
    }
    if (l->sort_date)
        nx_buf_puts(b, "&amp;sort=date");
    if (l->page > 1)
        nx_buf_printf(b, "&amp;page=%u", l->page);
    if (l->quotes)
        nx_buf_puts(b, "&amp;view=quotes");
}

size_t nx_filters_without(const nx_cgi_params *p, size_t skip,
                          const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nf; i++)
        if (i != skip)
            out[n++] = p->f[i];
    return n;
}

size_t nx_filters_toggle(const nx_cgi_params *p, const char *f,
                         const char **out)
{
    for (size_t i = 0; i < p->nf; i++)
        if (strcmp(p->f[i], f) == 0)
            return nx_filters_without(p, i, out);
    if (p->nf >= NX_CGI_MAX_FILTERS || strlen(f) > NX_CGI_MAX_FILTER)
        return (size_t)-1;
    size_t n = nx_filters_without(p, (size_t)-1, out);
    out[n++] = f;
    return n;
}

size_t nx_filters_only(const nx_cgi_params *p, unsigned facets,
                       const char *f, const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nf; i++) {
        const char *v;
        int facet = nx_cgi_filter_split(p->f[i], &v);
        if (facet < 0 || !(facets & (1u << facet)))
            out[n++] = p->f[i];
    }
    if (n >= NX_CGI_MAX_FILTERS || strlen(f) > NX_CGI_MAX_FILTER)
        return (size_t)-1;
    out[n++] = f;
    return n;
}

int nx_filter_find(const nx_cgi_params *p, int facet, const char *value)
{
    /* Most facets have no filter: no name keys to compute for them. */
    size_t i = 0;
    const char *v;
    while (i < p->nf && nx_cgi_filter_split(p->f[i], &v) != facet)
        i++;
    if (i == p->nf)
        return -1;
    char *key = nx_name_key(value);
    int found = -1;
    for (; key && i < p->nf && found < 0; i++) {
        if (nx_cgi_filter_split(p->f[i], &v) != facet)
            continue;
        char *k = nx_name_key(v);
        if (k && strcmp(k, key) == 0 && (*key || strcmp(v, value) == 0))
            found = (int)i;
        free(k);
    }
    free(key);
    return found;
}

void nx_buf_count(nx_buf *b, unsigned long long n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", n);
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            nx_buf_add(b, ",", 1);
        nx_buf_add(b, digits + i, 1);
    }
}
