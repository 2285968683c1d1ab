#!/bin/bash
# The FastCGI socket-activation units in cgi/examples pass
# `systemd-analyze verify` (no warnings), run against a scratch root
# holding the units, the system's own unit files and the CGI at the path
# the service names (so nothing is installed).
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "skipped: systemd-analyze is not installed (apt-get install systemd)"
    exit 77
fi
UNITS=$NX_SOURCE_DIR/cgi/examples
R=$T/root
mkdir -p "$R/etc/systemd/system" "$R/usr/lib/systemd" "$R/usr/local/lib/cgi-bin"
for d in /usr/lib/systemd/system /lib/systemd/system; do
    [ -d "$d" ] && { cp -r "$d" "$R/usr/lib/systemd/"; break; }
done
cp "$NEWSDEX_CGI" "$R/usr/local/lib/cgi-bin/newsdex.cgi"
cp "$UNITS"/*.socket "$UNITS"/*.service "$R/etc/systemd/system/"
if ! systemd-analyze verify --root="$R" sockets.target >/dev/null 2>"$T/probe"; then
    echo "skipped: systemd-analyze verify cannot run here: $(head -1 "$T/probe")"
    exit 77
fi
for u in newsdex-fcgi@1.socket newsdex-fcgi@1.service; do
    run systemd-analyze verify --root="$R" "$u"
    check_eq "$u verifies" "$rc" 0
    check_eq "$u: no warnings" "$err$out" ""
done
check "the service takes the socket as standard input" \
    grep -q '^StandardInput=socket$' "$UNITS/newsdex-fcgi@.service"
check "the service runs the installed CGI" \
    grep -q '^ExecStart=/usr/local/lib/cgi-bin/newsdex.cgi$' "$UNITS/newsdex-fcgi@.service"
check "nginx passes to the units' sockets" \
    grep -q 'server unix:/run/newsdex-fcgi/1.sock;' "$UNITS/nginx.conf"
finish
