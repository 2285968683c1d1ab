/*
 * extract.c — the public side of extraction (nx_extract.h): the extractor
 * handle, the stage table, and the x_doc helpers the stages share.
 *
 * Stages run in table order on one x_doc per article: the rules and the
 * tagger add mentions, resolve combines and canonicalises them, quotes
 * finds speakers among them, merge makes entities.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    for (size_t i = 0; i < e->nquotes; i++) {
        free(e->quotes[i].speaker);
        free(e->quotes[i].text);
    }
    free(e->quotes);
    nx_entities_init(e);
}

static char *errdup(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s) {
        strcpy(s, a);
        strcat(s, b);
    }
    return s;
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
    if (!dir || !*dir)
        dir = NX_EXTRACT_DATA_DIR;
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
            *err = lerr ? lerr : errdup("extractor: ", nx_strerror(rc));
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

static void doc_free(x_doc *d)
{
    for (size_t i = 0; i < d->nment; i++) {
        free(d->ments[i].name);
        free(d->ments[i].canon);
        free(d->ments[i].key);
    }
    free(d->ments);
    free(d->text);
    free(d->toks);
    free(d->sents);
    free(d->quotes);
    free(d->speech);
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
    memcpy(d.text + n, body, bl + 1);
    d.len = n + bl;
    int rc = NX_OK;
    for (size_t i = 0; rc == NX_OK && i < NSTAGES; i++) {
        d.stage = (int)i;
        rc = STAGES[i]->run(x->state[i], &d);
    }
    if (rc == NX_OK)
        rc = x_doc_emit(&d, e);
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
    doc_free(&d);
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

/* ------------------------------------------------------- x_doc helpers */

int x_doc_add_mention(x_doc *d, uint32_t tok, uint32_t ntok, int type,
                      float score, const char *name)
{
    if (d->nment == d->capment) {
        size_t nc = d->capment ? d->capment * 2 : 32;
        x_mention *nm = realloc(d->ments, nc * sizeof *nm);
        if (!nm)
            return NX_ENOMEM;
        d->ments = nm;
        d->capment = nc;
    }
    x_mention *m = &d->ments[d->nment];
    memset(m, 0, sizeof *m);
    m->tok = tok;
    m->ntok = ntok;
    m->type = (uint8_t)type;
    m->stage = (uint8_t)d->stage;
    m->score = score;
    m->entity = -1;
    m->name = strdup(name);
    if (!m->name)
        return NX_ENOMEM;
    return (int)d->nment++;
}

int x_doc_add_speech(x_doc *d, int mention, int also, int quote, uint32_t tok)
{
    if (d->nspeech == d->capspeech) {
        size_t nc = d->capspeech ? d->capspeech * 2 : 16;
        x_speech *ns = realloc(d->speech, nc * sizeof *ns);
        if (!ns)
            return NX_ENOMEM;
        d->speech = ns;
        d->capspeech = nc;
    }
    d->speech[d->nspeech++] = (x_speech){mention, also, quote, tok};
    return NX_OK;
}

int x_doc_mention_at(const x_doc *d, uint32_t t)
{
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        if (!(m->flags & XMF_DROPPED) && t >= m->tok && t < m->tok + m->ntok)
            return (int)i;
    }
    return -1;
}

int x_doc_mention_ending(const x_doc *d, uint32_t t)
{
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        if (!(m->flags & XMF_DROPPED) && m->tok + m->ntok == t + 1)
            return (int)i;
    }
    return -1;
}

int x_doc_mention_starting(const x_doc *d, uint32_t t)
{
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        if (!(m->flags & XMF_DROPPED) && m->tok == t)
            return (int)i;
    }
    return -1;
}

int x_tok_is(const x_doc *d, uint32_t t, const char *word)
{
    size_t n = strlen(word);
    return t < d->ntok && d->toks[t].len == n &&
           memcmp(d->text + d->toks[t].off, word, n) == 0;
}

int x_tok_lower_is(const x_doc *d, uint32_t t, const char *word)
{
    size_t n = strlen(word);
    return t < d->ntok && d->toks[t].len == n &&
           strncasecmp(d->text + d->toks[t].off, word, n) == 0;
}

char *x_text_range(const x_doc *d, size_t a, size_t b)
{
    char *s = malloc(b - a + 1);
    if (!s)
        return NULL;
    /* line breaks inside a name or a quote (wrapped lines) become spaces */
    size_t n = 0;
    int sp = 0;
    for (size_t i = a; i < b; i++) {
        char c = d->text[i];
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            sp = 1;
            continue;
        }
        if (sp && n)
            s[n++] = ' ';
        sp = 0;
        s[n++] = c;
    }
    s[n] = 0;
    return s;
}

char *x_span_text(const x_doc *d, uint32_t tok, uint32_t ntok)
{
    if (ntok == 0)
        return strdup("");
    return x_text_range(d, d->toks[tok].off,
                        d->toks[tok + ntok - 1].off +
                            d->toks[tok + ntok - 1].len);
}

char *x_span_key(const x_doc *d, uint32_t tok, uint32_t ntok)
{
    char *t = x_span_text(d, tok, ntok);
    if (!t)
        return NULL;
    char *k = nx_name_key(t);
    free(t);
    return k;
}
