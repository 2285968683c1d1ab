/*
 * etable_internal.h — the state of the archive's entity table, shared by
 * etable.c (counting, deciding), etable_words.c (what a name's words
 * say), etable_apply.c (applying) and etable_io.c (text form, overrides,
 * the entries listed).  Private to extract/.
 */
#ifndef NX_ETABLE_INTERNAL_H
#define NX_ETABLE_INTERNAL_H

#include <stdint.h>

#include "nx_etable.h"
#include "nx_status.h"
#include "nx_strmap.h"

#define ET_BY 3             /* et_ent.n[ET_BY]: articles quoting it */
enum { ET_CUE_CLUB, ET_CUE_WORK, ET_CUE_EVENT, ET_NCUES };

typedef struct et_ent {
    char *key;              /* nx_name_key of the display name */
    char *disp[3];          /* the display name under each type, first seen */
    uint32_t n[4];          /* articles giving it each type; quoting it */
    uint32_t cue[ET_NCUES]; /* articles whose words call it a club, a
                               work or band, a competition (kind.c) */
    char first[11], last[11];   /* dates seen, "" when unknown */
    int type;               /* NX_ET_... as decided */
    char *why;              /* why that type, NULL for a majority (owned) */
    long into;              /* the entity this one is a short form of, -1 */
} et_ent;

typedef struct et_sy {      /* articles of one full name in one year */
    char *sur;              /* surname key */
    int year;               /* 0: undated */
    size_t ent;
    uint32_t count;
} et_sy;

typedef struct et_rule {    /* what a (type, key) becomes */
    int type;
    char *key;
    int newtype;            /* NX_ET_MISC: dropped */
    char *name;             /* new display name, NULL: as written */
    char *why;
    int override;           /* from a newsroom's corrections: wins */
} et_rule;

typedef struct et_short {   /* a short form's long forms */
    size_t best;            /* the long form with most articles */
    uint32_t all;           /* articles of all of them */
    int kind;               /* how the best one makes the short form */
} et_short;
enum { SHORT_COUNTRY, SHORT_HEAD, SHORT_PLURAL, SHORT_OF };

typedef struct et_smap {    /* a surname's full name in a year */
    char *sur;
    int year;
    size_t ent;
} et_smap;

typedef struct et_ctry {    /* "US Treasury": a short form in one country */
    char *shortkey;         /* "treasury" */
    char *country;          /* "United States" (the gazetteer's name) */
    size_t ent;             /* the long form */
} et_ctry;

typedef struct et_ovr {     /* one correction, as given */
    char *line;
} et_ovr;

struct nx_etable {
    const struct nx_extractor *x;
    et_ent *ents;
    size_t nents, capents;
    nx_strmap *bykey;       /* key → ents index */
    et_sy *sy;
    size_t nsy, capsy;
    nx_strmap *sykey;       /* "sur\x1fyear\x1fent" → sy index */
    nx_strmap *surs;        /* surname → full names with it */
    char **surlist;         /* its keys, in order (stored: N lines) */
    size_t nsurlist, capsurlist;
    nx_strmap *surmap;      /* "sur\x1fyear" → smap index */
    et_smap *smap;
    size_t nsmap, capsmap;
    nx_strmap *ext;         /* key prefix → articles of orgs extending it */
    nx_strmap *firsts;      /* first word of full names → how many */
    nx_strmap *shortk;      /* short key → shorts index */
    et_short *shorts;
    size_t nshorts, capshorts;
    et_rule *rv;
    size_t nrv, caprv;
    nx_strmap *rules;       /* "type\x1fkey" → rv index */
    et_ctry *ctry;
    size_t nctry, capctry;
    nx_strmap *ctryk;       /* "short\x1fcountry" → ctry index */
    nx_strmap *shorthas;    /* short keys with country forms */
    nx_strmap *clubk;       /* keys of sports clubs' names → clubs index */
    char **clubs;           /* those keys, in order (stored: U lines) */
    size_t nclubs, capclubs;
    et_ovr *ovr;
    size_t novr, capovr;
    nx_etable_entry *entries;
    char **entry_strs;      /* the variants strings of entries (owned) */
    size_t nentries;
    uint64_t articles;
    char computed[32];
    int finished;
};

int et_grow(void **p, size_t *cap, size_t need, size_t size);
size_t et_key2(char *buf, size_t n, const char *a, const char *b);
long et_find(const nx_strmap *m, const char *k, size_t kl);
const et_rule *et_rule_for(const nx_etable *t, int type, const char *key);
int et_add_rule(nx_etable *t, int type, const char *key, int newtype,
                const char *newname, const char *why, int override);
long et_ent_of(nx_etable *t, const char *key);
int et_put_surmap(nx_etable *t, const char *sur, int year, size_t ent);
int et_put_sur(nx_etable *t, const char *sur, long names);
int et_put_club(nx_etable *t, const char *key);
int et_put_ctry(nx_etable *t, const char *shortkey, const char *country,
                size_t ent);
/* The entries listed (nx_etable_get), from the entities and rules. */
int et_make_entries(nx_etable *t);

/* etable.c: the year of a "YYYY-..." date (0: none); the words of a key. */
int et_year_of(const char *date);
int et_words(const char *key);

/* etable_words.c: what a name's words say. */
int et_in(const char *const *list, const char *w, size_t n);
/* The last word of key, its length in *n. */
const char *et_last_word(const char *key, size_t *n);
/* The gazetteer's XG_ flags of a key (0 without an extractor). */
unsigned et_gaz_flags(const nx_etable *t, const char *key, size_t n);
/* Why a name is no person, organisation or place, or NULL. */
const char *et_misc_reason(const nx_etable *t, const char *key);
/* Articles of the organisations whose key is this key and a word more. */
uint32_t et_org_extensions(const nx_etable *t, const char *key);
/* "Finance Ministry", "Central Bank": a portfolio and an institution's
 * head, some country's, no one body. */
int et_generic_institution(const char *key);
/* w (n bytes) heads a country's institution ("ministry", "bank"), or an
 * organisation's name ("brothers", "holdings"). */
int et_institution_head(const char *w, size_t n);
int et_org_head(const char *w, size_t n);

#endif
