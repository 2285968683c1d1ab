/*
 * test_ner.c — the NER tagger: word shapes, tag conversions and scoring,
 * a tiny model trained here and round-tripped through a file, CoNLL
 * pass-through, model load errors, and (when it is committed) the shipped
 * model on a news sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nx_test.h"
#include "ner/ner_internal.h"

/* ------------------------------------------------------------- shapes */

static const struct {
    const char *word, *shape, *collapsed, *lower;
} shape_cases[] = {
    {"Washington", "Xxxxx", "Xx", "washington"},
    {"IBM", "XXX", "X", "ibm"},
    {"1,000", "d,ddd", "d,d", "1,000"},
    {"U.S.", "X.X.", "X.X.", "u.s."},
    {"McDonald's", "XxXxxxx'x", "XxXx'x", "mcdonald's"},
    {"1996-08-22", "dddd-dd-dd", "d-d-d", "1996-08-22"},
    {"\xc3\x96LANDER", "XXXX", "X", "\xc3\xb6lander"},      /* ÖLANDER */
    {"Wa\xc5\x82\xc4\x99sa", "Xxxxx", "Xx", "wa\xc5\x82\xc4\x99sa"},
    {"--", "--", "-", "--"},
    {"", "", "", ""},
};

static void test_shapes(void)
{
    for (size_t i = 0; i < sizeof shape_cases / sizeof *shape_cases; i++) {
        char buf[64];
        ner_shape(buf, sizeof buf, shape_cases[i].word, 0);
        CHECK_STR(buf, shape_cases[i].shape);
        ner_shape(buf, sizeof buf, shape_cases[i].word, 1);
        CHECK_STR(buf, shape_cases[i].collapsed);
        ner_lower(buf, sizeof buf, shape_cases[i].word);
        CHECK_STR(buf, shape_cases[i].lower);
    }
    /* Bounded output: a long word is cut at the buffer, not past it. */
    char small[4];
    CHECK_INT(ner_shape(small, sizeof small, "Washington", 0), 3);
    CHECK_STR(small, "Xxx");
    CHECK_INT(ner_lower(small, sizeof small, "\xc3\x96\xc3\x96"), 2);
}

static const struct {
    const char *word;
    unsigned set, clear;
} flag_cases[] = {
    {"London", NER_F_TITLE | NER_F_UPPER1, NER_F_ALLCAPS | NER_F_LOWER},
    {"NATO", NER_F_ALLCAPS | NER_F_UPPER1, NER_F_TITLE},
    {"said", NER_F_LOWER, NER_F_UPPER1},
    {"1996", NER_F_DIGIT | NER_F_ALLDIGIT, NER_F_PUNCT},
    {"F-16", NER_F_HYPHEN | NER_F_DIGIT | NER_F_ALLCAPS, NER_F_ALLDIGIT},
    {"(", NER_F_PUNCT, NER_F_DIGIT},
};

static void test_flags(void)
{
    for (size_t i = 0; i < sizeof flag_cases / sizeof *flag_cases; i++) {
        ner_tok t;
        ner_tok_analyse(&t, flag_cases[i].word);
        CHECK_INT(t.flags & flag_cases[i].set, flag_cases[i].set);
        CHECK_INT(t.flags & flag_cases[i].clear, 0);
    }
}

/* ---------------------------------------------------------- tag schemes */

static int parse_seq(int *out, const char *const *tags, size_t n)
{
    int prev = NX_TAG_O;
    for (size_t i = 0; i < n; i++) {
        out[i] = nx_ner_tag_parse(tags[i], strlen(tags[i]), prev);
        if (out[i] < 0)
            return -1;
        prev = out[i];
    }
    return 0;
}

static const struct {
    const char *in[6];     /* IOB1 or IOB2 */
    const char *iob2[6];
    const char *bilou[6];
} scheme_cases[] = {
    {{"I-PER", "I-PER", "O", "I-LOC", NULL},
     {"B-PER", "I-PER", "O", "B-LOC", NULL},
     {"B-PER", "L-PER", "O", "U-LOC", NULL}},
    /* IOB1 B-X: two X entities side by side. */
    {{"I-LOC", "B-LOC", "I-LOC", "I-LOC", NULL},
     {"B-LOC", "B-LOC", "I-LOC", "I-LOC", NULL},
     {"U-LOC", "B-LOC", "I-LOC", "L-LOC", NULL}},
    /* A type change starts a new entity. */
    {{"I-ORG", "I-MISC", "O", NULL},
     {"B-ORG", "B-MISC", "O", NULL},
     {"U-ORG", "U-MISC", "O", NULL}},
};

