/*
 * fuzz_stored.c — nx_stored_parse() on arbitrary bytes.  The data comes
 * from our own indexer, but a damaged or foreign database must still not
 * crash a reader: every list string is a string, every count matches, and
 * clearing leaves the struct empty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "nx_stored.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nx_stored d;
    int rc = nx_stored_parse(&d, (const char *)data, size);
    if (rc != NX_OK && rc != NX_EPARSE && rc != NX_ENOMEM)
        abort();
    if (rc != NX_OK && (d.id || d.title || d.body || d.nquotes || d.tree))
        abort();    /* a failed parse leaves every field empty */
    size_t bytes = 0;
    for (int f = 0; f < NX_FACET_COUNT; f++) {
        if (d.list[f].n && !nx_stored_list_field((nx_facet_id)f))
            abort();    /* year and month are never lists */
        for (size_t i = 0; i < d.list[f].n; i++)
            bytes += strlen(d.list[f].v[i]);
    }
    for (size_t i = 0; i < d.nquotes; i++)
        bytes += (d.quotes[i].speaker ? strlen(d.quotes[i].speaker) : 0) +
                 (d.quotes[i].text ? strlen(d.quotes[i].text) : 0);
    if (bytes > size)
        abort();        /* every string came from the input */
    nx_stored_clear(&d);
    if (d.tree || d.nquotes || d.list[NX_FACET_BY].v)
        abort();
    return 0;
}
