#!/bin/bash
# End-to-end: newsdex.cgi as a FastCGI application (started by spawn-fcgi
# on a free port of 127.0.0.1, driven by cgi-fcgi from libfcgi-bin): one
# process answers a rotating set of requests — queries, filters, pages,
# sort, format=json, HEAD, bad parameters (400), a bad method (405) —
# each byte-for-byte what the plain CGI prints for the same request; the
# configuration comes from the process, never from a request's params; a
# rebuild's generation swap and an incremental index are seen on the next
# request; the concurrency cap still answers 503 + Retry-After and each
# request frees its slot.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
for tool in spawn-fcgi cgi-fcgi; do
    command -v "$tool" >/dev/null || {
        echo "skipped: $tool is not installed (scripts/install-deps: spawn-fcgi libfcgi-bin)" >&2
        exit 77
    }
done
DB=$T/db
run "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
    [ -s "$T/fcgi.pid" ] && kill "$(cat "$T/fcgi.pid")" 2>/dev/null
    rm -rf "$T"
}
trap stop EXIT
# start SLOTS: the FastCGI process, its configuration in its environment.
start() {
    [ -s "$T/fcgi.pid" ] && kill "$(cat "$T/fcgi.pid")" 2>/dev/null && sleep 0.2
    rm -f "$T/fcgi.pid"
    NEWSDEX_DB=$DB NEWSDEX_CGI_LOCKDIR=$T/slots NEWSDEX_CGI_SLOTS=$1 \
        spawn-fcgi -a 127.0.0.1 -p "$port" -P "$T/fcgi.pid" -- "$NEWSDEX_CGI" \
        >/dev/null 2>"$T/spawn.err"
    check "spawn-fcgi started newsdex.cgi" test -s "$T/fcgi.pid"
}
# fcgi QUERY_STRING [METHOD] > response: one FastCGI request.  The
# request's params carry a NEWSDEX_DB of their own, which must not count.
fcgi() {
    env -i PATH="$PATH" NEWSDEX_DB=/nonexistent QUERY_STRING="$1" \
        REQUEST_METHOD="${2:-GET}" CONTENT_LENGTH=0 \
        cgi-fcgi -bind -connect "127.0.0.1:$port" </dev/null
}
# cgi QUERY_STRING [METHOD] > response: the same request to the plain CGI.
cgi() {
    env -i PATH="$PATH" NEWSDEX_DB="$DB" NEWSDEX_CGI_LOCKDIR="$T/slots" \
        QUERY_STRING="$1" REQUEST_METHOD="${2:-GET}" "$NEWSDEX_CGI" </dev/null
}
status_of() { head -1 "$1" | tr -d '\r'; }

start 4
pid=$(cat "$T/fcgi.pid")
# Alternating: a filtered request is followed by unfiltered ones, an error
# by a good page, JSON by HTML, so state carried over would show.
requests=(
    'q=NATO+AND+Ukraine+by%3ALavrov'
    'q=NATO&f=by%3AJoe+Biden'
    'q=NATO'
    'q=NATO&format=json'
    'q=%ZZ'
    'q=NATO&page=2'
    'q=interest+rates&sort=date'
    'q=AND+OR+%28'
    'q=AND+OR+%28&format=json'
    'q=NATO&f=place%3ARussia&f=place%3AUkraine'
    'page=0'
    'q=NATO&f=nosuchfacet%3Ax'
    'q='
    'q=zzqxnomatch'
    'q=NATO&format=xml'
    'q=Ukraine&page=1000'
    'q=Ukraine&f=year%3A2021&format=json'
    'f=by%3ASergey+Lavrov'
    'q=NATO&view=quotes'
    'q=fire&f=by%3ALavrov&view=quotes&format=json'
    'view=quotes&page=2&sort=date'
    'view=pictures'
)
n=0 same=0 codes=""
for round in 1 2 3; do
    for qs in "${requests[@]}"; do
        fcgi "$qs" >"$T/a" 2>"$T/a.err"
        cgi "$qs" >"$T/b" 2>/dev/null
        n=$((n + 1))
        if cmp -s "$T/a" "$T/b" && [ -s "$T/a" ]; then
            same=$((same + 1))
        else
            echo "differs (round $round): $qs" >&2
            diff <(tr -d '\r' <"$T/a") <(tr -d '\r' <"$T/b") | head -5 >&2
        fi
        [ "$round" = 1 ] && codes="$codes $(status_of "$T/a" | cut -d' ' -f2)"
    done