static void test_schemes(void)
{
    for (size_t c = 0; c < sizeof scheme_cases / sizeof *scheme_cases; c++) {
        size_t n = 0;
        while (scheme_cases[c].in[n])
            n++;
        int iob2[6], bilou[6];
        CHECK_INT(parse_seq(iob2, scheme_cases[c].in, n), 0);
        ner_iob2_to_bilou(iob2, n, bilou);
        for (size_t i = 0; i < n; i++) {
            CHECK_STR(nx_tagger_tag_name(iob2[i]), scheme_cases[c].iob2[i]);
            CHECK_STR(ner_bilou_name(bilou[i]), scheme_cases[c].bilou[i]);
            CHECK_INT(ner_bilou_to_iob2(bilou[i]), iob2[i]);
        }
    }
    CHECK_INT(nx_ner_tag_parse("X-PER", 5, NX_TAG_O), -1);
    CHECK_INT(nx_ner_tag_parse("B-FOO", 5, NX_TAG_O), -1);
    CHECK(nx_tagger_tag_name(NX_TAG_COUNT) == NULL);
}

/* Entity-level counts, conlleval's definition. */
static const struct {
    const char *gold[6], *pred[6];
    size_t ngold, npred, correct;
} score_cases[] = {
    {{"B-PER", "I-PER", "O", NULL}, {"B-PER", "I-PER", "O", NULL}, 1, 1, 1},
    /* Boundary error: both an extra and a missed entity. */
    {{"B-PER", "I-PER", "O", NULL}, {"B-PER", "O", "O", NULL}, 1, 1, 0},
    /* Type error. */
    {{"B-ORG", "O", NULL}, {"B-LOC", "O", NULL}, 1, 1, 0},
    /* IOB1 gold against IOB2 prediction. */
    {{"I-LOC", "B-LOC", "O", NULL}, {"B-LOC", "B-LOC", "O", NULL}, 2, 2, 2},
    /* A stray I- in a prediction starts an entity, as in conlleval. */
    {{"O", "B-MISC", NULL}, {"O", "I-MISC", NULL}, 1, 1, 1},
};

static void test_scoring(void)
{
    for (size_t c = 0; c < sizeof score_cases / sizeof *score_cases; c++) {
        size_t n = 0;
        while (score_cases[c].gold[n])
            n++;
        int g[6], p[6];
        CHECK_INT(parse_seq(g, score_cases[c].gold, n), 0);
        CHECK_INT(parse_seq(p, score_cases[c].pred, n), 0);
        nx_ner_score s;
        memset(&s, 0, sizeof s);
        nx_ner_score_add(&s, g, p, n);
        size_t ng = 0, np = 0, ok = 0;
        for (int k = 0; k < NX_NER_NTYPES; k++) {
            ng += s.gold[k];
            np += s.pred[k];
            ok += s.correct[k];
        }
        CHECK_INT(ng, score_cases[c].ngold);
        CHECK_INT(np, score_cases[c].npred);
        CHECK_INT(ok, score_cases[c].correct);
    }
}

/* ------------------------------------------------------- a tiny model */

static const char tiny_corpus[] =
    "-DOCSTART- -X- O O\n\n"
    "John NNP I-NP I-PER\nSmith NNP I-NP I-PER\nworks VBZ I-VP O\n"
    "for IN I-PP O\nAcme NNP I-NP I-ORG\nCorp NNP I-NP I-ORG\n"
    "in IN I-PP O\nParis NNP I-NP I-LOC\n. . O O\n\n"
    "Mary NNP I-NP I-PER\nJones NNP I-NP I-PER\nvisited VBD I-VP O\n"
    "Berlin NNP I-NP I-LOC\nwith IN I-PP O\nGerman JJ I-NP I-MISC\n"
    "fans NNS I-NP O\n. . O O\n\n"
    "-DOCSTART- -X- O O\n\n"
    "Acme NNP I-NP I-ORG\nCorp NNP I-NP I-ORG\nhired VBD I-VP O\n"
    "Mary NNP I-NP I-PER\nJones NNP I-NP I-PER\n. . O O\n\n"
    "Berlin NNP I-NP I-LOC\nand CC O O\nParis NNP I-NP I-LOC\n"
    "welcomed VBD I-VP O\nJohn NNP I-NP I-PER\nSmith NNP I-NP I-PER\n"
    ". . O O\n";

