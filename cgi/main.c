/*
 * main.c — newsdex.cgi: one request.  Reads the parameters from the
 * request's QUERY_STRING (GET and HEAD; other methods get 405) or, run
 * from a shell, from NAME=VALUE arguments like Omega; takes a
 * concurrent-search slot; opens the database named by the server's
 * environment (or, under FastCGI, keeps it open from the last request);
 * runs the faceted search and prints the page (or, with format=json,
 * exactly what `newsdex search --json` prints).
 *
 * Run as a CGI, the request is the process environment and standard
 * output.  Started as a FastCGI application (standard input a listening
 * socket: spawn-fcgi, lighttpd's bin-path, systemd socket activation),
 * fastcgi.c accepts requests one after the other and hands each to
 * nx_cgi_handle() with its own parameters and stream; the configuration
 * below is still read from the process environment, never from a
 * request's parameters.
 *
 * Environment (set by the server, never by the request):
 *   NEWSDEX_DB                  the database (default ./newsdex.db)
 *   NEWSDEX_CGI_SLOTS           concurrent searches allowed (default 4)
 *   NEWSDEX_CGI_LOCKDIR         where the slot lock files live: a
 *                               directory of this user's that nobody else
 *                               can write (default $XDG_RUNTIME_DIR/
 *                               newsdex-cgi, else $TMPDIR/newsdex-cgi-UID,
 *                               TMPDIR defaulting to /tmp); one that fails
 *                               that test gets every search a 503
 *   NEWSDEX_CGI_TIME_LIMIT_MS   match time limit (default 2000)
 *   NEWSDEX_CGI_ALLOW_PARTIAL   1: when NEWSDEX_DB is a stub of shards and
 *                               some do not answer, show the results of the
 *                               others with a notice saying which shards
 *                               are missing; otherwise (default) such a
 *                               request gets a 503 page saying so.  The
 *                               public page numbers the shards by their
 *                               line in the stub ("shard 2 of 3"); their
 *                               HOST:PORT goes to the server's error log
 *                               only
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cgi_page.h"
#include "cgi_serve.h"
#include "nx_quotes.h"
#include "nx_render.h"

#define DEFAULT_SLOTS 4
#define DEFAULT_TIME_LIMIT_MS 2000
#define MAX_WILDCARD 100
#define FACET_VALUES 48     /* per facet for the sidebar: 8 shown and 40
                               behind "more" (cgi/page.c) */
#define PERIOD_VALUES 1000  /* years and months: the histogram wants all */

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

/* Headers and body in one write.  Every response carries the security
 * headers; the stylesheet is inline and allowed by its hash only. */
static int respond(const nx_cgi_io *io, int status, int json,
                   const nx_buf *body, int head, const char *extra)
{
    nx_buf out = NX_BUF_INIT;
    out.max = NX_BUF_MAX + 8192;
    nx_buf_printf(&out, "Status: %d %s\r\n", status, status_text(status));
    nx_buf_printf(&out, "Content-Type: %s\r\n",
                  json ? "application/json" : "text/html; charset=utf-8");
    nx_buf_printf(&out, "Content-Security-Policy: default-src 'none'; "
                  "style-src '%s'; img-src data:; form-action 'self'; "
                  "frame-ancestors 'none'; base-uri 'none'\r\n",
                  nx_cgi_style_hash);
    nx_buf_puts(&out, "X-Content-Type-Options: nosniff\r\n"
                      "Referrer-Policy: no-referrer\r\n"
                      "X-Frame-Options: DENY\r\n"
                      "Cache-Control: no-store\r\n");
    if (extra)
        nx_buf_puts(&out, extra);
    nx_buf_printf(&out, "Content-Length: %zu\r\n\r\n", body->n);
    if (!head)
        nx_buf_add(&out, nx_buf_str(body), body->n);
    int rc = out.err ? 1 : io->write(io->ctx, out.p, out.n);
    nx_buf_free(&out);
    return rc;
}

