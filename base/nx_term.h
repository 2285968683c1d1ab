/*
 * nx_term.h — what every floor agrees on about index terms: the bound on
 * a term's length and the prefix of a document's id term.  Both are part
 * of the database format.  The shim writes and checks them; facets cut
 * their display terms to fit; the indexer walks the ids by the prefix.
 */
#ifndef NX_TERM_H
#define NX_TERM_H

/* Bytes in one term: Xapian's glass backend stores no longer ones. */
#define NX_TERM_MAX 245

/* The id term of a document is NX_ID_PREFIX + id (Xapian's convention for
 * a unique id); no other term starts with it. */
#define NX_ID_PREFIX "Q"

#endif
