/*
 * nx_names.h — entity name normalisation, shared by the indexer and the
 * query side so that `Lavrov`, `Sergei Lavrov`, `Foreign Minister Sergey
 * Lavrov's` and `by:"sergey lavrov"` all reach one entity.
 *
 * Two forms per entity:
 *  - the canonical display form ("Sergey Lavrov"): titles, honorifics and
 *    possessives stripped, then looked up in the alias table;
 *  - the key (nx_name_key): the display form folded — Unicode compatibility
 *    forms, case and accents folded, punctuation dropped, white space
 *    collapsed ("sergey lavrov").  Facet terms and facet-count merging use
 *    the key; people see the display form.
 *
 * The alias table: TSV lines `variant<TAB>canonical`, '#' comments
 * (facets/data/aliases.tsv ships with newsdex; users may add files).  A
 * variant matches by key.  The table an index was built with is stored in
 * the index's metadata (nx_aliases_serialize) so the query side uses the
 * same one.
 */
#ifndef NX_NAMES_H
#define NX_NAMES_H

#include <stddef.h>

typedef enum nx_entity_kind {
    NX_ENT_PERSON = 0,
    NX_ENT_ORG = 1,
    NX_ENT_PLACE = 2,
    NX_ENT_ANY = 3
} nx_entity_kind;

typedef struct nx_aliases nx_aliases;

/* An empty table; NULL on out-of-memory. */
nx_aliases *nx_aliases_new(void);
void nx_aliases_free(nx_aliases *al);
/* Adds the lines of a TSV buffer.  `name` is used in messages; on a bad
 * line returns -1 with *err = "NAME:LINE: reason" (malloc'd); lines before
 * it are kept. */
int nx_aliases_add_tsv(nx_aliases *al, const char *buf, size_t len,
                       const char *name, char **err);
/* Reads a TSV file into the table (see nx_aliases_add_tsv). */
int nx_aliases_add_file(nx_aliases *al, const char *path, char **err);
/* The table as TSV (what nx_aliases_add_tsv reads back); malloc'd. */
char *nx_aliases_serialize(const nx_aliases *al);
size_t nx_aliases_count(const nx_aliases *al);

/* The folded key of a name; malloc'd, "" for a name with no letters or
 * digits.  Never longer than NX_NAME_KEY_MAX bytes. */
#define NX_NAME_KEY_MAX 200
char *nx_name_key(const char *name);

/* The canonical display form of a name as written in text or a query:
 * strips leading titles ("Russian President", "Foreign Minister", "Mr",
 * "Dr"...), trailing possessives ('s, ’s) and surrounding punctuation, then
 * maps through the alias table (al may be NULL).  malloc'd; "" when nothing
 * is left. */
char *nx_name_canonical(const nx_aliases *al, nx_entity_kind kind,
                        const char *name);

/* The canonical form a key maps to in the table (a variant's canonical
 * name, or a canonical name's own spelling), or NULL.  The string is owned
 * by the table. */
const char *nx_aliases_lookup(const nx_aliases *al, const char *key);

/* 1 when the word (any case, with or without a final '.') is a title or
 * honorific nx_name_canonical strips before a person's name ("president",
 * "minister", "gen.", "spokesman", "mr"), else 0.  The extractor uses it as
 * a cue that a person's name follows. */
int nx_name_is_title(const char *word, size_t len);

/* 1 when the word (any case, with or without a final '.') is a legal form
 * nx_name_canonical strips after an organisation's name ("Ltd", "Inc",
 * "AG"), else 0: alone it names no organisation. */
int nx_name_is_legal_form(const char *word, size_t len);

/* The key of the last word of a person's canonical name ("lavrov" for
 * "Sergey Lavrov"), or NULL for a one-word name; malloc'd. */
char *nx_name_surname_key(const char *canonical);

/* A tag in code form, as archives supply them ("james-baker",
 * "west-germany", "ussr"): no capitals, no spaces.  1 or 0. */
int nx_name_is_tag_code(const char *tag);
/* The display form of a tag when nothing better is known: a code's
 * hyphens become spaces and its words are capitalised ("james-baker" →
 * "James Baker", "de-la-madrid" → "De la Madrid"); one word of three
 * letters or fewer, or without a vowel, is an acronym ("ec" → "EC").  Any
 * other tag comes back as given.  malloc'd. */
char *nx_name_from_tag(const char *tag);

#endif
