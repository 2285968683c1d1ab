/*
 * test_ingest_paths.c — nx_ingest_paths() over a tree made in a temporary
 * directory: ids and sources, sorted walking, hidden and foreign files,
 * symlink loops, unreadable paths, the file bound and streamed JSONL lines
 * longer than a read block.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nx_ingest.h"
#include "nx_test.h"
#include "unit/ingest_collect.h"

static char base[256];

static void put(const char *rel, const char *text, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fwrite(text, 1, len, f);
    fclose(f);
}

static void put_s(const char *rel, const char *text)
{
    put(rel, text, strlen(text));
}

static void mk(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    mkdir(path, 0755);
}

static void test_tree(void)
{
    mk("corpus");
    mk("corpus/b");
    mk("corpus/.git");
    put_s("corpus/a.txt", "Title A\n\nBody A\n");
    put_s("corpus/b/c.jsonl", "{\"title\":\"c1\"}\n{\"id\":\"own\",\"title\":"
                              "\"c2\"}\n");
    put_s("corpus/b/B.json", "[{\"title\":\"B1\"}]");
    put_s("corpus/.hidden.jsonl", "{\"title\":\"hidden\"}\n");
    put_s("corpus/.git/x.jsonl", "{\"title\":\"hidden\"}\n");
    put_s("corpus/notes.md", "# not an article\n");
    put_s("corpus/z.JSONL", "{\"title\":\"upper\"}\n");
    char path[512], target[512];
    snprintf(path, sizeof path, "%s/corpus/b/loop", base);
    snprintf(target, sizeof target, "%s/corpus", base);
    CHECK_INT(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/corpus/broken.jsonl", base);
    CHECK_INT(symlink("nowhere.jsonl", path), 0);

    char dir[512];
    snprintf(dir, sizeof dir, "%s/corpus/", base);  /* trailing slash */
    const char *paths[] = {dir};
    collect c = {0};
    CHECK_INT(nx_ingest_paths(paths, 1, NULL, collect_article, collect_report,
                              &c), 0);
    /* strcmp order: "B.json" < "c.jsonl" < "loop"; uppercase extension ok */
    CHECK_STR(COLLECT_STR(c.out),
              "id=corpus/a.txt title=Title A body=Body A line=1 "
              "src=corpus/a.txt\n"
              "id=corpus/b/B.json#1 title=B1 body= line=1 src=corpus/b/B.json\n"
              "id=corpus/b/c.jsonl#1 title=c1 body= line=1 "
              "src=corpus/b/c.jsonl\n"
              "id=own title=c2 body= line=2 src=corpus/b/c.jsonl\n"
              "id=corpus/z.JSONL#1 title=upper body= line=1 "
              "src=corpus/z.JSONL\n");
    CHECK_STR(COLLECT_STR(c.rep),
              "S 0 symlink loop: the directory is already being read; "
              "not read again\n"
              "S 0 cannot read: No such file or directory\n");
    char want[1024];
    snprintf(want, sizeof want, "%s/corpus/b/loop:0;%s/corpus/broken.jsonl:0",
             base, base);
    CHECK_STR(c.files, want);
    collect_free(&c);

    /* A file argument keeps its path as given, less "./"; a missing path
     * and a foreign file are reported; the run goes on. */
    char here[512];
    CHECK(getcwd(here, sizeof here) != NULL);
    CHECK_INT(chdir(base), 0);
    const char *args[] = {"./corpus/a.txt", "missing.jsonl", "corpus/notes.md",
                          "corpus/b/c.jsonl"};
    CHECK_INT(nx_ingest_paths(args, 4, NULL, collect_article, collect_report,
                              &c), 0);
    CHECK_STR(COLLECT_STR(c.out),
              "id=corpus/a.txt title=Title A body=Body A line=1 "
              "src=corpus/a.txt\n"
              "id=corpus/b/c.jsonl#1 title=c1 body= line=1 "
              "src=corpus/b/c.jsonl\n"
              "id=own title=c2 body= line=2 src=corpus/b/c.jsonl\n");
    CHECK_STR(COLLECT_STR(c.rep),
              "S 0 cannot read: No such file or directory\n"
              "S 0 not a .txt, .json or .jsonl file\n");
    CHECK_STR(c.files, "missing.jsonl:0;corpus/notes.md:0");
    collect_free(&c);

    /* "." has no useful name: ids are relative to it.  Its "loop" leads to
     * corpus, outside it: reported, not followed. */
    const char *dot[] = {"./corpus/b/"};
    CHECK_INT(chdir("corpus/b"), 0);
    dot[0] = ".";
    CHECK_INT(nx_ingest_paths(dot, 1, NULL, collect_article, collect_report,
                              &c), 0);
    CHECK_STR(COLLECT_STR(c.out),
              "id=B.json#1 title=B1 body= line=1 src=B.json\n"
              "id=c.jsonl#1 title=c1 body= line=1 src=c.jsonl\n"
              "id=own title=c2 body= line=2 src=c.jsonl\n");
    snprintf(want, sizeof want, "S 0 symbolic link to %s/corpus, outside the "
             "indexed directory %s/corpus/b; not followed\n", base, base);
    CHECK_STR(COLLECT_STR(c.rep), want);
    CHECK_STR(c.files, "./loop:0");
    collect_free(&c);
    CHECK_INT(chdir(here), 0);

    /* A callback's value stops the whole run. */
    c.stop_after = 1;
    CHECK_INT(nx_ingest_paths(paths, 1, NULL, collect_article, NULL, &c), 99);
    CHECK_INT(c.narticles, 1);
    collect_free(&c);
}

