/*
 * cgi_serve.h — private to cgi/: one request of newsdex.cgi, wherever it
 * comes from.  A plain CGI request is the process environment and standard
 * output (main.c); a FastCGI request is its parameters and output stream
 * (fastcgi.c), one after the other in one process.
 */
#ifndef CGI_SERVE_H
#define CGI_SERVE_H

#include <stddef.h>

#include "nx_xapian.h"

/* Where one request's variables come from and its response goes. */
typedef struct nx_cgi_io {
    /* A request variable (REQUEST_METHOD, QUERY_STRING); NULL when unset.
     * Owned by the request. */
    const char *(*param)(void *ctx, const char *name);
    /* Writes all n bytes; non-zero when the client is gone. */
    int (*write)(void *ctx, const char *p, size_t n);
    void *ctx;
} nx_cgi_io;

/* What outlives a request: nothing for a plain CGI; under FastCGI the
 * database handle (with what nx_db_attach keeps on it: the parsed alias
 * table), while it is the current generation and answered cleanly. */
typedef struct nx_cgi_state {
    nx_db *db;    /* NULL: opened by the next request */
    int keep;     /* 1: keep db between requests */
} nx_cgi_state;

/* Serves one request.  argv (argc of them) are NAME=VALUE arguments from
 * a shell, used only when the request has no REQUEST_METHOD.  Returns
 * non-zero when the response could not be written. */
int nx_cgi_handle(const nx_cgi_io *io, nx_cgi_state *st, int argc,
                  char *const *argv);

/* 1 when standard input is a listening socket: started as a FastCGI
 * application (spawn-fcgi, lighttpd's bin-path, systemd's Accept=no). */
int nx_cgi_is_fastcgi(void);
/* Accepts and serves FastCGI requests on standard input until the server
 * closes it or sends SIGTERM; the exit status. */
int nx_cgi_fastcgi_run(void);

#endif
