/*
 * document.c — an article and its entities as a Xapian document: text
 * fields (the title weighs more than the body), facet terms and values,
 * dates, the sort key and the stored JSON (nx_indexer.h).
 */
#include "nx_indexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_buf.h"
#include "nx_dates.h"
#include "nx_stored.h"
#include "nx_facets.h"

/* Title words count this many times a body word (and also index as title:). */
#define TITLE_WEIGHT 3

/* Adds one facet value: its terms, and its display form in the next slot.
 * `seen` holds the terms already added so a value is counted once. */
typedef struct facet_acc {
    unsigned nslot[NX_FACET_COUNT];
    cJSON *lists[NX_FACET_COUNT];
    nx_buf blob;         /* NX_SLOT_FACETS being built, of at most BLOB_MAX */
} facet_acc;

/* At most NX_FACET_MAX_VALUES values of NX_FACET_COUNT facets, 64 KiB
 * each with a 3-byte head. */
#define BLOB_MAX ((size_t)NX_FACET_MAX_VALUES * NX_FACET_COUNT * (3 + 0xffff))

/* Appends one entry to the facet values slot. */
static int blob_add(facet_acc *acc, nx_facet_id f, const char *display)
{
    size_t len = strlen(display);
    if (len > 0xffff)
        len = 0xffff;
    const char head[3] = {(char)f, (char)(len & 0xff), (char)(len >> 8)};
    nx_buf_add(&acc->blob, head, 3);
    nx_buf_add(&acc->blob, display, len);
    return acc->blob.err;
}

/* surname: keep the surname term (0 for an about: org or place, whose
 * last word is no surname) */
static int add_value_s(nx_doc *doc, facet_acc *acc, nx_facet_id f,
                       const nx_aliases *al, const char *value, int surname)
{
    nx_facet_terms ft;
    int rc = nx_facet_terms_make(f, al, value, 0, &ft);
    if (rc == NX_EINVAL)
        return NX_OK;  /* nothing nameable in it */
    if (rc != NX_OK)
        return rc;
    if (!surname && ft.n > 1) {
        free(ft.terms[1]);
        ft.terms[1] = NULL;
        ft.n = 1;
    }
    /* Skip a value already given (e.g. in the record and by extraction). */
    cJSON *list = acc->lists[f], *it;
    char *key = nx_name_key(ft.display);
    int dup = 0;
    cJSON_ArrayForEach(it, list) {
        char *k = nx_name_key(it->valuestring);
        dup = k && key && strcmp(k, key) == 0;
        free(k);
        if (dup)
            break;
    }
    free(key);
    if (!dup && acc->nslot[f] < nx_facet_defs[f].nslots) {
        for (size_t i = 0; i < ft.n && rc == NX_OK; i++)
            rc = nx_doc_add_term(doc, ft.terms[i]);
        if (rc == NX_OK)
            rc = nx_doc_set_value(doc, nx_facet_defs[f].slot + acc->nslot[f]++,
                                  ft.display, strlen(ft.display));
        if (rc == NX_OK)
            rc = blob_add(acc, f, ft.display);
        if (rc == NX_OK && list)
            cJSON_AddItemToArray(list, cJSON_CreateString(ft.display));
    }
    nx_facet_terms_clear(&ft);
    return rc;
}

static int add_value(nx_doc *doc, facet_acc *acc, nx_facet_id f,
                     const nx_aliases *al, const char *value)
{
    return add_value_s(doc, acc, f, al, value, 1);
}

/* about: the entities the rule marks (nx_about_mark) */
static int add_about(nx_doc *doc, facet_acc *acc, const nx_aliases *al,
                     const nx_entities *e)
{
    int rc = NX_OK;
    for (size_t i = 0; i < e->nsalience && rc == NX_OK; i++)
        if (e->salience[i].about)
            rc = add_value_s(doc, acc, NX_FACET_ABOUT, al,
                             e->salience[i].name,
                             e->salience[i].kind == NX_ENT_PERSON);
    return rc;
}

