/*
 * m_n3.c — alias accuracy on N3 Reuters-128: 128 Reuters-21578 stories
 * whose entity mentions people linked to DBpedia ("Paxar Corp" and "Paxar"
 * are one entity).  Each story goes through extraction; a gold mention
 * takes the display name of the extracted mention that overlaps it most
 * (none: not covered).  Over all pairs of covered mentions, in the same
 * story and across stories: mentions of one entity should get the same
 * name (by nx_name_key, as facet terms are), mentions of different
 * entities different names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "x_internal.h"

typedef struct gm {
    size_t a, b;             /* bytes in the story text */
    char *uri;
    char *key;               /* key of the name we gave it, or NULL */
    size_t best;             /* overlap of that name's mention */
    int doc;
} gm;

typedef struct n3 {
    gm *v;
    size_t n, cap, first;    /* first: the current story's first mention */
} n3;

/* XML text between p and end, entities decoded, appended to out. */
static size_t unxml(const char *p, const char *end, char *out)
{
    size_t n = 0;
    static const char *const E[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
                                       {"&gt;", ">"}, {"&quot;", "\""},
                                       {"&apos;", "'"}};
    while (p < end) {
        int hit = 0;
        for (int i = 0; i < 5 && *p == '&'; i++) {
            size_t l = strlen(E[i][0]);
            if ((size_t)(end - p) >= l && memcmp(p, E[i][0], l) == 0) {
                out[n++] = E[i][1][0];
                p += l;
                hit = 1;
                break;
            }
        }
        if (!hit)
            out[n++] = *p++;
    }
    out[n] = 0;
    return n;
}

static void on_span(void *ctx, const char *text, size_t off, size_t len,
                    int type, const char *name)
{
    (void)text;
    (void)type;
    n3 *s = ctx;
    if (off < 2)
        return;
    off -= 2;                /* the stages' text is "" + "\n\n" + story */
    for (size_t i = s->first; i < s->n; i++) {
        gm *g = &s->v[i];
        size_t a = off > g->a ? off : g->a;
        size_t b = off + len < g->b ? off + len : g->b;
        if (b > a && b - a > g->best) {
            free(g->key);
            g->key = nx_name_key(name);
            g->best = b - a;
        }
    }
}

void bench_n3(nx_extractor *x, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/n3/reuters.xml", dir);
    char *all = bench_slurp(path, NULL);
    if (!all) {
        printf("N3 Reuters-128: %s missing, skipped\n", path);
        return;
    }
    n3 s = {0};
    int docs = 0;
    char *text = malloc(strlen(all) + 1);
    for (char *d = strstr(all, "<TextWithNamedEntities>"); d && text;
         d = strstr(d, "<TextWithNamedEntities>")) {
        char *dend = strstr(d, "</TextWithNamedEntities>");
        if (!dend)
            break;
        size_t n = 0;
        s.first = s.n;
        for (char *p = d; p < dend;) {
            char *ne = strstr(p, "<NamedEntityInText uri=\"");
            char *st = strstr(p, "<SimpleTextPart>");
            if ((!ne || ne > dend) && (!st || st > dend))
                break;
            if (st && st < dend && (!ne || st < ne)) {
                char *b = st + strlen("<SimpleTextPart>");
                char *e = strstr(b, "</SimpleTextPart>");
                n += unxml(b, e, text + n);
                p = e + 1;
                continue;
            }
            char *u = ne + strlen("<NamedEntityInText uri=\"");
            char *ue = strchr(u, '"');
            char *b = strchr(ue, '>') + 1;
            char *e = strstr(b, "</NamedEntityInText>");
            if (s.n == s.cap) {
                s.cap = s.cap ? 2 * s.cap : 256;
                s.v = realloc(s.v, s.cap * sizeof *s.v);
            }
            gm *g = &s.v[s.n++];
            memset(g, 0, sizeof *g);
            g->uri = strndup(u, (size_t)(ue - u));
            g->a = n;
            n += unxml(b, e, text + n);
            g->b = n;
            g->doc = docs;
            p = e + 1;
        }
        text[n] = 0;
        nx_entities en;
        nx_entities_init(&en);
        x_extract_spans(x, "", NULL, text, &en, on_span, &s);
        nx_entities_clear(&en);
        docs++;
        d = dend;
    }
    long covered = 0, same = 0, same_ok = 0, diff = 0, diff_ok = 0;
    long same_in = 0, same_in_ok = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (!s.v[i].key)
            continue;
        covered++;
        for (size_t j = i + 1; j < s.n; j++) {
            if (!s.v[j].key)
                continue;
            int se = strcmp(s.v[i].uri, s.v[j].uri) == 0;
            int sn = strcmp(s.v[i].key, s.v[j].key) == 0;
            if (se) {
                same++;
                same_ok += sn;
                if (s.v[i].doc == s.v[j].doc) {
                    same_in++;
                    same_in_ok += sn;
                }
            } else {
                diff++;
                diff_ok += !sn;
            }
        }
    }
    printf("N3 Reuters-128: %d stories, %zu linked mentions, %ld covered by "
           "an extracted name (%.3f)\n", docs, s.n, covered,
           s.n ? (double)covered / s.n : 0);
    printf("  alias accuracy: same entity -> same name %.3f (%ld pairs; "
           "within a story %.3f of %ld), different -> different %.4f "
           "(%ld pairs)\n", same ? (double)same_ok / same : 0, same,
           same_in ? (double)same_in_ok / same_in : 0, same_in,
           diff ? (double)diff_ok / diff : 0, diff);
    for (size_t i = 0; i < s.n; i++) {
        free(s.v[i].uri);
        free(s.v[i].key);
    }
    free(s.v);
    free(text);
    free(all);
}
