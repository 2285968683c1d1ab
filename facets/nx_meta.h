/*
 * nx_meta.h — the metadata keys of a newsdex database, the part of the
 * index<->query contract kept beside the documents.  The indexer writes
 * them; the query side and `newsdex status` read them.  The shim owns one
 * more, "newsdex.format" (NX_META_FORMAT in nx_xapian.h), as it checks it
 * on every open.
 */
#ifndef NX_META_H
#define NX_META_H

/* The alias table the database was indexed with (TSV, nx_aliases.h):
 * queries fold names with the same table. */
#define NX_META_ALIASES "newsdex.aliases"

/* When the last indexing run ended (ISO 8601 UTC) and what it did
 * ("reindex: added 3, replaced 1, ..."). */
#define NX_META_LAST_REINDEX "newsdex.last_reindex"
#define NX_META_LAST_OUTCOME "newsdex.last_outcome"

/* How far the running or interrupted writer got (JSON; nx_indexer.h). */
#define NX_META_PROGRESS "newsdex.progress"

/* What a rebuild's generation was built from (JSON; indexer/rebuild.c). */
#define NX_META_REBUILD "newsdex.rebuild"

/* The archive's entity table the generation was resolved with, and the
 * corrections given with it (text; extract/nx_etable.h): `newsdex
 * entities --db` lists it, `index`/`reindex` resolve new articles with
 * it. */
#define NX_META_ENTITIES "newsdex.entities"

#endif
