/*
 * ingest_json.c — .json (an object or an array of objects) and .jsonl (an
 * object a line) records into articles.
 *
 * A .json array is not handed to cJSON whole: a small scanner below finds
 * where each element starts and ends (balancing strings and brackets only)
 * and each element is parsed on its own.  That way one broken element is
 * reported and skipped while the others are read, an element over the
 * record bound is refused before any tree is built for it, and memory is
 * one record's tree, not the file's.
 *
 * cJSON keeps a process-global error pointer; it is never read here.  The
 * error position comes from cJSON_ParseWithLengthOpts' return_parse_end,
 * and "unexpected end of input" from our own bracket balance.
 */
#include "ingest_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_dates.h"
#include "nx_xapian.h"

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of the JSON value starting at p (a non-blank byte before e):
 * strings and brackets are balanced, the grammar is left to cJSON.
 * *complete is 0 when the input ended inside the value. */
static const char *value_end(const char *p, const char *e, int *complete)
{
    size_t depth = 0;
    int in_str = 0;
    *complete = 1;
    for (; p < e; p++) {
        char c = *p;
        if (in_str) {
            if (c == '\\') {
                if (++p == e)
                    break;
            } else if (c == '"') {
                in_str = 0;
                if (depth == 0)
                    return p + 1;
            }
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return p;       /* closes the enclosing array */
            if (--depth == 0)
                return p + 1;
        } else if (depth == 0 && (c == ',' || is_ws(c))) {
            return p;           /* end of a scalar */
        }
    }
    if (in_str || depth > 0)
        *complete = 0;
    return e;
}

/* The value of the four hex digits at p, or -1. */
static long hex4(const char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A copy that cJSON may read one byte past (it is NUL-terminated), with
 * what cJSON would lose made U+FFFD, in place and at the same length (so
 * error columns still match the input):
 *  - a raw NUL byte inside a string becomes a control byte, which the
 *    cleaner replaces and counts (cJSON's strings are C strings: the field
 *    was silently cut at the NUL);
 *  - a \u0000 escape, and a \uD800-\uDFFF escape not part of a
 *    high-low pair, become \uFFFD (cJSON cut the field at the first and
 *    refused the whole record for the second); *nbad counts these.
 * One pass, string state only; the grammar is left to cJSON. */
static char *record_copy(const char *s, size_t len, size_t *nbad)
{
    char *c = malloc(len + 1);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    c[len] = '\0';
    int in_str = 0;
    for (size_t i = 0; i < len; i++) {
        if (!in_str) {
            in_str = c[i] == '"';
        } else if (c[i] == '"') {
            in_str = 0;
        } else if (c[i] == '\0') {
            c[i] = '\x01';
        } else if (c[i] == '\\' && i + 1 < len) {
            i++;                    /* the escaped character */
            if (c[i] != 'u' || len - i < 5)
                continue;
            long u = hex4(c + i + 1);
            if (u >= 0xd800 && u <= 0xdbff && len - i >= 11 &&
                c[i + 5] == '\\' && c[i + 6] == 'u') {
                long lo = hex4(c + i + 7);
                if (lo >= 0xdc00 && lo <= 0xdfff) {
                    i += 10;        /* a pair: left to cJSON */
                    continue;
                }
            }
            if (u == 0 || (u >= 0xd800 && u <= 0xdfff)) {
                memcpy(c + i + 1, "FFFD", 4);
                (*nbad)++;
            }
            if (u >= 0)
                i += 4;
        }
    }
    return c;
}

/* A copy of a JSON string value, cleaned; counts repairs in *nbad. */
static char *clean(const char *s, size_t *nbad)
{
    size_t n = 0;
    char *c = nx_utf8_clean(s, strlen(s), &n);
    *nbad += n;
    return c;
}

/* The first field of `names` present and not null; *which gets its name. */
static const cJSON *field(const cJSON *o, const char *const *names,
                          const char **which)
{
    for (; *names; names++) {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, *names);
        if (f && !cJSON_IsNull(f)) {
            *which = *names;
            return f;
        }
    }
    return NULL;
}

static void wrong_type(const nx_ing *g, long line, const char *name,
                       const char *want)
{
    nx_ing_report(g, NX_REPORT_WARNING, line,
                  "field \"%s\" is not %s; ignored", name, want);
}

/* A string field into *out (cleaned, trimmed); a wrong type is reported. */
static int get_string(const nx_ing *g, const cJSON *o,
                      const char *const *names, long line, char **out,
                      size_t *nbad)
{
    const char *name;
    const cJSON *f = field(o, names, &name);
    if (!f)
        return NX_OK;
    if (!cJSON_IsString(f)) {
        wrong_type(g, line, name, "a string");
        return NX_OK;
    }
    if (!(*out = clean(f->valuestring, nbad)))
        return NX_ENOMEM;
    nx_ing_trim(*out);
    return NX_OK;
}

