/*
 * fuzz_txt.c — nx_ingest_txt() on arbitrary bytes, with small bounds so the
 * bound paths are reached too.  Every article handed out must be valid
 * UTF-8 without NULs; the harness checks that, so a repair that lets bad
 * text through is a crash here, not a surprise in the index.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "nx_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nx_ingest_options opts = NX_INGEST_OPTIONS_INIT;
    opts.max_record = 4096;
    opts.max_file = 65536;
    nx_ingest_txt((const char *)data, size, "fuzz.txt", "fuzz.txt", &opts,
                 fuzz_check_article, fuzz_check_report, NULL);
    return 0;
}
