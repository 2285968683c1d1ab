#!/bin/bash
# End-to-end: a directory that is not a newsdex database is never adopted
# and nothing in it is deleted.  A database is created only in a new or
# empty directory; a rebuild deletes only generations newsdex made.
. "$(dirname "$0")/lib.sh"
C="$NX_SOURCE_DIR/corpus"
count() { "$NEWSDEX" stats --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])'; }
plant() { # plant DIR: someone's files, one looking like a generation
    mkdir -p "$1/gen-000007"
    echo "keep me" >"$1/gen-000007/important.doc"
}

# Table: what the directory holds | the command.
while IFS='|' read -r what setup; do
    for cmd in index reindex rebuild; do
        F="$T/f-$cmd"
        rm -rf "$F"; mkdir -p "$F"
        eval "$setup"
        run "$NEWSDEX" $cmd --db "$F" "$C"
        check_eq "$what, $cmd: exit 2" "$rc" 2
        check "$what, $cmd: says why" grep -q "not empty and holds no newsdex database" <<<"$err"
        check "$what, $cmd: names what it found" grep -q "found \"" <<<"$err"
        check "$what, $cmd: no stub" test ! -e "$F/XAPIANDB"
        check "$what, $cmd: no generation" test ! -e "$F/gen-000001"
        check_eq "$what, $cmd: the file kept" "$(cat "$F/gen-000007/important.doc" 2>/dev/null || cat "$F/notes.txt")" "keep me"
    done
done <<'EOF2'
a generation-like directory|plant "$F"
a plain file|echo "keep me" >"$F/notes.txt"; mkdir "$F/gen-000007"; echo "keep me" >"$F/gen-000007/important.doc"
EOF2

# An empty directory (or one holding only a lock file) is fine.
mkdir "$T/empty"; : >"$T/empty/lock"
run "$NEWSDEX" index --db "$T/empty" "$C"
check_eq "empty directory: exit 0" "$rc" 0
check_eq "empty directory: indexed" "$(count "$T/empty")" 48

# A database adopted by an older newsdex, with someone's gen-000007 in it:
# rebuilds delete their own old generations, never that one.
D="$T/adopted"
"$NEWSDEX" index -q --db "$D" "$C"
plant "$D"
for i in 1 2 3; do
    run "$NEWSDEX" rebuild -v --db "$D" "$C"
    check_eq "rebuild $i beside a foreign gen: exit 0" "$rc" 0
done
check_eq "the foreign generation kept" "$(cat "$D/gen-000007/important.doc")" "keep me"
check "says it left it alone" grep -q "gen-000007.*not a newsdex generation" <<<"$err"
check_eq "newsdex's own old ones pruned" "$(cd "$D" && ls -d gen-* | tr '\n' ' ')" "gen-000007 gen-000009 gen-000010 "
check_eq "still searchable" "$(count "$D")" 48
finish
