#!/bin/bash
# End-to-end in a real browser: newsdex.cgi behind lighttpd on a free port
# of 127.0.0.1, driven by Debian's chromium through playwright-core
# (tests/browser/cgi.test.mjs).  playwright-core is installed with `npm ci`
# from tests/browser/package-lock.json into the build tree; screenshots go
# to BUILD/tests/browser/artifacts.
#
# Needs chromium, lighttpd, node and npm (scripts/install-deps installs
# them).  Without them: a failure in CI (CI=true), a skip (77) elsewhere.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
SRC=$NX_SOURCE_DIR/tests/browser
WORK=$(cd "$NX_TMP/.." && pwd)/browser
ART=$WORK/artifacts

unavailable() {
    if [ "${CI:-}" = "true" ]; then
        echo "FAIL: $* (CI installs it: scripts/install-deps)" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "skipped: $* — run scripts/install-deps (chromium lighttpd nodejs npm) to run the browser test" >&2
    exit 77
}
[ -x /usr/bin/chromium ] || unavailable "/usr/bin/chromium is not installed"
command -v node >/dev/null || unavailable "node is not installed"
command -v npm >/dev/null || unavailable "npm is not installed"
command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ] || unavailable "lighttpd is not installed"

# playwright-core from the committed lock file, once per lock file.
mkdir -p "$WORK" "$ART"
cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/cgi.test.mjs" "$WORK/"
stamp=$(cksum <"$SRC/package-lock.json")
if [ ! -d "$WORK/node_modules/playwright-core" ] || [ "$(cat "$WORK/.stamp" 2>/dev/null)" != "$stamp" ]; then
    if ! (cd "$WORK" && npm ci --ignore-scripts --no-audit --no-fund >"$T/npm.log" 2>&1); then
        cat "$T/npm.log" >&2
        unavailable "npm ci could not install playwright-core"
    fi
    echo "$stamp" >"$WORK/.stamp"
fi

# The demo corpus, lighttpd on a free port, stopped by its pid.
run "$NEWSDEX" index -q --db "$T/db" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_server() {
    if [ -s "$T/server/lighttpd.pid" ]; then
        kill "$(cat "$T/server/lighttpd.pid")" 2>/dev/null
    fi
    rm -rf "$T"
}
trap stop_server EXIT
if ! "$NX_SOURCE_DIR/cgi/serve" "$NEWSDEX_CGI" "$T/db" "$port" "$T/server" --background; then
    cat "$T/server/error.log" >&2
    bad "lighttpd did not start"
    finish
    exit
fi
check "lighttpd pid recorded" test -s "$T/server/lighttpd.pid"

rm -f "$ART"/*.png
(cd "$WORK" && BASE_URL="http://127.0.0.1:$port/newsdex.cgi" ARTIFACTS="$ART" \
    timeout 300 node cgi.test.mjs) >"$T/node.out" 2>&1
node_rc=$?
while IFS= read -r line; do
    case $line in
    "ok: "*) ok ;;
    "FAIL: "*) bad "${line#FAIL: }" ;;
    *) echo "$line" ;;
    esac
done <"$T/node.out"
check_eq "browser test exit" "$node_rc" 0
check "screenshots saved" test -s "$ART/02-design-query.png"
check_eq "the CGI logged nothing" "$(grep -v 'server started\|server stopped\|graceful' "$T/server/error.log")" ""
echo "screenshots: $ART"
finish
