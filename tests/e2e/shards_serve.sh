#!/bin/bash
# scripts/newsdex-shards over three hash shards (`index --shard K/3`) on
# 127.0.0.1: the stub it writes answers a fixed query set exactly like one
# database of the same articles; a rebuild under a running server is served
# from the next search; a shard that is stopped gives an error naming it,
# or with --allow-partial (and NEWSDEX_CGI_ALLOW_PARTIAL for the CGI) the
# answer of the others saying so; `stop` leaves no server behind.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
if ! command -v xapian-tcpsrv >/dev/null; then
    echo "SKIP: xapian-tcpsrv not installed (Debian package xapian-tools)"
    exit 77
fi
SHARDS=$NX_SOURCE_DIR/scripts/newsdex-shards
STUB=$T/shards.stub
cleanup() {  # the servers this test started, by the pids serve recorded
    local pid
    if [ -f "$STUB.d/servers" ]; then
        while read -r pid; do kill "$pid" 2>/dev/null; done < <(cut -f2 "$STUB.d/servers")
    fi
    rm -rf "$T"
}
trap cleanup EXIT
cd "$NX_SOURCE_DIR" || exit 1

run "$NEWSDEX" index -q --db "$T/single" corpus
check_eq "single index" "$rc" 0
for k in 0 1 2; do
    run "$NEWSDEX" index -q --shard "$k/3" --db "$T/s$k" corpus
    check_eq "shard $k index" "$rc" 0
done

# Bad input is refused, naming what is wrong.
run "$SHARDS" serve --stub "$STUB" "$T/s0" "$T/nothing"
check_eq "serve a missing db: exit" "$rc" 2
check "serve a missing db: named" grep -q "$T/nothing: not a directory" <<<"$err"
run "$SHARDS" serve --stub "$STUB" "$T"
check_eq "serve a non-database: exit" "$rc" 2
check "serve a non-database: named" grep -q "$T: not a database" <<<"$err"
run "$SHARDS" serve "$T/s0"
check_eq "serve without --stub" "$rc" 2
run "$SHARDS" serve --stub "$STUB" --base-port 99999 "$T/s0"
check_eq "bad --base-port" "$rc" 2
check "bad --base-port: named" grep -q -- "--base-port 99999" <<<"$err"
check "nothing left by refused serves" test ! -e "$STUB"
run "$SHARDS" status --stub "$STUB"
check_eq "status before serve" "$rc" 2

run "$SHARDS" serve --stub "$STUB" "$T/s0" "$T/s1" "$T/s2"
check_eq "serve" "$rc" 0
check_eq "stub lines" "$(grep -c '^remote 127\.0\.0\.1:[0-9]*$' "$STUB")" 3
run "$SHARDS" serve --stub "$STUB" "$T/s0"
check_eq "serve twice refused" "$rc" 2
check "serve twice: says so" grep -q "already served" <<<"$err"
run "$SHARDS" status --stub "$STUB"
check_eq "status" "$rc" 0
check_eq "status: three up" "$(grep -c $'\tup\t' <<<"$out")" 3
# Each server in its own session (xapian-tcpsrv kills its process group).
while read -r pid; do
    check_eq "server $pid leads its own session" \
        "$(ps -o sid= -p "$pid" | tr -d ' ')" "$pid"
done < <(cut -f2 "$STUB.d/servers")

# The answer without what may differ: spelling (a remote shard has none,
# so no suggestion) and the score's last digit.
answer() {  # answer DB ARGS...
    local db=$1; shift
    run "$NEWSDEX" search --db "$db" --json --limit 50 --facet-limit 1000 \
        --facets by,person,org,place,category,author,year,month "$@"
    json 'json.dumps([j["total"], j["total_exact"], j["offset"],
        [dict(h, score=round(h["score"], 2)) for h in j["hits"]],
        j["facets"], j["partial"]], sort_keys=True)'
}
same() {  # same ARGS...: the served stub answers like the single database
    local a b
    a=$(answer "$T/single" "$@")
    b=$(answer "$STUB" "$@")
    check_eq "served shards = single for $*" "$b" "$a"
    check "query has hits: $*" test "$(python3 -c 'import json, sys
print(json.loads(sys.argv[1])[0])' "$a")" -gt 0
}
same said
same 'NATO AND Ukraine by:Lavrov'
same by:Lavrov
same 'date:2021..2022'
same 'date:2021..2022 said'
same --sort date said
same --sort date --offset 5 said
same --filter category:Sport --filter category:Culture the
same --filter year:2022 'NATO OR bank'
same '"interest rates"'
same person:Biden
# A page smaller than the matches (the CGI shows 10): Xapian 1.4 would
# count some remote matches twice in its spies, if newsdex let it.
same --limit 5 said
same --limit 5 --sort date said
same --limit 3 --offset 3 the
same --limit 1 --filter year:2022 the
run "$NEWSDEX" search --db "$STUB" --json said
check_eq "served: spelling off" "$(json 'j["spelling"]')" "False"
check_eq "served: not partial" "$(json 'j["partial"]')" "False"