static int add_list(nx_doc *doc, facet_acc *acc, nx_facet_id f,
                    const nx_aliases *al, const nx_strlist *l)
{
    int rc = NX_OK;
    for (size_t i = 0; i < l->n && rc == NX_OK; i++)
        rc = add_value(doc, acc, f, al, l->v[i]);
    return rc;
}

static int add_tags(nx_doc *doc, facet_acc *acc, nx_facet_id f,
                    const nx_aliases *al, const nx_strlist *l)
{
    int rc = NX_OK;
    for (size_t i = 0; i < l->n && rc == NX_OK; i++) {
        char *v = nx_name_from_tag(l->v[i]);
        rc = v ? add_value(doc, acc, f, al, v) : NX_ENOMEM;
        free(v);
    }
    return rc;
}

static int add_term(nx_doc *doc, nx_facet_id f, const char *key,
                    const char *display)
{
    char *t = nx_facet_term(f, key, display);
    int rc = t ? nx_doc_add_term(doc, t) : NX_ENOMEM;
    free(t);
    return rc;
}

static int add_dates(nx_doc *doc, facet_acc *acc, cJSON *o, int64_t date)
{
    if (date == NX_DATE_NONE) {
        cJSON_AddNullToObject(o, NX_STORED_DATE);
        cJSON_AddNullToObject(o, NX_STORED_TIME);
        return NX_OK;
    }
    char day[16], iso[32], term[16];
    unsigned char enc[8];
    int year, month;
    nx_date_format_day(date, day);
    nx_date_year_month(date, &year, &month);
    int64_t sec = ((date % 86400) + 86400) % 86400;
    snprintf(iso, sizeof iso, "%sT%02d:%02d:%02dZ", day, (int)(sec / 3600),
             (int)(sec / 60 % 60), (int)(sec % 60));
    cJSON_AddStringToObject(o, NX_STORED_DATE, day);
    cJSON_AddStringToObject(o, NX_STORED_TIME, iso);
    nx_date_encode(date, enc);
    int rc = nx_doc_set_value(doc, NX_SLOT_DATE, (const char *)enc, 8);
    snprintf(term, sizeof term, "%04d", year);
    if (rc == NX_OK)
        rc = nx_doc_set_value(doc, nx_facet_defs[NX_FACET_YEAR].slot, term,
                              strlen(term));
    if (rc == NX_OK)
        rc = add_term(doc, NX_FACET_YEAR, term, term);
    if (rc == NX_OK)
        rc = blob_add(acc, NX_FACET_YEAR, term);
    char key[16];
    snprintf(term, sizeof term, "%04d-%02d", year, month);
    snprintf(key, sizeof key, "%04d%02d", year, month);
    if (rc == NX_OK)
        rc = nx_doc_set_value(doc, nx_facet_defs[NX_FACET_MONTH].slot, term,
                              strlen(term));
    if (rc == NX_OK)
        rc = add_term(doc, NX_FACET_MONTH, key, term);
    if (rc == NX_OK)
        rc = blob_add(acc, NX_FACET_MONTH, term);
    return rc;
}

/* A quote's words, searchable as quote: (docs/quotes.md): once under
 * NX_PREFIX_QUOTE and once under the quote prefix of each of its
 * speaker's by: terms, each a text field of its own (the position gap
 * between fields keeps phrases inside one quote).  Added after the body so
 * the body's positions stay as they were. */