static int refuse(const nx_cgi_io *io, int status, const char *heading,
                  const char *msg, int head, const char *extra)
{
    nx_buf body = NX_BUF_INIT;
    nx_page_refused(&body, heading, msg);
    int rc = respond(io, status, 0, &body, head, extra);
    nx_buf_free(&body);
    return rc;
}

static unsigned env_number(const char *name, unsigned def, unsigned max)
{
    const char *s = getenv(name);
    char *end;
    if (!s || !*s)
        return def;
    unsigned long v = strtoul(s, &end, 10);
    return *end || v == 0 || v > max ? def : (unsigned)v;
}

/* The slots' directory: NEWSDEX_CGI_LOCKDIR, else one in the user's
 * runtime directory, else one in $TMPDIR named after the uid (which
 * another user may have made first: nx_cgi_slot_take() then refuses it). */
static const char *slot_dir(char *buf, size_t n)
{
    const char *dir = getenv("NEWSDEX_CGI_LOCKDIR");
    if (dir && *dir)
        return dir;
    const char *run = getenv("XDG_RUNTIME_DIR");
    if (run && run[0] == '/' &&
        (size_t)snprintf(buf, n, "%s/newsdex-cgi", run) < n)
        return buf;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || tmp[0] != '/')
        tmp = "/tmp";
    if ((size_t)snprintf(buf, n, "%s/newsdex-cgi-%lu", tmp,
                         (unsigned long)geteuid()) >= n)
        snprintf(buf, n, "/tmp/newsdex-cgi-%lu", (unsigned long)geteuid());
    return buf;
}

/* A concurrent-search slot (its descriptor), -1 when over the cap, -2
 * when the cap cannot be kept (logged): both are refused, never searched
 * uncapped. */
static int take_slot(void)
{
    char buf[4096], why[256];
    const char *dir = slot_dir(buf, sizeof buf);
    unsigned n = env_number("NEWSDEX_CGI_SLOTS", DEFAULT_SLOTS, 1024);
    int fd = nx_cgi_slot_take(dir, n, why, sizeof why);
    if (fd >= 0)
        return fd;
    if (!why[0])
        return -1;
    fprintf(stderr, "newsdex.cgi: lock directory %s %s; searches refused "
            "until it is fixed (set NEWSDEX_CGI_LOCKDIR to a directory "
            "only this user can write)\n", dir, why);
    return -2;
}

static int json_error(const nx_cgi_io *io, int status, const char *param,
                      const char *msg, int head)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", msg);
    if (param)
        cJSON_AddStringToObject(o, "parameter", param);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    nx_buf body = NX_BUF_INIT;
    nx_buf_puts(&body, s ? s : "{}");
    nx_buf_puts(&body, "\n");
    free(s);
    int rc = respond(io, status, 1, &body, head, NULL);
    nx_buf_free(&body);
    return rc;
}

static int allow_partial(void)
{
    const char *s = getenv("NEWSDEX_CGI_ALLOW_PARTIAL");
    return s && strcmp(s, "1") == 0;
}

/* The shards that did not answer as the public sees them: "shard K of N"
 * by their line in the stub, comma-separated; the operator's names
 * (HOST:PORT, paths: the network's layout) go to the error log only.
 * malloc'd; NULL when out of memory. */
static char *public_missing(const nx_db *db, const char *missing, int partial)
{
    fprintf(stderr, "newsdex.cgi: shard%s %s did not answer%s\n",
            strchr(missing, ',') ? "s" : "", missing, partial ? "; answered "
            "from the others" : " (set NEWSDEX_CGI_ALLOW_PARTIAL=1 to answer "
            "from the others)");
    nx_buf out = NX_BUF_INIT;
    size_t total = nx_db_shard_count(db);
    for (const char *s = missing; *s;) {
        const char *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        char *name = strndup(s, n);
        size_t k = name ? nx_db_shard_position(db, name) : 0;
        free(name);
        nx_buf_printf(&out, "%sshard %zu of %zu", out.n ? "," : "", k,
                      total);
        s += n + (c != NULL);
    }
    char *r = out.err ? NULL : strdup(nx_buf_str(&out));
    nx_buf_free(&out);
    return r;
}