# A rebuild switches a shard's generation under its running server: the
# next search sees it (xapian-tcpsrv opens the database per connection).
printf 'auto %s\nauto %s\nauto %s\n' "$T/s0" "$T/s1" "$T/s2" > "$T/local.stub"
before=$(answer "$STUB" said)
run "$NEWSDEX" rebuild -q --allow-shrink --db "$T/s0" corpus/seed
check_eq "rebuild shard 0" "$rc" 0
after=$(answer "$STUB" said)
check "rebuilt shard served" test "$after" != "$before"
check_eq "served = local after the rebuild" "$after" "$(answer "$T/local.stub" said)"

# Stop one server: the search names it; --allow-partial answers from the
# other two; so does the CGI with NEWSDEX_CGI_ALLOW_PARTIAL=1.
down=$(sed -n 2p "$STUB" | cut -d' ' -f2)
pid1=$(sed -n 2p "$STUB.d/servers" | cut -f2)
kill "$pid1"
for _ in $(seq 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1',${down#*:}),0.2)" \
        2>/dev/null || break
    sleep 0.1
done
run "$SHARDS" status --stub "$STUB"
check_eq "status with a shard stopped: exit" "$rc" 1
check "status names it stopped" grep -q $'^1\tstopped\t'"$down" <<<"$out"
printf 'auto %s\nauto %s\n' "$T/s0" "$T/s2" > "$T/two.stub"
check_shard_down "$STUB" "$down" "$T/two.stub"
partial_total=$(json 'j["total"]')

cgi() {  # cgi QUERY_STRING [ENV...]: sets $status and $body
    env NEWSDEX_DB="$STUB" NEWSDEX_CGI_LOCKDIR="$T/slots" "${@:2}" \
        QUERY_STRING="$1" REQUEST_METHOD=GET "$NEWSDEX_CGI" >"$T/resp" 2>"$T/cgi.err"
    status=$(head -1 "$T/resp" | tr -d '\r' | cut -d' ' -f2)
    body=$(sed '1,/^\r$/d' "$T/resp")
}
cgi 'q=said' NEWSDEX_CGI_ALLOW_PARTIAL=1
check_eq "cgi partial: status" "$status" 200
# The public page numbers the shard by its line in the stub; its address
# goes to the server's log only.
check "cgi partial: says so" grep -qF "<strong>Partial results:</strong> shard 2 of 3 did not answer" <<<"$body"
check "cgi partial: no address on the page" bash -c '! grep -qF "$0" <<<"$1"' "$down" "$body"
check "cgi partial: address logged" grep -qF "shard $down did not answer; answered from the others" "$T/cgi.err"
check "cgi partial: shows hits" grep -q '<li class="hit">' <<<"$body"
cgi 'q=said&format=json' NEWSDEX_CGI_ALLOW_PARTIAL=1
check_eq "cgi partial json" "$(printf '%s' "$body" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["partial"], j["missing_shards"], j["total"])')" \
    "True ['shard 2 of 3'] $partial_total"
cgi 'q=said'
check_eq "cgi without partial: 503" "$status" 503
check "cgi without partial: says which shard" grep -qF "Part of the search index did not answer (shard 2 of 3)" <<<"$body"
check "cgi without partial: no address on the page" bash -c '! grep -qF "$0" <<<"$1"' "$down" "$body"
check "cgi without partial: logged" grep -qF "shard $down did not answer" "$T/cgi.err"
cgi 'q=said&format=json'
check_eq "cgi json without partial: 503" "$status" 503
check_eq "cgi json without partial: names the shard" \
    "$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["error"].split("(")[1].split(")")[0])')" "shard 2 of 3"
cgi 'q=said' NEWSDEX_CGI_ALLOW_PARTIAL=0
check_eq "cgi ALLOW_PARTIAL=0: 503" "$status" 503

# stop: every recorded server gone (its pid no longer an xapian-tcpsrv),
# the stub and the state removed.
pids=$(cut -f2 "$STUB.d/servers")
run "$SHARDS" stop --stub "$STUB"
check_eq "stop" "$rc" 0
for pid in $pids; do
    check "server $pid stopped" test -z "$(tr -d '\0' 2>/dev/null <"/proc/$pid/cmdline")"
done
check "stub removed" test ! -e "$STUB"
check "state removed" test ! -e "$STUB.d"

finish
