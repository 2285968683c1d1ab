/*
 * extract.c — the public side of extraction (nx_extract.h): the extractor
 * handle and the stage table, the driver that runs the stages.
 *
 * Stages run in table order on one x_doc per article: the rules and the
 * tagger add mentions, resolve (combine.c) combines and canonicalises them,
 * quotes finds speakers among them, merge makes entities.  The stages call
 * the x_doc helpers of doc.c, never back into this file.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_data.h"
#include "nx_status.h"
#include "x_internal.h"

static const x_stage *const STAGES[] = {
    &x_stage_tokenize,
    &x_stage_prose,
    &x_stage_rules,
    &x_stage_tagger,
    &x_stage_resolve,
    &x_stage_quotes,
    &x_stage_merge,
};
#define NSTAGES (sizeof STAGES / sizeof STAGES[0])

#define NX_EXTRACT_TEXT_MAX (16u << 20)   /* title + body of one article */

void nx_entities_init(nx_entities *e)
{
    memset(e, 0, sizeof *e);
}

void nx_entities_clear(nx_entities *e)
{
    nx_strlist_clear(&e->person);
    nx_strlist_clear(&e->org);
    nx_strlist_clear(&e->place);
    nx_strlist_clear(&e->by);
    nx_strlist_clear(&e->by_low);
    nx_strlist_clear(&e->cued_club);
    nx_strlist_clear(&e->cued_work);
    nx_strlist_clear(&e->cued_event);
    for (size_t i = 0; i < e->nquotes; i++) {
        free(e->quotes[i].speaker);
        free(e->quotes[i].text);
        free(e->quotes[i].cue);
        free(e->quotes[i].evidence);
    }
    free(e->quotes);
    for (size_t i = 0; i < e->nsalience; i++)
        free(e->salience[i].name);
    free(e->salience);
    nx_entities_init(e);
}

int nx_extractor_new(nx_extractor **out, const nx_extract_options *opts,
                     char **err)
{
    nx_extract_options def = NX_EXTRACT_OPTIONS_INIT;
    if (!opts)
        opts = &def;
    if (err)
        *err = NULL;
    *out = NULL;
    const char *dir = opts->data_dir;
    if (!dir)
        dir = getenv("NEWSDEX_DATA");
    char defdir[4096];
    if (!dir || !*dir) {
        if (nx_data_path(defdir, sizeof defdir, NX_EXTRACT_DATA_DIR, NULL))
            return NX_ETOOBIG;
        dir = defdir;
    }
    nx_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return NX_ENOMEM;
    x->aliases = opts->aliases;
    x->boiler = opts->boiler;
    x->ner_model = opts->ner_model;
    char *lerr = NULL;
    int rc = x_lex_new(&x->lex);
    if (rc == NX_OK)
        rc = x_gaz_load(&x->gaz, dir, &lerr);
    for (size_t i = 0; rc == NX_OK && i < NSTAGES; i++) {
        if (STAGES[i]->create)
            rc = STAGES[i]->create(&x->state[i], x, &lerr);
        x->nstages = i + 1;
    }
    x->ner_model = NULL;
    if (rc != NX_OK) {
        if (err)
            *err = lerr ? lerr : nx_errf("extractor: %s", nx_strerror(rc));
        else
            free(lerr);
        nx_extractor_free(x);
        return rc;
    }
    *out = x;
    return NX_OK;
}

void nx_extractor_free(nx_extractor *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nstages; i++)
        if (STAGES[i]->destroy)
            STAGES[i]->destroy(x->state[i]);
    x_gaz_free(&x->gaz);
    nx_strmap_free(x->lex);
    free(x);
}

/* Runs the stages on title + "\n\n" + [dateline + "\n\n"] + body, fills
 * e, and shows fn each kept mention (the bench's span hook).  source (may
 * be NULL) says which archive's boilerplate applies. */
static int extract_doc(nx_extractor *x, const char *title,
                       const char *dateline, const char *body,
                       const char *source, nx_entities *e, x_span_fn fn,
                       void *ctx)
{
    if (!x || !e)
        return NX_EINVAL;
    if (!title)
        title = "";
    if (!body)
        body = "";
    if (!dateline)
        dateline = "";
    size_t tl = strlen(title), dl = strlen(dateline), bl = strlen(body);
    if (tl + dl + bl > NX_EXTRACT_TEXT_MAX)
        return NX_ETOOBIG;
    x_doc d;
    memset(&d, 0, sizeof d);
    d.x = x;
    d.has_group = source != NULL;
    d.group = x_boiler_group(source);
    d.text = malloc(tl + dl + bl + 5);
    if (!d.text)
        return NX_ENOMEM;
    /* Line breaks inside a headline are spaces: the title is one line. */
    for (size_t i = 0; i < tl; i++)
        d.text[i] = title[i] == '\n' || title[i] == '\r' ? ' ' : title[i];
    size_t n = tl;
    memcpy(d.text + n, "\n\n", 2);
    n += 2;
    d.body_off = n;
    if (dl) {
        memcpy(d.text + n, dateline, dl);
        memcpy(d.text + n + dl, "\n\n", 2);
        n += dl + 2;
    }
    d.body_start = n;
    memcpy(d.text + n, body, bl + 1);
    d.len = n + bl;
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < NSTAGES; i++) {
        d.stage = (int)i;
        rc = STAGES[i]->run(x->state[i], &d);
    }
    if (rc == NX_OK)
        rc = x_doc_emit(&d, e);
    if (rc == NX_OK)
        rc = x_doc_salience(&d, e);
    for (size_t i = 0; rc == NX_OK && fn && i < d.nment; i++) {
        const x_mention *m = &d.ments[i];
        const char *name = m->entity >= 0 ? x_entity_name(&d, m->entity)
                                          : NULL;
        if (!(m->flags & XMF_DROPPED) && name && m->type <= XM_LOC) {
            size_t a = d.toks[m->tok].off;
            const x_tok *l = &d.toks[m->tok + m->ntok - 1];
            fn(ctx, d.text, a, l->off + l->len - a, m->type, name);
        }
    }
    x_doc_free(&d);
    return rc;
}

int x_extract_spans(nx_extractor *x, const char *title, const char *dateline,
                    const char *body, nx_entities *e, x_span_fn fn,
                    void *ctx)
{
    return extract_doc(x, title, dateline, body, NULL, e, fn, ctx);
}

int nx_extract(nx_extractor *x, const char *title, const char *body,
               nx_entities *e)
{
    return x_extract_spans(x, title, NULL, body, e, NULL, NULL);
}

int nx_extract_article(nx_extractor *x, const nx_article *a,
                       nx_entities *e)
{
    if (!a)
        return NX_EINVAL;
    int rc = extract_doc(x, a->title, a->dateline, a->body,
                         a->source ? a->source : "", e, NULL, NULL);
    return rc == NX_OK ? x_given_add(x, a, e) : rc;
}
