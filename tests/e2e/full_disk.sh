#!/bin/bash
# End-to-end: a full disk.  Every writer checks the free space before a
# commit or a rebuild and refuses, with the numbers, what would not fit
# ("No space left on device (N MB free, about M needed)"); whatever runs
# out of space says "No space left on device"; the live generation and
# the one kept for rollback stay intact, so service goes on and the same
# commands work once there is space.  Runs on a small tmpfs mounted in a
# private mount namespace (root and unshare needed; skipped otherwise).
if [ -z "${NX_IN_MOUNT_NS:-}" ]; then
    if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
        echo "SKIP: cannot mount a small file system here (needs root and unshare -m)"
        exit 77
    fi
    NX_IN_MOUNT_NS=1 exec unshare -m bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
M="$T/mnt"
mkdir -p "$M"
if ! mount -t tmpfs -o size=8m tmpfs "$M" 2>/dev/null; then
    echo "SKIP: cannot mount a tmpfs here"
    exit 77
fi
trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT
C="$T/corpus"
cp -r "$NX_SOURCE_DIR/corpus" "$C"
D="$M/db"
count() { "$NEWSDEX" stats --db "$D" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])'; }
free_mb() { df -m --output=avail "$M" | tail -1 | tr -d ' '; }
# fill KB: leaves about KB kilobytes free.
fill() {
    rm -f "$M/fill"
    dd if=/dev/zero of="$M/fill" bs=64k 2>/dev/null
    truncate -s "-$1K" "$M/fill"
}

run "$NEWSDEX" index --db "$D" "$C"
check_eq "index" "$rc" 0
run "$NEWSDEX" rebuild --db "$D" "$C"
check_eq "rebuild (generation 2, 1 kept)" "$rc" 0
answer() { "$NEWSDEX" search --db "$D" --json --facets by,year said | md5sum; }
want=$(answer)
printf '%s\n' '{"id": "n-1", "title": "Harbour bridge reopens", "body": "The bridge reopened."}' >"$T/new.jsonl"

# About a megabyte free: every writer refuses before it writes.
fill 1024
check "about 1 MB free" test "$(free_mb)" -le 1
while IFS='|' read -r name args; do
    run "$NEWSDEX" $name --db "$D" $args
    check_eq "$name on a full disk: exit 3" "$rc" 3
    check "$name: No space left on device, with the numbers" \
        grep -Eq "No space left on device \([01] MB free, about [0-9]+ MB needed\)" <<<"$err"
    check_eq "$name: the live generation still answers" \
        "$(answer)" "$want"
    check_eq "$name: still generation 2" "$(cat "$D/XAPIANDB")" "auto gen-000002"
done <<EOF
index|$T/new.jsonl
reindex|$T/new.jsonl
delete|corpus/seed/000_72c455ca92978c17.txt
rebuild|$C
rebuild|--compact $C
EOF
check_eq "nothing deleted" "$(count)" 48
check_eq "no generation left behind" "$(cd "$D" && ls -d gen-* | tr '\n' ' ')" "gen-000001 gen-000002 "
if command -v xapian-check >/dev/null; then
    for g in 1 2; do
        check "generation $g passes xapian-check" xapian-check "$D/gen-00000$g" >/dev/null
    done
fi

# Not a byte free: what runs out says so (here the stub of a rollback).
fill 0
run "$NEWSDEX" rollback --db "$D"
check_eq "rollback with no space: exit 3" "$rc" 3
check "rollback: No space left on device" grep -q "No space left on device" <<<"$err"
check_eq "rollback: the stub unchanged" "$(cat "$D/XAPIANDB")" "auto gen-000002"

# Space again: the same commands work, and rollback restores service.
rm -f "$M/fill"
run "$NEWSDEX" delete --db "$D" corpus/seed/000_72c455ca92978c17.txt
check_eq "delete with space" "$rc" 0
run "$NEWSDEX" index --db "$D" "$T/new.jsonl"
check_eq "index with space" "$rc" 0
check_eq "48 - 1 + 1" "$(count)" 48
run "$NEWSDEX" rollback --db "$D"
check_eq "rollback with space" "$rc" 0
check_eq "rollback serves generation 1" "$(cat "$D/XAPIANDB")" "auto gen-000001"
check_eq "generation 1 intact" "$(count)" 48
finish
