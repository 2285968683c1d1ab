/*
 * fuzz_extract.c — the extraction pipeline on arbitrary text: the first
 * line is the title, the rest the body.  Nothing may crash, leak or read
 * out of bounds, whatever the quotes, dashes and bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nx_extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nx_extractor *x;
    if (!x) {
        char *err = NULL;
        if (nx_extractor_new(&x, NULL, &err) != 0) {
            free(err);
            abort();     /* the gazetteers must load for the target to mean anything */
        }
    }
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = 0;
    char *nl = strchr(s, '\n');
    const char *body = "";
    if (nl) {
        *nl = 0;
        body = nl + 1;
    }
    nx_entities e;
    nx_entities_init(&e);
    nx_extract(x, s, body, &e);
    nx_entities_clear(&e);
    free(s);
    return 0;
}
