/*
 * aliases.c — the alias table an index was built with, read back from its
 * metadata for the query side (nx_query.h): the resolver (resolve.c) reads
 * it through the database handle, the benchmark driver loads its own.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_meta.h"
#include "nx_query.h"

static void free_aliases(void *al)
{
    nx_aliases_free(al);
}

/* The table stored in the index, as read (an empty string when none). */
static char *stored_aliases(nx_db *db)
{
    char *tsv = NULL;
    if (nx_db_get_metadata(db, NX_META_ALIASES, &tsv) != NX_OK || !tsv) {
        free(tsv);
        tsv = strdup("");
    }
    return tsv;
}

static nx_aliases *parse_aliases(const char *tsv)
{
    nx_aliases *al = nx_aliases_new();
    if (al && *tsv) {
        char *err = NULL;
        /* The table was written by nx_aliases_serialize: it parses. */
        nx_aliases_add_tsv(al, tsv, strlen(tsv), NX_META_ALIASES, &err);
        free(err);
    }
    return al;
}

const nx_aliases *nx_query_aliases(nx_db *db)
{
    /* Parsing the table (a thousand and more variants, each folded to its
     * key) costs milliseconds; reading it to compare costs little. */
    char *tsv = stored_aliases(db);
    if (!tsv)
        return NULL;
    nx_aliases *al = nx_db_attached(db, NX_META_ALIASES, tsv);
    if (!al && (al = parse_aliases(tsv)) &&
        nx_db_attach(db, NX_META_ALIASES, tsv, al, free_aliases) != NX_OK)
        al = NULL;
    free(tsv);
    return al;
}

nx_aliases *nx_query_load_aliases(nx_db *db)
{
    char *tsv = stored_aliases(db);
    nx_aliases *al = tsv ? parse_aliases(tsv) : NULL;
    free(tsv);
    return al;
}