static int push_clean(nx_strlist *l, const char *s, size_t *nbad)
{
    char *c = clean(s, nbad);
    if (!c)
        return NX_ENOMEM;
    int rc = *nx_ing_trim(c) ? nx_strlist_push(l, c) : NX_OK;
    free(c);
    return rc;
}

/* A string or an array of strings into a list; other items are reported. */
static int get_list(const nx_ing *g, const cJSON *o,
                    const char *const *names, long line, nx_strlist *l,
                    size_t *nbad)
{
    const char *name;
    const cJSON *f = field(o, names, &name);
    if (!f)
        return NX_OK;
    if (cJSON_IsString(f))
        return push_clean(l, f->valuestring, nbad);
    if (!cJSON_IsArray(f)) {
        wrong_type(g, line, name, "a string or an array of strings");
        return NX_OK;
    }
    int others = 0;
    for (const cJSON *it = f->child; it; it = it->next) {
        if (!cJSON_IsString(it)) {
            others += !cJSON_IsNull(it);
            continue;
        }
        if (push_clean(l, it->valuestring, nbad) != NX_OK)
            return NX_ENOMEM;
    }
    if (others)
        nx_ing_report(g, NX_REPORT_WARNING, line,
                      "field \"%s\": %d item(s) not strings; ignored", name,
                      others);
    return NX_OK;
}

/* Whole numbers JSON may carry exactly (|v| < 2^53). */
static int whole(double v)
{
    return isfinite(v) && floor(v) == v && fabs(v) < 9007199254740992.0;
}

static int get_id(const nx_ing *g, const cJSON *o, long line, char **out,
                  size_t *nbad)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, g->id_field);
    if (!f || cJSON_IsNull(f))
        return NX_OK;
    if (cJSON_IsNumber(f) && whole(f->valuedouble)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)f->valuedouble);
        return (*out = strdup(buf)) ? NX_OK : NX_ENOMEM;
    }
    if (cJSON_IsString(f)) {
        if (!(*out = clean(f->valuestring, nbad)))
            return NX_ENOMEM;
        if (*nx_ing_trim(*out))
            return NX_OK;
        free(*out);
        *out = NULL;
    }
    nx_ing_report(g, NX_REPORT_WARNING, line,
                  "field \"%s\" is not a non-empty string or an integer; "
                  "the default id is used", g->id_field);
    return NX_OK;
}

static int get_date(const nx_ing *g, const cJSON *o, long line,
                    nx_article *a, size_t *nbad)
{
    static const char *const names[] = {"date", "published", "ts", NULL};
    const char *name;
    const cJSON *f = field(o, names, &name);
    if (!f)
        return NX_OK;
    if (cJSON_IsString(f)) {
        char *raw = clean(f->valuestring, nbad);
        if (!raw)
            return NX_ENOMEM;
        int rc = nx_ing_set_date(g, a, nx_ing_trim(raw), line);
        free(raw);
        return rc;
    }
    if (!cJSON_IsNumber(f)) {
        wrong_type(g, line, name, "a string or a number");
        return NX_OK;
    }
    /* A number is epoch seconds; a fraction is dropped (towards the past,
     * like the fraction of an ISO time). */
    char buf[40];
    double v = f->valuedouble;
    if (whole(v))
        snprintf(buf, sizeof buf, "%lld", (long long)v);
    else
        snprintf(buf, sizeof buf, "%.17g", v);
    if (!(a->date_raw = strdup(buf)))
        return NX_ENOMEM;
    if (isfinite(v) && v >= -62135596800.0 && v < 253402300800.0)
        a->date = (int64_t)floor(v);
    else
        nx_ing_report(g, NX_REPORT_WARNING, line,
                      "unreadable date %s (epoch seconds out of range)", buf);
    return NX_OK;
}

static char *default_id(const nx_ing *g, long pos)
{
    size_t n = strlen(g->root_rel) + 24;
    char *id = malloc(n);
    if (id) {
        if (pos > 0)
            snprintf(id, n, "%s#%ld", g->root_rel, pos);
        else
            snprintf(id, n, "%s", g->root_rel);
    }
    return id;
}

/* The fields of one object into an article and on to the callback.  `pos`
 * is the line or array position (0: a lone object, whose id is the path). */
