/*
 * spool.c — extraction results kept between the two passes of a run that
 * computes the archive's entity table (run_internal.h): the first pass
 * extracts every record once and writes what it found here, the table is
 * decided over all of them, the second pass reads the records again and
 * takes each one's entities from here instead of extracting again.
 *
 * One JSON object a line, in the order the records were read:
 *   {"id", "date" (YYYY-MM-DD or null), "person", "org", "place", "by",
 *    "by_low", "cued_club", "cued_work", "cued_event": [..],
 *    "unattributed", "given", "given_titled", "given_done", "quotes":
 *    [{"speaker", "text", "how", "cue", "cue_off", "start", "end",
 *    "evidence", "confidence"}], "salience":
 *    [{"name", "kind", "mentions", "first_off", "headline", "lead",
 *    "about"}]}
 * — every field of nx_entities: a field added there is added here, or a
 * rebuild loses it (tests/e2e/entity_table.sh compares rebuild with
 * index).
 * A private file of one run (in the generation's directory), never read
 * by anything else.
 */
#include "run_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "nx_dates.h"

/* A spool line is at most a record's extraction: bounded like a record. */
#define SPOOL_LINE_MAX ((size_t)64 << 20)

void nx_spool_date(int64_t date, char out[11])
{
    out[0] = '\0';
    if (date == NX_DATE_NONE)
        return;
    time_t t = (time_t)date;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(out, 11, "%Y-%m-%d", &tm);
}

static cJSON *list_json(const nx_strlist *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
    return a;
}

static void opt_string(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

int nx_spool_put(FILE *f, const char *id, const char *date,
                 const nx_entities *e)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NX_ENOMEM;
    cJSON_AddStringToObject(o, "id", id);
    opt_string(o, "date", date && *date ? date : NULL);
    cJSON_AddItemToObject(o, "person", list_json(&e->person));
    cJSON_AddItemToObject(o, "org", list_json(&e->org));
    cJSON_AddItemToObject(o, "place", list_json(&e->place));
    cJSON_AddItemToObject(o, "by", list_json(&e->by));
    cJSON_AddItemToObject(o, "by_low", list_json(&e->by_low));
    cJSON_AddItemToObject(o, "cued_club", list_json(&e->cued_club));
    cJSON_AddItemToObject(o, "cued_work", list_json(&e->cued_work));
    cJSON_AddItemToObject(o, "cued_event", list_json(&e->cued_event));
    cJSON_AddNumberToObject(o, "unattributed", (double)e->unattributed);
    cJSON_AddNumberToObject(o, "given", (double)e->given);
    cJSON_AddNumberToObject(o, "given_titled", (double)e->given_titled);
    cJSON_AddBoolToObject(o, "given_done", e->given_done);
    cJSON *qs = cJSON_AddArrayToObject(o, "quotes");
    for (size_t i = 0; qs && i < e->nquotes; i++) {
        const nx_quote *q = &e->quotes[i];
        cJSON *j = cJSON_CreateObject();
        if (!j)
            break;
        opt_string(j, "speaker", q->speaker);
        opt_string(j, "text", q->text);
        opt_string(j, "how", q->how);
        opt_string(j, "cue", q->cue);
        cJSON_AddNumberToObject(j, "cue_off", (double)q->cue_off);
        cJSON_AddNumberToObject(j, "start", (double)q->start);
        cJSON_AddNumberToObject(j, "end", (double)q->end);
        opt_string(j, "evidence", q->evidence);
        cJSON_AddNumberToObject(j, "confidence", q->confidence);
        cJSON_AddItemToArray(qs, j);
    }
    cJSON *sal = cJSON_AddArrayToObject(o, "salience");
    for (size_t i = 0; sal && i < e->nsalience; i++) {
        const nx_salience *x = &e->salience[i];
        cJSON *j = cJSON_CreateObject();
        if (!j)
            break;
        cJSON_AddStringToObject(j, "name", x->name);
        cJSON_AddNumberToObject(j, "kind", x->kind);
        cJSON_AddNumberToObject(j, "mentions", x->mentions);
        cJSON_AddNumberToObject(j, "first_off", (double)x->first_off);
        cJSON_AddNumberToObject(j, "headline", x->headline);
        cJSON_AddNumberToObject(j, "lead", x->lead);
        cJSON_AddNumberToObject(j, "about", x->about);
        cJSON_AddItemToArray(sal, j);
    }
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s)
        return NX_ENOMEM;
    int rc = fputs(s, f) < 0 || fputc('\n', f) == EOF ? NX_EIO : NX_OK;
    free(s);
    return rc;
}

static int list_from(const cJSON *o, const char *k, nx_strlist *l)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, k), *it;
    cJSON_ArrayForEach(it, a) {
        if (cJSON_IsString(it) && nx_strlist_push(l, it->valuestring))
            return NX_ENOMEM;
    }
    return NX_OK;
}

static char *dup_opt(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? strdup(v->valuestring) : NULL;
}

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* `how` is a static string in nx_quote: the spool's copies live in the
 * reader's pool for the run. */