static void link_to(const char *rel, const char *target)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    CHECK_INT(symlink(target, path), 0);
}

/* Links that leave the indexed directory (to /proc, a device, another
 * tree) are reported and not followed; links inside it are; a FIFO named
 * like an article is reported, never opened (it would block). */
static void test_links(void)
{
    mk("links");
    mk("links/sub");
    mk("outside");
    put_s("links/in.jsonl", "{\"title\":\"inside\"}\n");
    put_s("outside/o.jsonl", "{\"title\":\"outside\"}\n");
    link_to("links/env.txt", "/proc/self/environ");
    link_to("links/zero.txt", "/dev/zero");
    link_to("links/inside.jsonl", "in.jsonl");
    link_to("links/sub/up.jsonl", "../in.jsonl");
    link_to("links/notes.md", "/etc/passwd");  /* not an article: ignored */
    link_to("links/out.jsonl", "../outside/o.jsonl");
    link_to("links/outdir", "../outside");
    char path[512];
    snprintf(path, sizeof path, "%s/links/fifo.jsonl", base);
    CHECK_INT(mkfifo(path, 0600), 0);
    char dir[512];
    snprintf(dir, sizeof dir, "%s/links", base);
    const char *paths[] = {dir};
    collect c = {0};
    CHECK_INT(nx_ingest_paths(paths, 1, NULL, collect_article, collect_report,
                              &c), 0);
    CHECK_STR(COLLECT_STR(c.out),
              "id=links/in.jsonl#1 title=inside body= line=1 "
              "src=links/in.jsonl\n"
              "id=links/inside.jsonl#1 title=inside body= line=1 "
              "src=links/inside.jsonl\n"
              "id=links/sub/up.jsonl#1 title=inside body= line=1 "
              "src=links/sub/up.jsonl\n");
    char want[4096];
    snprintf(want, sizeof want,
             "S 0 symbolic link to /proc/%ld/environ, outside the indexed "
             "directory %s; not followed\n"
             "S 0 not a regular file (a FIFO); not read\n"
             "S 0 symbolic link to %s/outside/o.jsonl, outside the indexed "
             "directory %s; not followed\n"
             "S 0 symbolic link to %s/outside, outside the indexed "
             "directory %s; not followed\n"
             "S 0 symbolic link to /dev/zero, outside the indexed directory "
             "%s; not followed\n",
             (long)getpid(), dir, base, dir, base, dir, dir);
    CHECK_STR(COLLECT_STR(c.rep), want);
    snprintf(want, sizeof want, "%s/env.txt:0;%s/fifo.jsonl:0;"
             "%s/out.jsonl:0;%s/outdir:0;%s/zero.txt:0", dir, dir, dir, dir,
             dir);
    CHECK_STR(c.files, want);
    collect_free(&c);

    /* Named on the command line, a link is the user's choice: followed. */
    snprintf(path, sizeof path, "%s/links/out.jsonl", base);
    const char *arg[] = {path};
    CHECK_INT(nx_ingest_paths(arg, 1, NULL, collect_article, collect_report,
                              &c), 0);
    CHECK_INT(c.narticles, 1);
    CHECK(c.rep == NULL);
    collect_free(&c);
    /* So is a directory argument that is a link: its target is the root. */
    snprintf(path, sizeof path, "%s/links/outdir", base);
    CHECK_INT(nx_ingest_paths(arg, 1, NULL, collect_article, collect_report,
                              &c), 0);
    CHECK_INT(c.narticles, 1);
    CHECK(c.rep == NULL);
    collect_free(&c);
}

