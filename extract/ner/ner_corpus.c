/*
 * ner_corpus.c — CoNLL column text: reading annotated corpora, and
 * nx_tagger_conll(), which tags column text and writes it back with one
 * more column.
 *
 * A line is a token (first column) with more columns after it, a blank
 * line ends a sentence, a line whose first column is -DOCSTART- ends a
 * document.  Every buffer grows to a stated bound (NX_TAGGER_MAX_LINE per
 * line, NX_NER_MAX_CORPUS_* per corpus, NX_TAGGER_MAX_DOC_TOKENS and
 * CONLL_MAX_DOC_BYTES per document) and an input past it is an error.
 */
#include "ner_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_status.h"

#define CONLL_MAX_DOC_BYTES (64u << 20)

/* Bound on the elements of any array read from a corpus (offsets, tags,
 * lines, words, the arena's bytes): never more than its bytes, 2 aside.
 * The explicit bounds on tokens and bytes are reported first. */
#define GROW_MAX ((size_t)NX_NER_MAX_CORPUS_BYTES + 2)

static int grow(void *v, size_t *cap, size_t need, size_t size)
{
    return nx_grow(v, cap, need, size, GROW_MAX);
}

/* Reads one line into buf (NX_TAGGER_MAX_LINE + 2 bytes).  Returns 1 with
 * a line, 0 at EOF, NX_ETOOBIG / NX_EIO on errors. */
static int read_line(FILE *in, char *buf, size_t *len)
{
    if (!fgets(buf, NX_TAGGER_MAX_LINE + 2, in))
        return ferror(in) ? NX_EIO : 0;
    size_t n = strlen(buf);
    if (n > NX_TAGGER_MAX_LINE ||
        (n == NX_TAGGER_MAX_LINE + 1 && buf[n - 1] != '\n'))
        return NX_ETOOBIG;
    *len = n;
    return 1;
}

/* Span of the first whitespace-separated field; *blank when none. */
static void first_field(const char *s, size_t n, size_t *b, size_t *e)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
                     s[i] == '\n'))
        i++;
    *b = i;
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
           s[i] != '\n')
        i++;
    *e = i;
}

static void last_field(const char *s, size_t n, size_t *b, size_t *e)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    *e = n;
    while (n > 0 && s[n - 1] != ' ' && s[n - 1] != '\t')
        n--;
    *b = n;
}

static int is_docstart(const char *s, size_t b, size_t e)
{
    return e - b == 10 && memcmp(s + b, "-DOCSTART-", 10) == 0;
}

/* ------------------------------------------------------------- corpora */

typedef struct corpus_build {
    nx_ner_corpus *c;
    size_t *woff;                 /* word offsets until the arena settles */
    size_t cap_w, cap_g, cap_s, cap_d, cap_a;
} corpus_build;

static int end_sentence(corpus_build *b)
{
    nx_ner_corpus *c = b->c;
    if (c->sent_start[c->nsents] == c->ntokens)
        return NX_OK;
    if (grow(&c->sent_start, &b->cap_s, c->nsents + 2,
             sizeof(size_t)))
        return NX_ENOMEM;
    c->sent_start[++c->nsents] = c->ntokens;
    return NX_OK;
}

static int end_doc(corpus_build *b)
{
    nx_ner_corpus *c = b->c;
    if (end_sentence(b))
        return NX_ENOMEM;
    if (c->doc_start[c->ndocs] == c->nsents)
        return NX_OK;
    if (grow(&c->doc_start, &b->cap_d, c->ndocs + 2, sizeof(size_t)))
        return NX_ENOMEM;
    c->doc_start[++c->ndocs] = c->nsents;
    return NX_OK;
}

