/*
 * nx_stored.h — the stored document: the JSON object the indexer keeps as
 * each document's data and every reader shows (search results, the search
 * page, `newsdex show`, a reindex looking up a document's source).  The
 * contract between the index and the query side, written once:
 *
 *   {"id", "title", "date" ("YYYY-MM-DD" UTC or null), "time" (ISO 8601
 *    UTC or null), "source", "url", "author": [..], "category": [..],
 *    "person": [..], "org": [..], "place": [..], "by": [..],
 *    "by_low": [..] (speakers attributed only below NX_BY_CONFIDENT),
 *    "unattributed": N (quotes with no speaker),
 *    "quotes": [{"speaker" (or null), "text", "how", "confidence",
 *                "confident" (it counts for by:), "cue" and "cue_offset"
 *                (byte offset in the body) when there is a cue,
 *                "evidence" (the attributing sentence) when there is one,
 *                "start" and "end" (byte offsets: body[start, end) is the
 *                quote as written, "text" is it with white space
 *                squeezed) when the quote is in the body}],
 *    "body"}
 *
 * The list fields are named as their facets (nx_facet_defs[f].name); byany
 * has no list of its own: it is "by" and "by_low".  An article with
 * unattributed quotes also carries the by value "unattributed" (a facet
 * term, not in the stored "by" list).
 * facets/ links cJSON (a product dependency) for this parser alone.
 */
#ifndef NX_STORED_H
#define NX_STORED_H

#include <stddef.h>

#include "nx_facets.h"

/* The field names; the lists are nx_stored_list_field(f). */
#define NX_STORED_ID "id"
#define NX_STORED_TITLE "title"
#define NX_STORED_DATE "date"
#define NX_STORED_TIME "time"
#define NX_STORED_SOURCE "source"
#define NX_STORED_URL "url"
#define NX_STORED_QUOTES "quotes"
#define NX_STORED_SPEAKER "speaker"   /* in a quote */
#define NX_STORED_TEXT "text"         /* in a quote */
#define NX_STORED_HOW "how"           /* in a quote */
#define NX_STORED_CONFIDENCE "confidence"   /* in a quote */
#define NX_STORED_CONFIDENT "confident"     /* in a quote */
#define NX_STORED_CUE "cue"           /* in a quote */
#define NX_STORED_CUE_OFFSET "cue_offset"   /* in a quote */
#define NX_STORED_EVIDENCE "evidence" /* in a quote */
#define NX_STORED_START "start"       /* in a quote */
#define NX_STORED_END "end"           /* in a quote */
#define NX_STORED_BY_LOW "by_low"
#define NX_STORED_UNATTRIBUTED "unattributed"
#define NX_STORED_BODY "body"

/* The stored field holding the values of facet f, or NULL for the facets
 * that are not stored as a list (year, month: they come from "date"). */
const char *nx_stored_list_field(nx_facet_id f);

typedef struct nx_stored_list {
    const char **v;   /* the strings of the list, in order */
    size_t n;
} nx_stored_list;

typedef struct nx_stored_quote {
    const char *speaker;   /* NULL: unattributed */
    const char *text;      /* NULL when the record has none */
    const char *how;       /* how the speaker was found; NULL if absent */
    double confidence;     /* 0..1; -1 when the record has none */
    int confident;         /* 1 when it counts for by: */
    const char *cue;       /* the cue as written; NULL when none */
    long cue_offset;       /* byte offset of the cue in the body, or -1 */
    const char *evidence;  /* the attributing sentence; NULL when none */
    long start, end;       /* body[start, end) is the quote as written;
                              -1 both when absent (outside the body, a
                              database built before offsets were stored)
                              or not within the stored body */
} nx_stored_quote;

/* A parsed document.  Every string is NULL where the field is absent, null
 * or not a string, and belongs to the nx_stored (valid until
 * nx_stored_clear()). */
typedef struct nx_stored {
    const char *id, *title, *date, *time, *source, *url, *body;
    nx_stored_list list[NX_FACET_COUNT];   /* empty for year, month and
                                              byany */
    nx_stored_list by_low;   /* speakers attributed only below the by:
                                threshold */
    long unattributed;       /* quotes with no speaker; 0 when absent */
    nx_stored_quote *quotes;
    size_t nquotes;
    void *tree;   /* private: the parse that owns the strings */
} nx_stored;

/* Parses len bytes of document data into *out (which need not be
 * initialised).  NX_OK; NX_EPARSE when the data is not a JSON object and
 * NX_ENOMEM, both with *out empty (every field NULL) so a reader can show
 * the document as one without fields.  Clear *out in every case. */
int nx_stored_parse(nx_stored *out, const char *data, size_t len);

/* Frees what nx_stored_parse() made; *s is empty after.  Clearing an
 * empty (zeroed) nx_stored is a no-op. */
void nx_stored_clear(nx_stored *s);

#endif
