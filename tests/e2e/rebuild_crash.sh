#!/bin/bash
# Crash safety of the full rebuild: SIGKILL `newsdex rebuild` at random
# moments (fixed seeds; every other run with --compact).  Then the live
# index must be exactly the old one (or, killed after the swap, exactly the
# new one), never a mixture; a generation left half-built must hold exactly
# the records its progress metadata says (the first N in source order);
# and running the rebuild again must finish it (resuming that generation),
# swap, and keep just the live generation and the one it replaced.
. "$(dirname "$0")/lib.sh"
O="python3 $(dirname "$0")/reindex_oracle.py"
RUNS=${NX_CRASH_RUNS:-20}
BATCH=50

$O gen "$T/v1" 42 1 && $O gen "$T/v2" 42 2 || { echo "cannot generate"; exit 1; }
cp -r "$T/v1" "$T/src"
run "$NEWSDEX" rebuild --db "$T/db1" --batch $BATCH "$T/src"
check_eq "initial rebuild" "$rc" 0
$O dump "$NEWSDEX" "$T/db1" >"$T/old"
rm -rf "$T/src" && cp -r "$T/v2" "$T/src"

cp -a "$T/db1" "$T/db"
start=$(date +%s%N)   # nanoseconds: shell arithmetic, no bc
run "$NEWSDEX" rebuild --db "$T/db" --batch $BATCH "$T/src"
ns=$(($(date +%s%N) - start))
full=$(printf '%d.%09d' $((ns / 1000000000)) $((ns % 1000000000)))
check_eq "uninterrupted rebuild" "$rc" 0
$O dump "$NEWSDEX" "$T/db" >"$T/new"

# The generations; a "gen-N.trash" is one being deleted (nx_layout.h), not
# a generation, and a kill can leave it for the next run to remove.
gens() { (cd "$1" && ls -d gen-* 2>/dev/null | grep -E '^gen-[0-9]+$' | tr '\n' ' '); }
partial=0
resumed=0
for i in $(seq 1 "$RUNS"); do
    rm -rf "$T/db" && cp -a "$T/db1" "$T/db"
    compact=""
    [ $((i % 2)) = 0 ] && compact=--compact
    delay=$(python3 -c "import random; r = random.Random(100 + $i); print('%.3f' % (r.random() * $full * 1.1))")
    # Every third run is killed twice: the second resumes the first.
    for _ in $(seq $((i % 3 == 0 ? 2 : 1))); do
        "$NEWSDEX" rebuild --db "$T/db" --batch $BATCH $compact "$T/src" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    what="run $i ($compact kill at ${delay}s)"

    # Readers see the old index or the new one, whole.
    live=$(sed -n 's/^auto gen-0*//p' "$T/db/XAPIANDB")
    $O dump "$NEWSDEX" "$T/db" >"$T/got" || bad "$what: live dump"
    if [ "$live" = 1 ]; then
        check "$what: live is the old index" cmp -s "$T/got" "$T/old"
    else
        check "$what: live is the new index" cmp -s "$T/got" "$T/new"
    fi
    # A generation being built holds exactly what its progress says.
    # The generation kept for rollback is whole too: the old index, or
    # (when a killed run had already swapped and the next one finished)
    # the new one.
    prev=$(gens "$T/db" | tr ' ' '\n' | sed -n 's/^gen-0*//p' | awk -v l="$live" '$1 < l' | tail -1)
    if [ -n "$prev" ]; then
        $O dump "$NEWSDEX" "$T/db/$(printf 'gen-%06d' "$prev")" >"$T/gotp" 2>/dev/null
        if [ "$prev" = 1 ]; then
            check "$what: old generation kept whole" cmp -s "$T/gotp" "$T/old"
        else
            check "$what: previous generation kept whole" cmp -s "$T/gotp" "$T/new"
        fi
    fi
    for g in $(gens "$T/db"); do
        # The live one was checked above; gen-000001 is the old index.
        [ "$g" = "$(printf 'gen-%06d' "$live")" ] && continue
        [ "$g" = gen-000001 ] && continue
        "$NEWSDEX" stats --db "$T/db/$g" --json >"$T/stats" 2>/dev/null || continue
        $O dump "$NEWSDEX" "$T/db/$g" >"$T/gotg" 2>/dev/null || continue
        if r=$($O prefix "$T/v2" "$T/gotg" "$T/stats" 2>"$T/err"); then
            ok
            case $r in "prefix 0"|"prefix 1524") ;; *) partial=$((partial + 1)) ;; esac
        else
            bad "$what: $g: $(cat "$T/err")"
        fi
    done
    # Running again finishes it.
    run "$NEWSDEX" rebuild --db "$T/db" --batch $BATCH $compact "$T/src"
    check_eq "$what: rerun exit ($err)" "$rc" 0
    $O dump "$NEWSDEX" "$T/db" >"$T/got2"
    check "$what: rerun gives the new index exactly" cmp -s "$T/got2" "$T/new"
    grep -q "finished the interrupted generation" <<<"$out" && resumed=$((resumed + 1))
    check_eq "$what: generations kept" "$(gens "$T/db" | wc -w)" 2
done
check "some kills left a partial generation ($partial of $RUNS)" test "$partial" -ge 3
check "some reruns resumed a generation ($resumed of $RUNS)" test "$resumed" -ge 3

# Rollback returns to the old index, whole.
rm -rf "$T/db" && cp -a "$T/db1" "$T/db"
run "$NEWSDEX" rebuild --db "$T/db" --batch $BATCH "$T/src"
check_eq "last rebuild" "$rc" 0
run "$NEWSDEX" rollback --db "$T/db"
check_eq "rollback exit" "$rc" 0
$O dump "$NEWSDEX" "$T/db" >"$T/got"
check "rollback gives the old index" cmp -s "$T/got" "$T/old"
finish
