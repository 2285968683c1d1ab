/*
 * render.c — JSON and text output of search results (nx_render.h).
 */
#include "nx_render.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_buf.h"
#include "nx_utf8.h"

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Snippets span paragraphs: one line each, so runs of white space become
 * one space. */
char *nx_snippet_html(const char *s)
{
    nx_buf b = NX_BUF_INIT;
    for (const char *p = s; *p; p++) {
        if (is_space(*p)) {
            while (is_space(p[1]))
                p++;
            nx_buf_add(&b, " ", 1);
        } else if (*p == NX_HI_START)
            nx_buf_add(&b, "<b>", 3);
        else if (*p == NX_HI_END)
            nx_buf_add(&b, "</b>", 4);
        else
            nx_buf_add(&b, p, 1);
    }
    return nx_buf_take(&b);
}

char *nx_snippet_plain(const char *s, const char *on, const char *off)
{
    static const struct { const char *ent; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
        {"&#39;", '\''}, {"&apos;", '\''},
    };
    nx_buf b = NX_BUF_INIT;
    for (const char *p = s; *p; p++) {
        if (is_space(*p)) {
            while (is_space(p[1]))
                p++;
            nx_buf_add(&b, " ", 1);
            continue;
        }
        if (*p == NX_HI_START) {
            nx_buf_add(&b, on, strlen(on));
            continue;
        }
        if (*p == NX_HI_END) {
            nx_buf_add(&b, off, strlen(off));
            continue;
        }
        size_t k = 0, ne = sizeof ents / sizeof ents[0];
        if (*p == '&')
            while (k < ne && strncmp(p, ents[k].ent, strlen(ents[k].ent)) != 0)
                k++;
        if (*p == '&' && k < ne) {
            nx_buf_add(&b, &ents[k].c, 1);
            p += strlen(ents[k].ent) - 1;
        } else {
            nx_buf_add(&b, p, 1);
        }
    }
    return nx_buf_take(&b);
}

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *array_of(const nx_stored_list *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
    return a;
}

static cJSON *hit_json(const nx_hit *h)
{
    const nx_stored *d = &h->doc;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "rank", h->rank);
    cJSON_AddItemToObject(o, "id", str_or_null(d->id));
    cJSON_AddNumberToObject(o, "score", (double)(long long)(h->score * 1000 + 0.5) / 1000);
    cJSON_AddItemToObject(o, "title", str_or_null(d->title));
    cJSON_AddItemToObject(o, "date", str_or_null(d->date));
    cJSON_AddItemToObject(o, "source", str_or_null(d->source));
    cJSON_AddItemToObject(o, "url", str_or_null(d->url));
    if (h->snippet) {
        char *html = nx_snippet_html(h->snippet);
        cJSON_AddItemToObject(o, "snippet", html ? cJSON_CreateString(html)
                                                 : cJSON_CreateNull());
        free(html);
    } else {
        cJSON_AddNullToObject(o, "snippet");
    }
    cJSON *ents = cJSON_AddObjectToObject(o, "entities");
    static const nx_facet_id kinds[] = {NX_FACET_PERSON, NX_FACET_ORG,
                                        NX_FACET_PLACE, NX_FACET_BY};
    for (size_t i = 0; i < 4; i++)
        cJSON_AddItemToObject(ents, nx_facet_defs[kinds[i]].name,
                              array_of(&d->list[kinds[i]]));
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

static void render_safe(FILE *out, const char *s, int line)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        uint32_t cp;
        size_t n = nx_utf8_decode(s, strlen(s), &cp);
        /* ill-formed: U+FFFD for one byte (a real U+FFFD takes three);
         * C1 controls are U+0080..U+009F */
        int control = (cp == 0xfffd && n == 1) ||
                      (c < 0x20 && ((c != '\n' && c != '\t') || line)) ||
                      c == 0x7f || (cp >= 0x80 && cp < 0xa0);
        if (!control)
            fwrite(s, 1, n, out);
        else
            for (size_t k = 0; k < n; k++)
                fprintf(out, "\\x%02x", (unsigned char)s[k]);
        s += n;
    }
}

void nx_render_safe(FILE *out, const char *s)
{
    render_safe(out, s, 0);
}

void nx_render_safe_line(FILE *out, const char *s)
{
    render_safe(out, s, 1);
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
        const char *title = h->doc.title, *date = h->doc.date,
                   *src = h->doc.source, *id = h->doc.id;
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
