/*
 * test_etable.c — the archive's entity table (extract/nx_etable.h): a
 * small archive counted, decided, then every rule checked by applying the
 * table to one mention — the same after a round trip through the stored
 * text; then a newsroom's corrections and their errors.
 */
#include "nx_test.h"
#include "x_test_util.h"

#include "nx_etable.h"
#include "nx_status.h"

/* The archive: one row an article ("|" between values). */
static const struct {
    const char *date, *person, *org, *place, *by;
    int times;
} ARCHIVE[] = {
    {"1987-03-02", "Ronald Reagan", "", "", "Ronald Reagan", 3},
    {"1987-05-02", "Nancy Reagan", "", "", "", 1},
    {"1987-06-02", "Reagan", "", "", "Reagan", 2},
    {"2004-06-02", "Reagan", "", "", "", 2},
    {"1987-04-01", "Gerhard Stoltenberg", "", "", "", 3},
    {"1987-04-02", "Stoltenberg", "", "", "", 2},
    {"2015-04-01", "Jens Stoltenberg", "", "", "", 3},
    {"2015-04-02", "Stoltenberg", "", "", "", 1},
    {"2005-01-01", "Gordon Brown", "", "", "", 2},
    {"2005-01-02", "James Brown", "", "", "", 2},
    {"2005-01-03", "Brown", "", "", "", 2},
    {"1987-01-01", "Merrill Lynch", "", "", "", 4},
    {"1987-01-01", "", "Merrill Lynch Capital Markets", "", "", 2},
    {"1987-01-01", "", "Merrill Lynch and Co", "", "", 1},
    {"2005-02-01", "", "", "London", "", 5},
    {"2005-02-02", "London", "", "", "", 1},
    {"2005-02-03", "Oscar", "", "", "", 3},
    {"2005-02-04", "", "Oscars", "", "", 2},
    {"2005-02-05", "Davis Cup", "", "", "", 2},
    {"2005-02-06", "", "European", "", "", 3},
    {"2005-02-07", "David", "", "", "", 2},
    {"2005-02-08", "David Blunkett|David Davis|David Beckham", "", "", "", 1},
    {"2005-02-09", "", "Commons", "", "", 5},
    {"2005-02-10", "", "House of Commons", "", "", 2},
    {"2005-02-11", "", "Goldman Sachs", "", "", 5},
    {"2005-02-12", "", "Goldman Sachs International", "", "", 2},
    {"2005-02-13", "", "Treasury", "", "", 3},
    {"2005-02-14", "", "US Treasury", "", "", 2},
    {"1987-02-15", "", "Salomon", "", "", 1},
    {"1987-02-16", "", "Salomon Brothers", "", "", 4},
    {"2005-02-17", "Morgan Guaranty Trust Co of New York", "", "", "", 1},
    {"2005-02-18", "London Marathon|London Grammar", "", "", "", 1},
    {"2005-03-01", "Jack McConnell", "", "", "", 2},
    {"1987-03-01", "Royal Dutch|Smith Barney", "", "", "", 5},
    {"1987-03-02", "", "Royal Dutch Petroleum|Smith Barney Harris Upham", "",
     "", 1},
    {"1987-03-03", "", "Royal Dutch Shell|Smith Barney and Co", "", "", 1},
    {"1987-03-04", "London Interbank Offered Rate", "", "", "", 1},
    {"2005-03-04", "", "Budget", "", "", 4},
    {"2005-03-05", "", "Cabinet", "", "", 4},
    {"1987-03-05", "", "Japanese Finance Ministry", "Japan", "", 2},
    {"1987-03-06", "", "Finance Ministry", "", "", 3},
    {"2005-03-16", "", "Liberal Democrats", "", "", 5},
    {"2005-03-17", "", "Liberal Democrat", "", "", 2},
    {"2005-03-18", "Texas Democrat", "", "", "", 2},
    {"1987-03-18", "Christian Democrats", "", "", "", 2},
    {"1987-03-18", "", "Christian Democrats", "", "", 1},
    {"1987-03-18", "Christian Democrat", "", "", "", 2},
    {"1987-03-19", "Senate Democrats", "", "", "", 2},
    {"2005-03-19", "Roy Keane", "", "", "", 3},
    {"2005-03-20", "Keane", "", "", "", 2},
    {"1987-03-13", "", "Central Bank", "", "", 7},
    {"1987-03-14", "", "Swiss Central Bank", "Switzerland", "", 2},
    {"1987-03-15", "", "Reserve Bank", "", "", 2},
    {"1987-03-07", "Bush", "", "", "", 4},
    {"1987-03-07", "George Bush", "", "", "", 1},
    {"2005-03-09", "", "Supreme Court", "", "", 5},
    {"1987-03-11", "Kidder", "", "", "", 2},
    {"1987-03-12", "", "Kidder Peabody", "", "", 2},
    {"2005-03-10", "", "US Supreme Court", "", "", 2},
    {"1987-03-08", "", "Bush Administration|Bush Campaign", "", "", 2},
    /* Quoted before the tagger ever names it: counted as quoted, then
     * as an organisation once. */
    {"2005-03-12", "", "", "", "Downing Street", 2},
    {"2005-03-13", "", "Downing Street", "", "", 1},
};

