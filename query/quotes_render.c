/*
 * quotes_render.c — quotes as results, written out (nx_quotes.h): the
 * --json object, JSON lines and CSV for export, text for a terminal.
 */
#include "nx_quotes.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_buf.h"
#include "nx_render.h"
#include "nx_utf8.h"

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *offset_or_null(long v)
{
    return v >= 0 ? cJSON_CreateNumber((double)v) : cJSON_CreateNull();
}

static double round2(double v)
{
    return (double)(long long)(v * 100 + 0.5) / 100;
}

/* The fields every form shares: the quote, its attribution and offsets,
 * its article's id, title, date, source and url. */
static void quote_fields(cJSON *o, const nx_quote_hit *h, int nested)
{
    const nx_stored *d = &h->doc;
    const nx_stored_quote *q = &d->quotes[h->index];
    if (!nested)
        cJSON_AddItemToObject(o, "article_id", str_or_null(d->id));
    cJSON_AddItemToObject(o, "speaker", str_or_null(q->speaker));
    cJSON_AddItemToObject(o, "start", offset_or_null(q->start));
    cJSON_AddItemToObject(o, "end", offset_or_null(q->end));
    cJSON_AddItemToObject(o, "text", str_or_null(q->text));
    cJSON_AddItemToObject(o, "how", str_or_null(q->how));
    cJSON_AddItemToObject(o, "confidence",
                          q->confidence >= 0
                              ? cJSON_CreateNumber(round2(q->confidence))
                              : cJSON_CreateNull());
    cJSON_AddBoolToObject(o, "confident", q->confident);
    cJSON_AddItemToObject(o, "cue", str_or_null(q->cue));
    cJSON_AddItemToObject(o, "cue_offset", offset_or_null(q->cue_offset));
    cJSON_AddItemToObject(o, "evidence", str_or_null(q->evidence));
    cJSON *a = nested ? cJSON_AddObjectToObject(o, "article") : o;
    if (nested)
        cJSON_AddItemToObject(a, "id", str_or_null(d->id));
    cJSON_AddItemToObject(a, "title", str_or_null(d->title));
    cJSON_AddItemToObject(a, "date", str_or_null(d->date));
    cJSON_AddItemToObject(a, "source", str_or_null(d->source));
    cJSON_AddItemToObject(a, "url", str_or_null(d->url));
}

static cJSON *facet_array(const nx_facet_count *v, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "value", v[i].value);
        cJSON_AddNumberToObject(e, "count", (double)v[i].count);
        cJSON_AddItemToArray(arr, e);
    }
    return arr;
}

char *nx_quotes_json(const nx_quotes_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "query", r->query);
    cJSON_AddNumberToObject(o, "total", (double)r->total);
    cJSON_AddNumberToObject(o, "articles", (double)r->articles);
    cJSON_AddBoolToObject(o, "total_exact", r->total_exact);
    cJSON_AddNumberToObject(o, "offset", r->offset);
    cJSON *hits = cJSON_AddArrayToObject(o, "quotes");
    for (size_t i = 0; i < r->nhits; i++) {
        const nx_quote_hit *h = &r->hits[i];
        cJSON *q = cJSON_CreateObject();
        cJSON_AddNumberToObject(q, "rank", h->rank);
        cJSON_AddNumberToObject(q, "matches", h->matched);
        cJSON_AddNumberToObject(q, "score",
                                (double)(long long)(h->score * 1000 + 0.5) /
                                    1000);
        char *html = h->highlight ? nx_snippet_html(h->highlight) : NULL;
        cJSON_AddItemToObject(q, "highlight", str_or_null(html));
        free(html);
        quote_fields(q, h, 1);
        cJSON_AddItemToArray(hits, q);
    }
    cJSON *f = cJSON_AddObjectToObject(o, "facets");
    cJSON_AddItemToObject(f, "by", facet_array(r->speakers, r->nspeakers));
    cJSON_AddItemToObject(f, "year", facet_array(r->years, r->nyears));
    cJSON_AddItemToObject(f, "month", facet_array(r->months, r->nmonths));
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

char *nx_quotes_jsonl(const nx_quotes_result *r)
{
    nx_buf b = NX_BUF_INIT;
    b.max = (size_t)1 << 40;   /* an export: as large as memory allows */
    for (size_t i = 0; i < r->nhits && !b.err; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o)
            break;
        quote_fields(o, &r->hits[i], 0);
        char *line = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        if (!line) {
            nx_buf_free(&b);
            return NULL;
        }
        nx_buf_puts(&b, line);
        nx_buf_add(&b, "\n", 1);
        free(line);
    }
    return nx_buf_take(&b);
}

/* One CSV field (RFC 4180): in double quotes, a quote doubled; control
 * characters (C0, DEL, C1: none is in a stored quote, whose white space
 * is squeezed, but a title or a source may hold a tab) as a space, so a
 * record is one line. */
