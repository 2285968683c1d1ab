/*
 * ner_model.c — the model file: nx_tagger_load(), nx_tagger_save().
 *
 * Format (version 2), little-endian, sections 8-byte aligned:
 *
 *   0   char[8]  magic "NXNERMDL"
 *   8   u32      format version (NER_MODEL_VERSION)
 *   12  u32      header size (256)
 *   16  u32      number of tags (17)
 *   20  u32      hash_bits: the weight table has 2^hash_bits + 17 cells
 *   24  u32      gazetteer slots (power of two, 0 = no gazetteer)
 *   28  u32      gazetteer keys in use
 *   32  u32      0
 *   36  u32      number of stages (1 or 2)
 *   40  u64      payload size (bytes after the header)
 *   48  u64      checksum of the payload (payload_hash below)
 *   56  char[200] tag names, space-separated, NUL-padded ("O B-PER ...")
 *   256 payload:
 *       per stage:
 *         f32 trans[17*17] (prev-major), f32 start[17], f32 end[17],
 *         f32 weight scale (weight = cell * scale), pad to 8
 *         i16 weights[2^hash_bits + 17], pad to 8
 *       u64 gazetteer keys[slots], u16 gazetteer values[slots], pad
 *
 * The file is mapped read-only, so processes tagging with the same model
 * share its pages; the checksum is verified once at load.
 */
#include "ner_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nx_status.h"

#define NER_MODEL_MAGIC "NXNERMDL"
#define NER_MODEL_VERSION 2u
#define HDR_SIZE 256u
#define TAGSET_OFF 56u

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static int little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

static void tagset(char out[HDR_SIZE - TAGSET_OFF])
{
    memset(out, 0, HDR_SIZE - TAGSET_OFF);
    size_t n = 0;
    for (int y = 0; y < NER_NT; y++) {
        const char *s = ner_bilou_name(y);
        if (y)
            out[n++] = ' ';
        memcpy(out + n, s, strlen(s));
        n += strlen(s);
    }
}

static uint64_t payload_hash(const unsigned char *p, size_t n)
{
    uint64_t h = 0x84222325cbf29ce4ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return ner_mix(h ^ n);
}

/* Section offsets inside the payload. */
typedef struct layout {
    size_t floats[NER_MAX_STAGES], weights[NER_MAX_STAGES];
    size_t gkeys, gvals, total;
} layout;

#define STAGE_FLOATS (NER_NT * NER_NT + 2 * NER_NT + 1)

static layout get_layout(unsigned hash_bits, unsigned nstages,
                         uint32_t gaz_cap)
{
    layout l;
    size_t off = 0;
    memset(&l, 0, sizeof l);
    for (unsigned k = 0; k < nstages; k++) {
        l.floats[k] = off;
        l.weights[k] = off + pad8(STAGE_FLOATS * sizeof(float));
        off = l.weights[k] +
              pad8((((size_t)1 << hash_bits) + NER_NT) * sizeof(int16_t));
    }
    l.gkeys = off;
    l.gvals = l.gkeys + (size_t)gaz_cap * sizeof(uint64_t);
    l.total = l.gvals + pad8((size_t)gaz_cap * sizeof(uint16_t));
    return l;
}

size_t nx_tagger_model_size(const nx_tagger *t)
{
    return HDR_SIZE + get_layout(t->hash_bits, t->nstages, t->gaz.cap).total;
}

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