/* The alias table's surname entries (facets/data/aliases.tsv has such). */
static const char ALIASES[] =
    "Stoltenberg\tJens Stoltenberg\nMcConnell\tMitch McConnell\n"
    "Ahmadinejad\tMahmoud Ahmadinejad\n";
static nx_aliases *AL;

/* One mention, and what the table makes of it. */
static const struct {
    const char *date;
    int type;                /* NX_ET_PERSON/ORG/PLACE, or 3: a speaker */
    const char *value;
    int want_type;           /* -1: dropped */
    const char *want;
    const char *rule;
} ROWS[] = {
    {"1987-08-01", NX_ET_PERSON, "Reagan", NX_ET_PERSON, "Ronald Reagan",
     "a surname alone: the full name dominant that year"},
    {"2005-08-01", NX_ET_ORG, "Liberal Democrats", NX_ET_ORG,
     "Liberal Democrats", "a party the gazetteer knows is no description"},
    {"2005-08-01", NX_ET_ORG, "Liberal Democrat", NX_ET_ORG,
     "Liberal Democrats", "nor its singular, the party's short form"},
    {"2005-08-01", NX_ET_PERSON, "Texas Democrat", -1, "",
     "a place and a party's member: a description"},
    {"1987-08-01", NX_ET_PERSON, "Senate Democrats", -1, "",
     "a chamber's party members: a description"},
    {"1987-08-01", NX_ET_ORG, "Christian Democrats", NX_ET_ORG,
     "Christian Democrats", "a party is no description"},
    {"1987-08-01", NX_ET_PERSON, "Christian Democrats", NX_ET_ORG,
     "Christian Democrats", "whatever the tagger said"},
    {"1987-08-01", NX_ET_PERSON, "Christian Democrat", -1, "",
     "its member is a description"},
    {"1988-08-01", NX_ET_PERSON, "Reagan", NX_ET_PERSON, "Ronald Reagan",
     "and in the year either side"},
    {"2004-08-01", NX_ET_PERSON, "Reagan", NX_ET_PERSON, "Reagan",
     "no full name in the period: as written"},
    {"1987-08-01", NX_ET_PERSON, "Stoltenberg", NX_ET_PERSON,
     "Gerhard Stoltenberg", "1987: the West German finance minister"},
    {"2015-08-01", NX_ET_PERSON, "Stoltenberg", NX_ET_PERSON,
     "Jens Stoltenberg", "2015: NATO's secretary general"},
    {"2005-08-01", NX_ET_PERSON, "Brown", NX_ET_PERSON, "Brown",
     "two full names share it: neither"},
    {"1987-08-01", 3, "Reagan", 3, "Ronald Reagan",
     "a speaker resolves as a person"},
    {"1987-08-01", NX_ET_PERSON, "Merrill Lynch", NX_ET_ORG, "Merrill Lynch",
     "written on as an organisation: an organisation"},
    {"2005-08-01", NX_ET_PERSON, "London", NX_ET_PLACE, "London",
     "the archive's majority type"},
    {"2005-08-01", NX_ET_PLACE, "London", NX_ET_PLACE, "London",
     "the majority stays (a given name too, but a place)"},
    {"2005-08-01", NX_ET_PERSON, "Oscar", -1, "",
     "its plural names a thing: not a person"},
    {"2005-08-01", NX_ET_PERSON, "Davis Cup", -1, "",
     "a competition is no person"},
    {"2005-08-01", NX_ET_ORG, "European", -1, "", "an adjective alone"},
    {"2005-08-01", NX_ET_ORG, "Budget", -1, "",
     "a thing written in capitals (the Chancellor's Budget)"},
    {"2005-08-01", NX_ET_ORG, "Cabinet", -1, "",
     "a generic description: any government's"},
    {"2005-08-01", NX_ET_PERSON, "David", -1, "",
     "a given name alone, which the archive uses as one"},
    {"2005-08-01", NX_ET_PERSON, "David Blunkett", NX_ET_PERSON,
     "David Blunkett", "a full name stays"},
    {"2005-08-01", NX_ET_ORG, "Commons", NX_ET_ORG, "House of Commons",
     "X of Y: the one long form, however often written short"},
    {"2005-08-01", NX_ET_ORG, "Goldman Sachs", NX_ET_ORG, "Goldman Sachs",
     "a head word added (a subsidiary) is not the parent"},
    {"2005-08-01", NX_ET_ORG, "Treasury", NX_ET_ORG, "Treasury",
     "a country added, less used than the short form: not it"},
    {"1987-08-01", NX_ET_ORG, "Salomon", NX_ET_ORG, "Salomon Brothers",
     "the long form the archive mostly writes"},
    {"2005-08-01", NX_ET_PERSON, "Morgan Guaranty Trust Co of New York",
     NX_ET_ORG, "Morgan Guaranty Trust Co of New York",
     "a legal form inside: an organisation"},
    {"2005-08-01", NX_ET_PERSON, "Unknown Person", NX_ET_PERSON,
     "Unknown Person", "a name the archive never saw stays"},
    {"2006-08-01", NX_ET_PERSON, "Ahmadinejad", NX_ET_PERSON,
     "Mahmoud Ahmadinejad",
     "the alias table's full name: nobody else has the surname"},
    {"2012-08-01", NX_ET_PERSON, "McConnell", NX_ET_PERSON, "McConnell",
     "not the alias table's Mitch: the archive's McConnell is Jack"},
    {"2015-08-01", 3, "Stoltenberg", 3, "Jens Stoltenberg",
     "a speaker, as a person"},
    {"1987-08-01", 3, "Finance Ministry@Japan", 3,
     "Japanese Finance Ministry", "a speaker, as its country's institution"},
    {"1987-08-01", NX_ET_PERSON, "Royal Dutch", NX_ET_ORG, "Royal Dutch",
     "a nationality for a surname: no person"},
    {"1987-08-01", NX_ET_PERSON, "Smith Barney", NX_ET_ORG, "Smith Barney",
     "written on as organisations, and no given name first"},
    {"1987-08-01", NX_ET_PERSON, "London Interbank Offered Rate", -1, "",
     "a rate is no person"},
    {"1987-08-01", NX_ET_ORG, "Finance Ministry@Japan", NX_ET_ORG,
     "Japanese Finance Ministry", "the article's country's long form"},
    {"1987-08-01", NX_ET_ORG, "Central Bank@Switzerland", NX_ET_ORG,
     "Swiss Central Bank",
     "a portfolio's institution is its country's, however rarely so written"},
    {"1987-08-01", NX_ET_ORG, "Central Bank@Japan", NX_ET_ORG, "Central Bank",
     "no long form for that country: as written"},
    {"1987-08-01", NX_ET_ORG, "Finance Ministry@Brazil", NX_ET_ORG,
     "Brazil's Finance Ministry",
     "a portfolio's institution in a country the archive never writes one "
     "for: the country's"},
    {"1987-08-01", NX_ET_ORG, "Reserve Bank@Philippines", NX_ET_ORG,
     "Philippines' Reserve Bank", "the possessive of a plural name"},
    {"1987-08-01", NX_ET_ORG, "Finance Ministry@Brasilia", NX_ET_ORG,
     "Finance Ministry", "a city is no country: as written"},
    {"2005-08-01", 3, "Finance Ministry@Brazil", 3,
     "Brazil's Finance Ministry", "a speaker likewise"},
    {"1987-08-01", NX_ET_ORG, "Finance Ministry", NX_ET_ORG,
     "Finance Ministry", "no country: as written"},
    {"2005-08-01", NX_ET_ORG, "Treasury@United States", NX_ET_ORG,
     "US Treasury", "an institution in the article's country"},
    {"2005-08-01", NX_ET_ORG, "Supreme Court@United States", NX_ET_ORG,
     "Supreme Court", "a long form used less than half as often: no"},
    {"1987-08-01", NX_ET_PERSON, "Kidder", NX_ET_ORG, "Kidder",
     "one word written on as an organisation, nobody's surname"},
    {"1987-08-01", NX_ET_PERSON, "Bush", NX_ET_PERSON, "Bush",
     "a surname written on as organisations is still a person"},
};

