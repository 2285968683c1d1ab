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

# A link out of the source tree (here to the indexer's own environment)
# is reported and not followed; the rest is indexed; exit 1.
mkdir -p "$T/tree"
printf '{"id":"t1","title":"Tree","body":"an ordinary article"}\n' >"$T/tree/a.jsonl"
ln -s /proc/self/environ "$T/tree/env.txt"
ln -s /dev/zero "$T/tree/zero.txt"
mkfifo "$T/tree/pipe.jsonl"
run env NX_E2E_MARKER=zqxvbwmarker timeout 60 "$NEWSDEX" index --db "$T/db2" "$T/tree"
check_eq "links out of the tree: exit 1" "$rc" 1
check "the /proc link reported" grep -q "env.txt: .*symbolic link to /proc/[0-9a-z]*/environ, outside the indexed directory .*; not followed" <<<"$err"
check "the device link reported" grep -q "zero.txt: .*symbolic link to /dev/zero" <<<"$err"
check "the FIFO reported" grep -q "pipe.jsonl: .*not a regular file (a FIFO)" <<<"$err"
check "the rest indexed" grep -q "indexed 1," <<<"$err"
run "$NEWSDEX" search --db "$T/db2" --json zqxvbwmarker
check_eq "the environment is not in the index" "$(json 'j["total"]')" 0
run "$NEWSDEX" search --db "$T/db2" --json ordinary
check_eq "the article is" "$(json 'j["total"]')" 1

finish