/* Some shards did not answer and partial answers are not allowed: 503,
 * saying which (`missing` as public_missing() gives it). */
static int shards_missing(const nx_cgi_io *io, const nx_cgi_params *p,
                          const char *missing, int head)
{
    nx_buf msg = NX_BUF_INIT;
    nx_buf_puts(&msg, "Part of the search index did not answer (");
    for (const char *s = missing; *s; s++)
        nx_buf_puts(&msg, *s == ',' ? ", " : (char[2]){*s, 0});
    nx_buf_puts(&msg, "), so no complete answer can be given. Please try "
                "again in a minute.");
    const char *m = msg.err ? "Shards of the search index did not answer."
                            : nx_buf_str(&msg);
    int rc = p->json ? json_error(io, 503, NULL, m, head)
                     : refuse(io, 503, "Search is unavailable", m, head,
                              "Retry-After: 60\r\n");
    nx_buf_free(&msg);
    return rc;
}

/* The database: the one kept from the last request while it is still the
 * current generation (following new revisions), else opened afresh. */
static int open_db(nx_cgi_state *st, nx_db **db, char **err)
{
    if (st->db && (nx_db_changed(st->db) || nx_db_reopen(st->db) != NX_OK)) {
        nx_db_close(st->db);
        st->db = NULL;
    }
    if (st->db) {
        *db = st->db;
        return NX_OK;
    }
    const char *path = nx_query_db_path(NULL);
    /* Always opened allowing a partial answer, so that the shards missing
     * are known by name; whether to show such an answer is decided below. */
    nx_db_options dbo = NX_DB_OPTIONS_INIT;
    dbo.allow_partial = 1;
    int rc = nx_db_open_ex(db, path, &dbo, err);
    if (rc != NX_OK)
        fprintf(stderr, "newsdex.cgi: %s: %s\n", path,
                *err ? *err : nx_strerror(rc));
    return rc;
}

/* After the search: the handle is kept for the next request only when
 * the caller keeps state and nothing went wrong with the database (a
 * shard left out is tried again by a fresh open). */
static void done_db(nx_cgi_state *st, nx_db *db, int rc)
{
    int healthy = (rc == NX_OK || rc == NX_EQUERY || rc == NX_EINVAL) &&
                  !*nx_db_missing_shards(db);
    if (st->keep && healthy) {
        st->db = db;
        return;
    }
    nx_db_close(db);
    st->db = NULL;
}

/* The Quotes view (view=quotes, quotes.c): as search() below, the quotes
 * that match instead of the articles; format=json is `newsdex quotes
 * --json`. */
