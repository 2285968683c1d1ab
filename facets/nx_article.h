/*
 * nx_article.h — one news article as read from an input file, before
 * analysis.  All strings are NUL-terminated, valid UTF-8 (invalid sequences
 * were replaced by U+FFFD and reported when read) and owned by the article.
 *
 * It lives in facets/, the vocabulary both sides share, rather than on the
 * ground floor: an article is news (title, byline, dates, given entity
 * tags), which base/ knows nothing of, and the readers (indexer/), the
 * extractor (extract/) and the query side all need it without reaching
 * into one another.
 */
#ifndef NX_ARTICLE_H
#define NX_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "nx_term.h"

#define NX_DATE_NONE INT64_MIN  /* article has no (readable) date */

/* A list of strings owned by its article, of at most NX_STRLIST_MAX
 * (nx_strlist_push() fails with NX_ETOOBIG past it). */
typedef struct nx_strlist {
    char **v;
    size_t n, cap;
} nx_strlist;
#define NX_STRLIST_MAX (1u << 24)

/* The longest id, in bytes: an id is indexed as one term "Q" + id, and a
 * Xapian (glass) term holds at most 245 bytes.  A record with a longer id
 * (given, or derived from a long path) is reported and skipped. */
#define NX_ID_MAX (NX_TERM_MAX - (int)(sizeof NX_ID_PREFIX - 1))

typedef struct nx_article {
    char *id;          /* unique id (record id, or path[#position]);
                          at most NX_ID_MAX bytes */
    char *title;       /* "" when the record has none */
    char *body;        /* "" when the record has none */
    char *url;         /* NULL when unknown */
    char *dateline;    /* "SALVADOR, Feb 26 -" as published before the
                          body (JSON `dateline`); NULL when absent.  Used
                          by extraction only, not indexed as text */
    char *source;      /* path relative to the indexed root ("-" = stdin) */
    int64_t date;      /* UTC seconds since the epoch, or NX_DATE_NONE */
    char *date_raw;    /* the date as written, NULL when absent */
    nx_strlist authors;
    nx_strlist categories;  /* `category`/`topics`, `Read More About:` */
    nx_strlist people;      /* given in the record (JSON people/orgs/places) */
    nx_strlist orgs;
    nx_strlist places;
    long line;         /* 1-based line (or array position) of the record */
} nx_article;

void nx_article_init(nx_article *a);
/* Frees what the article owns and re-initialises it. */
void nx_article_clear(nx_article *a);
/* Appends a copy of s; returns 0 or NX_ENOMEM. */
int nx_strlist_push(nx_strlist *l, const char *s);
void nx_strlist_clear(nx_strlist *l);

#endif
