/*
 * nx_test.h — the smallest test harness: CHECK macros that count, and a
 * summary line ctest and CI understand ("N passed, M failed").
 */
#ifndef NX_TEST_H
#define NX_TEST_H

#include <stdio.h>
#include <string.h>

static int nx_test_passed, nx_test_failed;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (cond) {                                                         \
            nx_test_passed++;                                               \
        } else {                                                            \
            nx_test_failed++;                                               \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                       \
        }                                                                   \
    } while (0)

#define CHECK_STR(got, want)                                                \
    do {                                                                    \
        const char *g_ = (got), *w_ = (want);                               \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                              \
            nx_test_passed++;                                               \
        } else {                                                            \
            nx_test_failed++;                                               \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\" (%s)\n",        \
                    __FILE__, __LINE__, g_ ? g_ : "(null)",                 \
                    w_ ? w_ : "(null)", #got);                              \
        }                                                                   \
    } while (0)

#define CHECK_INT(got, want)                                                \
    do {                                                                    \
        long long g_ = (long long)(got), w_ = (long long)(want);            \
        if (g_ == w_) {                                                     \
            nx_test_passed++;                                               \
        } else {                                                            \
            nx_test_failed++;                                               \
            fprintf(stderr, "%s:%d: got %lld, want %lld (%s)\n", __FILE__,  \
                    __LINE__, g_, w_, #got);                                \
        }                                                                   \
    } while (0)

static inline int nx_test_done(void)
{
    printf("%d passed, %d failed\n", nx_test_passed, nx_test_failed);
    return nx_test_failed ? 1 : 0;
}

#endif