int nx_tagger_load(nx_tagger **out, const char *path, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    if (!little_endian())
        return nx_fail(err, NX_EINVAL,
                       "%s: model files need a little-endian host", path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nx_fail(err, NX_EIO, "%s: cannot open NER model: %s", path,
                       strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return nx_fail(err, NX_EIO, "%s: cannot stat: %s", path,
                       strerror(e));
    }
    size_t size = (size_t)st.st_size;
    if (size < HDR_SIZE) {
        close(fd);
        return nx_fail(err, NX_EPARSE,
                       "%s: truncated NER model (%zu bytes, the header "
                       "alone is %u)", path, size, HDR_SIZE);
    }
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED)
        return nx_fail(err, NX_EIO, "%s: cannot map: %s", path,
                       strerror(e));
    const unsigned char *h = map;
    int rc;
    char want[HDR_SIZE - TAGSET_OFF];
    tagset(want);
    if (memcmp(h, NER_MODEL_MAGIC, 8) != 0) {
        rc = nx_fail(err, NX_EPARSE,
                     "%s: not a newsdex NER model (bad magic)", path);
        goto fail;
    }
    if (rd32(h + 8) != NER_MODEL_VERSION) {
        rc = nx_fail(err, NX_EVERSION,
                     "%s: NER model format version %u, this build reads "
                     "version %u: retrain or update", path, rd32(h + 8),
                     NER_MODEL_VERSION);
        goto fail;
    }
    unsigned bits = rd32(h + 20);
    uint32_t gcap = rd32(h + 24);
    unsigned nstages = rd32(h + 36);
    if (rd32(h + 12) != HDR_SIZE || rd32(h + 16) != NER_NT ||
        memcmp(h + TAGSET_OFF, want, sizeof want) != 0) {
        rc = nx_fail(err, NX_EPARSE,
                     "%s: NER model header names another tag set", path);
        goto fail;
    }
    if (bits < 8 || bits > 26 || (gcap & (gcap - 1)) != 0 || nstages < 1 ||
        nstages > NER_MAX_STAGES) {
        rc = nx_fail(err, NX_EPARSE,
                     "%s: NER model header is corrupt (hash bits %u, "
                     "stages %u, gazetteer slots %u)", path, bits, nstages,
                     gcap);
        goto fail;
    }
    layout l = get_layout(bits, nstages, gcap);
    if (rd64(h + 40) != l.total || size != HDR_SIZE + l.total) {
        rc = nx_fail(err, NX_EPARSE,
                     "%s: truncated or padded NER model (%zu bytes, the "
                     "header implies %zu)", path, size,
                     (size_t)(HDR_SIZE + l.total));
        goto fail;
    }
    if (payload_hash(h + HDR_SIZE, l.total) != rd64(h + 48)) {
        rc = nx_fail(err, NX_EPARSE,
                     "%s: NER model checksum mismatch (corrupt file)",
                     path);
        goto fail;
    }
    nx_tagger *t = calloc(1, sizeof *t);
    if (!t) {
        rc = nx_fail(err, NX_ENOMEM, "%s: out of memory", path);
        goto fail;
    }
    const unsigned char *p = h + HDR_SIZE;
    t->hash_bits = bits;
    t->mask = (uint32_t)((1u << bits) - 1);
    t->nstages = nstages;
    for (unsigned k = 0; k < nstages; k++) {
        ner_stage *sg = &t->st[k];
        const unsigned char *f = p + l.floats[k];
        memcpy(sg->trans, f, sizeof sg->trans);
        memcpy(sg->start, f + sizeof sg->trans, sizeof sg->start);
        memcpy(sg->end, f + sizeof sg->trans + sizeof sg->start,
               sizeof sg->end);
        memcpy(&sg->wscale, f + sizeof sg->trans + 2 * sizeof sg->start, 4);
        sg->w = (const int16_t *)(p + l.weights[k]);
    }
    t->gaz.cap = gcap;
    t->gaz.nentries = rd32(h + 28);
    t->gaz.keys = gcap ? (const uint64_t *)(p + l.gkeys) : NULL;
    t->gaz.vals = gcap ? (const uint16_t *)(p + l.gvals) : NULL;
    t->map = map;
    t->maplen = size;
    *out = t;
    return NX_OK;
fail:
    munmap(map, size);
    return rc;
}

int nx_tagger_save(const nx_tagger *t, const char *path, char **err)
{
    if (err)
        *err = NULL;
    layout l = get_layout(t->hash_bits, t->nstages, t->gaz.cap);
    unsigned char *buf = calloc(1, HDR_SIZE + l.total);
    if (!buf)
        return nx_fail(err, NX_ENOMEM, "%s: out of memory", path);
    unsigned char *h = buf, *p = buf + HDR_SIZE;
    uint32_t u;
    uint64_t q;
    memcpy(h, NER_MODEL_MAGIC, 8);
    u = NER_MODEL_VERSION; memcpy(h + 8, &u, 4);
    u = HDR_SIZE; memcpy(h + 12, &u, 4);
    u = NER_NT; memcpy(h + 16, &u, 4);
    u = t->hash_bits; memcpy(h + 20, &u, 4);
    u = t->gaz.cap; memcpy(h + 24, &u, 4);
    u = t->gaz.nentries; memcpy(h + 28, &u, 4);
    u = t->nstages; memcpy(h + 36, &u, 4);
    q = l.total; memcpy(h + 40, &q, 8);
    tagset((char *)h + TAGSET_OFF);
    for (unsigned k = 0; k < t->nstages; k++) {
        const ner_stage *st = &t->st[k];
        unsigned char *f = p + l.floats[k];
        memcpy(f, st->trans, sizeof st->trans);
        memcpy(f + sizeof st->trans, st->start, sizeof st->start);
        memcpy(f + sizeof st->trans + sizeof st->start, st->end,
               sizeof st->end);
        memcpy(f + sizeof st->trans + 2 * sizeof st->start, &st->wscale, 4);
        memcpy(p + l.weights[k], st->w,
               (((size_t)1 << t->hash_bits) + NER_NT) * sizeof(int16_t));
    }
    if (t->gaz.cap) {
        memcpy(p + l.gkeys, t->gaz.keys, (size_t)t->gaz.cap * 8);
        memcpy(p + l.gvals, t->gaz.vals, (size_t)t->gaz.cap * 2);
    }
    q = payload_hash(p, l.total);
    memcpy(h + 48, &q, 8);

    /* Write a temporary file and rename it, so a reader never maps a
     * half-written model. */
    char *tmp = NULL;
    int rc = NX_OK;
    if (asprintf(&tmp, "%s.tmp", path) < 0) {
        free(buf);
        return nx_fail(err, NX_ENOMEM, "%s: out of memory", path);
    }
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        rc = nx_fail(err, NX_EIO, "%s: cannot create: %s", tmp,
                     strerror(errno));
    } else {
        size_t n = fwrite(buf, 1, HDR_SIZE + l.total, f);
        int bad = n != HDR_SIZE + l.total || fflush(f) != 0;
        int e = errno;
        if (fclose(f) != 0 || bad) {
            rc = nx_fail(err, NX_EIO, "%s: write failed: %s", tmp,
                         strerror(e ? e : errno));
            unlink(tmp);
        } else if (rename(tmp, path) != 0) {
            rc = nx_fail(err, NX_EIO, "%s: cannot rename to %s: %s", tmp,
                         path, strerror(errno));
            unlink(tmp);
        }
    }
    free(tmp);
    free(buf);
    return rc;
}