static void split_into(nx_strlist *l, const char *s)
{
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        char *v = strndup(s, n);
        nx_strlist_push(l, v);
        free(v);
        s += n + (bar ? 1 : 0);
    }
}

/* Counts one article into t, times times: the lists person, org, place,
 * by, cued_club, cued_work, cued_event ("|" between values). */
static void add_article(nx_etable *t, const char *date, int times,
                        const char *const v[7])
{
    for (int k = 0; k < times; k++) {
        nx_entities e;
        nx_entities_init(&e);
        nx_strlist *l[7] = {&e.person, &e.org, &e.place, &e.by,
                            &e.cued_club, &e.cued_work, &e.cued_event};
        for (int f = 0; f < 7; f++)
            split_into(l[f], v[f] ? v[f] : "");
        CHECK_INT(nx_etable_add(t, &e, date), NX_OK);
        nx_entities_clear(&e);
    }
}

static nx_etable *archive_table(nx_extractor *x)
{
    nx_etable *t = NULL;
    CHECK_INT(nx_etable_new(&t, x), NX_OK);
    for (size_t i = 0; i < sizeof ARCHIVE / sizeof ARCHIVE[0]; i++) {
        const char *v[7] = {ARCHIVE[i].person, ARCHIVE[i].org,
                            ARCHIVE[i].place, ARCHIVE[i].by};
        add_article(t, ARCHIVE[i].date, ARCHIVE[i].times, v);
    }
    CHECK_INT(nx_etable_finish(t, "2026-12-07T00:00:00Z"), NX_OK);
    return t;
}

