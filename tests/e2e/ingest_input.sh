#!/bin/bash
# End-to-end: hostile input files are indexed without losing what they
# hold, and what cannot be read is reported (file:line: reason).
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SRC="$T/src"
mkdir -p "$SRC"

# A raw NUL byte inside a JSON string used to cut the field there, and a
# lone UTF-16 surrogate escape to drop the record: both are U+FFFD now,
# with a warning, and the words after them are found.
printf '{"id":"n1","title":"Nul","body":"visible\0secretword"}\n' >"$SRC/nul.jsonl"
printf '{"id":"s1","title":"Surrogate \\ud800 here","body":"afterwards lonelyword"}\n' >>"$SRC/nul.jsonl"
run "$NEWSDEX" index --db "$DB" "$SRC/nul.jsonl"
check_eq "NUL and surrogate: exit 0" "$rc" 0
check "NUL warned with file:line" grep -q "nul.jsonl:1: .*1 invalid UTF-8 sequence(s) or control character(s) replaced by U+FFFD" <<<"$err"
check "surrogate warned with file:line" grep -q "nul.jsonl:2: .*replaced by U+FFFD" <<<"$err"
check "both indexed" grep -q "indexed 2" <<<"$err"
run "$NEWSDEX" search --db "$DB" --json secretword
check_eq "the word after the NUL is found" "$(json 'j["total"]')" 1
run "$NEWSDEX" search --db "$DB" --json lonelyword
check_eq "the record with the surrogate is found" "$(json 'j["total"]')" 1
run "$NEWSDEX" show --db "$DB" --json n1
check "the NUL is U+FFFD in the stored body" grep -q 'visible\\ufffdsecretword\|visible�secretword' <<<"$out"

finish