static int add_quote(nx_doc *doc, const nx_aliases *al, const nx_quote *q)
{
    size_t n = strlen(q->text);
    if (n == 0)
        return NX_OK;
    int rc = nx_doc_add_text(doc, q->text, n, 1, NX_PREFIX_QUOTE);
    nx_facet_terms ft;
    int frc = rc == NX_OK && q->speaker
                  ? nx_facet_terms_make(NX_FACET_BY, al, q->speaker, 0, &ft)
                  : NX_EINVAL;
    if (frc == NX_EINVAL)
        return rc;   /* unattributed, or nothing nameable in the speaker */
    if (frc != NX_OK)
        return frc;
    for (size_t i = 0; i < ft.n && rc == NX_OK; i++) {
        char *prefix = nx_quote_prefix(ft.terms[i]);
        rc = prefix ? nx_doc_add_text(doc, q->text, n, 1, prefix) : NX_ENOMEM;
        free(prefix);
    }
    nx_facet_terms_clear(&ft);
    return rc;
}

static void add_opt_string(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

cJSON *nx_quote_json(const nx_quote *q)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    add_opt_string(o, NX_STORED_SPEAKER, q->speaker);
    cJSON_AddStringToObject(o, NX_STORED_TEXT, q->text);
    cJSON_AddStringToObject(o, NX_STORED_HOW, q->how ? q->how : "none");
    cJSON_AddNumberToObject(o, NX_STORED_CONFIDENCE,
                            (double)(long)(q->confidence * 100 + 0.5) / 100);
    cJSON_AddBoolToObject(o, NX_STORED_CONFIDENT,
                          q->speaker && q->confidence >= NX_BY_CONFIDENT);
    if (q->cue) {
        cJSON_AddStringToObject(o, NX_STORED_CUE, q->cue);
        if (q->cue_off >= 0)
            cJSON_AddNumberToObject(o, NX_STORED_CUE_OFFSET,
                                    (double)q->cue_off);
    }
    if (q->evidence)
        cJSON_AddStringToObject(o, NX_STORED_EVIDENCE, q->evidence);
    if (q->start >= 0 && q->end >= q->start) {
        cJSON_AddNumberToObject(o, NX_STORED_START, (double)q->start);
        cJSON_AddNumberToObject(o, NX_STORED_END, (double)q->end);
    }
    return o;
}

int nx_article_document(const nx_article *a, const nx_entities *e,
                        const nx_aliases *al, nx_doc **out)
{
    return nx_article_document_q(a, e, al, 1, out);
}

