/*
 * render.c — output helpers shared by the CLI and the CGI.
 */
#include "nx_render.h"

#include <string.h>

size_t nx_html_escaped_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        switch (*s) {
        case '&': n += 5; break;
        case '<': case '>': n += 4; break;
        case '"': case '\'': n += 6; break;
        default: n++;
        }
    }
    return n;
}
