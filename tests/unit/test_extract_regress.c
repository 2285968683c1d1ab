/*
 * test_extract_regress.c — texts that once made extraction fail, each with
 * the bug it found.  Extraction must succeed on all of them.
 */
#include "nx_test.h"
#include "x_test_util.h"

static const struct {
    const char *title, *body, *bug;
} rows[] = {
    {"BROWN-FORMAN <BFDB> SETS STOCK SPLIT",
     "Brown-Forman Inc said its board has approved a split.\n"
     "    Brown-Forman said the split would be effective March 13.",
     "a hyphenated one-word name folding to two words had no surname key "
     "and was reported as out of memory (150 Reuters-21578 articles)"},
};

int main(void)
{
    nx_aliases *al = nx_aliases_new();
    nx_extractor *x = xt_new(al);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        nx_entities e;
        nx_entities_init(&e);
        int rc = nx_extract(x, rows[i].title, rows[i].body, &e);
        if (rc != 0)
            fprintf(stderr, "row %zu (%s): rc %d\n", i, rows[i].bug, rc);
        CHECK_INT(rc, 0);
        nx_entities_clear(&e);
    }
    nx_extractor_free(x);
    nx_aliases_free(al);
    return nx_test_done();
}
