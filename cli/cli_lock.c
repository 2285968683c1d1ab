/*
 * cli_lock.c — the writer lock as the commands use it (cli.h): one
 * message naming the running writer, exit 4, and a bounded --wait.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_layout.h"
#include "nx_xapian.h"

void cli_now_iso(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int cli_wait_arg(const char *cmd, const char *arg, double *wait)
{
    unsigned long v;
    if (!arg) {
        *wait = CLI_WAIT_DEFAULT;
        return 0;
    }
    /* A week: a bound, so a stuck writer never hangs cron for ever. */
    if (cli_number(cmd, "--wait", arg, 7ul * 24 * 3600, &v))
        return -1;
    *wait = (double)v;
    return 0;
}

int cli_lock(const char *cmd, const char *db, double wait,
             struct nx_lock **out)
{
    char full[64], *err = NULL;
    nx_lock_holder h;
    snprintf(full, sizeof full, "newsdex %s", cmd);
    int rc = nx_lock_acquire(out, db, full, wait, &h, &err);
    if (rc == NX_ELOCKED) {
        char who[200];
        if (h.pid)
            snprintf(who, sizeof who, "%s (pid %ld, since %s)",
                     h.command[0] ? h.command : "another newsdex", h.pid,
                     h.since[0] ? h.since : "?");
        else
            snprintf(who, sizeof who, "another writer");
        if (wait > 0)
            cli_error(cmd, "%s is still locked after %.0f s by %s", db, wait,
                      who);
        else
            cli_error(cmd, "%s is locked by %s; try again later or use "
                      "--wait[=SECONDS]", db, who);
        return EXIT_LOCKED;
    }
    if (rc != NX_OK) {
        cli_error(cmd, "cannot lock %s: %s", db, err ? err : nx_strerror(rc));
        free(err);
        return cli_exit_code(rc);
    }
    return 0;
}