/* What t makes of one mention: "type:value", or "-" when dropped. */
static void resolve_one(const nx_etable *t, const char *date, int type,
                        const char *value, char *out, size_t n)
{
    nx_entities e;
    nx_entities_init(&e);
    /* "Value@Place": the article names that place first */
    char v[256];
    snprintf(v, sizeof v, "%s", value);
    char *at = strchr(v, '@');
    if (at) {
        *at = '\0';
        nx_strlist_push(&e.place, at + 1);
        value = v;
    }
    nx_strlist *l[4] = {&e.person, &e.org, &e.place, &e.by};
    nx_strlist_push(l[type], value);
    CHECK_INT(nx_etable_apply(t, AL, &e, date), NX_OK);
    snprintf(out, n, "-");
    for (int k = 0; k < 4; k++)
        if (l[k]->n && !(at && k == NX_ET_PLACE))
            snprintf(out, n, "%d:%s", k, l[k]->v[0]);
    nx_entities_clear(&e);
}

static void check_rows(const nx_etable *t, const char *label)
{
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        char got[256], want[256];
        resolve_one(t, ROWS[i].date, ROWS[i].type, ROWS[i].value, got,
                    sizeof got);
        if (ROWS[i].want_type < 0)
            snprintf(want, sizeof want, "-");
        else
            snprintf(want, sizeof want, "%d:%s", ROWS[i].want_type,
                     ROWS[i].want);
        if (strcmp(got, want) != 0)
            fprintf(stderr, "%s: %s (%s)\n", label, ROWS[i].rule,
                    ROWS[i].value);
        CHECK_STR(got, want);
    }
}

