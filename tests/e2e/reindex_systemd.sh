#!/bin/bash
# The systemd units in scripts/systemd pass `systemd-analyze verify`, run
# against a scratch root holding the units, the system's own unit files
# and the scripts at the paths the units name (so nothing is installed).
. "$(dirname "$0")/lib.sh"
if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "skipped: systemd-analyze is not installed (apt-get install systemd)"
    exit 77
fi
UNITS="$NX_SOURCE_DIR/scripts/systemd"
R="$T/root"
mkdir -p "$R/etc/systemd/system" "$R/usr/local/bin" "$R/usr/lib/systemd"
for d in /usr/lib/systemd/system /lib/systemd/system; do
    [ -d "$d" ] && { cp -r "$d" "$R/usr/lib/systemd/"; break; }
done
cp "$NX_SOURCE_DIR/scripts/newsdex-reindex" "$R/usr/local/bin/"
ln -s newsdex-reindex "$R/usr/local/bin/newsdex-rebuild"
cp "$UNITS"/*.service "$UNITS"/*.timer "$R/etc/systemd/system/"
# Can systemd-analyze work here at all?  (Some containers forbid it.)
if ! systemd-analyze verify --root="$R" timers.target >/dev/null 2>"$T/probe"; then
    echo "skipped: systemd-analyze verify cannot run here: $(head -1 "$T/probe")"
    exit 77
fi
for u in "$UNITS"/*.service "$UNITS"/*.timer; do
    name=$(basename "$u")
    run systemd-analyze verify --root="$R" "$name"
    check_eq "$name verifies" "$rc" 0
    check_eq "$name: no warnings" "$err$out" ""
done
check "units ExecStart the installed script" grep -q '^ExecStart=/usr/local/bin/newsdex-reindex$' "$UNITS/newsdex-reindex.service"
finish
