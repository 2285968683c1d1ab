/*
 * m_polnear.c — who is quoted, on PolNeAR (US election news 2015-16 with
 * attribution relations: Source / Cue / Content spans, BRAT standoff).
 * The dev split is the development signal for attribution rules; the test
 * split is for measuring only.  NX_BENCH_DUMP=1 prints each wrong or
 * missed speaker of the dev split (never of test), for development.
 *
 * A gold quote is an attribution whose Content holds a quotation mark; we
 * find it when one of our quotes (8+ letters) lies inside its content (the
 * longest that does is the one scored).  Its
 * speaker is checkable when the Source span holds a name (a capitalised
 * word other than a pronoun or determiner: "Trump", "the Clinton
 * campaign"; not "he", "the official"): then ours is right when the last
 * word of our speaker's name is a word of the source (of a source that is
 * a possessor, "Donald Trump's" of "Donald Trump's claim that", its last
 * word without the possessive), or when a word of the source is the
 * initials of our speaker's name ("the IMF", International Monetary
 * Fund).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static char *squash(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 1), *p = o;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            *p++ = (char)c;
        else if (c >= 'A' && c <= 'Z')
            *p++ = (char)(c + 32);
    }
    *p = 0;
    return o;
}

typedef struct span {
    char id[16];
    char type[16];
    char *text;
} span;

static const span *find_span(const span *v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].id, id) == 0)
            return &v[i];
    return NULL;
}

static int has_name(const char *s)
{
    static const char *const P[] = {"The", "A", "An", "He", "She", "They",
                                    "It", "We", "I", "His", "Her", "Their",
                                    "You", "This", "That", NULL};
    for (const char *w = s; *w;) {
        while (*w == ' ')
            w++;
        const char *e = w;
        while (*e && *e != ' ')
            e++;
        if (*w >= 'A' && *w <= 'Z') {
            int pron = 0;
            for (int i = 0; P[i]; i++)
                pron |= strlen(P[i]) == (size_t)(e - w) &&
                        strncmp(P[i], w, (size_t)(e - w)) == 0;
            if (!pron)
                return 1;
        }
        w = e;
    }
    return 0;
}

/* The last word of name's key is a word of source's key. */
/* The initials of key k's words, "of", "and", "the" left out
 * ("international monetary fund" → "imf"), in out (cap bytes). */
static void initials(const char *k, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *w = k; *w && n + 1 < cap;) {
        size_t wl = strcspn(w, " ");
        if (!((wl == 2 && memcmp(w, "of", 2) == 0) ||
              (wl == 3 && (memcmp(w, "and", 3) == 0 ||
                           memcmp(w, "the", 3) == 0))))
            out[n++] = *w;
        w += wl + (w[wl] == ' ');
    }
    out[n] = 0;
}

static int speaker_in(const char *name, const char *source)
{
    size_t sl = strlen(source);
    int possessive = (sl >= 2 && strcmp(source + sl - 2, "'s") == 0) ||
                     (sl >= 4 && strcmp(source + sl - 4, "\xe2\x80\x99s") == 0);
    char *k = nx_name_key(name), *s = nx_name_key(source);
    const char *last = bench_last_word(k);
    size_t l = strlen(last);
    char ini[32];
    initials(k, ini, sizeof ini);
    size_t il = strchr(k, ' ') ? strlen(ini) : 0;
    int hit = 0;
    for (const char *w = s; *w && l;) {
        const char *e = strchr(w, ' ');
        size_t wl = e ? (size_t)(e - w) : strlen(w);
        /* a source that is a possessor ("Donald Trump's" of "Donald
         * Trump's claim that"): its key drops the apostrophe, "trumps" */
        hit |= (wl == l || (wl == l + 1 && w[l] == 's' && possessive &&
                            !w[wl])) &&
               memcmp(w, last, l) == 0;
        /* "the IMF" for our International Monetary Fund */
        hit |= il >= 2 && wl == il && memcmp(w, ini, il) == 0;
        w += wl + (e != NULL);
    }
    free(k);
    free(s);
    return hit;
}

