#!/bin/bash
# End-to-end: `newsdex reindex`, `rebuild`, `rollback` and the writer lock
# on a copy of corpus/, as a user (or cron) runs them.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
cp -r "$NX_SOURCE_DIR/corpus" "$T/corpus"
C="$T/corpus"
ISO='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z newsdex'

# First run adds everything; off a terminal one summary line, no noise.
run "$NEWSDEX" reindex --db "$DB" "$C"
check_eq "first reindex exit" "$rc" 0
check "summary is timestamped" grep -Eq "$ISO reindex $DB: added 48, replaced 0, deleted 0" <<<"$out"
check_eq "one line on stdout" "$(wc -l <<<"$out")" 1
check_eq "nothing on stderr" "$err" ""
run "$NEWSDEX" reindex --db "$DB" "$C"
check "second run changes nothing" grep -Eq "$ISO reindex $DB: nothing changed \(48 unchanged\)" <<<"$out"
run "$NEWSDEX" stats --db "$DB" --json
check_eq "stats outcome" "$(json 'j["last_outcome"]')" "reindex: nothing changed (48 unchanged, skipped 0)"
check_eq "stats progress" "$(json 'j["progress"]["state"]')" "done"
check_eq "no writer" "$(json 'j["writer"]')" "None"

# A changed record, a new file, a deleted file, a record gone from a file.
sed -i 's/"title": "Whitcombe Group issues profit warning/"title": "Whitcombe Group issues a second profit warning/' "$C/business.jsonl"
printf '%s\n' '{"id": "new-1", "title": "Harbour bridge reopens", "body": "The bridge reopened on Monday."}' >"$C/new.jsonl"
rm "$C/culture/cul-2019-copenhagen-viking-exhibition.txt"
grep -v '"id": "sci-2019' "$C/science.json" >/dev/null  # (science.json is one array: left alone)
first=$(head -1 "$C/politics.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sed -i 1d "$C/politics.jsonl"
run "$NEWSDEX" reindex --db "$DB" "$C"
check_eq "changes exit" "$rc" 0
check "changes summary" grep -q "added 1, replaced 1, deleted 2, unchanged 45" <<<"$out"
run "$NEWSDEX" search --db "$DB" --json '"second profit warning"'
check_eq "changed record searchable" "$(json 'j["total"]')" 1
run "$NEWSDEX" show --db "$DB" "$first"
check_eq "record gone from its file is deleted" "$rc" 1
run "$NEWSDEX" show --db "$DB" corpus/culture/cul-2019-copenhagen-viking-exhibition.txt
check_eq "deleted file's article is deleted" "$rc" 1
run "$NEWSDEX" reindex --db "$DB" "$C/"
check "a trailing slash is the same root" grep -q "nothing changed" <<<"$out"

# Reindexing one file of the tree touches only that file's articles (its
# record moves to the source as now given: a full path).
run "$NEWSDEX" reindex --db "$DB" "$C/new.jsonl"
check "a file root is its own scope" grep -q "added 0, replaced 1, deleted 0" <<<"$out"
run "$NEWSDEX" stats --db "$DB" --json
check_eq "nothing else deleted" "$(json 'j["documents"]')" 47
run "$NEWSDEX" show --db "$DB" --json new-1
check_eq "source as given" "$(json 'j["source"]')" "$C/new.jsonl"

# A record that no longer parses is skipped (exit 1), and the articles of
# its file that were not seen are kept, not deleted.
second=$(sed -n 1p "$C/politics.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sed -i '1s/.*/{"id": "broken", "title": /' "$C/politics.jsonl"
sed -i '/"id": "new-1"/d' "$C/new.jsonl"
run "$NEWSDEX" reindex --db "$DB" "$C"
check_eq "skipped record exit" "$rc" 1
check "skipped record reported" grep -q "politics.jsonl:1: skipped" <<<"$err"
check "held back" grep -q "kept 1 articles whose file had unreadable records" <<<"$out"
run "$NEWSDEX" show --db "$DB" "$second"
check_eq "unparsable record's article kept" "$rc" 0

# A source root that is not there changes nothing (an unmounted archive
# must not empty the index).
run "$NEWSDEX" reindex --db "$DB" "$T/no-such-dir"
check_eq "missing root exit" "$rc" 3
check "missing root message" grep -q "nothing was changed" <<<"$err"
run "$NEWSDEX" stats --db "$DB" --json
n_before=$(json 'j["documents"]')
check "documents still there" test "$n_before" -ge 47

# Usage errors.
run "$NEWSDEX" reindex --db "$DB"
check_eq "no source" "$rc" 2
run "$NEWSDEX" rebuild --db "$DB" --wait=soon "$C"
check_eq "bad --wait" "$rc" 2
run "$NEWSDEX" reindex --db "$DB" --compact "$C"
check_eq "--compact is rebuild's" "$rc" 2

# The lock: a writer holding the database (an index reading a FIFO that
# stays open) turns the others away with exit 4, naming itself.
mkfifo "$T/fifo"
"$NEWSDEX" index --db "$DB" --no-extract - <"$T/fifo" >/dev/null 2>&1 &
holder=$!
exec 7>"$T/fifo"
for _ in $(seq 50); do grep -q "pid=$holder" "$DB/lock" 2>/dev/null && break; sleep 0.1; done
for cmd in "reindex $C" "rebuild $C" "rollback" "delete x" "index $C"; do
    run "$NEWSDEX" ${cmd%% *} --db "$DB" ${cmd#* }
    [ "$cmd" = rollback ] && run "$NEWSDEX" rollback --db "$DB"
    check_eq "${cmd%% *} while locked: exit" "$rc" 4
    check "${cmd%% *} names the holder" grep -q "locked by newsdex index (pid $holder, since 20" <<<"$err"
done
run "$NEWSDEX" stats --db "$DB" --json
check_eq "stats shows the writer" "$(json 'j["writer"]["pid"]')" "$holder"
run "$NEWSDEX" stats --db "$DB"
check "stats text shows the writer" grep -q "^writer *newsdex index (pid $holder)" <<<"$out"
start=$(date +%s)
run "$NEWSDEX" reindex --db "$DB" --wait=1 "$C"
check_eq "bounded wait gives up" "$rc" 4
check "bounded wait message" grep -q "still locked after 1 s" <<<"$err"
# --wait outlasts the holder: release it in a second.
( sleep 1; exec 7>&-; ) &
exec 7>&-
run "$NEWSDEX" reindex --db "$DB" --wait=30 "$C"
check_eq "wait then run" "$rc" 1
wait "$holder"
run "$NEWSDEX" stats --db "$DB" --json
check_eq "writer gone" "$(json 'j["writer"]')" "None"

# Full rebuild: a new generation, the old one kept, readers switched.
cp -r "$NX_SOURCE_DIR/corpus" "$T/corpus2"
run "$NEWSDEX" rebuild --db "$DB" "$T/corpus2"
check_eq "rebuild exit" "$rc" 0
check "rebuild summary" grep -Eq "$ISO rebuild $DB: generation 2 \(was 1, kept for rollback\): 48 documents" <<<"$out"
check_eq "stub" "$(cat "$DB/XAPIANDB")" "auto gen-000002"
run "$NEWSDEX" search --db "$DB" --json 'NATO AND Ukraine'
check_eq "search after swap" "$(json 'j["hits"][0]["id"]')" "corpus2/seed/000_72c455ca92978c17.txt"
# A generation that fails its check is never switched to.
run env NEWSDEX_XAPIAN_CHECK=/bin/false "$NEWSDEX" rebuild --db "$DB" "$T/corpus2"
check_eq "failed check exit" "$rc" 3
check "failed check message" grep -q "fails its check.*the live index is unchanged" <<<"$err"
check_eq "stub unchanged" "$(cat "$DB/XAPIANDB")" "auto gen-000002"
run "$NEWSDEX" rebuild --db "$DB" --compact "$T/corpus2"
check_eq "compact rebuild exit" "$rc" 0
check "compacted" grep -q "generation 4 (was 2, kept for rollback): 48 documents.* compacted" <<<"$out"
check_eq "two generations kept" "$(cd "$DB" && ls -d gen-* | tr '\n' ' ')" "gen-000002 gen-000004 "
run "$NEWSDEX" stats --db "$DB" --json
check_eq "stats generation" "$(json 'j["generation"]')" 4
run "$NEWSDEX" rollback --db "$DB"
check_eq "rollback exit" "$rc" 0
check "rollback summary" grep -Eq "$ISO rollback $DB: generation 2 \(was 4\)" <<<"$out"
run "$NEWSDEX" rollback --db "$DB"
check_eq "no second rollback" "$rc" 3
check "no second rollback message" grep -q "no earlier generation" <<<"$err"
# The next rebuild does not resume the generation rolled away from.
run "$NEWSDEX" rebuild --db "$DB" "$T/corpus2"
check "fresh generation after rollback" grep -q "generation 5 (was 2, kept for rollback)" <<<"$out"
check "not resumed" bash -c '! grep -q "interrupted" <<<"$0"' "$out"
check_eq "old ones pruned" "$(cd "$DB" && ls -d gen-* | tr '\n' ' ')" "gen-000002 gen-000005 "
run "$NEWSDEX" rebuild --db "$T/fresh" "$T/corpus2"
check "rebuild creates a database" grep -q "generation 1: 48 documents" <<<"$out"

# A parallel rebuild: parts built by processes and merged give the same
# index (every article once, the same answers), compacted, no parts left.
O="python3 $(dirname "$0")/reindex_oracle.py"
$O dump "$NEWSDEX" "$T/fresh" >"$T/one"
for jobs in 2 3; do
    run "$NEWSDEX" rebuild --db "$T/par$jobs" --jobs $jobs "$T/corpus2"
    check_eq "rebuild --jobs $jobs exit" "$rc" 0
    check "rebuild --jobs $jobs summary" grep -q "generation 1: 48 documents, skipped 0, 0 warnings.* compacted" <<<"$out"
    check_eq "--jobs $jobs: no parts left" "$(ls "$T/par$jobs" | tr '\n' ' ')" "XAPIANDB gen-000001 lock "
    check "--jobs $jobs: facet head file written" test -s "$T/par$jobs/gen-000001/nx-facets.idx"
    $O dump "$NEWSDEX" "$T/par$jobs" >"$T/par"
    check "--jobs $jobs: the same documents" cmp -s "$T/one" "$T/par"
    for q in 'NATO AND Ukraine by:Lavrov' said 'year:2021' 'oil OR gas'; do
        a=$("$NEWSDEX" search --db "$T/fresh" --json --facets by,person,org,place,year "$q")
        b=$("$NEWSDEX" search --db "$T/par$jobs" --json --facets by,person,org,place,year "$q")
        check_eq "--jobs $jobs: same answer to $q" "$b" "$a"
    done
done
# Problems with the sources are reported once, not once per process.
cp -r "$T/corpus2" "$T/corpus3"
printf '{"id": "ok-1", "title": "Fine", "body": "Fine text."}\n{broken\n' >"$T/corpus3/bad.jsonl"
run "$NEWSDEX" rebuild --db "$T/par4" --jobs 2 "$T/corpus3"
check_eq "parallel rebuild with a bad record exit" "$rc" 1
check_eq "the bad record reported once" "$(grep -c 'bad.jsonl:2' <<<"$err")" 1
check "its summary counts it once" grep -q "49 documents, skipped 1" <<<"$out"
run "$NEWSDEX" rebuild --db "$T/par4" --jobs 65 "$T/corpus3"
check_eq "--jobs bound" "$rc" 2
run "$NEWSDEX" reindex --db "$T/par4" --jobs 2 "$T/corpus3"
check_eq "--jobs is rebuild's" "$rc" 2
# Killed, a parallel rebuild takes its processes with it and leaves the
# live index as it was; the next rebuild starts over and finishes.
$O gen "$T/corpus4" 7 1
"$NEWSDEX" rebuild --db "$T/par2" --jobs 2 "$T/corpus4" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 200); do [ "$(pgrep -P "$pid" | wc -l)" = 2 ] && break; sleep 0.01; done
check_eq "two processes build the parts" "$(pgrep -P "$pid" | wc -l)" 2
kill -KILL "$pid"; wait "$pid" 2>/dev/null
sleep 0.1
check_eq "no rebuild process outlives a kill" "$(pgrep -f "rebuild --db $T/par2" | wc -l)" 0
check_eq "live index unchanged after the kill" "$(cat "$T/par2/XAPIANDB")" "auto gen-000001"
run "$NEWSDEX" rebuild --db "$T/par2" --jobs 2 "$T/corpus2"
check_eq "rebuild after a killed parallel one" "$rc" 0
check_eq "leftover parts deleted" "$(ls "$T/par2" | tr '\n' ' ')" "XAPIANDB gen-000001 gen-000002 lock "

# A shard is rebuilt and reindexed on its own: the same articles as
# `index --shard`, and a reindex of the shard deletes nothing of it.
for k in 0 1; do
    "$NEWSDEX" index -q --shard $k/2 --db "$T/ish$k" "$T/corpus2"
    run "$NEWSDEX" rebuild -q --shard $k/2 --jobs 2 --db "$T/rsh$k" "$T/corpus2"
    check_eq "rebuild --shard $k/2 exit" "$rc" 0
    $O dump "$NEWSDEX" "$T/ish$k" >"$T/a"
    $O dump "$NEWSDEX" "$T/rsh$k" >"$T/b"
    check "rebuild --shard $k/2 = index --shard $k/2" cmp -s "$T/a" "$T/b"
    run "$NEWSDEX" stats --db "$T/rsh$k" --json
    n=$(json 'j["documents"]')
    check "shard $k/2 is a strict part ($n of 48)" test "$n" -gt 0 -a "$n" -lt 48
    run "$NEWSDEX" reindex --shard $k/2 --db "$T/rsh$k" "$T/corpus2"
    check "reindex --shard $k/2 changes nothing" grep -q "nothing changed" <<<"$out"
done
run "$NEWSDEX" rebuild --shard 2/2 --db "$T/x" "$T/corpus2"
check_eq "--shard K < N" "$rc" 2
check "--shard error names the value" grep -q '"2/2"' <<<"$err"
finish
