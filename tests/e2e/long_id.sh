#!/bin/bash
# End-to-end: an id too long to be a Xapian term (245 bytes or more, given
# or derived from a long path) is a bad record like any other: reported
# with file, line and reason, skipped, exit 1; the records around it are
# indexed, a reindex neither stops at it nor duplicates anything, and a
# rebuild into a new directory leaves a valid database.
. "$(dirname "$0")/lib.sh"
S="$T/src"
mkdir -p "$S"
long() { python3 -c "print('$1' * $2)"; }
rec() { printf '{"id": "%s", "title": "%s", "body": "Text of %s."}\n' "$1" "$2" "$2"; }
count() { "$NEWSDEX" stats --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])'; }

# Table: id | indexed?  (the bound is 244 bytes; multi-byte ids count bytes)
i=0
: >"$S/ids.jsonl"
while read -r id want; do
    i=$((i + 1))
    rec "$id" "record $i" >>"$S/ids.jsonl"
    echo "$i $want" >>"$T/want"
done <<EOF2
good-first 1
$(long a 244) 1
$(long b 245) 0
$(long c 4000) 0
$(long é 122) 1
$(long é 123) 0
good-last 1
EOF2
# A path-derived id: a .txt file whose path below the root is too long.
d="$S/$(long d 120)/$(long e 120)"
mkdir -p "$d"
printf 'A title\n\nA body.\n' >"$d/story.txt"
# ... and a .jsonl record without an id in a long-named file.
printf '{"title": "No id here", "body": "Body."}\n' >"$S/$(long f 240).jsonl"
rec ok-3 "fine" >>"$S/$(long f 240).jsonl"

for cmd in index reindex reindex; do
    run "$NEWSDEX" $cmd --db "$T/db" "$S"
    check_eq "$cmd: exit 1 (records skipped)" "$rc" 1
    check_eq "$cmd: documents" "$(count "$T/db")" 5
done
check "the 245-byte id reported with file and line" grep -q "ids.jsonl:3: skipped: id is 245 bytes, over the 244-byte bound" <<<"$err"
check "the 2-byte characters count as bytes" grep -q "ids.jsonl:6: skipped: id is 246 bytes" <<<"$err"
check "the long path reported" grep -q "story.txt: skipped: id is" <<<"$err"
check "the long file name reported" grep -q "$(long f 240).jsonl:1: skipped: id is" <<<"$err"
check_eq "five skipped" "$(grep -c "skipped: id is" <<<"$err")" 5
while read -r n want; do
    run "$NEWSDEX" search --db "$T/db" --json "\"record $n\""
    check_eq "record $n indexed: $want" "$(json 'j["total"]')" "$want"
done <"$T/want"
run "$NEWSDEX" show --db "$T/db" "$(long a 244)"
check_eq "the 244-byte id is shown" "$rc" 0

# A rebuild into a new directory: exit 1, a stub, the same articles.
run "$NEWSDEX" rebuild --db "$T/fresh" "$S"
check_eq "rebuild: exit 1" "$rc" 1
check_eq "rebuild: a stub" "$(cat "$T/fresh/XAPIANDB")" "auto gen-000001"
check_eq "rebuild: documents" "$(count "$T/fresh")" 5
run "$NEWSDEX" rebuild --db "$T/fresh" --jobs 2 "$S"
check_eq "parallel rebuild: exit 1" "$rc" 1
check_eq "parallel rebuild: reported once" "$(grep -c 'ids.jsonl:3: skipped' <<<"$err")" 1
check_eq "parallel rebuild: documents" "$(count "$T/fresh")" 5
finish
