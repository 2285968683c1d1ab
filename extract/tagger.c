/*
 * tagger.c — the trained tagger (extract/ner) as an extraction stage: it
 * runs after the rules, tags the whole article (headline and body as one
 * document, so its document-level features see every mention), and adds
 * its PER / ORG / LOC spans as mentions.  MISC is not a facet and is left
 * out.  combine.c combines these mentions with the rules' own.
 *
 * Tokens.  The tagger was trained on CoNLL-2003 (Penn-style tokens), the
 * rules tokenizer splits finer, so each tagger token is a run of x tokens:
 * a hyphenated word is one token ("Russia-backed", "al-Assad"), an
 * abbreviation keeps its period ("Mr.", "Corp.", "W."), curly quotes and
 * apostrophes become straight ones ("’s" → "'s", "“" → "\""), and dashes
 * become "-" / "--".  A tagged span maps back to the x tokens it covers.
 *
 * The model is loaded once per extractor (mmap'd read-only, so indexing
 * processes share its pages and a CGI, which never extracts, never loads
 * it).  Path: nx_extract_options.ner_model, else $NEWSDEX_NER_MODEL, else
 * nx_extract_model_path(); an empty string turns the stage off.
 */
#include <stdlib.h>
#include <string.h>

#include "ner/nx_tagger.h"
#include "nx_data.h"
#include "nx_extract.h"
#include "nx_status.h"
#include "x_internal.h"

typedef struct tagger_state {
    nx_tagger *t;            /* NULL: stage off */
} tagger_state;

static int tagger_create(void **state, const struct nx_extractor *x,
                         char **err)
{
    const char *path = x->ner_model;
    if (!path)
        path = getenv("NEWSDEX_NER_MODEL");
    char def[4096];
    if (!path) {
        if (nx_extract_model_path(def, sizeof def))
            return NX_ETOOBIG;
        path = def;
    }
    tagger_state *s = calloc(1, sizeof *s);
    if (!s)
        return NX_ENOMEM;
    *state = s;
    if (!*path)
        return NX_OK;
    return nx_tagger_load(&s->t, path, err);
}

int nx_extract_model_path(char *out, size_t n)
{
    return nx_data_path(out, n, NX_NER_MODEL_DIR, "ner.model");
}

static void tagger_destroy(void *state)
{
    tagger_state *s = state;
    if (s)
        nx_tagger_free(s->t);
    free(s);
}

/* Abbreviations written with their period as one CoNLL token. */
static int abbrev_word(const x_doc *d, uint32_t t)
{
    static const char *const A[] = {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Gov",
        "Sen", "Rep", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm", "Rev", "Inc",
        "Corp", "Co", "Ltd", "Bros", "No", "Mt", "Ft", "Jan", "Feb", "Aug",
        "Sept", "Sep", "Oct", "Nov", "Dec", "vs", "Cie", "Pty", "Plc", NULL};
    const x_tok *k = &d->toks[t];
    if (k->kind != XT_WORD)
        return 0;
    if (k->len == 1 && (k->flags & XF_UPPER))
        return 1;                            /* an initial */
    for (size_t i = 0; A[i]; i++)
        if (x_tok_is(d, t, A[i]))
            return 1;
    return 0;
}