static void test_bounds(void)
{
    mk("big");
    /* .json over the file bound */
    put_s("big/f.json", "[{\"title\":\"0123456789012345678901234567890\"}]");
    /* .txt over the record bound */
    put_s("big/t.txt", "Title\n\n0123456789012345678901234567890123456789\n");
    /* JSONL: a line spanning several 64 KiB read blocks that fits, one
     * that does not, and the line numbers after them. */
    size_t n1 = 200000, n2 = 300000, total = n1 + n2 + 200;
    char *j = malloc(total), *p = j;
    p += sprintf(p, "{\"title\":\"long\",\"body\":\"");
    memset(p, 'x', n1);
    p += n1;
    p += sprintf(p, "\"}\r\n{\"title\":\"");
    memset(p, 'y', n2);
    p += n2;
    p += sprintf(p, "\"}\n{\"title\":\"after\"}\n{\"title\":\"last\"}");
    put("big/l.jsonl", j, (size_t)(p - j));
    free(j);

    char dir[512];
    snprintf(dir, sizeof dir, "%s/big", base);
    const char *paths[] = {dir};
    nx_ingest_options opts = NX_INGEST_OPTIONS_INIT;
    opts.max_file = 40;
    opts.max_record = 262144;   /* 256 KiB */
    collect c = {0};
    CHECK_INT(nx_ingest_paths(paths, 1, &opts, collect_article, collect_report,
                              &c), 0);
    CHECK_STR(COLLECT_STR(c.rep),
              "S 0 file is 45 bytes, over the 40 bytes bound (--max-file)\n"
              "S 2 record is 300012 bytes, over the 256 KiB bound "
              "(--max-record)\n"
              "S 0 file is 48 bytes, over the 40 bytes bound (--max-file)\n");
    CHECK_INT(c.narticles, 3);
    CHECK(c.out && strstr(c.out, "id=big/l.jsonl#1 title=long body=xxx"));
    CHECK(c.out && strstr(c.out, "id=big/l.jsonl#3 title=after "));
    CHECK(c.out && strstr(c.out, "id=big/l.jsonl#4 title=last "));
    collect_free(&c);

    /* A .txt file is one record: the record bound applies to it whole. */
    char txt[512];
    snprintf(txt, sizeof txt, "%s/big/t.txt", base);
    paths[0] = txt;
    opts.max_file = 0;
    opts.max_record = 20;
    CHECK_INT(nx_ingest_paths(paths, 1, &opts, collect_article, collect_report,
                              &c), 0);
    CHECK_STR(COLLECT_STR(c.rep), "S 0 record is 48 bytes, over the 20 bytes "
              "bound (--max-record)\n");
    CHECK(strncmp(c.files, txt, strlen(txt)) == 0);
    collect_free(&c);
}

/* "-" reads JSONL from standard input: source and id base "-". */
static void test_stdin(void)
{
    put_s("stdin.jsonl", "{\"title\":\"s1\"}\n\n{\"title\":\n{\"title\":\"s4\"}");
    char path[512];
    snprintf(path, sizeof path, "%s/stdin.jsonl", base);
    if (!freopen(path, "r", stdin)) {
        CHECK(0);
        return;
    }
    const char *args[] = {"-"};
    collect c = {0};
    CHECK_INT(nx_ingest_paths(args, 1, NULL, collect_article, collect_report,
                              &c), 0);
    CHECK_STR(COLLECT_STR(c.out),
              "id=-#1 title=s1 body= line=1 src=-\n"
              "id=-#4 title=s4 body= line=4 src=-\n");
    CHECK_STR(COLLECT_STR(c.rep),
              "S 3 invalid JSON: unexpected end of input\n");
    CHECK_STR(c.files, "-:3");
    collect_free(&c);
}

int main(void)
{
    snprintf(base, sizeof base, "ingest-paths-XXXXXX");
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        return 1;
    }
    char abs[4096];
    if (!realpath(base, abs) || strlen(abs) >= sizeof base)
        return 1;
    memcpy(base, abs, strlen(abs) + 1);
    test_tree();
    test_links();
    test_bounds();
    test_stdin();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", base);
    return nx_test_done();
}