static const struct {
    const char *file;
    const char *err;        /* NULL: accepted */
} BAD[] = {
    {"merge\tReagan\tRonald Reagan\n", NULL},
    {"# a comment\n\ndrop\tperson:Chelsea\n", NULL},
    {"retype\tplace:Chelsea\torg\n", NULL},
    {"frobnicate\tA\tB\n", "f.tsv:1: unknown action (merge, rename, retype, drop)"},
    {"drop\tA\n\nretype\tA\tanimal\n", "f.tsv:3: unknown type (person, org, place, misc)"},
    {"merge\tA\n", "f.tsv:1: takes two fields: ACTION<TAB>NAME<TAB>NAME or TYPE"},
    {"drop\t!!!\n", "f.tsv:1: the name has no letters or digits"},
};

static void check_overrides(nx_etable *t)
{
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        char *err = NULL;
        int rc = nx_etable_add_overrides(t, BAD[i].file, strlen(BAD[i].file),
                                         "f.tsv", &err);
        if (BAD[i].err) {
            CHECK_INT(rc, NX_EINVAL);
            CHECK_STR(err, BAD[i].err);
        } else {
            CHECK_INT(rc, NX_OK);
            CHECK(err == NULL);
        }
        free(err);
    }
    char got[256];
    resolve_one(t, "2004-08-01", NX_ET_PERSON, "Reagan", got, sizeof got);
    CHECK_STR(got, "0:Ronald Reagan");   /* merge wins over "as written" */
    resolve_one(t, "2004-08-01", NX_ET_PERSON, "Chelsea", got, sizeof got);
    CHECK_STR(got, "-");                 /* drop person:Chelsea */
    resolve_one(t, "2004-08-01", NX_ET_ORG, "Chelsea", got, sizeof got);
    CHECK_STR(got, "1:Chelsea");         /* no correction for org */
    resolve_one(t, "2004-08-01", NX_ET_PLACE, "Chelsea", got, sizeof got);
    CHECK_STR(got, "1:Chelsea");
    /* a file with a bad line changes nothing: "drop A" of row 5 not kept */
    resolve_one(t, "2004-08-01", NX_ET_PERSON, "A", got, sizeof got);
    CHECK_STR(got, "0:A");
}

static void check_listing(const nx_etable *t)
{
    int found = 0;
    for (size_t i = 0; i < nx_etable_count(t); i++) {
        const nx_etable_entry *e = nx_etable_get(t, i);
        if (strcmp(e->name, "Ronald Reagan") == 0) {
            found = 1;
            CHECK_INT(e->type, NX_ET_PERSON);
            CHECK(strstr(e->variants, "Reagan") != NULL);
            CHECK_INT(e->articles, 3 + 2 + 2);   /* with "Reagan" absorbed */
            CHECK_STR(e->first, "1987-03-02");
        }
        if (strcmp(e->name, "Oscar") == 0)
            CHECK_INT(e->type, NX_ET_MISC);
        if (strcmp(e->name, "Downing Street") == 0) {
            CHECK_INT(e->type, NX_ET_ORG);
            CHECK_INT(e->articles, 1);
            CHECK_INT(e->quoted, 2);
        }
        if (i)
            CHECK(nx_etable_get(t, i - 1)->articles >= e->articles);
        CHECK(e->articles <= nx_etable_articles(t));
        CHECK(e->quoted <= nx_etable_articles(t));
    }
    CHECK(found);
}

/* The salience of an article's entities follows the table: "Reagan"
 * and "Ronald Reagan" become one, their mentions added; a dropped name
 * goes; the about rule is decided again. */
static void check_salience(const nx_etable *t)
{
    nx_entities e;
    nx_entities_init(&e);
    nx_strlist_push(&e.person, "Reagan");
    nx_strlist_push(&e.person, "Ronald Reagan");
    nx_strlist_push(&e.person, "Davis Cup");
    e.salience = calloc(3, sizeof *e.salience);
    const char *names[] = {"Reagan", "Ronald Reagan", "Davis Cup"};
    for (int i = 0; i < 3; i++) {
        e.salience[i].name = strdup(names[i]);
        e.salience[i].kind = NX_ENT_PERSON;
        e.salience[i].mentions = 1;
        e.salience[i].first_off = 10 * (3 - i);
    }
    e.nsalience = 3;
    CHECK_INT(nx_etable_apply(t, AL, &e, "1987-08-01"), NX_OK);
    CHECK_INT(e.nsalience, 1);
    CHECK_STR(e.salience[0].name, "Ronald Reagan");
    CHECK_INT(e.salience[0].mentions, 2);
    CHECK_INT(e.salience[0].first_off, 20);
    CHECK_INT(e.salience[0].about, 1);   /* two mentions, the top one */
    nx_entities_clear(&e);
}

