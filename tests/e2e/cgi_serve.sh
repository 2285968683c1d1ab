#!/bin/bash
# End-to-end: newsdex.cgi as `make serve` runs it — lighttpd (cgi/serve,
# cgi/lighttpd.conf) with a pool of two FastCGI processes on a free port
# of 127.0.0.1: the pages are the plain CGI's; over the concurrency cap a
# request gets 503 + Retry-After through the server; a worker killed under
# load fails only the request it held and lighttpd starts another.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ] || {
    echo "skipped: lighttpd is not installed (scripts/install-deps)" >&2
    exit 77
}
DB=$T/db
run "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_server() {
    [ -s "$T/server/lighttpd.pid" ] && kill "$(cat "$T/server/lighttpd.pid")" 2>/dev/null
    rm -rf "$T"
}
trap stop_server EXIT
if ! NEWSDEX_FCGI_PROCS=2 NEWSDEX_CGI_SLOTS=2 \
        "$NX_SOURCE_DIR/cgi/serve" "$NEWSDEX_CGI" "$DB" "$port" "$T/server" --background; then
    cat "$T/server/error.log" >&2
    bad "lighttpd did not start"
    finish
    exit
fi
lpid=$(cat "$T/server/lighttpd.pid")
base=http://127.0.0.1:$port/newsdex.cgi
workers() { pgrep -P "$lpid" -x newsdex.cgi | sort | tr '\n' ' '; }
for _ in $(seq 50); do [ "$(workers | wc -w)" = 2 ] && break; sleep 0.1; done
check_eq "two FastCGI workers" "$(workers | wc -w)" 2

# Bodies through lighttpd are the plain CGI's bodies.
for qs in 'q=NATO+AND+Ukraine+by%3ALavrov' 'q=NATO&format=json' 'q=NATO&page=2' \
          'q=NATO&f=by%3AJoe+Biden' 'page=0'; do
    curl -s -o "$T/a" "$base?$qs"
    env -i NEWSDEX_DB="$DB" NEWSDEX_CGI_LOCKDIR="$T/slots" QUERY_STRING="$qs" \
        REQUEST_METHOD=GET "$NEWSDEX_CGI" | python3 -c '
import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().split(b"\r\n\r\n", 1)[1])' >"$T/b"
    check "served body = CGI body: $qs" cmp -s "$T/a" "$T/b"
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$base?page=0")
check_eq "bad parameter: 400" "$code" 400

# Every slot held elsewhere: 503 with Retry-After through lighttpd.
mkdir -p "$T/server/slots"
exec 8>"$T/server/slots/slot-0" 9>"$T/server/slots/slot-1"
flock -n 8 && flock -n 9
curl -s -D "$T/h" -o /dev/null "$base?q=NATO"
check "over the cap: 503" grep -q '^HTTP/1.1 503' "$T/h"
check "over the cap: Retry-After" grep -qi $'^Retry-After: 2\r$' "$T/h"
exec 8>&- 9>&-
check_eq "slots free: 200" "$(curl -s -o /dev/null -w '%{http_code}' "$base?q=NATO")" 200

check_eq "error log before the kill: the server started" \
    "$(grep -vc 'server started' "$T/server/error.log")" 0

# Kill one worker under load (as many clients as workers, for 4 s, so
# lighttpd, which sends each request to the least busy worker, gives each
# one request at a time): what fails is the request the worker held and,
# at most, one more that lighttpd had already sent to its socket before it
# saw the worker gone (lighttpd 1.4 answers that one 500 rather than
# trying another worker); lighttpd starts a new worker.
before=$(workers)
victim=${before%% *}
out=$(python3 "$NX_SOURCE_DIR/tests/e2e/cgi_serve_load.py" "$base?q=NATO" 4 2 "$victim")
echo "load with a worker killed: $out"
lost=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$out")
okn=$(sed -n 's/^ok=\([0-9]*\).*/\1/p' <<<"$out")
check "requests answered under load ($okn)" test "${okn:-0}" -gt 20
check "only the requests sent to the killed worker failed ($lost)" test "${lost:-99}" -le 2
for _ in $(seq 50); do [ "$(workers | wc -w)" = 2 ] && break; sleep 0.1; done
after=$(workers)
check_eq "two workers again" "$(wc -w <<<"$after")" 2
check "the killed worker is gone" bash -c "! grep -qw $victim <<<'$after'"
check_eq "answers after the restart" "$(curl -s -o /dev/null -w '%{http_code}' "$base?q=NATO")" 200
# What lighttpd logs about the worker it lost varies with timing; the
# CGI itself logged nothing, before the kill or after.
check "no message from the CGI" bash -c "! grep -q 'newsdex.cgi: \\|Sanitizer\\|runtime error' '$T/server/error.log'"
finish
