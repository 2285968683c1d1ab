/*
 * fuzz_cgi_query.c — the CGI's QUERY_STRING decoder (cgi/params.c) and the
 * escaping the page applies to what it decodes.  Checks, for any input:
 * an accepted request has every value within its bound, valid UTF-8 and
 * free of control characters; encoding the decoded parameters again (as
 * the page's links do) and decoding that gives the same parameters; HTML
 * escaping leaves no character that could open a tag or end an attribute.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_cgi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_value(const char *v, size_t max)
{
    size_t n = strlen(v);
    if (n > max || !nx_utf8_valid(v, n))
        abort();
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)v[i] < 0x20 && v[i] != '\t') || v[i] == 0x7f)
            abort();
    nx_buf h = NX_BUF_INIT;
    nx_buf_html(&h, v);
    if (h.err || strpbrk(nx_buf_str(&h), "<>\"'"))
        abort();
    nx_buf_free(&h);
}

static void encode(nx_buf *b, const nx_cgi_params *p)
{
    nx_buf_puts(b, "q=");
    nx_buf_url(b, p->q ? p->q : "");
    for (size_t i = 0; i < p->nf; i++) {
        nx_buf_puts(b, "&f=");
        nx_buf_url(b, p->f[i]);
    }
    if (p->sort_date)
        nx_buf_puts(b, "&sort=date");
    nx_buf_printf(b, "&page=%u", p->page);
    if (p->json)
        nx_buf_puts(b, "&format=json");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nx_cgi_params p, again;
    nx_cgi_error e;
    if (nx_cgi_parse_query_string(&p, (const char *)data, size, &e) !=
        NX_CGI_OK) {
        /* A refusal names a parameter and says why. */
        if (!e.param[0] || !e.msg[0] || p.q || p.nf)
            abort();
        return 0;
    }
    if (size > NX_CGI_MAX_QS || p.nf > NX_CGI_MAX_FILTERS || p.page < 1 ||
        p.page > NX_CGI_MAX_PAGE)
        abort();
    check_value(p.q ? p.q : "", NX_CGI_MAX_Q);
    for (size_t i = 0; i < p.nf; i++) {
        const char *v;
        check_value(p.f[i], NX_CGI_MAX_FILTER);
        if (nx_cgi_filter_split(p.f[i], &v) < 0)
            abort();
    }
    nx_buf b = NX_BUF_INIT;
    encode(&b, &p);
    /* Percent-encoding can triple a value, past the QUERY_STRING bound:
     * only compare what still fits. */
    if (!b.err && b.n <= NX_CGI_MAX_QS) {
        if (nx_cgi_parse_query_string(&again, nx_buf_str(&b), b.n, &e) !=
            NX_CGI_OK)
            abort();
        if (strcmp(p.q ? p.q : "", again.q ? again.q : "") != 0 ||
            p.nf != again.nf || p.sort_date != again.sort_date ||
            p.page != again.page || p.json != again.json)
            abort();
        for (size_t i = 0; i < p.nf; i++)
            if (strcmp(p.f[i], again.f[i]) != 0)
                abort();
        nx_cgi_params_clear(&again);
    }
    nx_buf_free(&b);
    nx_cgi_params_clear(&p);
    return 0;
}