int nx_ner_corpus_read(nx_ner_corpus **out, FILE *in, const char *name,
                       char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    corpus_build b = {0};
    char *line = malloc(NX_TAGGER_MAX_LINE + 2);
    nx_ner_corpus *c = calloc(1, sizeof *c);
    int rc = NX_ENOMEM;
    b.c = c;
    if (!line || !c ||
        grow(&c->sent_start, &b.cap_s, 1, sizeof(size_t)) ||
        grow(&c->doc_start, &b.cap_d, 1, sizeof(size_t)))
        goto fail;
    c->sent_start[0] = c->doc_start[0] = 0;
    size_t lineno = 0, len;
    int prev = NX_TAG_O, got;
    while ((got = read_line(in, line, &len)) == 1) {
        lineno++;
        size_t wb, we, tb, te;
        first_field(line, len, &wb, &we);
        if (wb == we) {
            prev = NX_TAG_O;
            if ((rc = end_sentence(&b)))
                goto fail;
            continue;
        }
        if (is_docstart(line, wb, we)) {
            prev = NX_TAG_O;
            if ((rc = end_doc(&b)))
                goto fail;
            continue;
        }
        last_field(line, len, &tb, &te);
        int tag = tb > wb ? nx_ner_tag_parse(line + tb, te - tb, prev) : -1;
        if (tag < 0) {
            rc = nx_fail(err, NX_EPARSE, "%s:%zu: no valid NE tag in the "
                         "last column (want O, B-X or I-X with X one of PER "
                         "ORG LOC MISC)", name, lineno);
            goto fail;
        }
        prev = tag;
        size_t wlen = we - wb;
        if (c->ntokens >= NX_NER_MAX_CORPUS_TOKENS ||
            c->arena_len + wlen + 1 > NX_NER_MAX_CORPUS_BYTES) {
            rc = nx_fail(err, NX_ETOOBIG, "%s:%zu: corpus larger than the "
                         "bound", name, lineno);
            goto fail;
        }
        rc = NX_ENOMEM;
        if (grow(&b.woff, &b.cap_w, c->ntokens + 1, sizeof(size_t)) ||
            grow(&c->gold, &b.cap_g, c->ntokens + 1, sizeof(int)) ||
            grow(&c->arena, &b.cap_a, c->arena_len + wlen + 1, 1))
            goto fail;
        memcpy(c->arena + c->arena_len, line + wb, wlen);
        c->arena[c->arena_len + wlen] = '\0';
        b.woff[c->ntokens] = c->arena_len;
        c->gold[c->ntokens++] = tag;
        c->arena_len += wlen + 1;
    }
    if (got < 0) {
        rc = got == NX_ETOOBIG
                 ? nx_fail(err, got, "%s:%zu: line longer than %d bytes",
                           name, lineno + 1, NX_TAGGER_MAX_LINE)
                 : nx_fail(err, got, "%s:%zu: read error", name, lineno + 1);
        goto fail;
    }
    if ((rc = end_doc(&b)))
        goto fail;
    rc = NX_ENOMEM;
    c->words = malloc((c->ntokens ? c->ntokens : 1) * sizeof *c->words);
    if (!c->words)
        goto fail;
    for (size_t i = 0; i < c->ntokens; i++)
        c->words[i] = c->arena + b.woff[i];
    free(b.woff);
    free(line);
    *out = c;
    return NX_OK;
fail:
    if (rc == NX_ENOMEM && err && !*err)
        nx_fail(err, rc, "%s: out of memory", name);
    free(b.woff);
    free(line);
    nx_ner_corpus_free(c);
    return rc;
}

int nx_ner_corpus_load(nx_ner_corpus **out, const char *path, char **err)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (err)
            *err = NULL;
        return nx_fail(err, NX_EIO, "%s: cannot open: %s", path,
                       strerror(errno));
    }
    int rc = nx_ner_corpus_read(out, f, path, err);
    fclose(f);
    return rc;
}

void nx_ner_corpus_free(nx_ner_corpus *c)
{
    if (!c)
        return;
    free(c->words);
    free(c->gold);
    free(c->sent_start);
    free(c->doc_start);
    free(c->arena);
    free(c);
}

size_t nx_ner_corpus_ntokens(const nx_ner_corpus *c) { return c->ntokens; }
size_t nx_ner_corpus_nsentences(const nx_ner_corpus *c) { return c->nsents; }
size_t nx_ner_corpus_ndocs(const nx_ner_corpus *c) { return c->ndocs; }

/* ------------------------------------------------------ tagging columns */

typedef struct conll_line {
    char *text;       /* the line as read, with its newline */
    size_t len;
    int token;        /* 1: a token line, gets a tag column */
} conll_line;

typedef struct conll_doc {
    conll_line *lines;
    size_t nlines, cap_lines;
    const char **words;            /* first column of token lines */
    size_t nwords, cap_words;
    nx_tagger_sentence *sents;
    size_t nsents, cap_sents;
    size_t sent_begin;             /* word index where this sentence began */
    size_t bytes;
    int *tags;
} conll_doc;

static void doc_clear(conll_doc *d)
{
    for (size_t i = 0; i < d->nlines; i++)
        free(d->lines[i].text);
    for (size_t i = 0; i < d->nwords; i++)
        free((char *)d->words[i]);
    d->nlines = d->nwords = d->nsents = d->sent_begin = d->bytes = 0;
}

