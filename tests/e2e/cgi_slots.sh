#!/bin/bash
# End-to-end: the CGI's concurrency cap fails closed.  A lock directory it
# cannot trust (another user's, writable by others, a link) gets 503 with
# Retry-After and a log line saying why, never an uncapped search; the
# default directory is the server user's own ($XDG_RUNTIME_DIR, else a
# private directory under $TMPDIR that nobody else may have made); and a
# request gives its slot back before it writes its answer.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
DB="$T/db"
run "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0
export NEWSDEX_DB=$DB
unset NEWSDEX_CGI_LOCKDIR XDG_RUNTIME_DIR

# get QUERY_STRING: sets $status, $headers and $log (the CGI's stderr).
get() {
    QUERY_STRING=$1 REQUEST_METHOD=GET "$NEWSDEX_CGI" >"$T/resp" 2>"$T/stderr"
    status=$(head -1 "$T/resp" | tr -d '\r' | cut -d' ' -f2)
    headers=$(sed '/^\r$/q' "$T/resp" | tr -d '\r')
    log=$(cat "$T/stderr")
}
header() { grep -i "^$1:" <<<"$headers" | cut -d' ' -f2- ; }
refused() { # refused WHAT REASON: 503, Retry-After, the reason logged
    check_eq "$1: 503" "$status" 503
    check "$1: Retry-After" test -n "$(header Retry-After)"
    check "$1: logged with the reason" grep -q "$2" <<<"$log"
    check "$1: logged as refused" grep -q "searches refused" <<<"$log"
    check "$1: no uncapped search" bash -c '! grep -q "without a concurrency cap" <<<"$0"' "$log"
}

# A lock directory writable by others: refused, nothing written into it.
mkdir -m 777 "$T/open"
chmod 777 "$T/open"
NEWSDEX_CGI_LOCKDIR=$T/open get 'q=NATO'
refused "world-writable lock directory" "writable by other users"
check_eq "nothing written into it" "$(ls "$T/open")" ""

# A link to a directory: refused.
mkdir -m 700 "$T/real"
ln -s "$T/real" "$T/link"
NEWSDEX_CGI_LOCKDIR=$T/link get 'q=NATO'
refused "linked lock directory" "is a symbolic link"

# The default: $XDG_RUNTIME_DIR/newsdex-cgi, made private.
mkdir -m 700 "$T/run"
XDG_RUNTIME_DIR=$T/run get 'q=NATO'
check_eq "XDG_RUNTIME_DIR default: 200" "$status" 200
check "slots under XDG_RUNTIME_DIR" test -f "$T/run/newsdex-cgi/slot-0"
check_eq "private" "$(stat -c %a "$T/run/newsdex-cgi")" 700
# Without it, newsdex-cgi-UID under $TMPDIR (/tmp when unset).
mkdir -p "$T/tmpdir"
TMPDIR=$T/tmpdir get 'q=NATO'
check_eq "TMPDIR default: 200" "$status" 200
check "slots under TMPDIR" test -f "$T/tmpdir/newsdex-cgi-$(id -u)/slot-0"

# Another local user pre-creates the default directory: refused (this
# needs root to make a directory another user owns).
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    mkdir -p "$T/tmp2/newsdex-cgi-0"
    chmod 700 "$T/tmp2/newsdex-cgi-0"
    chown nobody "$T/tmp2/newsdex-cgi-0"
    TMPDIR=$T/tmp2 get 'q=NATO'
    refused "default directory owned by another user" "is owned by uid $(id -u nobody), not by this user (uid 0)"
else
    echo "skipped: a directory owned by another user needs root (running as uid $(id -u))"
fi

# The slot is given back before the answer is written: with one slot,
# a client that has read only the first bytes of an answer (the CGI still
# writing the rest into a full pipe) must find the slot free.
mkdir -m 700 "$T/slots"
export NEWSDEX_CGI_LOCKDIR=$T/slots NEWSDEX_CGI_SLOTS=1
get 'q=NATO'
check_eq "one slot: 200" "$status" 200
python3 - "$NEWSDEX_CGI" "$T/slots/slot-0" >"$T/py.out" 2>&1 <<'PY'
import fcntl, os, subprocess, sys
cgi, slot = sys.argv[1], sys.argv[2]
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)   # the page (~20 KB) cannot fit
env = dict(os.environ, QUERY_STRING="q=NATO", REQUEST_METHOD="GET")
p = subprocess.Popen([cgi], stdout=w, env=env)
os.close(w)
first = os.read(r, 64)
# The CGI is now blocked writing the rest (or done); is the slot free?
fd = os.open(slot, os.O_RDWR)
try:
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    free = True
    fcntl.flock(fd, fcntl.LOCK_UN)
except BlockingIOError:
    free = False
rest = b""
while True:
    b = os.read(r, 65536)
    if not b:
        break
    rest += b
p.wait()
print("first", first.split(b"\r\n")[0].decode())
print("size", len(first) + len(rest))
print("free", free)
PY
check "client: first line" grep -q "^first Status: 200 OK$" "$T/py.out"
check "client: the answer is bigger than the pipe" test "$(sed -n 's/^size //p' "$T/py.out")" -gt 8192
check "slot free while the answer is written" grep -q "^free True$" "$T/py.out"

finish