/* Appends token text [a, b) of x tokens to buf in CoNLL spelling. */
static size_t conll_text(const x_doc *d, uint32_t a, uint32_t b, char *buf)
{
    size_t n = 0;
    for (uint32_t t = a; t < b; t++) {
        const x_tok *k = &d->toks[t];
        const unsigned char *s = (const unsigned char *)d->text + k->off;
        if (k->kind == XT_QUOTE) {
            buf[n++] = (k->flags & XF_SINGLE) ? '\'' : '"';
            continue;
        }
        if (k->kind == XT_DASH) {            /* – — -- */
            buf[n++] = '-';
            if (k->len > 1)
                buf[n++] = '-';
            continue;
        }
        for (uint32_t i = 0; i < k->len; i++) {
            /* U+2018/2019 → ', U+2010/2011 → - */
            if (s[i] == 0xE2 && i + 2 < k->len && s[i + 1] == 0x80 &&
                (s[i + 2] == 0x98 || s[i + 2] == 0x99)) {
                buf[n++] = '\'';
                i += 2;
            } else if (s[i] == 0xE2 && i + 2 < k->len &&
                       s[i + 1] == 0x80 &&
                       (s[i + 2] == 0x90 || s[i + 2] == 0x91)) {
                buf[n++] = '-';
                i += 2;
            } else {
                buf[n++] = (char)s[i];
            }
        }
    }
    buf[n++] = 0;
    return n;
}

/* The CoNLL tokens of one article: x token ranges and their text. */
typedef struct ctoks {
    uint32_t *first;         /* x token where tagger token i starts */
    uint32_t *end;           /* and ends (exclusive) */
    char *buf;               /* the texts, NUL-separated */
    const char **word;
    nx_tagger_sentence *sents;
    size_t n, nsent;
} ctoks;

static void ctoks_free(ctoks *c)
{
    free(c->first);
    free(c->end);
    free(c->buf);
    free(c->word);
    free(c->sents);
}

/* The end of the tagger token starting at x token t. */
static uint32_t ctok_end(const x_doc *d, uint32_t t, uint32_t send)
{
    uint32_t e = t + 1;
    const x_tok *k = &d->toks[t];
    if (k->kind == XT_WORD || k->kind == XT_NUM) {
        /* Russia-backed, Jean-Claude, 1987-88 */
        while (e + 1 < send && d->toks[e].kind == XT_HYPHEN &&
               (d->toks[e + 1].kind == XT_WORD ||
                d->toks[e + 1].kind == XT_NUM) &&
               (d->toks[e + 1].flags & XF_NOSPACE))
            e += 2;
        if (e == t + 1 && e < send && abbrev_word(d, t) &&
            d->toks[e].kind == XT_PUNCT && d->text[d->toks[e].off] == '.' &&
            (d->toks[e].flags & XF_NOSPACE))
            e++;                             /* Mr. Corp. W. */
    }
    return e;
}

static int build(const x_doc *d, ctoks *c)
{
    memset(c, 0, sizeof *c);
    size_t nt = d->ntok ? d->ntok : 1;
    /* each x token: its bytes, at most 2 more for a dash, and a NUL */
    size_t bytes = d->len + 3 * nt + 1;
    c->first = malloc(nt * sizeof *c->first);
    c->end = malloc(nt * sizeof *c->end);
    c->buf = malloc(bytes);
    c->word = malloc(nt * sizeof *c->word);
    c->sents = malloc((d->nsent + nt / NX_TAGGER_MAX_SENT_TOKENS + 1) *
                      sizeof *c->sents);
    if (!c->first || !c->end || !c->buf || !c->word || !c->sents)
        return NX_ENOMEM;
    size_t off = 0;
    for (size_t s = 0; s < d->nsent; s++) {
        size_t start = c->n;
        for (uint32_t t = d->sents[s].first; t < d->sents[s].end;) {
            uint32_t e = ctok_end(d, t, d->sents[s].end);
            c->first[c->n] = t;
            c->end[c->n] = e;
            size_t len = conll_text(d, t, e, c->buf + off);
            c->n++;
            off += len;
            t = e;
            /* a run-on "sentence" (a table) longer than the tagger takes */
            if (c->n - start == NX_TAGGER_MAX_SENT_TOKENS) {
                c->sents[c->nsent++] = (nx_tagger_sentence){NULL, c->n - start};
                start = c->n;
            }
        }
        if (c->n > start)
            c->sents[c->nsent++] = (nx_tagger_sentence){NULL, c->n - start};
    }
    /* pointers only now: buf no longer moves */
    off = 0;
    for (size_t i = 0; i < c->n; i++) {
        c->word[i] = c->buf + off;
        off += strlen(c->buf + off) + 1;
    }
    size_t w = 0;
    for (size_t s = 0; s < c->nsent; s++) {
        c->sents[s].tokens = c->word + w;
        w += c->sents[s].ntokens;
    }
    return NX_OK;
}