static int from_object(const nx_ing *g, const cJSON *o, long line, long pos,
                       size_t nbad)
{
    static const char *const title[] = {"title", NULL};
    static const char *const body[] = {"body", "text", "content", NULL};
    static const char *const url[] = {"url", NULL};
    static const char *const dateline[] = {"dateline", NULL};
    static const char *const author[] = {"author", "authors", NULL};
    static const char *const category[] = {"category", "topics", NULL};
    static const char *const people[] = {"people", NULL};
    static const char *const orgs[] = {"orgs", NULL};
    static const char *const places[] = {"places", NULL};
    nx_article a;
    nx_article_init(&a);
    a.line = line;
    int rc = get_id(g, o, line, &a.id, &nbad);
    if (!rc && !a.id && !(a.id = default_id(g, pos)))
        rc = NX_ENOMEM;
    if (!rc && !(a.source = strdup(g->root_rel)))
        rc = NX_ENOMEM;
    if (!rc)
        rc = get_string(g, o, title, line, &a.title, &nbad);
    if (!rc)
        rc = get_string(g, o, body, line, &a.body, &nbad);
    if (!rc)
        rc = get_string(g, o, url, line, &a.url, &nbad);
    if (!rc)
        rc = get_string(g, o, dateline, line, &a.dateline, &nbad);
    if (!rc)
        rc = get_date(g, o, line, &a, &nbad);
    if (!rc)
        rc = get_list(g, o, author, line, &a.authors, &nbad);
    if (!rc)
        rc = get_list(g, o, category, line, &a.categories, &nbad);
    if (!rc)
        rc = get_list(g, o, people, line, &a.people, &nbad);
    if (!rc)
        rc = get_list(g, o, orgs, line, &a.orgs, &nbad);
    if (!rc)
        rc = get_list(g, o, places, line, &a.places, &nbad);
    if (!rc && a.url && !*a.url) {
        free(a.url);
        a.url = NULL;
    }
    if (!rc && !a.title && !(a.title = strdup("")))
        rc = NX_ENOMEM;
    if (!rc && !a.body && !(a.body = strdup("")))
        rc = NX_ENOMEM;
    if (rc) {
        nx_article_clear(&a);
        return rc;
    }
    return nx_ing_emit(g, &a, line, nbad);
}

/* 1-based line and column of byte `at` of text, which starts at column
 * col0 + 1 of line first_line (for error messages). */
static void line_col(const char *text, const char *at, long first_line,
                     long col0, long *line, long *col)
{
    *line = first_line;
    const char *bol = text;
    for (const char *q = text; q < at; q++)
        if (*q == '\n') {
            (*line)++;
            bol = q + 1;
            col0 = 0;
        }
    *col = (long)(at - bol) + 1 + col0;
}

/* Parses one record's text.  `line` is what reports carry, `pos` the id
 * suffix (0: none), `phys` the physical line the text starts on (0 for
 * JSONL, whose messages give a column only) and col0 the bytes before it
 * on that line. */
static int parse_record(const nx_ing *g, const char *s, size_t len,
                        long line, long pos, long phys, long col0)
{
    if (len > g->max_record) {
        nx_ing_report_toobig(g, line, len);
        return NX_OK;
    }
    size_t nbad = 0;
    char *copy = record_copy(s, len, &nbad);
    if (!copy)
        return NX_ENOMEM;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len, &end, 0);
    const char *tail = end ? end : copy;
    if (root)
        while (tail < copy + len && is_ws(*tail))
            tail++;
    int rc = NX_OK;
    if (!root || tail < copy + len) {
        const char *p = copy;
        while (p < copy + len && is_ws(*p))
            p++;
        int complete = 1;
        if (!root && p < copy + len)
            value_end(p, copy + len, &complete);
        if (!root && (p == copy + len || !complete)) {
            nx_ing_report(g, NX_REPORT_SKIPPED, line,
                          "invalid JSON: unexpected end of input");
        } else {
            long l, c;
            line_col(copy, tail, phys, col0, &l, &c);
            const char *what = root ? "data after the JSON value"
                                    : "invalid JSON";
            if (phys)
                nx_ing_report(g, NX_REPORT_SKIPPED, line, "%s at line %ld, "
                              "column %ld", what, l, c);
            else
                nx_ing_report(g, NX_REPORT_SKIPPED, line, "%s at column %ld",
                              what, c);
        }
    } else if (!cJSON_IsObject(root)) {
        nx_ing_report(g, NX_REPORT_SKIPPED, line, "not a JSON object");
    } else {
        rc = from_object(g, root, line, pos, nbad);
    }
    cJSON_Delete(root);
    free(copy);
    return rc;
}