static int search_quotes(const nx_cgi_io *io, nx_cgi_state *st,
                         const nx_cgi_params *p, int head, int *slot,
                         nx_db *db)
{
    nx_quotes_options o = NX_QUOTES_OPTIONS_INIT;
    o.query = p->q ? p->q : "";
    o.filters = (const char *const *)p->f;
    o.nfilters = p->nf;
    o.offset = (p->page - 1) * NX_CGI_PER_PAGE;
    o.limit = NX_CGI_PER_PAGE;
    o.sort_by_date = p->sort_date;
    o.facet_limit = FACET_VALUES;
    o.time_limit_ms = env_number("NEWSDEX_CGI_TIME_LIMIT_MS",
                                 DEFAULT_TIME_LIMIT_MS, 600000);
    o.max_wildcard = MAX_WILDCARD;
    nx_quotes_result *r = NULL;
    char *err = NULL;
    int rc = nx_quotes_run(db, &o, &r, &err);
    if (rc == NX_OK && r->missing) {
        char *pub = public_missing(db, r->missing, allow_partial());
        free(r->missing);
        r->missing = pub ? pub : strdup("some shards");
    }
    done_db(st, db, rc);
    nx_cgi_slot_release(slot);
    int query_error = rc == NX_EQUERY || rc == NX_EINVAL;
    if (rc == NX_OK && r->missing && !allow_partial()) {
        rc = shards_missing(io, p, r->missing, head);
        nx_quotes_result_free(r);
        return rc;
    }
    if (rc != NX_OK && !query_error) {
        fprintf(stderr, "newsdex.cgi: quotes search failed: %s\n",
                err ? err : nx_strerror(rc));
        free(err);
        return p->json ? json_error(io, 500, NULL, "the search failed", head)
                       : refuse(io, 500, "The search failed", "Something went "
                                "wrong while searching. Please try again.",
                                head, NULL);
    }
    nx_buf body = NX_BUF_INIT;
    if (p->json && query_error) {
        rc = json_error(io, 400, "q", err ? err : "invalid query", head);
        free(err);
        return rc;
    }
    if (p->json) {
        char *s = nx_quotes_json(r);
        nx_buf_puts(&body, s ? s : "");
        nx_buf_puts(&body, "\n");
        if (!s)
            body.err = 1;
        free(s);
    } else {
        nx_page_quotes(&body, p, r, query_error ? (err ? err : "invalid query")
                                                : NULL);
    }
    nx_quotes_result_free(r);
    free(err);
    rc = body.err ? (p->json ? json_error(io, 500, NULL, "out of memory", head)
                             : refuse(io, 500, "The page is too large", "The "
                                      "results page could not be built.",
                                      head, NULL))
                  : respond(io, 200, p->json, &body, head, NULL);
    nx_buf_free(&body);
    return rc;
}

/* Runs the search holding *slot, which is given back as soon as the
 * database is done with: before the answer is written, so a client that
 * has its answer never finds the slot still taken. */
static int search(const nx_cgi_io *io, nx_cgi_state *st,
                  const nx_cgi_params *p, int head, int *slot)
{
    nx_db *db = NULL;
    char *err = NULL;
    int rc = open_db(st, &db, &err);
    if (rc != NX_OK) {
        free(err);
        nx_cgi_slot_release(slot);
        if (p->json)
            return json_error(io, 503, NULL,
                              "the search index is unavailable", head);
        return refuse(io, 503, "Search is unavailable",
                      "The search index cannot be opened right now. Please "
                      "try again in a minute.", head, "Retry-After: 60\r\n");
    }
    if (p->quotes)
        return search_quotes(io, st, p, head, slot, db);
    nx_query_options o = NX_QUERY_OPTIONS_INIT;
    o.query = p->q ? p->q : "";
    o.filters = (const char *const *)p->f;
    o.nfilters = p->nf;
    o.offset = (p->page - 1) * NX_CGI_PER_PAGE;
    o.limit = NX_CGI_PER_PAGE;
    o.sort_by_date = p->sort_date;
    o.time_limit_ms = env_number("NEWSDEX_CGI_TIME_LIMIT_MS",
                                 DEFAULT_TIME_LIMIT_MS, 600000);
    o.max_wildcard = MAX_WILDCARD;
    if (!p->json) {
        o.facets = NX_PAGE_FACETS;
        o.facet_limit = FACET_VALUES;
        o.period_limit = PERIOD_VALUES;
    }
    nx_query_result *r = NULL;
    rc = nx_query_run(db, &o, &r, &err);
    if (rc == NX_OK && r->missing) {
        char *pub = public_missing(db, r->missing, allow_partial());
        free(r->missing);
        r->missing = pub ? pub : strdup("some shards");
    }
    done_db(st, db, rc);
    nx_cgi_slot_release(slot);
    int query_error = rc == NX_EQUERY || rc == NX_EINVAL;
    if (rc == NX_OK && r->missing && !allow_partial()) {
        rc = shards_missing(io, p, r->missing, head);
        nx_query_result_free(r);
        return rc;
    }
    if (rc != NX_OK && !query_error) {
        fprintf(stderr, "newsdex.cgi: search failed: %s\n",
                err ? err : nx_strerror(rc));
        free(err);
        if (p->json)
            return json_error(io, 500, NULL, "the search failed", head);
        return refuse(io, 500, "The search failed",
                      "Something went wrong while searching. Please try "
                      "again.", head, NULL);
    }
    if (p->json) {
        if (query_error) {
            rc = json_error(io, 400, "q", err ? err : "invalid query", head);
            free(err);
            return rc;
        }
        char *s = nx_render_json(r);
        nx_buf body = NX_BUF_INIT;
        nx_buf_puts(&body, s ? s : "");
        nx_buf_puts(&body, "\n");
        free(s);
        nx_query_result_free(r);
        rc = s && !body.err ? respond(io, 200, 1, &body, head, NULL)
                            : json_error(io, 500, NULL, "out of memory", head);
        nx_buf_free(&body);
        return rc;
    }
    nx_buf body = NX_BUF_INIT;
    nx_page_results(&body, p, r, query_error ? (err ? err : "invalid query")
                                             : NULL);
    nx_query_result_free(r);
    free(err);
    if (body.err) {
        nx_buf_free(&body);
        return refuse(io, 500, "The page is too large",
                      "The results page could not be built.", head, NULL);
    }
    rc = respond(io, 200, 0, &body, head, NULL);
    nx_buf_free(&body);
    return rc;
}

