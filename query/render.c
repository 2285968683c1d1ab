/*
 * render.c — JSON and text output of search results (nx_render.h).
 */
#include "nx_render.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_utf8.h"

/* Grows a string buffer; every caller bounds what it appends by its input. */
typedef struct sbuf {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static char *sb_done(sbuf *b)
{
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    if (!b->p)
        return strdup("");
    return b->p;
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Snippets span paragraphs: one line each, so runs of white space become
 * one space. */
char *nx_snippet_html(const char *s)
{
    sbuf b = {0};
    for (const char *p = s; *p; p++) {
        if (is_space(*p)) {
            while (is_space(p[1]))
                p++;
            sb_add(&b, " ", 1);
        } else if (*p == NX_HI_START)
            sb_add(&b, "<b>", 3);
        else if (*p == NX_HI_END)
            sb_add(&b, "</b>", 4);
        else
            sb_add(&b, p, 1);
    }
    return sb_done(&b);
}

char *nx_snippet_plain(const char *s, const char *on, const char *off)
{
    static const struct { const char *ent; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
        {"&#39;", '\''}, {"&apos;", '\''},
    };
    sbuf b = {0};
    for (const char *p = s; *p; p++) {
        if (is_space(*p)) {
            while (is_space(p[1]))
                p++;
            sb_add(&b, " ", 1);
            continue;
        }
        if (*p == NX_HI_START) {
            sb_add(&b, on, strlen(on));
            continue;
        }
        if (*p == NX_HI_END) {
            sb_add(&b, off, strlen(off));
            continue;
        }
        size_t k = 0, ne = sizeof ents / sizeof ents[0];
        if (*p == '&')
            while (k < ne && strncmp(p, ents[k].ent, strlen(ents[k].ent)) != 0)
                k++;
        if (*p == '&' && k < ne) {
            sb_add(&b, &ents[k].c, 1);
            p += strlen(ents[k].ent) - 1;
        } else {
            sb_add(&b, p, 1);
        }
    }
    return sb_done(&b);
}

static cJSON *str_or_null(const cJSON *v)
{
    return cJSON_IsString(v) ? cJSON_CreateString(v->valuestring)
                             : cJSON_CreateNull();
}

static cJSON *array_or_empty(const cJSON *v)
{
    return cJSON_IsArray(v) ? cJSON_Duplicate(v, 1) : cJSON_CreateArray();
}

static cJSON *hit_json(const nx_hit *h)
{
    cJSON *d = cJSON_Parse(h->data);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "rank", h->rank);
    cJSON_AddItemToObject(o, "id",
                          str_or_null(cJSON_GetObjectItemCaseSensitive(d, "id")));
    cJSON_AddNumberToObject(o, "score", (double)(long long)(h->score * 1000 + 0.5) / 1000);
    static const char *fields[] = {"title", "date", "source", "url"};
    for (size_t i = 0; i < 4; i++)
        cJSON_AddItemToObject(
            o, fields[i],
            str_or_null(cJSON_GetObjectItemCaseSensitive(d, fields[i])));
    if (h->snippet) {
        char *html = nx_snippet_html(h->snippet);
        cJSON_AddItemToObject(o, "snippet", html ? cJSON_CreateString(html)
                                                 : cJSON_CreateNull());
        free(html);
    } else {
        cJSON_AddNullToObject(o, "snippet");
    }
    cJSON *ents = cJSON_AddObjectToObject(o, "entities");
    static const char *kinds[] = {"person", "org", "place", "by"};
    for (size_t i = 0; i < 4; i++)
        cJSON_AddItemToObject(
            ents, kinds[i],
            array_or_empty(cJSON_GetObjectItemCaseSensitive(d, kinds[i])));
    cJSON_Delete(d);
    return o;
}

char *nx_render_json(const nx_query_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "query", r->query);
    cJSON_AddNumberToObject(o, "total", (double)r->total);
    cJSON_AddBoolToObject(o, "total_exact", r->total_exact);
    cJSON_AddNumberToObject(o, "offset", r->offset);
    cJSON *hits = cJSON_AddArrayToObject(o, "hits");
    for (size_t i = 0; i < r->nhits; i++)
        cJSON_AddItemToArray(hits, hit_json(&r->hits[i]));
    cJSON *facets = cJSON_AddObjectToObject(o, "facets");
    for (int f = 0; f < NX_FACET_COUNT; f++) {
        if (!(r->facet_mask & (1u << f)))
            continue;
        cJSON *arr = cJSON_AddArrayToObject(facets, nx_facet_defs[f].name);
        for (size_t i = 0; i < r->nfacets[f]; i++) {
            cJSON *v = cJSON_CreateObject();
            cJSON_AddStringToObject(v, "value", r->facets[f][i].value);
            cJSON_AddNumberToObject(v, "count", (double)r->facets[f][i].count);
            cJSON_AddItemToArray(arr, v);
        }
    }
    if (r->suggestion)
        cJSON_AddStringToObject(o, "suggestion", r->suggestion);
    else
        cJSON_AddNullToObject(o, "suggestion");
    cJSON_AddBoolToObject(o, "spelling", r->spelling);
    /* Over shards with --allow-partial: which ones did not answer. */
    cJSON_AddBoolToObject(o, "partial", r->missing != NULL);
    cJSON *miss = cJSON_AddArrayToObject(o, "missing_shards");
    for (const char *p = r->missing; p && *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        char *name = strndup(p, n);
        if (name)
            cJSON_AddItemToArray(miss, cJSON_CreateString(name));
        free(name);
        p += n + (c != NULL);
    }
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

static const char *jstr(const cJSON *d, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(d, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The length of the valid UTF-8 sequence at s (1-4), or 0 (nx_utf8.h
 * says what valid is). */
static size_t utf8_seq(const char *s)
{
    size_t n = (unsigned char)s[0] < 0xc0 ? 1 : (unsigned char)s[0] < 0xe0 ? 2
             : (unsigned char)s[0] < 0xf0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!s[i])
            return 0;
    return nx_utf8_valid(s, n) ? n : 0;
}

void nx_render_safe(FILE *out, const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        size_t n = utf8_seq(s);
        /* C1 controls are U+0080..U+009F: c2 80..c2 9f */
        int control = n == 0 || (c < 0x20 && c != '\n' && c != '\t') ||
                      c == 0x7f ||
                      (c == 0xc2 && (unsigned char)s[1] < 0xa0);
        if (!control) {
            fwrite(s, 1, n, out);
            s += n;
            continue;
        }
        size_t k = n ? n : 1;
        for (size_t i = 0; i < k; i++)
            fprintf(out, "\\x%02x", (unsigned char)s[i]);
        s += k;
    }
}

/* fputs through nx_render_safe, for the printf-style lines below. */
static void put3(FILE *out, const char *a, const char *s, const char *b)
{
    fputs(a, out);
    nx_render_safe(out, s);
    fputs(b, out);
}

void nx_render_text(FILE *out, const nx_query_result *r, int bold)
{
    const char *on = bold ? "\033[1m" : "", *off = bold ? "\033[0m" : "";
    if (r->total == 0) {
        put3(out, "No articles match \"", r->query, "\".\n");
    } else {
        fprintf(out, "%s%llu article%s match%s ",
                r->total_exact ? "" : "About ",
                (unsigned long long)r->total, r->total == 1 ? "" : "s",
                r->total == 1 ? "es" : "");
        put3(out, "\"", r->query, "\"");
        fprintf(out, "; showing %zu from %u.\n\n", r->nhits,
                r->nhits ? r->offset + 1 : r->offset);
    }
    for (size_t i = 0; i < r->nhits; i++) {
        const nx_hit *h = &r->hits[i];
        cJSON *d = cJSON_Parse(h->data);
        const char *title = jstr(d, "title"), *date = jstr(d, "date"),
                   *src = jstr(d, "source"), *id = jstr(d, "id");
        fprintf(out, "%3u. %s", h->rank, on);
        put3(out, "", title && *title ? title : "(no title)", off);
        put3(out, "\n     ", date ? date : "undated", "  ");
        put3(out, "", src ? src : "", "  [");
        put3(out, "", id ? id : "", "]\n");
        if (h->snippet) {
            char *plain = nx_snippet_plain(h->snippet, on, off);
            if (plain)
                fprintf(out, "     %s\n", plain);
            free(plain);
        }
        fputc('\n', out);
        cJSON_Delete(d);
    }
    if (r->suggestion)
        put3(out, "Did you mean: ", r->suggestion, "\n\n");
    if (r->missing)
        put3(out, "PARTIAL RESULTS: shard(s) ", r->missing, " did not answer; "
             "the hits and counts above leave them out.\n\n");
    int any = 0;
    for (int f = 0; f < NX_FACET_COUNT; f++) {
        if (!(r->facet_mask & (1u << f)) || r->nfacets[f] == 0)
            continue;
        if (!any++)
            fprintf(out, "Facets over all %llu matches:\n",
                    (unsigned long long)r->total);
        fprintf(out, "  %-9s", nx_facet_defs[f].name);
        for (size_t i = 0; i < r->nfacets[f]; i++) {
            put3(out, i ? ", " : " ", r->facets[f][i].value, "");
            fprintf(out, " (%llu)", (unsigned long long)r->facets[f][i].count);
        }
        fputc('\n', out);
    }
}
