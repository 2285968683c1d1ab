#!/bin/bash
# End-to-end: an emptied source (a mount point that exists but is empty,
# the usual unmounted archive) never empties the index.  `reindex` refuses
# to delete every article of a root, or more than half of the index and
# more than a handful, and `rebuild` refuses to switch to a generation
# holding none or far fewer articles than the live one: exit 3, nothing
# deleted, the numbers named; --allow-shrink does it on purpose.  The last
# generation that had documents is never pruned.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
cp -r "$NX_SOURCE_DIR/corpus" "$T/corpus"
mkdir -p "$T/mnt/corpus"          # the mount point, unmounted: empty
count() { "$NEWSDEX" stats --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])'; }

run "$NEWSDEX" reindex --db "$DB" "$T/corpus"
check_eq "first reindex" "$rc" 0
check_eq "48 articles" "$(count "$DB")" 48

# The same root name, now empty: every article of the root would go.
run "$NEWSDEX" reindex --db "$DB" "$T/mnt/corpus"
check_eq "empty root: exit 3" "$rc" 3
check "empty root: the numbers" grep -q "refusing to delete 48 of 48 articles" <<<"$err"
check "empty root: says why" grep -q "unmounted or emptied" <<<"$err"
check "empty root: names the option" grep -q -- "--allow-shrink" <<<"$err"
check_eq "empty root: nothing deleted" "$(count "$DB")" 48
run "$NEWSDEX" stats --db "$DB" --json
check "empty root: the outcome says refused" grep -q "refused to delete 48" <<<"$(json 'j["last_outcome"]')"

# Through the cron/systemd script too: a failure, not a success.
run env NEWSDEX="$NEWSDEX" NEWSDEX_DB="$DB" NEWSDEX_SOURCES="$T/mnt/corpus" \
    sh "$NX_SOURCE_DIR/scripts/newsdex-reindex"
check_eq "script: exit 3" "$rc" 3
for unit in reindex rebuild; do
    ok_codes=$(sed -n 's/^SuccessExitStatus=//p' "$NX_SOURCE_DIR/scripts/systemd/newsdex-$unit.service")
    check "$unit unit: exit 3 is a failure" bash -c '! grep -qw 3 <<<"$0"' "$ok_codes"
done

# Most of the index gone (a part of the tree unmounted): refused too.
mkdir -p "$T/half/corpus"
cp -r "$T/corpus/seed" "$T/half/corpus/"
n_seed=$(find "$T/corpus/seed" -name '*.txt' | wc -l)
run "$NEWSDEX" reindex --db "$DB" "$T/half/corpus"
check_eq "more than half: exit 3" "$rc" 3
check "more than half: the numbers" grep -q "refusing to delete $((48 - n_seed)) of 48 articles" <<<"$err"
check_eq "more than half: nothing deleted" "$(count "$DB")" 48

# A few deletions, well under the share, go through as before.
rm "$T/corpus/culture/cul-2019-copenhagen-viking-exhibition.txt"
run "$NEWSDEX" reindex --db "$DB" "$T/corpus"
check_eq "one deletion: exit 0" "$rc" 0
check "one deletion: done" grep -q "deleted 1" <<<"$out"

# On purpose: --allow-shrink.
run "$NEWSDEX" reindex --db "$DB" --allow-shrink "$T/mnt/corpus"
check_eq "--allow-shrink: exit 0" "$rc" 0
check "--allow-shrink: deleted" grep -q "deleted 47" <<<"$out"
check_eq "--allow-shrink: empty" "$(count "$DB")" 0

# Rebuild: an empty source never replaces a live generation that had
# documents, and two of them in a row keep the good one.
R="$T/rdb"
run "$NEWSDEX" rebuild --db "$R" "$T/corpus"
check_eq "rebuild" "$rc" 0
run "$NEWSDEX" rebuild --db "$R" "$T/mnt/corpus"
check_eq "empty rebuild: exit 3" "$rc" 3
check "empty rebuild: the numbers" grep -q "0 documents where the live generation has 47" <<<"$err"
check "empty rebuild: live unchanged" grep -q "the live index is unchanged" <<<"$err"
check_eq "empty rebuild: stub unchanged" "$(cat "$R/XAPIANDB")" "auto gen-000001"
check_eq "empty rebuild: its generation deleted" "$(cd "$R" && ls -d gen-* | tr '\n' ' ')" "gen-000001 "
run "$NEWSDEX" rebuild --db "$R" "$T/half/corpus"
check_eq "much smaller rebuild: exit 3" "$rc" 3
check "much smaller rebuild: the numbers" grep -q "$n_seed documents where the live generation has 47" <<<"$err"
# On purpose, twice: the generation with the articles survives both.
run "$NEWSDEX" rebuild --db "$R" --allow-shrink "$T/mnt/corpus"
check_eq "empty rebuild --allow-shrink" "$rc" 0
run "$NEWSDEX" rebuild --db "$R" --allow-shrink "$T/mnt/corpus"
check_eq "second empty rebuild --allow-shrink" "$rc" 0
check_eq "now empty" "$(count "$R")" 0
check "the last generation with documents is kept" test -d "$R/gen-000001"
run "$NEWSDEX" rollback --db "$R"
check_eq "rollback 1" "$rc" 0
run "$NEWSDEX" rollback --db "$R"
check_eq "rollback 2" "$rc" 0
check_eq "rollback reaches the articles" "$(count "$R")" 47
# A later good rebuild prunes the empty ones as usual.
run "$NEWSDEX" rebuild --db "$R" "$T/corpus"
check_eq "good rebuild" "$rc" 0
check_eq "empty generations pruned" "$(cd "$R" && ls -d gen-* | wc -l)" 2
finish
