/*
 * nx_etable.h — the archive's entity table (issue "entity facets a
 * newsroom can trust"): what one article cannot know, decided over the
 * whole archive.
 *
 * A rebuild counts every article's extraction result into a table
 * (nx_etable_add), decides (nx_etable_finish) and applies it to each
 * article before its document is written (nx_etable_apply); the table is
 * stored with the generation (nx_etable_serialize) and `index`/`reindex`
 * apply the stored one to new articles.  What it decides:
 *
 *  - a name's type by the evidence of all its mentions: the type most of
 *    the archive's articles give it; an "organisation" when the archive
 *    writes it with an organisation's head ("Merrill Lynch" beside
 *    "Merrill Lynch Capital Markets" and "Merrill Lynch and Co");
 *  - names that are no person, organisation or place (CoNLL's MISC:
 *    awards, cups, prizes, festivals; a name whose plural the archive
 *    uses as a thing, "Oscar" beside "the Oscars"; a lone nationality; a
 *    bare title; a lone given name the archive otherwise writes with a
 *    surname): dropped from the person/org/place facets;
 *  - a surname written alone ("Reagan"): the full name that dominates
 *    the archive's articles with that surname in the same year (±1),
 *    else the alias table's full name when the archive names nobody else
 *    with it, else as written (facets/ never maps a surname alone through
 *    the alias table itself);
 *  - an organisation's short form ("Treasury", "Salomon", "Commons"):
 *    the one long form the archive uses for it ("US Treasury", "Salomon
 *    Brothers", "House of Commons");
 *  - a newsroom's corrections (nx_etable_add_overrides), which win.
 *
 * Thread-unsafe; the table owns every string it returns.
 */
#ifndef NX_ETABLE_H
#define NX_ETABLE_H

#include <stddef.h>
#include <stdint.h>

#include "nx_extract.h"

typedef struct nx_etable nx_etable;

/* Types of an entry (and of an override's retype). */
enum { NX_ET_PERSON = 0, NX_ET_ORG = 1, NX_ET_PLACE = 2, NX_ET_MISC = 3,
       NX_ET_NTYPES = 4 };
/* "person", "org", "place", "misc"; -1 for any other word. */
int nx_etable_type_of(const char *word);
const char *nx_etable_type_name(int type);

/* An empty table.  x (borrowed, may be NULL) lends its gazetteers and
 * lexicon to nx_etable_finish: given names, nationalities, titles. */
int nx_etable_new(nx_etable **out, const nx_extractor *x);
void nx_etable_free(nx_etable *t);
/* Lends x (borrowed) to a table read back with nx_etable_parse, for what
 * applying it asks of the gazetteers (which places are countries). */
void nx_etable_attach(nx_etable *t, const nx_extractor *x);

/* Counts one article's entities; date "YYYY-MM-DD…" or NULL. */
int nx_etable_add(nx_etable *t, const nx_entities *e, const char *date);
/* Decides from what was counted; `when` (ISO 8601) is recorded as the
 * time the table was computed.  Counting after this is an error. */
int nx_etable_finish(nx_etable *t, const char *when);

/* Corrections, TSV (docs/entities.md): `merge FROM INTO`, `rename FROM
 * TO`, `retype NAME TYPE`, `drop NAME`; a name may be given as
 * `TYPE:NAME` to touch one type only; '#' comments.  Kept with the table
 * and applied over its own decisions.  On a bad line returns NX_EINVAL
 * with *err = "NAME:LINE: reason" (malloc'd); nothing of the file is
 * kept then. */
int nx_etable_add_overrides(nx_etable *t, const char *buf, size_t len,
                            const char *name, char **err);

/* Applies the table to one article's entities (person, org, place, by,
 * by_low and the quotes' speakers), dated as for nx_etable_add.  al (may
 * be NULL): the alias table, for a surname alone the archive leaves
 * open (it gives its full name only when the archive names nobody else
 * with that surname). */
int nx_etable_apply(const nx_etable *t, const nx_aliases *al, nx_entities *e,
                    const char *date);

/* The table as text (what nx_etable_parse reads back); malloc'd. */
char *nx_etable_serialize(const nx_etable *t);
int nx_etable_parse(nx_etable **out, const char *buf, size_t len,
                    char **err);
/* A hash of what the table decides (0 for NULL): part of an indexing
 * run's configuration, so a changed table re-resolves every article. */
uint64_t nx_etable_hash(const nx_etable *t);

/* The archive's entities, for `newsdex entities --db`. */
typedef struct nx_etable_entry {
    const char *name;       /* display name */
    int type;               /* NX_ET_... as decided */
    uint32_t articles;      /* articles naming it (under any type) */
    uint32_t quoted;        /* articles quoting it (by) */
    const char *first, *last;   /* dates seen, "" when unknown */
    const char *variants;   /* names the table maps into it, "; " between
                               ("Reagan (1987)"), "" when none */
    const char *why;        /* why its type (or "" when by majority) */
} nx_etable_entry;
size_t nx_etable_count(const nx_etable *t);
/* Entry i in order of articles, most first; valid while t lives. */
const nx_etable_entry *nx_etable_get(const nx_etable *t, size_t i);
/* When the table was computed ("" when unknown), and over how many
 * articles. */
const char *nx_etable_computed(const nx_etable *t);
uint64_t nx_etable_articles(const nx_etable *t);

#endif
