/*
 * nx_cgi.h — the pieces of newsdex.cgi that are not the page itself:
 * bounded output buffers with escaping for each context (HTML text and
 * attributes, URL components), the request-parameter decoder (the
 * QUERY_STRING parser, fuzzed by tests/fuzz/fuzz_cgi_query.c) and the
 * concurrent-search slots.
 *
 * Parameters (DESIGN.md, "CGI page"): q, f (repeatable FACET:VALUE), sort
 * (relevance|date), page (from 1), format (html|json), view
 * (articles|quotes).  Every one is
 * bounded; a value past its bound, malformed percent-encoding, invalid
 * UTF-8 or a control character (tab aside) is an error that names the parameter.
 * Unknown parameters are ignored, as Omega does.
 */
#ifndef NX_CGI_H
#define NX_CGI_H

#include <stdarg.h>
#include <stddef.h>

#include "nx_buf.h"
#include "nx_utf8.h"

/* --------------------------------------------------------- parameters */

#define NX_CGI_MAX_QS 8192        /* QUERY_STRING, bytes */
#define NX_CGI_MAX_Q 1000         /* q, bytes after decoding */
#define NX_CGI_MAX_FILTERS 16     /* f values */
#define NX_CGI_MAX_FILTER 256     /* one f value, bytes after decoding */
#define NX_CGI_MAX_PAGE 1000
#define NX_CGI_PER_PAGE 10

typedef struct nx_cgi_params {
    char *q;                          /* "" when absent; malloc'd */
    char *f[NX_CGI_MAX_FILTERS];      /* "FACET:VALUE", malloc'd */
    size_t nf;
    int sort_date;                    /* sort=date */
    unsigned page;                    /* 1.. */
    int json;                         /* format=json */
    int quotes;                       /* view=quotes: quotes, not articles
                                         (quotes.c) */
} nx_cgi_params;

/* Why a request is refused: the parameter and a sentence for the page. */
typedef struct nx_cgi_error {
    char param[32];                   /* "q", "f", "QUERY_STRING"... */
    char msg[256];
} nx_cgi_error;

enum { NX_CGI_OK = 0, NX_CGI_BAD = -1, NX_CGI_NOMEM = -2 };

void nx_cgi_params_init(nx_cgi_params *p);
void nx_cgi_params_clear(nx_cgi_params *p);

/* Decodes a QUERY_STRING (name=value pairs joined by '&', '+' for space,
 * %XX escapes) of `len` bytes into *p (initialised here).  NX_CGI_BAD with
 * *e filled for a bad request; *p is cleared on failure. */
int nx_cgi_parse_query_string(nx_cgi_params *p, const char *qs, size_t len,
                              nx_cgi_error *e);

/* The same from the command line: each argument is NAME=VALUE, already
 * decoded (like Omega's), with the same checks and bounds. */
int nx_cgi_parse_args(nx_cgi_params *p, int argc, char *const *argv,
                      nx_cgi_error *e);

/* The facet of a "FACET:VALUE" filter and a pointer to its value; -1 when
 * the filter does not have that form. */
int nx_cgi_filter_split(const char *filter, const char **value);

/* --------------------------------------------------------------- slots */

/* Takes one of `n` concurrent-search slots: lock files slot-0..slot-(n-1)
 * in `dir` (created 0700 when missing), held with flock(LOCK_EX|LOCK_NB)
 * until nx_cgi_slot_release() or the process exits.  Returns the locked
 * descriptor; -1 with errno EWOULDBLOCK and `why` empty when every slot is
 * busy; -1 with the reason in `why` when `dir` cannot be used — not a
 * directory of this user's that only this user can write (a link,
 * another user's, group- or world-writable), or an I/O error — which the
 * caller must treat as "no slot" (fail closed). */
int nx_cgi_slot_take(const char *dir, unsigned n, char *why, size_t whylen);

/* Gives the slot back (closes *slot; -1 is a no-op) and sets *slot to -1. */
void nx_cgi_slot_release(int *slot);

#endif