static const char *intern(nx_spool *s, const char *how)
{
    if (!how)
        return NULL;
    for (size_t i = 0; i < s->nhow; i++)
        if (strcmp(s->how[i], how) == 0)
            return s->how[i];
    if (s->nhow == sizeof s->how / sizeof s->how[0])
        return "none";
    char *d = strdup(how);
    if (!d)
        return "none";
    s->how[s->nhow++] = d;
    return d;
}

int nx_spool_open(nx_spool *s, const char *path, const char *mode)
{
    memset(s, 0, sizeof *s);
    s->f = fopen(path, mode);
    return s->f ? NX_OK : NX_EIO;
}

void nx_spool_close(nx_spool *s)
{
    if (s->f)
        fclose(s->f);
    for (size_t i = 0; i < s->nhow; i++)
        free(s->how[i]);
    free(s->line);
    if (s->pend_id)
        nx_entities_clear(&s->pend);
    free(s->pend_id);
    memset(s, 0, sizeof *s);
}

int nx_spool_get(nx_spool *s, char **id, char date[11], nx_entities *e)
{
    *id = NULL;
    date[0] = '\0';
    ssize_t n = getline(&s->line, &s->cap, s->f);
    if (n < 0)
        return NX_ENOTFOUND;
    if ((size_t)n > SPOOL_LINE_MAX)
        return NX_ETOOBIG;
    cJSON *o = cJSON_ParseWithLength(s->line, (size_t)n);
    if (!o)
        return NX_EPARSE;
    int rc = NX_OK;
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "date");
    if (cJSON_IsString(d))
        snprintf(date, 11, "%s", d->valuestring);
    if (!(*id = dup_opt(o, "id")))
        rc = NX_EPARSE;
    if (rc == NX_OK)
        rc = list_from(o, "person", &e->person);
    if (rc == NX_OK)
        rc = list_from(o, "org", &e->org);
    if (rc == NX_OK)
        rc = list_from(o, "place", &e->place);
    if (rc == NX_OK)
        rc = list_from(o, "by", &e->by);
    if (rc == NX_OK)
        rc = list_from(o, "by_low", &e->by_low);
    if (rc == NX_OK)
        rc = list_from(o, "cued_club", &e->cued_club);
    if (rc == NX_OK)
        rc = list_from(o, "cued_work", &e->cued_work);
    if (rc == NX_OK)
        rc = list_from(o, "cued_event", &e->cued_event);
    e->unattributed = (size_t)num(o, "unattributed");
    e->given = (size_t)num(o, "given");
    e->given_titled = (size_t)num(o, "given_titled");
    e->given_done = cJSON_IsTrue(
        cJSON_GetObjectItemCaseSensitive(o, "given_done"));
    const cJSON *qs = cJSON_GetObjectItemCaseSensitive(o, "quotes"), *q;
    size_t nq = (size_t)cJSON_GetArraySize(qs);
    if (rc == NX_OK && nq) {
        e->quotes = calloc(nq, sizeof *e->quotes);
        if (!e->quotes)
            rc = NX_ENOMEM;
        else
            e->capquotes = nq;
    }
    cJSON_ArrayForEach(q, qs) {
        if (rc != NX_OK)
            break;
        nx_quote *x = &e->quotes[e->nquotes++];
        x->speaker = dup_opt(q, "speaker");
        x->text = dup_opt(q, "text");
        x->cue = dup_opt(q, "cue");
        x->evidence = dup_opt(q, "evidence");
        const cJSON *h = cJSON_GetObjectItemCaseSensitive(q, "how");
        x->how = intern(s, cJSON_IsString(h) ? h->valuestring : NULL);
        x->cue_off = (long)num(q, "cue_off");
        x->start = (long)num(q, "start");
        x->end = (long)num(q, "end");
        x->confidence = num(q, "confidence");
        if (!x->text && !(x->text = strdup("")))
            rc = NX_ENOMEM;
    }
    const cJSON *sal = cJSON_GetObjectItemCaseSensitive(o, "salience"), *y;
    size_t ns = (size_t)cJSON_GetArraySize(sal);
    if (rc == NX_OK && ns && !(e->salience = calloc(ns, sizeof *e->salience)))
        rc = NX_ENOMEM;
    cJSON_ArrayForEach(y, sal) {
        if (rc != NX_OK)
            break;
        nx_salience *x = &e->salience[e->nsalience];
        if (!(x->name = dup_opt(y, "name")))
            continue;   /* malformed: skipped */
        e->nsalience++;
        x->kind = (int)num(y, "kind");
        x->mentions = (unsigned)num(y, "mentions");
        x->first_off = (long)num(y, "first_off");
        x->headline = num(y, "headline") != 0;
        x->lead = num(y, "lead") != 0;
        x->about = num(y, "about") != 0;
    }
    cJSON_Delete(o);
    if (rc != NX_OK) {
        free(*id);
        *id = NULL;
        nx_entities_clear(e);
    }
    return rc;
}