int nx_article_document_q(const nx_article *a, const nx_entities *e,
                          const nx_aliases *al, int with_quotes, nx_doc **out)
{
    *out = NULL;
    nx_doc *doc = NULL;
    facet_acc acc;
    memset(&acc, 0, sizeof acc);
    acc.blob.max = BLOB_MAX;
    cJSON *o = cJSON_CreateObject();
    int rc = o ? nx_doc_new(&doc) : NX_ENOMEM;
    if (rc != NX_OK)
        goto done;
    rc = nx_doc_set_id(doc, a->id);
    cJSON_AddStringToObject(o, NX_STORED_ID, a->id);
    cJSON_AddStringToObject(o, NX_STORED_TITLE, a->title ? a->title : "");
    if (rc == NX_OK)
        rc = add_dates(doc, &acc, o, a->date);
    add_opt_string(o, NX_STORED_SOURCE, a->source);
    add_opt_string(o, NX_STORED_URL, a->url);

    static const nx_facet_id order[] = {NX_FACET_AUTHOR, NX_FACET_CATEGORY,
                                        NX_FACET_PERSON, NX_FACET_ORG,
                                        NX_FACET_PLACE,  NX_FACET_BY,
                                        NX_FACET_ABOUT};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        acc.lists[order[i]] =
            cJSON_AddArrayToObject(o, nx_stored_list_field(order[i]));

    if (rc == NX_OK)
        rc = add_list(doc, &acc, NX_FACET_AUTHOR, al, &a->authors);
    if (rc == NX_OK)
        rc = add_list(doc, &acc, NX_FACET_CATEGORY, al, &a->categories);
    /* Tags given in the record: resolved by the extractor into e's lists
     * (extract/given.c); without it, their codes title-cased. */
    if (!e || !e->given_done) {
        if (rc == NX_OK)
            rc = add_tags(doc, &acc, NX_FACET_PERSON, al, &a->people);
        if (rc == NX_OK)
            rc = add_tags(doc, &acc, NX_FACET_ORG, al, &a->orgs);
        if (rc == NX_OK)
            rc = add_tags(doc, &acc, NX_FACET_PLACE, al, &a->places);
    }
    if (e) {
        if (rc == NX_OK)
            rc = add_list(doc, &acc, NX_FACET_PERSON, al, &e->person);
        if (rc == NX_OK)
            rc = add_list(doc, &acc, NX_FACET_ORG, al, &e->org);
        if (rc == NX_OK)
            rc = add_list(doc, &acc, NX_FACET_PLACE, al, &e->place);
        if (rc == NX_OK)
            rc = add_list(doc, &acc, NX_FACET_BY, al, &e->by);
        if (rc == NX_OK)
            rc = add_about(doc, &acc, al, e);
        /* byany: every speaker (stored as "by" + "by_low") */
        if (rc == NX_OK)
            rc = add_list(doc, &acc, NX_FACET_BYANY, al, &e->by);
        if (rc == NX_OK)
            rc = add_list(doc, &acc, NX_FACET_BYANY, al, &e->by_low);
        /* the by facet counts the articles with unattributed quotes
         * under one value, kept out of the stored speakers list */
        if (rc == NX_OK && e->unattributed) {
            cJSON *keep = acc.lists[NX_FACET_BY];
            acc.lists[NX_FACET_BY] = NULL;
            rc = add_value(doc, &acc, NX_FACET_BY, NULL, NX_BY_UNATTRIBUTED);
            acc.lists[NX_FACET_BY] = keep;
        }
        cJSON *low = cJSON_AddArrayToObject(o, NX_STORED_BY_LOW);
        for (size_t i = 0; i < e->by_low.n; i++)
            cJSON_AddItemToArray(low, cJSON_CreateString(e->by_low.v[i]));
        cJSON_AddNumberToObject(o, NX_STORED_UNATTRIBUTED,
                                (double)e->unattributed);
        cJSON *quotes = cJSON_AddArrayToObject(o, NX_STORED_QUOTES);
        for (size_t i = 0; i < e->nquotes; i++)
            cJSON_AddItemToArray(quotes, nx_quote_json(&e->quotes[i]));
    }
    cJSON_AddStringToObject(o, NX_STORED_BODY, a->body ? a->body : "");

    if (rc == NX_OK && a->title && *a->title) {
        size_t n = strlen(a->title);
        rc = nx_doc_add_text(doc, a->title, n, TITLE_WEIGHT, NULL);
        if (rc == NX_OK)
            rc = nx_doc_add_text(doc, a->title, n, 1, "S");
    }
    if (rc == NX_OK && a->body && *a->body)
        rc = nx_doc_add_text(doc, a->body, strlen(a->body), 1, NULL);
    for (size_t i = 0; with_quotes && e && i < e->nquotes && rc == NX_OK; i++)
        rc = add_quote(doc, al, &e->quotes[i]);
    if (rc == NX_OK) {
        size_t klen;
        char *key = nx_sort_key(a->date, a->id, &klen);
        rc = key ? nx_doc_set_value(doc, NX_SLOT_SORT, key, klen) : NX_ENOMEM;
        free(key);
    }
    if (rc == NX_OK) {
        char *json = cJSON_PrintUnformatted(o);
        rc = json ? nx_doc_set_data(doc, json, strlen(json)) : NX_ENOMEM;
        free(json);
    }
    if (rc == NX_OK && acc.blob.n)
        rc = nx_doc_set_value(doc, NX_SLOT_FACETS, acc.blob.p, acc.blob.n);
done:
    nx_buf_free(&acc.blob);
    cJSON_Delete(o);
    if (rc != NX_OK) {
        nx_doc_free(doc);
        return rc;
    }
    *out = doc;
    return NX_OK;
}