void bench_polnear(nx_extractor *x, const char *dir, const char *split)
{
    char path[4096];
    const char *dump = getenv("NX_BENCH_DUMP");
    int dumping = dump && *dump && strcmp(split, "test") != 0;
    snprintf(path, sizeof path, "%s/polnear/data/%s/text", dir, split);
    DIR *dd = opendir(path);
    if (!dd) {
        printf("PolNeAR: %s missing, skipped\n", path);
        return;
    }
    long docs = 0, gold = 0, found = 0, named = 0, right = 0, named_all = 0;
    for (struct dirent *de; (de = readdir(dd));) {
        size_t nl = strlen(de->d_name);
        if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt") != 0)
            continue;
        snprintf(path, sizeof path, "%s/polnear/data/%s/text/%s", dir,
                 split, de->d_name);
        char *text = bench_slurp(path, NULL);
        /* attributions/<stem>_<annotator>.ann: the first annotator's */
        char *ann = NULL;
        snprintf(path, sizeof path, "%s/polnear/data/%s/attributions", dir,
                 split);
        DIR *ad = opendir(path);
        for (struct dirent *ae; ad && !ann && (ae = readdir(ad));)
            if (strncmp(ae->d_name, de->d_name, nl - 4) == 0 &&
                ae->d_name[nl - 4] == '_' && strstr(ae->d_name, ".ann")) {
                snprintf(path, sizeof path,
                         "%s/polnear/data/%s/attributions/%s", dir,
                         split, ae->d_name);
                ann = bench_slurp(path, NULL);
            }
        if (ad)
            closedir(ad);
        if (!text || !ann) {
            free(text);
            free(ann);
            continue;
        }
        docs++;
        nx_entities e;
        nx_entities_init(&e);
        nx_extract(x, "", text, &e);
        span *sp = NULL;
        size_t ns = 0;
        for (char *ln = strtok(ann, "\n"); ln; ln = strtok(NULL, "\n")) {
            if (ln[0] != 'T')
                continue;
            char *tab1 = strchr(ln, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
            if (!tab2)
                continue;
            sp = realloc(sp, (ns + 1) * sizeof *sp);
            snprintf(sp[ns].id, sizeof sp[ns].id, "%.*s", (int)(tab1 - ln), ln);
            snprintf(sp[ns].type, sizeof sp[ns].type, "%.*s",
                     (int)strcspn(tab1 + 1, " "), tab1 + 1);
            sp[ns].text = tab2 + 1;
            ns++;
        }
        /* events: strtok has cut the first copy, whose text the spans
         * point into, so read the file again into a second one */
        char *ev = bench_slurp(path, NULL);
        for (char *ln = strtok(ev, "\n"); ln; ln = strtok(NULL, "\n")) {
            if (ln[0] != 'E')
                continue;
            const span *content = NULL, *source = NULL;
            for (char *f = strchr(ln, '\t'); f && *f; f++) {
                char role[16], id[16];
                if (sscanf(f, " %15[A-Za-z]:%15s", role, id) == 2) {
                    if (strcmp(role, "Content") == 0)
                        content = find_span(sp, ns, id);
                    else if (strcmp(role, "Source") == 0)
                        source = find_span(sp, ns, id);
                }
                f = strchr(f + 1, ' ');
                if (!f)
                    break;
            }
            if (!content || (!strstr(content->text, "\"") &&
                             !strstr(content->text, "\xe2\x80\x9c") &&
                             !strstr(content->text, "\xe2\x80\x9d")))
                continue;
            gold++;
            char *gk = squash(content->text);
            int f = 0, ok = 0;
            const char *who = NULL;
            size_t best = 0;
            for (size_t i = 0; i < e.nquotes; i++) {
                /* the longest of ours inside it: a short one may repeat a
                 * phrase of it elsewhere (a headline) */
                char *qk = squash(e.quotes[i].text);
                size_t ql = strlen(qk);
                if (ql >= 8 && ql > best && strstr(gk, qk)) {
                    f = 1;
                    best = ql;
                    who = e.quotes[i].speaker;
                }
                free(qk);
            }
            found += f;
            named_all += source && has_name(source->text);
            if (f && source && has_name(source->text)) {
                named++;
                ok = who && speaker_in(who, source->text);
                right += ok;
                if (!ok && dumping)
                    printf("  [%s] source \"%s\" got \"%s\": %.70s\n",
                           de->d_name, source->text, who ? who : "-",
                           content->text);
            }
            free(gk);
        }
        free(sp);
        free(ev);
        free(ann);
        free(text);
        nx_entities_clear(&e);
    }
    closedir(dd);
    printf("PolNeAR %s: %ld articles, %ld quotes in quotation marks, %ld "
           "found (%.3f)\n", split, docs, gold, found, gold ? (double)found / gold : 0);
    printf("  named source: %ld of the found, speaker right %.3f (%.3f of "
           "all %ld with a named source)\n", named,
           named ? (double)right / named : 0,
           named_all ? (double)right / named_all : 0, named_all);
}