static void csv_field(nx_buf *b, const char *s)
{
    nx_buf_add(b, "\"", 1);
    for (size_t i = 0, n = s ? strlen(s) : 0; i < n;) {
        uint32_t cp;
        size_t k = nx_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
            nx_buf_add(b, " ", 1);
        else if (cp == '"')
            nx_buf_add(b, "\"\"", 2);
        else
            nx_buf_add(b, s + i, k);
        i += k;
    }
    nx_buf_add(b, "\"", 1);
}

static void csv_num(nx_buf *b, long v)
{
    if (v >= 0)
        nx_buf_printf(b, "%ld", v);
}

char *nx_quotes_csv(const nx_quotes_result *r)
{
    nx_buf b = NX_BUF_INIT;
    b.max = (size_t)1 << 40;
    nx_buf_puts(&b, "article_id,speaker,start,end,text,date,title,source,"
                    "url,how,confidence,evidence\r\n");
    for (size_t i = 0; i < r->nhits; i++) {
        const nx_stored *d = &r->hits[i].doc;
        const nx_stored_quote *q = &d->quotes[r->hits[i].index];
        csv_field(&b, d->id);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, q->speaker);
        nx_buf_add(&b, ",", 1);
        csv_num(&b, q->start);
        nx_buf_add(&b, ",", 1);
        csv_num(&b, q->end);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, q->text);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, d->date);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, d->title);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, d->source);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, d->url);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, q->how);
        nx_buf_add(&b, ",", 1);
        if (q->confidence >= 0)
            nx_buf_printf(&b, "%.2f", q->confidence);
        nx_buf_add(&b, ",", 1);
        csv_field(&b, q->evidence);
        nx_buf_add(&b, "\r\n", 2);
    }
    return nx_buf_take(&b);
}

static void put3(FILE *out, const char *a, const char *s, const char *b)
{
    fputs(a, out);
    nx_render_safe_line(out, s);
    fputs(b, out);
}

static void facet_line(FILE *out, const char *name, const nx_facet_count *v,
                       size_t n)
{
    if (n == 0)
        return;
    fprintf(out, "  %-9s", name);
    for (size_t i = 0; i < n; i++) {
        put3(out, i ? ", " : " ", v[i].value, "");
        fprintf(out, " (%llu)", (unsigned long long)v[i].count);
    }
    fputc('\n', out);
}

void nx_quotes_text(FILE *out, const nx_quotes_result *r, int bold)
{
    const char *on = bold ? "\033[1m" : "", *off = bold ? "\033[0m" : "";
    if (r->total == 0) {
        put3(out, "No quotes match \"", r->query, "\".\n");
    } else {
        fprintf(out, "%s%llu quote%s in %llu article%s match%s ",
                r->total_exact ? "" : "At least ",
                (unsigned long long)r->total, r->total == 1 ? "" : "s",
                (unsigned long long)r->articles, r->articles == 1 ? "" : "s",
                r->total == 1 ? "es" : "");
        put3(out, "\"", r->query, "\"");
        fprintf(out, "; showing %zu from %u.\n\n", r->nhits,
                r->nhits ? r->offset + 1 : r->offset);
    }
    for (size_t i = 0; i < r->nhits; i++) {
        const nx_quote_hit *h = &r->hits[i];
        const nx_stored *d = &h->doc;
        const nx_stored_quote *q = &d->quotes[h->index];
        char *plain = h->highlight ? nx_snippet_plain(h->highlight, "\x02",
                                                      "\x03")
                                   : NULL;
        fprintf(out, "%3u. %s", h->rank, on);
        put3(out, "", q->speaker ? q->speaker : "(unattributed)", off);
        fputs(": \xe2\x80\x9c", out);
        /* the markers survive nx_render_safe_line as \x02, so print the
         * parts between them and the terminal's bold around them */
        for (const char *p = plain ? plain : ""; *p;) {
            size_t n = strcspn(p, "\x02\x03");
            char *part = strndup(p, n);
            if (part)
                nx_render_safe_line(out, part);
            free(part);
            p += n;
            if (*p)
                fputs(*p++ == '\x02' ? on : off, out);
        }
        fputs("\xe2\x80\x9d\n", out);
        free(plain);
        if (q->how || q->cue) {
            fputs("     ", out);
            if (q->how)
                put3(out, "", q->how, "");
            if (q->confidence >= 0)
                fprintf(out, ", confidence %.2f", q->confidence);
            if (q->cue)
                put3(out, ", cue \"", q->cue, "\"");
            fputc('\n', out);
        }
        if (q->evidence)
            put3(out, "     in: ", q->evidence, "\n");
        put3(out, "     ", d->title && *d->title ? d->title : "(no title)",
             "\n");
        put3(out, "     ", d->date ? d->date : "undated", "  ");
        put3(out, "", d->source ? d->source : "", "  [");
        put3(out, "", d->id ? d->id : "", "]\n\n");
    }
    if (r->missing)
        put3(out, "PARTIAL RESULTS: shard(s) ", r->missing, " did not answer; "
             "the quotes and counts above leave them out.\n\n");
    if (r->nspeakers || r->nyears) {
        fprintf(out, "Facets over all %llu quotes:\n",
                (unsigned long long)r->total);
        facet_line(out, "by", r->speakers, r->nspeakers);
        facet_line(out, "year", r->years, r->nyears);
    }
}
