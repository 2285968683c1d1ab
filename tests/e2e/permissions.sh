#!/bin/bash
# End-to-end: a permission error is an I/O error (exit 3, the OS's reason),
# never "another writer holds the database" (exit 4, which the reindex
# unit takes for success): a database restored with the wrong owner must
# fail loudly.  Run as root, the commands run as nobody through setpriv;
# run as another user, the database is made read-only instead.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" = 0 ]; then
    if ! command -v setpriv >/dev/null; then
        echo "SKIP: setpriv (util-linux) is missing: cannot run as a non-root user"
        exit 77
    fi
    AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    if ! "${AS[@]}" true 2>/dev/null; then
        echo "SKIP: setpriv cannot switch to nobody here"
        exit 77
    fi
    give() { chown -R nobody:nogroup "$@"; }
else
    AS=()
    give() { :; }
fi
# nobody must reach the files: not under $T when a parent of it is
# private (a clone in /root, as in tests/fresh-debian.sh).
W=$(mktemp -d "${TMPDIR:-/tmp}/nx-perm.XXXXXX")
trap 'rm -rf "$T" "$W"' EXIT
chmod 755 "$W"
C="$W/corpus"
cp -r "$NX_SOURCE_DIR/corpus" "$C"
chmod -R a+rX "$C"
D="$W/db"

# A control: the same user can write a database it owns.
"$NEWSDEX" index -q --db "$D" "$C"
give "$D"
run "${AS[@]}" "$NEWSDEX" reindex --db "$D" "$C"
check_eq "owned: reindex exit" "$rc" 0
[ "$rc" = 0 ] || echo "  reindex said: $err" >&2

# Table: the damage | then every writer gets 3 with the reason.
while IFS='|' read -r what setup; do
    rm -rf "$D"
    "$NEWSDEX" index -q --db "$D" "$C"
    give "$D"
    eval "$setup"
    for cmd in "index $C" "reindex $C" "rebuild $C" "delete x" "rollback"; do
        name=${cmd%% *}
        if [ "$name" = rollback ]; then
            run "${AS[@]}" "$NEWSDEX" rollback --db "$D"
        else
            run "${AS[@]}" "$NEWSDEX" $name --db "$D" ${cmd#* }
        fi
        if [ "$name" = rollback ] && [ "$rc" = 3 ] && grep -q "no earlier generation" <<<"$err"; then
            ok; continue    # (nothing to roll back to; never locked)
        fi
        check_eq "$what: $name exit 3" "$rc" 3
        check "$what: $name gives the reason" grep -q "Permission denied" <<<"$err"
        check "$what: $name does not blame a writer" bash -c '! grep -qi "another writer\|locked by" <<<"$0"' "$err"
        check "$what: $name does not call it damaged" bash -c '! grep -q "damaged" <<<"$0"' "$err"
    done
done <<EOF2
owned by root|[ \${#AS[@]} = 0 ] && chmod -R a-w "$D"; chown -R root:root "$D" 2>/dev/null; true
the lock file writable, the generation not|chown -R root:root "$D" 2>/dev/null; chmod -R a-w "$D"; chmod u+w "$D"; chmod 666 "$D/lock"
EOF2
chmod -R u+w "$D"

ok_codes=$(sed -n 's/^SuccessExitStatus=//p' "$NX_SOURCE_DIR/scripts/systemd/newsdex-reindex.service")
check "the reindex unit takes exit 3 for a failure" bash -c '! grep -qw 3 <<<"$0"' "$ok_codes"
finish
