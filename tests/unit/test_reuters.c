/*
 * test_reuters.c — reads the whole Reuters-21578 collection
 * ($NX_SHARED_DIR/data/reuters21578/reuters21578.jsonl) through
 * nx_ingest_paths() and checks what comes out against counts taken from
 * the file independently (a Python json pass when this test was written),
 * then prints the reading speed.  Skips (77) when the data is absent.
 *
 * The collection's quirks this holds: titles null in 737 records, one
 * record (line 12793) with neither title nor body (kept for its date, with
 * a warning), 328 dates with Reuters'
 * trailing codes ("00:02:59.13RM", one "# date added by S Finch as
 * guesswork"), and one impossible time, "31-MAR-1987 605:12:19.12"
 * (line 17192), which leaves that article undated.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nx_ingest.h"
#include "nx_test.h"

typedef struct stats {
    long articles, with_body, no_title, dated, first_checked;
    long skipped, tolerated, unreadable, other_reports;
    long textless_line, unreadable_line;
    long ids_ok;
} stats;

static int on_article(void *ctx, nx_article *a)
{
    stats *s = ctx;
    s->articles++;
    s->with_body += a->body[0] != '\0';
    s->no_title += a->title[0] == '\0';
    s->dated += a->date != NX_DATE_NONE;
    char want[64];
    snprintf(want, sizeof want, "reuters21578.jsonl#%ld", a->line);
    s->ids_ok += strcmp(a->id, want) == 0;
    if (a->line == 1) {
        /* newid 1: "BAHIA COCOA REVIEW", 26-FEB-1987 15:01:01.79 */
        CHECK_STR(a->title, "BAHIA COCOA REVIEW");
        CHECK_INT(a->date, 541350061);
        CHECK_INT(a->categories.n, 1);
        CHECK_STR(a->categories.n ? a->categories.v[0] : NULL, "cocoa");
        CHECK_INT(a->places.n, 3);
        CHECK_STR(a->source, "reuters21578.jsonl");
        s->first_checked = 1;
    }
    return 0;
}

static void on_report(void *ctx, nx_report_kind kind, const char *file,
                      long line, const char *reason)
{
    stats *s = ctx;
    (void)file;
    if (kind == NX_REPORT_SKIPPED) {
        s->skipped++;
        fprintf(stderr, "unexpected skip: line %ld: %s\n", line, reason);
    } else if (strcmp(reason, "no title or body; indexed for its other "
                              "fields") == 0) {
        s->textless_line = line;
    } else if (strstr(reason, "stray text after the time ignored")) {
        s->tolerated++;
    } else if (strncmp(reason, "unreadable date", 15) == 0) {
        s->unreadable++;
        s->unreadable_line = line;
        CHECK_STR(reason, "unreadable date \"31-MAR-1987 605:12:19.12\"");
    } else {
        s->other_reports++;
        fprintf(stderr, "unexpected report: line %ld: %s\n", line, reason);
    }
}

int main(void)
{
    const char *shared = getenv("NX_SHARED_DIR");
    char dir[4096];
    struct stat st;
    snprintf(dir, sizeof dir, "%s/data/reuters21578",
             shared ? shared : "../shared");
    if (!shared || stat(dir, &st) != 0 ||
        chdir(dir) != 0 || stat("reuters21578.jsonl", &st) != 0) {
        printf("SKIP: ../shared/data not present\n");
        return 77;
    }
    stats s;
    memset(&s, 0, sizeof s);
    const char *paths[] = {"reuters21578.jsonl"};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_INT(nx_ingest_paths(paths, 1, NULL, on_article, on_report, &s), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    CHECK_INT(s.articles, 21578);
    CHECK_INT(s.skipped, 0);
    CHECK_INT(s.textless_line, 12793);
    CHECK_INT(s.with_body, 21577);
    CHECK_INT(s.no_title, 737);
    CHECK_INT(s.tolerated, 328);
    CHECK_INT(s.unreadable, 1);
    CHECK_INT(s.unreadable_line, 17192);
    CHECK_INT(s.dated, 21577);
    CHECK_INT(s.other_reports, 0);
    CHECK_INT(s.ids_ok, s.articles);
    CHECK_INT(s.first_checked, 1);
    printf("reuters21578.jsonl: %ld records in %.3f s: %.0f records/s, "
           "%.1f MB/s\n", s.articles + s.skipped, secs,
           (double)(s.articles + s.skipped) / secs,
           (double)st.st_size / 1e6 / secs);
    return nx_test_done();
}