static int add_span(x_doc *d, const ctoks *c, size_t a, size_t b, int type)
{
    uint32_t t0 = c->first[a], t1 = c->end[b - 1];
    /* never across a quote mark: the rules never do either */
    for (uint32_t t = t0; t < t1; t++)
        if (d->toks[t].kind == XT_QUOTE)
            return NX_OK;
    char *name = x_span_text(d, t0, t1 - t0);
    char *key = name ? nx_name_key(name) : NULL;
    if (!key) {
        free(name);
        return NX_ENOMEM;
    }
    /* the gazetteers' canonical form, as the rules would give it ("U.S."
     * → United States) */
    const x_gent *e = *key ? x_gaz_get(&d->x->gaz, key, strlen(key)) : NULL;
    const char *canon = name;
    if (e && type == XM_LOC && (e->flags & XG_PLACE))
        canon = d->x->gaz.strs[e->place_canon];
    else if (e && type == XM_ORG && (e->flags & XG_ORG))
        canon = d->x->gaz.strs[e->org_canon];
    int rc = x_doc_add_mention(d, t0, t1 - t0, type, X_TAGGER_SCORE, canon);
    free(name);
    free(key);
    if (rc < 0)
        return rc;
    unsigned f = XMF_TAGGER;
    /* the capitals of a Title Case or ALL CAPS headline say little; a
     * known name the body writes in lower case ("SALE", "lease sale")
     * needs support there too */
    if (d->title_caps && (d->toks[t0].flags & XF_TITLE) &&
        (!(e && (e->flags & (XG_ORG | XG_PLACE))) ||
         (t1 - t0 == 1 && x_body_lower(d, t0))))
        f |= XMF_NEEDS_SUPPORT;
    d->ments[rc].flags |= (uint8_t)f;
    return NX_OK;
}

static int tagger_run(void *state, x_doc *d)
{
    tagger_state *s = state;
    if (!s->t || d->ntok == 0)
        return NX_OK;
    ctoks c;
    int rc = build(d, &c);
    int *tags = rc == NX_OK ? malloc(c.n * sizeof *tags) : NULL;
    if (rc == NX_OK && !tags)
        rc = NX_ENOMEM;
    /* More than the tagger takes in one document: the rules alone. */
    if (rc == NX_OK && c.n <= NX_TAGGER_MAX_DOC_TOKENS)
        rc = nx_tagger_tag_doc(s->t, c.sents, c.nsent, tags);
    else if (rc == NX_OK)
        c.n = 0;
    size_t base = 0;
    for (size_t si = 0; rc == NX_OK && si < c.nsent && c.n; si++) {
        size_t send = base + c.sents[si].ntokens;   /* spans stay inside */
        for (size_t i = base; rc == NX_OK && i < send;) {
            int tg = tags[i];
            if (tg == NX_TAG_O || tg >= NX_TAG_B_MISC) {
                i++;
                continue;
            }
            int type = tg <= NX_TAG_I_PER ? XM_PER
                       : tg <= NX_TAG_I_ORG ? XM_ORG : XM_LOC;
            int inside = type == XM_PER ? NX_TAG_I_PER
                         : type == XM_ORG ? NX_TAG_I_ORG : NX_TAG_I_LOC;
            size_t j = i + 1;
            while (j < send && tags[j] == inside)
                j++;
            rc = add_span(d, &c, i, j, type);
            i = j;
        }
        base = send;
    }
    free(tags);
    ctoks_free(&c);
    return rc;
}

const x_stage x_stage_tagger = {"tagger", tagger_create, tagger_run,
                                 tagger_destroy};