done
check_eq "FastCGI pages byte-for-byte the CGI's" "$same" "$n"
check_eq "statuses" "$codes" " 200 200 200 200 400 200 200 200 400 200 400 400 200 200 400 200 200 200 200 200 200 400"
for m in HEAD POST; do
    fcgi 'q=NATO' $m >"$T/a"
    cgi 'q=NATO' $m >"$T/b"
    check "$m byte-for-byte" cmp -s "$T/a" "$T/b"
done
check_eq "POST refused" "$(status_of "$T/a")" "Status: 405 Method Not Allowed"
check "one process served them all" kill -0 "$pid"
check_eq "still that process" "$(cat "$T/fcgi.pid")" "$pid"

# A rebuild swaps generations under the running process: the next
# request sees the new one.  Then an incremental index (a new revision
# of the same generation) is seen too.
mkdir -p "$T/src1" "$T/src2"
printf 'Quokkas seen in Brussels\n\nA quokka was seen in Brussels on Tuesday.\n' >"$T/src1/quokka.txt"
printf 'Wombats seen in Oslo\n\nA wombat was seen in Oslo on Friday.\n' >"$T/src2/wombat.txt"
fcgi 'q=quokka&format=json' >"$T/a"
check "before the rebuild: no quokka" grep -q '"total":0' "$T/a"
run "$NEWSDEX" rebuild -q --allow-shrink --db "$DB" "$T/src1"   # 1 article for the corpus's 48: on purpose
check_eq "rebuild" "$rc" 0
fcgi 'q=quokka&format=json' >"$T/a"
check "after the rebuild: the quokka" grep -q '"total":1' "$T/a"
fcgi 'q=NATO&format=json' >"$T/a"
check "after the rebuild: the old generation gone" grep -q '"total":0' "$T/a"
run "$NEWSDEX" index -q --db "$DB" "$T/src2"
check_eq "index more" "$rc" 0
fcgi 'q=wombat' >"$T/a"
cgi 'q=wombat' >"$T/b"
check "after an incremental index: the wombat" grep -q 'Wombats seen in Oslo' "$T/a"
check "after an incremental index: the CGI's page" cmp -s "$T/a" "$T/b"
run "$NEWSDEX" rollback --db "$DB"
check_eq "rollback" "$rc" 0
fcgi 'q=NATO' >"$T/a"
cgi 'q=NATO' >"$T/b"
check "after a rollback: the CGI's page" cmp -s "$T/a" "$T/b"
check "after a rollback: NATO again" grep -q '<mark>NATO</mark>' "$T/a"
check "still one process" kill -0 "$pid"

# The cap: with one slot held elsewhere, 503 + Retry-After; each request
# frees its slot (with one slot, two requests in a row both answer).
start 1
mkdir -p "$T/slots"
exec 9>"$T/slots/slot-0"
flock -n 9
fcgi 'q=NATO' >"$T/a"
check_eq "over the cap: 503" "$(status_of "$T/a")" "Status: 503 Service Unavailable"
check "over the cap: Retry-After" grep -q $'^Retry-After: 2\r$' "$T/a"
exec 9>&-
fcgi 'q=NATO' >"$T/a"
check_eq "slot free: 200" "$(status_of "$T/a")" "Status: 200 OK"
fcgi 'q=NATO' >"$T/a"
check_eq "the slot was freed by the last request: 200" "$(status_of "$T/a")" "Status: 200 OK"

# A database that cannot be opened: 503 like the CGI, and once it is
# back the process answers again without a restart.
mv "$DB" "$DB.away"
fcgi 'q=NATO' >"$T/a"
check_eq "database gone: 503" "$(status_of "$T/a")" "Status: 503 Service Unavailable"
mv "$DB.away" "$DB"
fcgi 'q=NATO' >"$T/a"
check_eq "database back: 200" "$(status_of "$T/a")" "Status: 200 OK"
finish
