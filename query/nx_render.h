/*
 * nx_render.h — search results as JSON (the contract in DESIGN.md, shared
 * by `newsdex search --json` and the CGI's format=json) and as text for a
 * person at a terminal.
 */
#ifndef NX_RENDER_H
#define NX_RENDER_H

#include <stdio.h>

#include "nx_query.h"

/* The --json object; malloc'd, NULL on out-of-memory. */
char *nx_render_json(const nx_query_result *r);

/* Human output; `bold` uses terminal bold for matches and titles. */
void nx_render_text(FILE *out, const nx_query_result *r, int bold);

/* Writes s for a terminal: control characters (C0 but newline and tab,
 * DEL, C1) and bytes of invalid UTF-8 as \xHH (the bytes), so text from
 * the user or the index can never drive the terminal; the rest as is. */
void nx_render_safe(FILE *out, const char *s);
/* The same for a part of one line (a file name in a report): newline and
 * tab are escaped too, so one report stays one line. */
void nx_render_safe_line(FILE *out, const char *s);

/* A snippet (HTML-escaped, matches between NX_HI_START/END) as HTML with
 * <b>…</b>, or as plain text (entities decoded) with `on`/`off` around
 * matches.  malloc'd. */
char *nx_snippet_html(const char *snippet);
char *nx_snippet_plain(const char *snippet, const char *on, const char *off);

#endif
