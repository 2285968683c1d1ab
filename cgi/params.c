/*
 * params.c — the request-parameter decoder of newsdex.cgi (nx_cgi.h): the
 * QUERY_STRING parser and its command-line twin, with every bound and
 * check in one place so the fuzz target covers all of them.
 */
#include "nx_cgi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_facets.h"

static int fail(nx_cgi_error *e, const char *param, const char *fmt,
                const char *a)
{
    snprintf(e->param, sizeof e->param, "%s", param);
    int n = snprintf(e->msg, sizeof e->msg, fmt, param, a);
    if (n >= (int)sizeof e->msg) {
        /* A message quoting a long value is cut: at a character boundary
         * (the page must stay valid UTF-8), and marked as cut. */
        size_t k = sizeof e->msg - 4;
        while (k > 0 && ((unsigned char)e->msg[k] & 0xc0) == 0x80)
            k--;
        memcpy(e->msg + k, "...", 4);
    }
    return NX_CGI_BAD;
}

void nx_cgi_params_init(nx_cgi_params *p)
{
    memset(p, 0, sizeof *p);
    p->page = 1;
}

void nx_cgi_params_clear(nx_cgi_params *p)
{
    free(p->q);
    for (size_t i = 0; i < p->nf; i++)
        free(p->f[i]);
    nx_cgi_params_init(p);
}

int nx_cgi_filter_split(const char *filter, const char **value)
{
    const char *colon = strchr(filter, ':');
    char name[16];
    size_t n = colon ? (size_t)(colon - filter) : 0;
    if (!colon || n == 0 || n >= sizeof name)
        return -1;
    memcpy(name, filter, n);
    name[n] = '\0';
    *value = colon + 1;
    return nx_facet_lookup(name);
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A filter the page can run: a known facet, a value with something in it,
 * and a well-formed period for year/month. */
static int check_filter(const char *v, nx_cgi_error *e)
{
    const char *value;
    int facet = nx_cgi_filter_split(v, &value);
    if (facet < 0)
        return fail(e, "f", "parameter %s must be FACET:VALUE with FACET one "
                    "of by, person, org, place, category, author, year, "
                    "month%s", "");
    size_t n = strlen(value);
    if (value[strspn(value, " \t\r\n")] == '\0')
        return fail(e, "f", "parameter %s has an empty value in \"%s\"", v);
    if (facet == NX_FACET_YEAR && !(n == 4 && digits(value, 4)))
        return fail(e, "f", "parameter %s: a year is YYYY, not \"%s\"", value);
    if (facet == NX_FACET_MONTH &&
        !(n == 7 && digits(value, 4) && value[4] == '-' &&
          digits(value + 5, 2) && atoi(value + 5) >= 1 &&
          atoi(value + 5) <= 12))
        return fail(e, "f", "parameter %s: a month is YYYY-MM, not \"%s\"",
                    value);
    return NX_CGI_OK;
}

/* Stores one decoded parameter.  `name` is NUL-terminated; `v` has `n`
 * bytes and a NUL after them. */
static int take(nx_cgi_params *p, unsigned *seen, const char *name, char *v,
                size_t n, nx_cgi_error *e)
{
    if (!nx_utf8_valid(v, n) || strlen(v) != n)
        return fail(e, name, "parameter %s is not valid UTF-8 text%s", "");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return fail(e, name, "parameter %s contains a control "
                        "character%s", "");
    }
    static const char *const single[] = {"q", "sort", "page", "format",
                                         "view"};
    for (unsigned k = 0; k < 5; k++) {
        if (strcmp(name, single[k]) != 0)
            continue;
        if (*seen & (1u << k))
            return fail(e, name, "parameter %s is given more than once%s",
                        "");
        *seen |= 1u << k;
    }
    if (strcmp(name, "q") == 0) {
        if (n > NX_CGI_MAX_Q)
            return fail(e, "q", "parameter %s is longer than %s bytes",
                        "1000");
        char *q = strdup(v);
        if (!q)
            return NX_CGI_NOMEM;
        free(p->q);
        p->q = q;
    } else if (strcmp(name, "f") == 0) {
        if (n == 0)
            return NX_CGI_OK;  /* an empty form field */
        if (n > NX_CGI_MAX_FILTER)
            return fail(e, "f", "parameter %s is longer than %s bytes",
                        "256");
        int rc = check_filter(v, e);
        if (rc != NX_CGI_OK)
            return rc;
        for (size_t i = 0; i < p->nf; i++)
            if (strcmp(p->f[i], v) == 0)
                return NX_CGI_OK;
        if (p->nf == NX_CGI_MAX_FILTERS)
            return fail(e, "f", "parameter %s is given more than %s times",
                        "16");
        if (!(p->f[p->nf] = strdup(v)))
            return NX_CGI_NOMEM;
        p->nf++;
    } else if (strcmp(name, "sort") == 0) {
        if (strcmp(v, "date") == 0)
            p->sort_date = 1;
        else if (n && strcmp(v, "relevance") != 0)
            return fail(e, "sort", "parameter %s is relevance or date, not "
                        "\"%s\"", v);
    } else if (strcmp(name, "page") == 0) {
        if (n == 0)
            return NX_CGI_OK;
        if (n > 4 || !digits(v, n) || atoi(v) < 1 ||
            atoi(v) > NX_CGI_MAX_PAGE)
            return fail(e, "page", "parameter %s is a number from 1 to "
                        "1000, not \"%s\"", v);
        p->page = (unsigned)atoi(v);
    } else if (strcmp(name, "format") == 0) {
        if (strcmp(v, "json") == 0)
            p->json = 1;
        else if (n && strcmp(v, "html") != 0)
            return fail(e, "format", "parameter %s is html or json, not "
                        "\"%s\"", v);
    } else if (strcmp(name, "view") == 0) {
        if (strcmp(v, "quotes") == 0)
            p->quotes = 1;
        else if (n && strcmp(v, "articles") != 0)
            return fail(e, "view", "parameter %s is articles or quotes, not "
                        "\"%s\"", v);
    }
    return NX_CGI_OK;
}

