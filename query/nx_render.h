#ifndef NX_RENDER_H
#define NX_RENDER_H
#include <stddef.h>
/* Bytes s takes once HTML-escaped (& < > " '). */
size_t nx_html_escaped_len(const char *s);
#endif