static int doc_end_sentence(conll_doc *d)
{
    if (d->nwords == d->sent_begin)
        return NX_OK;
    if (grow(&d->sents, &d->cap_sents, d->nsents + 1,
             sizeof *d->sents))
        return NX_ENOMEM;
    /* Token pointers are fixed up in doc_flush: words may still move. */
    d->sents[d->nsents].tokens = NULL;
    d->sents[d->nsents].ntokens = d->nwords - d->sent_begin;
    d->nsents++;
    d->sent_begin = d->nwords;
    return NX_OK;
}

static int doc_flush(const nx_tagger *t, conll_doc *d, FILE *out)
{
    int rc = doc_end_sentence(d);
    if (rc)
        return rc;
    size_t w = 0;
    for (size_t k = 0; k < d->nsents; k++) {
        d->sents[k].tokens = d->words + w;
        w += d->sents[k].ntokens;
    }
    free(d->tags);
    d->tags = malloc((d->nwords ? d->nwords : 1) * sizeof *d->tags);
    if (!d->tags)
        return NX_ENOMEM;
    if ((rc = nx_tagger_tag_doc(t, d->sents, d->nsents, d->tags)))
        return rc;
    w = 0;
    for (size_t i = 0; i < d->nlines; i++) {
        conll_line *l = &d->lines[i];
        if (!l->token) {
            fwrite(l->text, 1, l->len, out);
            continue;
        }
        size_t n = l->len;
        while (n > 0 && (l->text[n - 1] == '\n' || l->text[n - 1] == '\r'))
            n--;
        fwrite(l->text, 1, n, out);
        fprintf(out, " %s\n", nx_tagger_tag_name(d->tags[w++]));
    }
    doc_clear(d);
    return ferror(out) ? NX_EIO : NX_OK;
}

static int doc_add_line(conll_doc *d, const char *s, size_t len, int token,
                        size_t wb, size_t we)
{
    if (grow(&d->lines, &d->cap_lines, d->nlines + 1,
             sizeof *d->lines))
        return NX_ENOMEM;
    char *text = malloc(len + 1);
    if (!text)
        return NX_ENOMEM;
    memcpy(text, s, len + 1);
    d->lines[d->nlines++] = (conll_line){text, len, token};
    d->bytes += len;
    if (!token)
        return NX_OK;
    if (grow(&d->words, &d->cap_words, d->nwords + 1,
             sizeof *d->words))
        return NX_ENOMEM;
    char *word = strndup(s + wb, we - wb);
    if (!word)
        return NX_ENOMEM;
    d->words[d->nwords++] = word;
    return NX_OK;
}

int nx_tagger_conll(const nx_tagger *t, FILE *in, FILE *out, char **err)
{
    if (err)
        *err = NULL;
    conll_doc d = {0};
    char *line = malloc(NX_TAGGER_MAX_LINE + 2);
    size_t lineno = 0, len;
    int rc = NX_ENOMEM, got;
    if (!line)
        goto done;
    while ((got = read_line(in, line, &len)) == 1) {
        lineno++;
        size_t wb, we;
        first_field(line, len, &wb, &we);
        if (wb == we) {
            if ((rc = doc_add_line(&d, line, len, 0, 0, 0)) ||
                (rc = doc_end_sentence(&d)))
                goto done;
            continue;
        }
        if (is_docstart(line, wb, we)) {
            if ((rc = doc_flush(t, &d, out)) ||
                (rc = doc_add_line(&d, line, len, 0, 0, 0)))
                goto done;
            continue;
        }
        if (d.nwords - d.sent_begin >= NX_TAGGER_MAX_SENT_TOKENS ||
            d.nwords >= NX_TAGGER_MAX_DOC_TOKENS ||
            d.bytes + len > CONLL_MAX_DOC_BYTES) {
            rc = nx_fail(err, NX_ETOOBIG, "line %zu: sentence or document "
                         "longer than the tagger's bound (%d tokens a "
                         "sentence, %d a document)", lineno,
                         NX_TAGGER_MAX_SENT_TOKENS, NX_TAGGER_MAX_DOC_TOKENS);
            goto done;
        }
        if ((rc = doc_add_line(&d, line, len, 1, wb, we)))
            goto done;
    }
    if (got < 0) {
        rc = got == NX_ETOOBIG
                 ? nx_fail(err, got, "line %zu: longer than %d bytes",
                           lineno + 1, NX_TAGGER_MAX_LINE)
                 : nx_fail(err, got, "line %zu: read error", lineno + 1);
        goto done;
    }
    rc = doc_flush(t, &d, out);
done:
    if (rc && err && !*err)
        nx_fail(err, rc, "line %zu: %s", lineno, nx_strerror(rc));
    doc_clear(&d);
    free(d.lines);
    free(d.words);
    free(d.sents);
    free(d.tags);
    free(line);
    return rc;
}