static nx_ner_corpus *tiny(void)
{
    FILE *f = fmemopen((void *)tiny_corpus, sizeof tiny_corpus - 1, "r");
    nx_ner_corpus *c = NULL;
    char *err = NULL;
    CHECK(f != NULL);
    CHECK_INT(nx_ner_corpus_read(&c, f, "tiny", &err), NX_OK);
    fclose(f);
    free(err);
    return c;
}

static nx_tagger *train_tiny(const nx_ner_corpus *c)
{
    nx_ner_train_options o = NX_NER_TRAIN_OPTIONS_INIT;
    o.hash_bits = 14;
    o.max_epochs = 10;
    nx_tagger *t = NULL;
    char *err = NULL;
    CHECK_INT(nx_ner_train(&t, c, NULL, &o, &err), NX_OK);
    free(err);
    return t;
}

static void check_tags_back(const nx_tagger *t, const nx_ner_corpus *c)
{
    nx_ner_score s;
    memset(&s, 0, sizeof s);
    CHECK_INT(nx_ner_evaluate(&s, t, c), NX_OK);
    CHECK_INT(s.tokens, 30);
    CHECK_INT(s.tokens_correct, s.tokens);
}

static const char *const model_path = "test_ner.tmp.model";

static void test_round_trip(void)
{
    nx_ner_corpus *c = tiny();
    CHECK_INT(nx_ner_corpus_ndocs(c), 2);
    CHECK_INT(nx_ner_corpus_nsentences(c), 4);
    nx_tagger *t = train_tiny(c);
    check_tags_back(t, c);
    char *err = NULL;
    CHECK_INT(nx_tagger_save(t, model_path, &err), NX_OK);
    free(err);
    nx_tagger *u = NULL;
    CHECK_INT(nx_tagger_load(&u, model_path, &err), NX_OK);
    free(err);
    if (u)
        check_tags_back(u, c);
    /* Same data, same seed: the same model, bit for bit. */
    nx_tagger *again = train_tiny(c);
    CHECK(again && t && again->nstages == 2 && t->nstages == 2);
    for (unsigned k = 0; again && t && k < t->nstages; k++)
        CHECK(again->st[k].wscale == t->st[k].wscale &&
              memcmp(again->st[k].w, t->st[k].w,
                     (((size_t)1 << 14) + NER_NT) * 2) == 0);
    nx_tagger_free(again);
    nx_tagger_free(u);
    nx_tagger_free(t);
    nx_ner_corpus_free(c);
}

/* ---------------------------------------------------------- CoNLL I/O */

static void test_conll(void)
{
    static const char in[] =
        "-DOCSTART- -X- O O\n"
        "\n"
        "John NNP I-NP I-PER\n"
        "Smith NNP I-NP I-PER\n"
        "works VBZ I-VP O\n"
        "\n"
        "-DOCSTART- -X- O O\n"
        "\n"
        "Paris\n"
        "   \n"
        "Acme Corp\n";   /* no final blank line */
    /* Each output line is the input line, plus " TAG" on token lines. */
    static const struct {
        const char *line;
        int tagged;
    } want[] = {
        {"-DOCSTART- -X- O O", 0}, {"", 0}, {"John NNP I-NP I-PER", 1},
        {"Smith NNP I-NP I-PER", 1}, {"works VBZ I-VP O", 1}, {"", 0},
        {"-DOCSTART- -X- O O", 0}, {"", 0}, {"Paris", 1}, {"   ", 0},
        {"Acme Corp", 1},
    };
    nx_ner_corpus *c = tiny();
    nx_tagger *t = train_tiny(c);
    FILE *fin = fmemopen((void *)in, sizeof in - 1, "r");
    char *buf = NULL;
    size_t len = 0;
    FILE *fout = open_memstream(&buf, &len);
    char *err = NULL;
    CHECK_INT(nx_tagger_conll(t, fin, fout, &err), NX_OK);
    free(err);
    fclose(fin);
    fclose(fout);
    size_t nl = 0;
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (nl < sizeof want / sizeof *want) {
            size_t k = strlen(want[nl].line);
            CHECK(strncmp(line, want[nl].line, k) == 0);
            if (want[nl].tagged) {
                CHECK(line[k] == ' ');
                const char *tag = line + k + 1;
                CHECK(nx_ner_tag_parse(tag, strlen(tag), NX_TAG_O) >= 0);
            } else {
                CHECK_STR(line + k, "");
            }
        }
        nl++;
    }
    CHECK_INT(nl, sizeof want / sizeof *want);
    free(buf);

    /* A line past the bound is an error, not a cut. */
    size_t big = NX_TAGGER_MAX_LINE + 10;
    char *huge = malloc(big + 1);
    memset(huge, 'a', big);
    huge[big] = '\0';
    fin = fmemopen(huge, big, "r");
    fout = fopen("/dev/null", "w");
    CHECK_INT(nx_tagger_conll(t, fin, fout, &err), NX_ETOOBIG);
    CHECK(err && strstr(err, "longer than"));
    free(err);
    fclose(fin);
    fclose(fout);
    free(huge);
    nx_tagger_free(t);
    nx_ner_corpus_free(c);
}

