#!/bin/bash
# Crash safety of the incremental reindex: SIGKILL `newsdex reindex` at
# random moments (fixed seeds), then the database must open and hold
# exactly the batches it committed — its "newsdex.progress" metadata says
# how many records in source order that is, which gives the oracle
# (reindex_oracle.py check) — and running it again must finish the job
# with nothing lost and nothing duplicated, and a third run change nothing.
. "$(dirname "$0")/lib.sh"
O="python3 $(dirname "$0")/reindex_oracle.py"
RUNS=${NX_CRASH_RUNS:-20}
BATCH=50   # ~17 commits in the interrupted run: kills land between them

$O gen "$T/v1" 42 1 && $O gen "$T/v2" 42 2 || { echo "cannot generate"; exit 1; }
# The sources are always "$T/src": ids and sources are relative to it.
cp -r "$T/v1" "$T/src"
run "$NEWSDEX" reindex --db "$T/db1" --batch $BATCH "$T/src"
check_eq "initial reindex" "$rc" 0
rm -rf "$T/src" && cp -r "$T/v2" "$T/src"

# How long an uninterrupted run takes, to spread the kills over it.
cp -a "$T/db1" "$T/db"
start=$(date +%s%N)   # nanoseconds: shell arithmetic, no bc
run "$NEWSDEX" reindex --db "$T/db" --batch $BATCH "$T/src"
ns=$(($(date +%s%N) - start))
full=$(printf '%d.%09d' $((ns / 1000000000)) $((ns % 1000000000)))
check_eq "uninterrupted run" "$rc" 0
$O dump "$NEWSDEX" "$T/db" >"$T/want" || bad "dump"
states=""
for i in $(seq 1 "$RUNS"); do
    rm -rf "$T/db" && cp -a "$T/db1" "$T/db"
    delay=$(python3 -c "import random; r = random.Random($i); print('%.3f' % (r.random() * $full * 1.1))")
    # Every fourth run is killed twice: the second run starts from the
    # first one's remains.
    for _ in $(seq $((i % 4 == 0 ? 2 : 1))); do
        "$NEWSDEX" reindex --db "$T/db" --batch $BATCH "$T/src" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    # The database opens and holds what the progress says.
    "$NEWSDEX" stats --db "$T/db" --json >"$T/stats" 2>"$T/err"
    check_eq "run $i: opens after SIGKILL at ${delay}s" "$?" 0
    if ! $O dump "$NEWSDEX" "$T/db" >"$T/got"; then
        bad "run $i: dump"
        continue
    fi
    if state=$($O check "$T/v1" "$T/v2" "$T/got" "$T/stats" 2>"$T/err"); then
        ok
        states="$states ${state%% *}"
    else
        bad "run $i (kill at ${delay}s): $(cat "$T/err")"
    fi
    # Running again finishes the job: nothing lost, nothing twice.
    run "$NEWSDEX" reindex --db "$T/db" "$T/src"
    check_eq "run $i: rerun exit" "$rc" 0
    $O dump "$NEWSDEX" "$T/db" >"$T/got2"
    check "run $i: rerun gives version 2 exactly" cmp -s "$T/got2" "$T/want"
    run "$NEWSDEX" reindex --db "$T/db" "$T/src"
    check "run $i: third run changes nothing" grep -q "nothing changed" <<<"$out"
done
# The kills must have landed inside runs, not only before or after them.
partial=$(tr ' ' '\n' <<<"$states" | grep -c partial)
echo "states:$states"
check "some kills left a partial run ($partial of $RUNS)" test "$partial" -ge 3
finish
