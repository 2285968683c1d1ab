/*
 * test_extract_golden.c — the seed article against its hand-written golden
 * file tests/golden/seed.entities.txt, exactly.
 *
 * The article is read like the .txt input format says: the first non-empty
 * line is the title, a trailing "Read More About:" line is the category
 * (not text).  It comes from corpus/seed/ when the repository has it, else
 * from the shared seed folder.
 */
#include "nx_test.h"
#include "x_test_util.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = 0;
    fclose(f);
    return s;
}

/* Splits a .txt article into title and body, in place. */
static void split_article(char *s, char **title, char **body)
{
    while (*s == '\n' || *s == '\r' || *s == ' ')
        s++;
    *title = s;
    char *nl = strchr(s, '\n');
    *body = nl ? nl + 1 : s + strlen(s);
    if (nl)
        *nl = 0;
    char *cat = strstr(*body, "Read More About:");
    if (cat && (cat == *body || cat[-1] == '\n'))
        *cat = 0;
}

static void print(FILE *f, const nx_entities *e)
{
    const char *names[5] = {"person", "org", "place", "by", "by~"};
    const nx_strlist *l[5] = {&e->person, &e->org, &e->place, &e->by,
                              &e->by_low};
    for (int k = 0; k < 5; k++)
        for (size_t i = 0; i < l[k]->n; i++)
            fprintf(f, "%s\t%s\n", names[k], l[k]->v[i]);
    for (size_t i = 0; i < e->nquotes; i++)
        fprintf(f, "quote\t%s\t%s\n",
                e->quotes[i].speaker ? e->quotes[i].speaker : "-",
                e->quotes[i].text);
}

int main(void)
{
    const char *src = getenv("NX_SOURCE_DIR");
    const char *shared = getenv("NX_SHARED_DIR");
    if (!src)
        src = NX_SOURCE_DIR;
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/seed/000_72c455ca92978c17.txt",
             src);
    char *art = slurp(path);
    if (!art && shared) {
        snprintf(path, sizeof path, "%s/seed/000_72c455ca92978c17.txt",
                 shared);
        art = slurp(path);
    }
    if (!art) {
        /* a git worktree one level deeper (wt/NAME) than the main tree */
        snprintf(path, sizeof path,
                 "%s/../../shared/seed/000_72c455ca92978c17.txt", src);
        art = slurp(path);
    }
    CHECK(art != NULL);
    snprintf(path, sizeof path, "%s/tests/golden/seed.entities.txt", src);
    char *golden = slurp(path);
    CHECK(golden != NULL);
    if (!art || !golden)
        return nx_test_done();

    nx_aliases *al = nx_aliases_new();
    char *err = NULL;
    snprintf(path, sizeof path, "%s/facets/data/aliases.tsv", src);
    CHECK_INT(nx_aliases_add_file(al, path, &err), 0);
    free(err);
    nx_extractor *x = xt_new(al);
    char *title, *body;
    split_article(art, &title, &body);
    nx_entities e;
    nx_entities_init(&e);
    CHECK_INT(nx_extract(x, title, body, &e), 0);

    char *got = NULL;
    size_t gotlen = 0;
    FILE *m = open_memstream(&got, &gotlen);
    print(m, &e);
    fclose(m);
    /* the golden file without its comment lines */
    char *want = calloc(strlen(golden) + 1, 1), *w = want;
    for (char *ln = golden; *ln;) {
        char *nl = strchr(ln, '\n');
        size_t n = nl ? (size_t)(nl - ln + 1) : strlen(ln);
        if (*ln != '#') {
            memcpy(w, ln, n);
            w += n;
        }
        ln += n;
    }
    if (strcmp(got, want) != 0)
        fprintf(stderr, "--- got:\n%s--- want:\n%s", got, want);
    CHECK_STR(got, want);

    free(got);
    free(want);
    nx_entities_clear(&e);
    nx_extractor_free(x);
    nx_aliases_free(al);
    free(art);
    free(golden);
    return nx_test_done();
}