/* -------------------------------------------------------- load errors */

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*n);
    if (b && fread(b, 1, *n, f) != *n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    return b;
}

static void test_load_errors(void)
{
    size_t n = 0;
    char *good = slurp(model_path, &n);   /* from test_round_trip */
    CHECK(good != NULL && n > 1024);
    if (!good)
        return;
    char *bad = malloc(n);
    const char *p = "test_ner.bad.model";
    static const struct {
        const char *what;
        int cut;          /* bytes to keep (0 = all) */
        long flip;        /* byte to flip (-1 = none) */
        int rc;
        const char *msg;
    } cases[] = {
        {"bad magic", 0, 0, NX_EPARSE, "bad magic"},
        {"short", 100, -1, NX_EPARSE, "truncated"},
        {"truncated", -16, -1, NX_EPARSE, "truncated"},
        {"version", 0, 8, NX_EVERSION, "version"},
        {"corrupt", 0, 300, NX_EPARSE, "checksum"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        memcpy(bad, good, n);
        size_t len = cases[i].cut > 0 ? (size_t)cases[i].cut
                   : cases[i].cut < 0 ? n - (size_t)-cases[i].cut : n;
        if (cases[i].flip >= 0)
            bad[cases[i].flip] ^= 0x5a;
        write_file(p, bad, len);
        nx_tagger *t = NULL;
        char *err = NULL;
        CHECK_INT(nx_tagger_load(&t, p, &err), cases[i].rc);
        CHECK(t == NULL);
        CHECK(err && strstr(err, p) && strstr(err, cases[i].msg));
        if (err && !strstr(err, cases[i].msg))
            fprintf(stderr, "%s: %s\n", cases[i].what, err);
        free(err);
    }
    nx_tagger *t = NULL;
    char *err = NULL;
    CHECK_INT(nx_tagger_load(&t, "no/such/ner.model", &err), NX_EIO);
    CHECK(err && strstr(err, "no/such/ner.model") &&
          strstr(err, "No such file"));
    free(err);
    nx_tagger_free(NULL);
    unlink(p);
    unlink(model_path);
    free(bad);
    free(good);
}

/* ------------------------------------------------- the shipped model */

static void test_shipped_model(void)
{
    const char *src = getenv("NX_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/extract/ner/model/ner.model",
             src ? src : NX_SOURCE_DIR);
    if (access(path, R_OK) != 0) {
        printf("skip: no committed model at %s\n", path);
        return;
    }
    nx_tagger *t = NULL;
    char *err = NULL;
    CHECK_INT(nx_tagger_load(&t, path, &err), NX_OK);
    if (err)
        fprintf(stderr, "%s\n", err);
    free(err);
    if (!t)
        return;
    static const struct {
        const char *tokens[12];
        const char *tags[12];
    } cases[] = {
        {{"Sergey", "Lavrov", "met", "Antony", "Blinken", "in", "Stockholm",
          ".", NULL},
         {"B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "O"}},
        {{"The", "European", "Commission", "said", "on", "Thursday", "it",
          "disagreed", "with", "German", "advice", NULL},
         {"O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O", "B-MISC",
          "O"}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        nx_tagger_sentence s = {cases[c].tokens, 0};
        while (cases[c].tokens[s.ntokens])
            s.ntokens++;
        int tags[12];
        CHECK_INT(nx_tagger_tag_doc(t, &s, 1, tags), NX_OK);
        for (size_t i = 0; i < s.ntokens; i++)
            CHECK_STR(nx_tagger_tag_name(tags[i]), cases[c].tags[i]);
    }
    nx_tagger_free(t);
}

int main(void)
{
    test_shapes();
    test_flags();
    test_schemes();
    test_scoring();
    test_round_trip();
    test_conll();
    test_load_errors();
    test_shipped_model();
    return nx_test_done();
}