/* The words around a name over an archive (kind.c → nx_entities.cued_*):
 * one row an article, "|" between values. */
static const struct {
    const char *person, *org, *place, *club, *work, *event;
    int times;
} CUED[] = {
    /* a city the archive's sport pages call a club */
    {"", "", "Newcastle", "", "", "", 10},
    {"", "Newcastle", "", "Newcastle", "", "", 2},
    {"Chelsea", "", "", "", "", "", 8},
    {"", "Chelsea", "", "Chelsea", "", "", 3},
    /* a nation's side is no club */
    {"", "", "Wales", "", "", "", 10},
    {"", "", "Wales", "Wales", "", "", 5},
    /* a film: the articles that said so dropped it themselves */
    {"", "Sideways", "", "", "", "", 3},
    {"", "", "", "", "Sideways", "", 2},
    /* a competition; a party whose "leaders" are a party's */
    {"", "Premiership", "", "", "", "", 7},
    {"", "Premiership", "", "", "", "Premiership", 3},
    {"", "Labour", "", "", "", "", 19},
    {"", "Labour", "", "", "", "Labour", 1},
    /* a band's name that is also a surname the archive writes in full */
    {"Keane", "", "", "", "", "", 3},
    {"", "", "", "", "Keane", "", 2},
    {"Roy Keane", "", "", "", "", "", 3},
    /* a name once next to "manager" is not a club */
    {"", "", "London", "", "", "", 30},
    {"", "", "London", "London", "", "", 1},
    /* "The Aviator" called a film, "Aviator" written without its "The" */
    {"", "Aviator", "", "", "", "", 12},
    {"", "The Aviator", "", "", "", "", 2},
    {"", "", "", "", "The Aviator", "", 3},
};

/* One article through t: "person / org / place". */
static void apply_cued(const nx_etable *t, const char *person,
                       const char *org, const char *place, const char *want)
{
    nx_entities e;
    nx_entities_init(&e);
    split_into(&e.person, person);
    split_into(&e.org, org);
    split_into(&e.place, place);
    /* the salience of the article's last list's first name */
    nx_salience s = {0};
    const char *first = *place ? place : *org ? org : person;
    s.name = strndup(first, strcspn(first, "|"));
    s.kind = *place ? NX_ENT_PLACE : *org ? NX_ENT_ORG : NX_ENT_PERSON;
    e.salience = malloc(sizeof s);
    e.salience[0] = s;
    e.nsalience = 1;
    CHECK_INT(nx_etable_apply(t, AL, &e, "2005-01-01"), NX_OK);
    char got[512], a[3][160];
    const nx_strlist *l[3] = {&e.person, &e.org, &e.place};
    for (int k = 0; k < 3; k++)
        xt_join(l[k], a[k], sizeof a[k]);
    snprintf(got, sizeof got, "%s/%s/%s", a[0], a[1], a[2]);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "cued: %s/%s/%s\n", person, org, place);
    CHECK_STR(got, want);
    /* the salience follows the lists */
    for (size_t i = 0; i < e.nsalience; i++)
        for (int k = 0; k < 3; k++)
            for (size_t j = 0; j < l[k]->n; j++)
                if (strcmp(l[k]->v[j], e.salience[i].name) == 0)
                    CHECK_INT(e.salience[i].kind, k);
    nx_entities_clear(&e);
}

