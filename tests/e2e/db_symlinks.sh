#!/bin/bash
# End-to-end: files a writer creates in the database directory (DB/lock,
# XAPIANDB.tmp, a generation's nx-facets.idx.tmp) are never opened through
# a symbolic link planted there: the writer refuses (exit 3, naming the
# path) or replaces the link, and the file it pointed at is left alone.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SRC="$T/src"
mkdir -p "$SRC"
printf '{"id":"a1","title":"Alpha","body":"The alpha article about harbours."}\n' >"$SRC/a.jsonl"
VICTIM="$T/victim.txt"
reset_victim() { printf 'precious data\n' >"$VICTIM"; }

run "$NEWSDEX" index --db "$DB" "$SRC"
check_eq "first index: exit 0" "$rc" 0

# A symlink at DB/lock: refused with exit 3, the target untouched.
reset_victim
rm -f "$DB/lock"
ln -s "$VICTIM" "$DB/lock"
for cmd in index reindex rebuild; do
    run "$NEWSDEX" $cmd --db "$DB" "$SRC"
    check_eq "$cmd with a symlinked lock: exit 3" "$rc" 3
    check "$cmd names the lock as a symlink" grep -q "lock: is a symbolic link" <<<"$err"
    check_eq "$cmd leaves the link's target alone" "$(cat "$VICTIM")" "precious data"
done
run "$NEWSDEX" delete --db "$DB" a1
check_eq "delete with a symlinked lock: exit 3" "$rc" 3
check_eq "delete leaves the target alone" "$(cat "$VICTIM")" "precious data"
# A dangling link is not followed either (it would create its target).
rm -f "$DB/lock"
ln -s "$T/created-by-writer" "$DB/lock"
run "$NEWSDEX" index --db "$DB" "$SRC"
check_eq "dangling lock link: exit 3" "$rc" 3
check "dangling link target not created" test ! -e "$T/created-by-writer"
# stats reads the lock's lines: a FIFO there must not hang it.
rm -f "$DB/lock"
mkfifo "$DB/lock"
run timeout 10 "$NEWSDEX" stats --db "$DB"
check_eq "stats with a FIFO lock: exit 0" "$rc" 0
run timeout 10 "$NEWSDEX" index --db "$DB" "$SRC"
check_eq "index with a FIFO lock: exit 3" "$rc" 3
check "FIFO lock named" grep -q "lock: is not a regular file" <<<"$err"
# A hard link to a file elsewhere: the writer would truncate it too.
rm -f "$DB/lock"
reset_victim
ln "$VICTIM" "$DB/lock"
run "$NEWSDEX" index --db "$DB" "$SRC"
check_eq "hard-linked lock: exit 3" "$rc" 3
check "hard link named" grep -q "lock: has other hard links" <<<"$err"
check_eq "hard link target untouched" "$(cat "$VICTIM")" "precious data"
rm -f "$DB/lock"
run "$NEWSDEX" index --db "$DB" "$SRC"
check_eq "lock removed: index works again" "$rc" 0

# XAPIANDB.tmp planted as a symlink: rebuild replaces the link, not the
# file it points at.
reset_victim
before=$(cat "$DB/XAPIANDB")
ln -s "$VICTIM" "$DB/XAPIANDB.tmp"
run "$NEWSDEX" rebuild --db "$DB" "$SRC"
check_eq "rebuild beside a symlinked XAPIANDB.tmp: exit 0" "$rc" 0
check_eq "XAPIANDB.tmp's target untouched" "$(cat "$VICTIM")" "precious data"
check "stub names a new generation" test "$(cat "$DB/XAPIANDB")" != "$before"
check "stub names a generation" grep -q "^auto gen-[0-9]*$" "$DB/XAPIANDB"
check "stub is a regular file" test -f "$DB/XAPIANDB" -a ! -L "$DB/XAPIANDB"
run "$NEWSDEX" rollback --db "$DB"
check_eq "rollback: exit 0" "$rc" 0
check_eq "rollback leaves the target alone" "$(cat "$VICTIM")" "precious data"

# The facet head file's temporary, inside the live generation.
reset_victim
gen=$(sed -n 's/^auto //p' "$DB/XAPIANDB")
ln -s "$VICTIM" "$DB/$gen/nx-facets.idx.tmp"
run "$NEWSDEX" index --db "$DB" "$SRC"
check_eq "index beside a symlinked nx-facets.idx.tmp: exit 0" "$rc" 0
check_eq "nx-facets.idx.tmp's target untouched" "$(tr -d '\0' <"$VICTIM")" "precious data"
run "$NEWSDEX" search --db "$DB" --json --facets person harbours
check_eq "search still works" "$(json 'j["total"]')" 1

finish
