/*
 * test_about.c — the about rule (nx_about_mark): the headline, the lead,
 * or among the most named with at least two mentions; and the salience
 * extraction gives it (mentions, headline, lead, first offset) on text.
 */
#include "nx_test.h"
#include "x_test_util.h"

/* One article's entities: mentions, headline, lead; and the about marks
 * the rule must give, as a string of 0/1. */
typedef struct ent {
    unsigned mentions;
    unsigned char headline, lead;
} ent;

static const struct {
    const char *what;
    size_t n;
    ent e[6];
    const char *want;
} RULE[] = {
    {"one mention in the headline", 1, {{1, 1, 0}}, "1"},
    {"one mention in the lead", 1, {{1, 0, 1}}, "1"},
    {"one mention deep in the body", 1, {{1, 0, 0}}, "0"},
    {"named twice, the most named", 2, {{2, 0, 0}, {1, 0, 0}}, "10"},
    {"tied at two: both share rank 1", 2, {{2, 0, 0}, {2, 0, 0}}, "11"},
    {"fourth most named is peripheral", 5,
     {{9, 1, 1}, {7, 0, 1}, {5, 0, 0}, {3, 0, 0}, {1, 0, 0}}, "11100"},
    {"a tie at third keeps both", 5,
     {{9, 0, 0}, {7, 0, 0}, {4, 0, 0}, {4, 0, 0}, {2, 0, 0}}, "11110"},
    {"the headline wins over a low count", 4,
     {{9, 0, 0}, {8, 0, 0}, {7, 0, 0}, {1, 1, 0}}, "1111"},
    {"the lead wins over a low count", 4,
     {{9, 0, 0}, {8, 0, 0}, {7, 0, 0}, {1, 0, 1}}, "1111"},
    {"top three but named once is not enough", 3,
     {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}, "000"},
    {"nothing to mark", 0, {{0, 0, 0}}, ""},
};

static void rule_table(void)
{
    for (size_t r = 0; r < sizeof RULE / sizeof *RULE; r++) {
        nx_salience s[6];
        memset(s, 0, sizeof s);
        for (size_t i = 0; i < RULE[r].n; i++) {
            s[i].mentions = RULE[r].e[i].mentions;
            s[i].headline = RULE[r].e[i].headline;
            s[i].lead = RULE[r].e[i].lead;
            s[i].about = 7;   /* overwritten either way */
        }
        nx_about_mark(s, RULE[r].n);
        char got[8] = "";
        for (size_t i = 0; i < RULE[r].n; i++)
            got[i] = s[i].about == 1 ? '1' : s[i].about == 0 ? '0' : '?';
        got[RULE[r].n] = 0;
        if (strcmp(got, RULE[r].want) != 0)
            fprintf(stderr, "rule: %s\n", RULE[r].what);
        CHECK_STR(got, RULE[r].want);
    }
}

/* Salience from text: what is counted where. */
static const struct {
    const char *title, *body;
    const char *name;
    unsigned mentions;
    int headline, lead, about;
    long first_off;
} TEXT[] = {
    /* named in the headline only */
    {"Lavrov warns NATO", "Diplomats met in Geneva on Friday. It rained. "
     "Nothing else happened. The talks ended.", "NATO", 1, 1, 0, 1, -1},
    /* the lead is the first two sentences of the body */
    {"Talks end", "Diplomats met in Geneva on Friday. They talked. The "
     "talks ended. Later, in Stockholm, nothing happened.", "Geneva", 1, 0,
     1, 1, 17},
    {"Talks end", "Diplomats met in Geneva on Friday. They talked. The "
     "talks ended. Later, in Stockholm, nothing happened.", "Stockholm", 1,
     0, 0, 0, 75},
    /* a surname joins its full name: one entity, three mentions */
    {"Talks end", "It rained. Nothing else happened. Sergey Lavrov spoke. "
     "Lavrov left. Then Lavrov returned.", "Sergey Lavrov", 3, 0, 0, 1, 34},
};

static void text_table(void)
{
    nx_extractor *x = xt_new(NULL);
    for (size_t r = 0; r < sizeof TEXT / sizeof *TEXT; r++) {
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract(x, TEXT[r].title, TEXT[r].body, &e), 0);
        CHECK_INT(e.nsalience, e.person.n + e.org.n + e.place.n);
        const nx_salience *s = NULL;
        for (size_t i = 0; i < e.nsalience; i++)
            if (strcmp(e.salience[i].name, TEXT[r].name) == 0)
                s = &e.salience[i];
        CHECK(s != NULL);
        if (s) {
            CHECK_INT(s->mentions, TEXT[r].mentions);
            CHECK_INT(s->headline, TEXT[r].headline);
            CHECK_INT(s->lead, TEXT[r].lead);
            CHECK_INT(s->about, TEXT[r].about);
            CHECK_INT(s->first_off, TEXT[r].first_off);
        } else {
            fprintf(stderr, "text row %zu: no %s\n", r, TEXT[r].name);
        }
        nx_entities_clear(&e);
    }
    nx_extractor_free(x);
}

int main(void)
{
    rule_table();
    text_table();
    return nx_test_done();
}
