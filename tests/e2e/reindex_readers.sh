#!/bin/bash
# Readers keep working while the index is written: queries run in a loop
# (each a fresh `newsdex search` / `newsdex show`, opening the database
# through its XAPIANDB stub as the CGI page does) during an incremental
# reindex, two full rebuilds with their swaps, and a rollback.  Not one
# query may fail, and every answer must be a whole index (the total is the
# old or the new article count, nothing in between, across a swap).
#
# Hook for the CGI page: set NX_CGI to the built newsdex.cgi and the loop
# queries it too (`NX_CGI q=... format=json`, database from NEWSDEX_DB).
. "$(dirname "$0")/lib.sh"
O="python3 $(dirname "$0")/reindex_oracle.py"

$O gen "$T/v1" 7 1 && $O gen "$T/v2" 7 2 || { echo "cannot generate"; exit 1; }
cp -r "$T/v1" "$T/src"
run "$NEWSDEX" rebuild --db "$T/db" "$T/src"
check_eq "initial rebuild" "$rc" 0

# The query loop: one line per query, "ok TOTAL" or "FAIL ...".
reader() {
    local n=0
    while [ ! -e "$T/stop" ]; do
        n=$((n + 1))
        phase=$(cat "$T/phase")   # read before the query starts
        if out=$("$NEWSDEX" search --db "$T/db" --json --limit 3 crashword 2>&1); then
            printf '%s' "$out" | python3 -c 'import json,sys; print("ok", json.load(sys.stdin)["total"], sys.argv[1])' "$phase" \
                || echo "FAIL bad json: $out"
        else
            echo "FAIL search: $out"
        fi
        "$NEWSDEX" show --db "$T/db" --json a-0001 >/dev/null 2>"$T/show.err" \
            || echo "FAIL show: $(cat "$T/show.err")"
        if [ -n "${NX_CGI:-}" ] && [ -x "$NX_CGI" ]; then
            NEWSDEX_DB="$T/db" "$NX_CGI" q=crashword format=json >/dev/null 2>&1 \
                || echo "FAIL cgi"
        fi
    done
}
echo reindex >"$T/phase"
reader >"$T/log1" &
r1=$!
reader >"$T/log2" &
r2=$!

rm -rf "$T/src" && cp -r "$T/v2" "$T/src"
run "$NEWSDEX" reindex --db "$T/db" --batch 20 "$T/src"
check_eq "reindex under readers" "$rc" 0
rm -rf "$T/src" && cp -r "$T/v1" "$T/src"
run "$NEWSDEX" reindex --db "$T/db" --batch 20 "$T/src"
check_eq "reindex back under readers" "$rc" 0
echo swap >"$T/phase"
# A generation is deleted at the second rebuild after it stopped being
# live, so a reader is safe when its request is shorter than the time
# between two rebuilds: the pauses stand for that (ASan requests are slow).
for i in 1 2 3; do
    run "$NEWSDEX" rebuild --db "$T/db" --compact "$T/v2"
    check_eq "rebuild $i under readers" "$rc" 0
    sleep 1
    run "$NEWSDEX" rebuild --db "$T/db" "$T/v1"
    check_eq "second rebuild $i under readers" "$rc" 0
    sleep 1
    run "$NEWSDEX" rollback --db "$T/db"
    check_eq "rollback $i under readers" "$rc" 0
done
sleep 0.3
touch "$T/stop"
wait $r1 $r2

cat "$T/log1" "$T/log2" >"$T/log"
nq=$(grep -c '^ok' "$T/log")
nfail=$(grep -c '^FAIL' "$T/log")
echo "$nq queries answered, $nfail failed"
check_eq "failed queries" "$nfail" 0
grep '^FAIL' "$T/log" | head -5 >&2
check "enough queries ran ($nq)" test "$nq" -ge 20
# Across swaps every answer is a whole index: version 1 or version 2.  An incremental reindex changes the live index in
# place, batch by batch, so there only the bounds hold.
n1=$(cat "$T"/v1/*.jsonl | wc -l)
n2=$(cat "$T"/v2/*.jsonl | wc -l)
check "whole indexes across swaps ($n1 or $n2)" test -z "$(awk -v a="$n1" -v b="$n2" '$1 == "ok" && $3 == "swap" && $2 != a && $2 != b' "$T/log")"
check "swap-phase queries ran" grep -q ' swap$' "$T/log"
check "no impossible totals" test -z "$(awk '$1 == "ok" && ($2 > 2100 || $2 < 1500)' "$T/log")"
finish