static void check_cued(const nx_extractor *x)
{
    nx_etable *t = NULL;
    CHECK_INT(nx_etable_new(&t, x), NX_OK);
    for (size_t i = 0; i < sizeof CUED / sizeof CUED[0]; i++) {
        const char *v[7] = {CUED[i].person, CUED[i].org, CUED[i].place, "",
                            CUED[i].club, CUED[i].work, CUED[i].event};
        add_article(t, "2005-01-01", CUED[i].times, v);
    }
    CHECK_INT(nx_etable_finish(t, "2026-12-07T00:00:00Z"), NX_OK);
    char *text = nx_etable_serialize(t);
    nx_etable *back = NULL;
    char *err = NULL;
    CHECK(text != NULL);
    CHECK_INT(nx_etable_parse(&back, text, strlen(text), &err), NX_OK);
    CHECK(nx_etable_hash(back) == nx_etable_hash(t));
    const nx_etable *both[2] = {t, back};
    for (int b = 0; b < 2; b++) {
        const nx_etable *u = both[b];
        /* two clubs in one article: both the clubs */
        apply_cued(u, "Chelsea", "", "Newcastle", "/Chelsea|Newcastle/");
        apply_cued(u, "", "", "Newcastle|Chelsea", "/Newcastle|Chelsea/");
        /* one alone: as the article typed it (its salience too) */
        apply_cued(u, "", "", "Newcastle", "//Newcastle");
        apply_cued(u, "", "", "Newcastle|Leeds", "//Newcastle|Leeds");
        apply_cued(u, "Chelsea", "", "", "Chelsea//");
        /* nations and a city once cued are no clubs */
        apply_cued(u, "", "", "Wales|Newcastle", "//Wales|Newcastle");
        apply_cued(u, "", "", "London|Newcastle", "//London|Newcastle");
        /* a work and a competition are no entity; a party stays one */
        apply_cued(u, "", "Sideways", "", "//");
        apply_cued(u, "", "Premiership", "", "//");
        apply_cued(u, "", "Labour", "", "/Labour/");
        apply_cued(u, "Keane", "", "", "Roy Keane//");
        apply_cued(u, "", "Aviator", "", "//");
        apply_cued(u, "", "The Aviator", "", "//");
    }
    free(text);
    nx_etable_free(back);
    nx_etable_free(t);
}

int main(void)
{
    char *aerr = NULL;
    AL = nx_aliases_new();
    CHECK(nx_aliases_add_tsv(AL, ALIASES, strlen(ALIASES), "aliases",
                             &aerr) == 0);
    nx_extractor *x = xt_new(NULL);
    nx_etable *t = archive_table(x);
    check_rows(t, "decided");
    check_listing(t);
    check_salience(t);
    check_cued(x);

    char *text = nx_etable_serialize(t);
    CHECK(text != NULL);
    nx_etable *back = NULL;
    char *err = NULL;
    CHECK_INT(nx_etable_parse(&back, text, strlen(text), &err), NX_OK);
    CHECK(err == NULL);
    nx_etable_attach(back, x);       /* as `newsdex index` lends its own */
    check_rows(back, "read back");
    CHECK(nx_etable_hash(back) == nx_etable_hash(t));
    CHECK_STR(nx_etable_computed(back), "2026-12-07T00:00:00Z");

    check_overrides(back);
    CHECK(nx_etable_hash(back) != nx_etable_hash(t));
    /* the corrections are kept in the text and made again when read */
    char *text2 = nx_etable_serialize(back);
    nx_etable *again = NULL;
    CHECK_INT(nx_etable_parse(&again, text2, strlen(text2), &err), NX_OK);
    CHECK(nx_etable_hash(again) == nx_etable_hash(back));

    nx_etable *bad = NULL;
    CHECK_INT(nx_etable_parse(&bad, "garbage", 7, &err), NX_EVERSION);
    CHECK(err && strstr(err, "rebuild"));
    free(err);
    err = NULL;
    const char *broken = "#newsdex-entities 1\nE\tx\n";
    CHECK_INT(nx_etable_parse(&bad, broken, strlen(broken), &err), NX_EINVAL);
    CHECK_STR(err, "the entity table, line 2: malformed record");
    free(err);
    CHECK(nx_etable_apply(NULL, NULL, NULL, NULL) == NX_OK);

    free(text);
    free(text2);
    nx_etable_free(again);
    nx_etable_free(back);
    nx_etable_free(t);
    nx_extractor_free(x);
    nx_aliases_free(AL);
    return nx_test_done();
}
