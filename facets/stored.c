/*
 * stored.c — the one parser of the stored document (nx_stored.h).
 */
#include "nx_stored.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "nx_status.h"

const char *nx_stored_list_field(nx_facet_id f)
{
    switch (f) {
    case NX_FACET_BY:
    case NX_FACET_PERSON:
    case NX_FACET_ORG:
    case NX_FACET_PLACE:
    case NX_FACET_CATEGORY:
    case NX_FACET_AUTHOR:
    case NX_FACET_ABOUT:
        return nx_facet_defs[f].name;
    default:
        return NULL;
    }
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Room for the items of a (of `size` bytes each) in *out; NULL when a is
 * not an array or is empty. */
static int room(const cJSON *a, size_t size, void *out)
{
    int n = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
    void *p = n > 0 ? malloc((size_t)n * size) : NULL;
    memcpy(out, &p, sizeof p);
    return n > 0 && !p ? NX_ENOMEM : NX_OK;
}

/* The strings of array a (other items are passed over). */
static int list(nx_stored_list *l, const cJSON *a)
{
    int rc = room(a, sizeof *l->v, &l->v);
    const cJSON *it;
    if (l->v)
        cJSON_ArrayForEach(it, a)
            if (cJSON_IsString(it))
                l->v[l->n++] = it->valuestring;
    return rc;
}

/* The number at key k of o, or def when there is none. */
static double num(const cJSON *o, const char *k, double def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : def;
}

/* The whole number >= 0 at key k of o (a count, an offset), or def. */
static long count(const cJSON *o, const char *k, long def)
{
    double v = num(o, k, -1.0);
    return v >= 0 && v < 1e15 && v == (double)(long)v ? (long)v : def;
}

static int quotes(nx_stored *s, const cJSON *a)
{
    int rc = room(a, sizeof *s->quotes, &s->quotes);
    const cJSON *q;
    if (s->quotes)
        cJSON_ArrayForEach(q, a) {
            nx_stored_quote *o = &s->quotes[s->nquotes++];
            o->speaker = str(q, NX_STORED_SPEAKER);
            o->text = str(q, NX_STORED_TEXT);
            o->how = str(q, NX_STORED_HOW);
            o->confidence = num(q, NX_STORED_CONFIDENCE, -1.0);
            o->confident = cJSON_IsTrue(
                cJSON_GetObjectItemCaseSensitive(q, NX_STORED_CONFIDENT));
            o->cue = str(q, NX_STORED_CUE);
            o->cue_offset = o->cue ? count(q, NX_STORED_CUE_OFFSET, -1) : -1;
            o->evidence = str(q, NX_STORED_EVIDENCE);
            o->start = count(q, NX_STORED_START, -1);
            o->end = count(q, NX_STORED_END, -1);
        }
    /* offsets only as a pair inside the body, so a reader may index it */
    size_t blen = s->body ? strlen(s->body) : 0;
    for (size_t i = 0; i < s->nquotes; i++) {
        nx_stored_quote *o = &s->quotes[i];
        if (o->start < 0 || o->end < o->start || (size_t)o->end > blen)
            o->start = o->end = -1;
    }
    return rc;
}

int nx_stored_parse(nx_stored *out, const char *data, size_t len)
{
    memset(out, 0, sizeof *out);
    cJSON *o = data ? cJSON_ParseWithLength(data, len) : NULL;
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return NX_EPARSE;
    }
    out->tree = o;
    out->id = str(o, NX_STORED_ID);
    out->title = str(o, NX_STORED_TITLE);
    out->date = str(o, NX_STORED_DATE);
    out->time = str(o, NX_STORED_TIME);
    out->source = str(o, NX_STORED_SOURCE);
    out->url = str(o, NX_STORED_URL);
    out->body = str(o, NX_STORED_BODY);
    int rc = NX_OK;
    for (int f = 0; f < NX_FACET_COUNT && rc == NX_OK; f++) {
        const char *k = nx_stored_list_field((nx_facet_id)f);
        if (k)
            rc = list(&out->list[f], cJSON_GetObjectItemCaseSensitive(o, k));
    }
    if (rc == NX_OK)
        rc = list(&out->by_low,
                  cJSON_GetObjectItemCaseSensitive(o, NX_STORED_BY_LOW));
    out->unattributed = count(o, NX_STORED_UNATTRIBUTED, 0);
    if (rc == NX_OK)
        rc = quotes(out, cJSON_GetObjectItemCaseSensitive(o, NX_STORED_QUOTES));
    if (rc != NX_OK)
        nx_stored_clear(out);
    return rc;
}

void nx_stored_clear(nx_stored *s)
{
    for (int f = 0; f < NX_FACET_COUNT; f++)
        free(s->list[f].v);
    free(s->by_low.v);
    free(s->quotes);
    cJSON_Delete(s->tree);
    memset(s, 0, sizeof *s);
}