int nx_cgi_handle(const nx_cgi_io *io, nx_cgi_state *st, int argc,
                  char *const *argv)
{
    const char *method = io->param(io->ctx, "REQUEST_METHOD");
    int head = method && strcmp(method, "HEAD") == 0;
    if (method && !head && strcmp(method, "GET") != 0)
        return refuse(io, 405, "Method not allowed",
                      "This page answers GET and HEAD requests only.", 0,
                      "Allow: GET, HEAD\r\n");
    nx_cgi_params p;
    nx_cgi_error e;
    int rc;
    if (!method && argc > 0) {
        rc = nx_cgi_parse_args(&p, argc, argv, &e);
    } else {
        const char *qs = io->param(io->ctx, "QUERY_STRING");
        rc = nx_cgi_parse_query_string(&p, qs ? qs : "", qs ? strlen(qs) : 0,
                                       &e);
    }
    if (rc == NX_CGI_NOMEM)
        return refuse(io, 500, "Out of memory",
                      "The request could not be read.", head, NULL);
    if (rc != NX_CGI_OK) {
        char msg[320];
        snprintf(msg, sizeof msg, "%s.", e.msg);
        msg[0] = (char)(msg[0] >= 'a' && msg[0] <= 'z' ? msg[0] - 32 : msg[0]);
        char extra[64];
        snprintf(extra, sizeof extra, "X-Newsdex-Bad-Parameter: %s\r\n",
                 e.param);
        return refuse(io, 400, "Bad request", msg, head, extra);
    }
    int slot = take_slot();
    if (slot < 0) {
        rc = slot == -1
                 ? refuse(io, 503, "Too many searches at once",
                          "The server is busy with other searches. Please "
                          "try again in a moment.", head,
                          "Retry-After: 2\r\n")
                 : refuse(io, 503, "Search is unavailable",
                          "The search page is not set up to run right now. "
                          "Please try again later.", head,
                          "Retry-After: 60\r\n");
        nx_cgi_params_clear(&p);
        return rc;
    }
    rc = search(io, st, &p, head, &slot);
    nx_cgi_slot_release(&slot);
    nx_cgi_params_clear(&p);
    return rc;
}

/* A plain CGI request: the process environment and standard output. */
static const char *env_param(void *ctx, const char *name)
{
    (void)ctx;
    return getenv(name);
}

static int stdout_write(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    for (size_t done = 0; done < n;) {
        ssize_t w = write(STDOUT_FILENO, p + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return 1;
        done += (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (nx_cgi_is_fastcgi())
        return nx_cgi_fastcgi_run();
    nx_cgi_io io = {env_param, stdout_write, NULL};
    nx_cgi_state st = {NULL, 0};
    return nx_cgi_handle(&io, &st, argc - 1, argv + 1);
}
