/*
 * fastcgi.c — newsdex.cgi as a FastCGI application (cgi_serve.h), over
 * Debian's libfcgi: the server (spawn-fcgi, lighttpd's bin-path, systemd
 * socket activation) hands the process a listening socket as standard
 * input, and the process accepts requests on it one at a time, each
 * served by nx_cgi_handle() exactly as a plain CGI request would be — the
 * same bytes after the FastCGI framing.  Only the database handle is kept
 * between requests (cgi_serve.h says when).
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "cgi_serve.h"

int nx_cgi_is_fastcgi(void)
{
    struct stat st;
    int listening = 0;
    socklen_t len = sizeof listening;
    return fstat(STDIN_FILENO, &st) == 0 && S_ISSOCK(st.st_mode) &&
           getsockopt(STDIN_FILENO, SOL_SOCKET, SO_ACCEPTCONN, &listening,
                      &len) == 0 &&
           listening;
}

static const char *fcgi_param(void *ctx, const char *name)
{
    FCGX_Request *req = ctx;
    return FCGX_GetParam(name, req->envp);
}

static int fcgi_write(void *ctx, const char *p, size_t n)
{
    FCGX_Request *req = ctx;
    while (n > 0) {
        int chunk = n > INT_MAX ? INT_MAX : (int)n;
        if (FCGX_PutStr(p, chunk, req->out) != chunk)
            return 1;
        p += chunk;
        n -= (size_t)chunk;
    }
    return 0;
}

/* SIGTERM (the server stopping or shrinking its pool): an idle process
 * ends at once; a busy one finishes the request it holds first. */
static volatile sig_atomic_t busy, stopping;

static void on_term(int sig)
{
    (void)sig;
    if (!busy)
        _exit(0);
    stopping = 1;
}

int nx_cgi_fastcgi_run(void)
{
    /* A client gone mid-answer is a failed write, not the process's end. */
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    FCGX_Request req;
    if (FCGX_Init() != 0 || FCGX_InitRequest(&req, STDIN_FILENO, 0) != 0) {
        fprintf(stderr, "newsdex.cgi: FastCGI: cannot set up the library\n");
        return 1;
    }
    nx_cgi_state st = {NULL, 1};
    nx_cgi_io io = {fcgi_param, fcgi_write, &req};
    for (;;) {
        if (FCGX_Accept_r(&req) < 0)
            break;
        busy = 1;
        nx_cgi_handle(&io, &st, 0, NULL);
        FCGX_Finish_r(&req);
        busy = 0;
        if (stopping)
            break;
    }
    nx_db_close(st.db);
    return 0;
}