int nx_ing_jsonl_line(const nx_ing *g, const char *line, size_t len,
                      long lineno)
{
    if (len > 0 && line[len - 1] == '\r')
        len--;
    if (lineno == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
        line += 3;  /* a byte order mark */
        len -= 3;
    }
    size_t i = 0;
    while (i < len && is_ws(line[i]))
        i++;
    if (i == len)
        return NX_OK;
    return parse_record(g, line, len, lineno, lineno, 0, 0);
}

int nx_ingest_jsonl(const char *buf, size_t len, const char *name,
                    const char *root_rel, const nx_ingest_options *opts,
                    nx_article_fn on_article, nx_report_fn on_report,
                    void *ctx)
{
    nx_ing g;
    nx_ing_init(&g, opts, name, root_rel, on_article, on_report, ctx);
    const char *p = buf, *e = buf + len;
    long lineno = 0;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *eol = nl ? nl : e;
        int rc = nx_ing_jsonl_line(&g, p, (size_t)(eol - p), ++lineno);
        if (rc)
            return rc;
        p = nl ? nl + 1 : e;
    }
    return NX_OK;
}

/* Where a byte of a .json file is, counted once for the whole file:
 * line numbers and columns for reports, without rescanning (a minified
 * file is one long line). */
typedef struct cursor {
    const char *at;   /* counted up to here */
    const char *bol;  /* start of the line `at` is on */
    long line;
} cursor;

static long advance_line(cursor *c, const char *p)
{
    for (const char *q = c->at; q < p; q++)
        if (*q == '\n') {
            c->line++;
            c->bol = q + 1;
        }
    c->at = p;
    return c->line;
}

int nx_ingest_json(const char *buf, size_t len, const char *name,
                   const char *root_rel, const nx_ingest_options *opts,
                   nx_article_fn on_article, nx_report_fn on_report,
                   void *ctx)
{
    nx_ing g;
    nx_ing_init(&g, opts, name, root_rel, on_article, on_report, ctx);
    const char *p = buf, *e = buf + len;
    cursor cur = {buf, buf, 1};
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (p < e && is_ws(*p))
        p++;
    if (p == e) {
        nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "no JSON value (empty file)");
        return NX_OK;
    }
    int complete, rc;
    if (*p != '[') {
        /* A lone value: one record, line 1, id = the path itself. */
        const char *end = value_end(p, e, &complete);
        if (*p == '{' && complete) {
            const char *q = end;
            while (q < e && is_ws(*q))
                q++;
            end = q == e ? e : end;
        } else {
            end = e;    /* let cJSON say what is wrong with all of it */
        }
        long l = advance_line(&cur, p);
        rc = parse_record(&g, p, (size_t)(end - p), 1, 0, l,
                          (long)(p - cur.bol));
        if (!rc && end < e)
            nx_ing_report(&g, NX_REPORT_WARNING, 0,
                          "data after the JSON object at line %ld ignored",
                          advance_line(&cur, end));
        return rc;
    }
    p++;
    long pos = 0;
    for (;;) {
        while (p < e && is_ws(*p))
            p++;
        if (p < e && *p == ']' && pos == 0)
            break;      /* [] */
        if (p == e) {
            nx_ing_report(&g, NX_REPORT_SKIPPED, 0,
                          "invalid JSON: unexpected end of input");
            return NX_OK;
        }
        if (*p == ']' || *p == ',') {
            nx_ing_report(&g, NX_REPORT_SKIPPED, 0,
                          "invalid JSON at line %ld: expected a value",
                          advance_line(&cur, p));
            return NX_OK;
        }
        const char *end = value_end(p, e, &complete);
        if (end == p)   /* a stray '}' */
            end++;
        pos++;
        long l = advance_line(&cur, p);
        rc = parse_record(&g, p, (size_t)(end - p), pos, pos, l,
                          (long)(p - cur.bol));
        if (rc || !complete)
            return rc;  /* the cut element was reported */
        p = end;
        while (p < e && is_ws(*p))
            p++;
        if (p < e && *p == ',') {
            p++;
            continue;
        }
        if (p < e && *p == ']')
            break;
        if (p == e)
            nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "invalid JSON: unexpected "
                          "end of input (array not closed)");
        else
            nx_ing_report(&g, NX_REPORT_SKIPPED, 0, "invalid JSON at line "
                          "%ld: expected ',' or ']'",
                          advance_line(&cur, p));
        return NX_OK;
    }
    p++;
    while (p < e && is_ws(*p))
        p++;
    if (p < e)
        nx_ing_report(&g, NX_REPORT_WARNING, 0,
                      "data after the JSON array at line %ld ignored",
                      advance_line(&cur, p));
    return NX_OK;
}