static int known(const char *name)
{
    return strcmp(name, "q") == 0 || strcmp(name, "f") == 0 ||
           strcmp(name, "sort") == 0 || strcmp(name, "page") == 0 ||
           strcmp(name, "format") == 0 || strcmp(name, "view") == 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) ('+' = space, %XX) into out (n + 1 bytes); the decoded
 * length, or -1 for a malformed escape. */
static long decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%') {
            /* two hex digits must follow */
            int hi = n - i >= 3 ? hexval(s[i + 1]) : -1;
            int lo = n - i >= 3 ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return -1;
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return (long)o;
}

int nx_cgi_parse_query_string(nx_cgi_params *p, const char *qs, size_t len,
                              nx_cgi_error *e)
{
    nx_cgi_params_init(p);
    if (len > NX_CGI_MAX_QS)
        return fail(e, "QUERY_STRING", "the request's query string (%s) is "
                    "longer than %s bytes", "8192");
    char *name = malloc(len + 1), *value = malloc(len + 1);
    int rc = name && value ? NX_CGI_OK : NX_CGI_NOMEM;
    unsigned seen = 0;
    size_t i = 0;
    while (rc == NX_CGI_OK && i < len) {
        size_t end = i;
        while (end < len && qs[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && qs[eq] != '=')
            eq++;
        if (end > i) {
            long nn = decode(qs + i, eq - i, name);
            if (nn < 0 || !nx_utf8_valid(name, (size_t)nn) ||
                strlen(name) != (size_t)nn) {
                rc = fail(e, "(name)", "a parameter name %s is not "
                          "well-formed%s", "");
                break;
            }
            size_t vs = eq < end ? eq + 1 : end;
            /* Unknown parameters are ignored unread (a form's button, a
             * tracker's tag); messages only ever name known ones. */
            if (known(name)) {
                long vn = decode(qs + vs, end - vs, value);
                if (vn < 0) {
                    rc = fail(e, name, "parameter %s has malformed "
                              "percent-encoding%s", "");
                    break;
                }
                rc = take(p, &seen, name, value, (size_t)vn, e);
            }
        }
        i = end + 1;
    }
    free(name);
    free(value);
    if (rc != NX_CGI_OK)
        nx_cgi_params_clear(p);
    return rc;
}

int nx_cgi_parse_args(nx_cgi_params *p, int argc, char *const *argv,
                      nx_cgi_error *e)
{
    nx_cgi_params_init(p);
    unsigned seen = 0;
    size_t total = 0;
    int rc = NX_CGI_OK;
    for (int i = 0; i < argc && rc == NX_CGI_OK; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t nl = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        total += strlen(argv[i]) + 1;
        if (total > NX_CGI_MAX_QS) {
            rc = fail(e, "QUERY_STRING", "the arguments (%s) are longer "
                      "than %s bytes", "8192");
            break;
        }
        char name[32];
        if (nl == 0 || nl >= sizeof name)
            continue;
        memcpy(name, argv[i], nl);
        name[nl] = '\0';
        if (!known(name))
            continue;
        const char *v = eq ? eq + 1 : "";
        char *copy = strdup(v);
        if (!copy) {
            rc = NX_CGI_NOMEM;
            break;
        }
        rc = take(p, &seen, name, copy, strlen(copy), e);
        free(copy);
    }
    if (rc != NX_CGI_OK)
        nx_cgi_params_clear(p);
    return rc;
}
