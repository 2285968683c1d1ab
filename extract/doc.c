/*
 * doc.c — the x_doc helpers every stage shares: adding mentions and speech
 * events, finding the mention at a token, token and span text.  The driver
 * (extract.c) builds an x_doc and frees it here; the stages only call
 * these, so the dependency runs one way: driver → stages → helpers.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nx_buf.h"
#include "nx_status.h"
#include "x_internal.h"

void x_doc_free(x_doc *d)
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
    x_mindex_free(d);
    free(d->ent_names);
}


int x_doc_add_mention(x_doc *d, uint32_t tok, uint32_t ntok, int type,
                      float score, const char *name)
{
    int rc = nx_grow(&d->ments, &d->capment, d->nment + 1, sizeof *d->ments,
                     X_MAX_TOKENS);
    if (rc != NX_OK)
        return rc;
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
    int rc = nx_grow(&d->speech, &d->capspeech, d->nspeech + 1,
                     sizeof *d->speech, X_MAX_TOKENS);
    if (rc != NX_OK)
        return rc;
    d->speech[d->nspeech++] = (x_speech){mention, also, quote, tok};
    return NX_OK;
}

int x_doc_mention_ending(const x_doc *d, uint32_t t)
{
    int found = x_mindex_ending(d, t);
    if (found != -2)
        return found;
    for (size_t i = 0; i < d->nment; i++) {
        const x_mention *m = &d->ments[i];
        if (!(m->flags & XMF_DROPPED) && m->tok + m->ntok == t + 1)
            return (int)i;
    }
    return -1;
}

int x_doc_mention_starting(const x_doc *d, uint32_t t)
{
    int found = x_mindex_starting(d, t);
    if (found != -2)
        return found;
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
