#!/bin/bash
# End-to-end: a damaged live generation is never replaced by a new empty
# database.  Writers open an existing generation open-only and fail with
# exit 3 saying it is damaged; only a new or empty directory is created;
# `rebuild` (or `rollback`) restores service.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
printf '%s\n' '{"id": "n-1", "title": "Harbour bridge reopens", "body": "The bridge reopened."}' \
    '{"id": "n-2", "title": "Ferry strike ends", "body": "Ferries run again."}' >"$T/new.jsonl"
count() { "$NEWSDEX" stats --db "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])'; }

# Table: how the generation is damaged | what must survive it.
while IFS='|' read -r what damage; do
    rm -rf "$DB"
    "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
    check_eq "$what: indexed" "$(count "$DB")" 48
    eval "$damage"
    after=$(ls "$DB/gen-000001" 2>/dev/null | sort | tr '\n' ' ')
    for cmd in "index" "reindex" "delete"; do
        if [ "$cmd" = delete ]; then
            run "$NEWSDEX" delete --db "$DB" n-1
        else
            run "$NEWSDEX" $cmd --db "$DB" "$T/new.jsonl"
        fi
        check_eq "$what: $cmd exit 3" "$rc" 3
        check "$what: $cmd says damaged" grep -q "the database is damaged" <<<"$err"
        check "$what: $cmd says what to do" grep -q "newsdex rebuild" <<<"$err"
        check_eq "$what: $cmd created nothing" "$(ls "$DB/gen-000001" 2>/dev/null | sort | tr '\n' ' ')" "$after"
        check "$what: $cmd made no generation" test ! -e "$DB/gen-000009"
    done
    # A rebuild writes a new generation beside it and restores service.
    run "$NEWSDEX" rebuild --db "$DB" "$NX_SOURCE_DIR/corpus"
    check_eq "$what: rebuild restores" "$rc" 0
    check_eq "$what: all articles back" "$(count "$DB")" 48
    run "$NEWSDEX" index --db "$DB" "$T/new.jsonl"
    check_eq "$what: index works again" "$rc" 0
done <<'EOF'
postlist.glass missing|rm "$DB/gen-000001/postlist.glass"
termlist.glass truncated|: >"$DB/gen-000001/termlist.glass"
stub names a missing generation|echo "auto gen-000009" >"$DB/XAPIANDB"
EOF

# A new directory, and an empty one, are created as before.
run "$NEWSDEX" index --db "$T/new-db" "$T/new.jsonl"
check_eq "new directory: created" "$rc" 0
mkdir "$T/empty-db"
run "$NEWSDEX" index --db "$T/empty-db" "$T/new.jsonl"
check_eq "empty directory: created" "$rc" 0
check_eq "empty directory: indexed" "$(count "$T/empty-db")" 2
finish
