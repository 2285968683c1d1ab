/*
 * check.c — nx_db_check(): runs xapian-check on a generation in a child
 * process and reads its verdict (nx_xapian.h).
 */
#include "nx_xapian.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define TAIL_BOUND 512   /* bytes of the tool's last line kept */

int nx_db_check(const char *path, size_t *nerrors, char **err)
{
    *nerrors = 0;
    if (err)
        *err = NULL;
    const char *tool = getenv("NEWSDEX_XAPIAN_CHECK");
    if (!tool || !*tool)
        tool = "xapian-check";
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return NX_EIO;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    char *argv[] = {(char *)tool, (char *)path, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, tool, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        /* No tool: the same check in process. */
        return nx_db_check_library(path, nerrors, err);
    }
    /* Keep the last non-empty line: "No errors found", or the error. */
    char buf[4096], last[TAIL_BOUND] = "", cur[TAIL_BOUND];
    size_t curlen = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                if (curlen) {
                    memcpy(last, cur, curlen);
                    last[curlen] = '\0';
                }
                curlen = 0;
            } else if (curlen < sizeof cur - 1) {
                cur[curlen++] = buf[i];
            }
        }
    }
    close(fds[0]);
    if (curlen) {
        memcpy(last, cur, curlen);
        last[curlen] = '\0';
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        strstr(last, "No errors found"))
        return NX_OK;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        /* The shell's "not found" from a wrapper: check in process. */
        return nx_db_check_library(path, nerrors, err);
    }
    *nerrors = 1;
    if (err)
        *err = nx_errf("%s: xapian-check: %s", path, *last ? last : "failed");
    return NX_OK;
}
