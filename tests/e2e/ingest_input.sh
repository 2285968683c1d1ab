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

# --max-record / --max-file take a SIZE: bytes or K, M, G (powers of 1024).
python3 -c 'import json; print(json.dumps({"id": "big", "title": "Big", "body": "word " * 400}))' >"$T/big.jsonl"
for cmd in index reindex rebuild; do
    run "$NEWSDEX" $cmd --db "$T/db3-$cmd" --max-record 1K "$T/big.jsonl"
    check_eq "$cmd --max-record 1K: exit 1" "$rc" 1
    check "$cmd --max-record 1K: the bound named" grep -q "over the 1 KiB bound (--max-record)" <<<"$err"
    run "$NEWSDEX" $cmd --db "$T/db4-$cmd" --max-record 16M --max-file 2G "$T/big.jsonl"
    check_eq "$cmd --max-record 16M --max-file 2G: exit 0" "$rc" 0
done
run "$NEWSDEX" index --db "$T/db5" --max-record 2k --max-file 1MiB "$T/big.jsonl"
check_eq "lower-case k and MiB: exit 0" "$rc" 0
for bad in 16X 1.5M M -1K "" 16MM 3G; do
    run "$NEWSDEX" index --db "$T/db6" --max-record "$bad" "$T/big.jsonl"
    check_eq "--max-record '$bad': exit 2" "$rc" 2
    check "--max-record '$bad': the option named" grep -q -- "--max-record wants a size" <<<"$err"
done
run "$NEWSDEX" index --db "$T/db6" --max-file 2T "$T/big.jsonl"
check_eq "--max-file 2T (over its bound): exit 2" "$rc" 2
check "--max-file bound stated" grep -q -- "--max-file wants a size .* at most 1 TiB" <<<"$err"

finish
