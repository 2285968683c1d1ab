#!/bin/bash
# The wrapper scripts and the sample crontab: every job line of
# scripts/newsdex.crontab is run exactly as written (by /bin/sh, as cron
# does), with the crontab's own variables pointed at a scratch database,
# sources and log.
. "$(dirname "$0")/lib.sh"
S="$NX_SOURCE_DIR/scripts"
mkdir -p "$T/bin"
ln -s "$NEWSDEX" "$T/bin/newsdex"
for s in newsdex-reindex newsdex-rebuild newsdex-rollback; do
    ln -s "$S/$s" "$T/bin/$s"
done
cp -r "$NX_SOURCE_DIR/corpus" "$T/news"

# The scripts on their own: configured from the environment.
run env NEWSDEX="$NEWSDEX" NEWSDEX_DB="$T/db0" NEWSDEX_SOURCES="$T/news" "$S/newsdex-reindex"
check_eq "newsdex-reindex exit" "$rc" 0
check "newsdex-reindex summary" grep -q "newsdex reindex $T/db0: added 48" <<<"$out"
run env NEWSDEX="$NEWSDEX" NEWSDEX_DB="$T/db0" NEWSDEX_OPTIONS="--batch 10" "$S/newsdex-rebuild" --compact "$T/news"
check_eq "newsdex-rebuild exit" "$rc" 0
check "newsdex-rebuild summary" grep -q "newsdex rebuild $T/db0: generation 3 (was 1" <<<"$out"
run env NEWSDEX="$NEWSDEX" NEWSDEX_DB="$T/db0" "$S/newsdex-rollback"
check_eq "newsdex-rollback exit" "$rc" 0
run env NEWSDEX="$NEWSDEX" NEWSDEX_DB="$T/db0" NEWSDEX_SOURCES= "$S/newsdex-reindex"
check_eq "no sources: usage" "$rc" 2
run env NEWSDEX=/no/such/newsdex "$S/newsdex-reindex" x
check_eq "no binary: exit 3" "$rc" 3

# The crontab, job by job, as cron would run it.
jobs=$(grep -E '^[0-9*]' "$S/newsdex.crontab")
check_eq "two jobs" "$(wc -l <<<"$jobs")" 2
envs=$(grep -E '^[A-Z_]+=' "$S/newsdex.crontab")
check "crontab sets the database" grep -q '^NEWSDEX_DB=' <<<"$envs"
cronrun() { # the command of a job line, in the crontab's environment
    local cmd
    cmd=$(awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print }' <<<"$1")
    env -i HOME="$T" $envs PATH="$T/bin:/usr/bin:/bin" \
        NEWSDEX_DB="$T/db" NEWSDEX_SOURCES="$T/news" NEWSDEX_LOG="$T/log" \
        /bin/sh -c "$cmd"
}
reindex_job=$(grep newsdex-reindex <<<"$jobs")
rebuild_job=$(grep newsdex-rebuild <<<"$jobs")
check "reindex job line" test -n "$reindex_job"
cronrun "$reindex_job"
check_eq "cron reindex exit" "$?" 0
cronrun "$reindex_job"
check_eq "cron reindex again" "$?" 0
check_eq "two log lines" "$(wc -l <"$T/log")" 2
check "log: added" grep -Eq '^[0-9-]{10}T[0-9:]{8}Z newsdex reindex .*: added 48' "$T/log"
check "log: nothing changed" grep -q "nothing changed (48 unchanged)" "$T/log"
cronrun "$rebuild_job"
check_eq "cron rebuild exit" "$?" 0
check "log: rebuilt" grep -q "newsdex rebuild $T/db: generation 3 (was 1, kept for rollback): 48 documents.* compacted" "$T/log"
check_eq "log holds only summaries" "$(grep -vc ' newsdex re' "$T/log")" 0
finish
