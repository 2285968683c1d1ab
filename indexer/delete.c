/*
 * delete.c — deleting articles by id (nx_indexer.h): the live generation's
 * writer opened the way an indexing run opens it, one commit for all ids.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_facets.h"
#include "nx_indexer.h"
#include "nx_layout.h"

int nx_index_delete(const char *db, const char *const *ids, size_t n,
                    nx_missing_fn on_missing, void *ctx, size_t *missing,
                    char **err)
{
    char *gen_path = NULL;
    unsigned gen;
    *err = NULL;
    if (missing)
        *missing = 0;
    int rc = nx_layout_current(db, 0, &gen_path, &gen, err);
    nx_writer *w = NULL;
    nx_writer_options wo = NX_WRITER_OPTIONS_INIT;
    wo.create = 0;
    wo.facet_prefixes = nx_facet_prefixes;
    if (rc == NX_OK)
        rc = nx_writer_open(&w, gen_path, &wo, err);
    free(gen_path);
    if (rc != NX_OK)
        return rc;
    for (size_t i = 0; i < n && rc == NX_OK; i++) {
        int found = 0;
        rc = nx_writer_delete(w, ids[i], &found);
        if (rc == NX_OK && !found) {
            if (on_missing)
                on_missing(ctx, ids[i]);
            if (missing)
                (*missing)++;
        }
    }
    if (rc != NX_OK) {
        *err = strdup(nx_writer_errmsg(w));
        nx_writer_abandon(w);
        return rc;
    }
    return nx_writer_close(w, err);
}
