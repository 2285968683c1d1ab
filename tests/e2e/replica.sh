#!/bin/bash
# scripts/newsdex-replica on 127.0.0.1: a replica pulled from a master
# answers exactly like it (hits, totals, facet counts: the facet head file
# is not replicated, the replica counts without it); after articles are
# added and one is changed on the master, the next pull catches up, by
# changesets; after a rebuild (a new generation), by a whole copy.
. "$(dirname "$0")/lib.sh"
if ! command -v xapian-replicate-server >/dev/null ||
   ! command -v xapian-replicate >/dev/null; then
    echo "SKIP: xapian-replicate(-server) not installed (Debian package xapian-tools)"
    exit 77
fi
REPL=$NX_SOURCE_DIR/scripts/newsdex-replica
PIDFILE=$T/replicate.pid
cleanup() {  # the server this test started, by the pid serve recorded
    [ -f "$PIDFILE" ] && kill "$(cut -d' ' -f1 "$PIDFILE")" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
cd "$NX_SOURCE_DIR" || exit 1
export NEWSDEX
MASTER=$T/master/shard0
REPLICA=$T/replica/shard0

# Keep changesets on the master, so that updates travel as changesets.
export XAPIAN_MAX_CHANGESETS=10
mkdir -p "$T/master"
run "$NEWSDEX" index -q --db "$MASTER" corpus/seed corpus/politics.jsonl corpus/business.jsonl
check_eq "master index" "$rc" 0

run "$REPL" serve --root "$T/master" --pidfile "$PIDFILE" --port 0
check_eq "serve --port 0 refused" "$rc" 2
run "$REPL" serve --root "$T/nothing" --pidfile "$PIDFILE"
check_eq "serve a missing root: exit" "$rc" 2
check "serve a missing root: named" grep -q "$T/nothing: not a directory" <<<"$err"
run "$REPL" serve --root "$T/master" --pidfile "$PIDFILE"
check_eq "serve" "$rc" 0
from=$out
check "serve prints HOST:PORT" grep -qx '127\.0\.0\.1:[0-9]*' <<<"$from"
check "serve names the databases" grep -q "serving shard0 from" <<<"$err"
run "$REPL" serve --root "$T/master" --pidfile "$PIDFILE"
check_eq "serve twice refused" "$rc" 2

run "$REPL" pull --from "$from" --name ../shard0 --once "$REPLICA"
check_eq "pull a name outside the root: refused" "$rc" 2
check "pull: bad name named" grep -q -- "--name '../shard0'" <<<"$err"
run "$REPL" pull --from "$from" --name shard0 --once "$MASTER"
check_eq "pull into a master database: refused" "$rc" 2
check "pull into a master: says so" grep -q "not a replica" <<<"$err"
run "$REPL" pull --from nohost --name shard0 --once "$REPLICA"
check_eq "pull --from without a port" "$rc" 2

answer() {  # answer DB ARGS...: everything but spelling
    run "$NEWSDEX" search --db "$1" --json --limit 50 --facet-limit 1000 \
        --facets by,person,org,place,category,author,year,month "${@:2}"
    json 'json.dumps([j["total"], j["total_exact"], j["hits"], j["facets"],
        j["suggestion"]], sort_keys=True)'
}
same() {  # same LABEL: the replica answers every query like the master
    local q a b
    for q in said 'NATO AND Ukraine by:Lavrov' by:Lavrov 'date:2021..2022' \
             'chip plant' '"interest rates"'; do
        a=$(answer "$MASTER" "$q")
        b=$(answer "$REPLICA" "$q")
        check_eq "$1: replica = master for $q" "$b" "$a"
    done
    a=$(answer "$MASTER" --sort date said)
    b=$(answer "$REPLICA" --sort date said)
    check_eq "$1: replica = master, by date" "$b" "$a"
}

run "$REPL" pull --from "$from" --name shard0 --once "$REPLICA"
check_eq "first pull" "$rc" 0
check "replica behind its own stub" grep -qx 'auto replica_[01]' "$REPLICA/XAPIANDB"
check "master has the facet head file" test -f "$MASTER/gen-000001/nx-facets.idx"
check "no facet head file on the replica" \
    test -z "$(find "$REPLICA" -name nx-facets.idx)"
same "first pull"

# Updates on the master: more articles, and one article changed.
run "$NEWSDEX" index -q --db "$MASTER" corpus/science.json corpus/sport
check_eq "master: add articles" "$rc" 0
python3 - "$T/changed.jsonl" <<'EOF'
import json, sys
rec = json.loads(open("corpus/business.jsonl").readline())
rec["title"] = "Zanzibar cloves " + rec["title"]
rec["body"] = rec["body"] + " Zanzibar cloves were the talk of the day."
open(sys.argv[1], "w").write(json.dumps(rec) + "\n")
EOF
run "$NEWSDEX" index -q --db "$MASTER" "$T/changed.jsonl"
check_eq "master: change an article" "$rc" 0
check "master keeps changesets" compgen -G "$MASTER/gen-000001/changes*"
run "$NEWSDEX" search --db "$REPLICA" --json zanzibar
check_eq "replica not yet updated" "$(json 'j["total"]')" 0
run "$REPL" pull --from "$from" --name shard0 --once "$REPLICA"
check_eq "second pull" "$rc" 0
run "$NEWSDEX" search --db "$REPLICA" --json zanzibar
check_eq "replica has the changed article" "$(json 'j["total"]')" 1
check "changed title on the replica" grep -q '"title": *"Zanzibar cloves' <<<"$out"
same "after updates"

# A rebuild writes a new generation (another database to Xapian): the next
# pull is a whole copy, switched in behind the replica's stub.
before=$(cat "$REPLICA/XAPIANDB")
run "$NEWSDEX" rebuild -q --allow-shrink --db "$MASTER" corpus/seed corpus/culture
check_eq "master: rebuild" "$rc" 0
run "$REPL" pull --from "$from" --name shard0 --once "$REPLICA"
check_eq "pull after the rebuild" "$rc" 0
check "replica switched copies" test "$(cat "$REPLICA/XAPIANDB")" != "$before"
run "$NEWSDEX" search --db "$REPLICA" --json zanzibar
check_eq "rebuilt: changed article gone from the replica" "$(json 'j["total"]')" 0
same "after a rebuild"

pid=$(cut -d' ' -f1 "$PIDFILE")
run "$REPL" stop --pidfile "$PIDFILE"
check_eq "stop" "$rc" 0
check "server stopped" test -z "$(tr -d '\0' 2>/dev/null <"/proc/$pid/cmdline")"
check "pid file removed" test ! -e "$PIDFILE"

finish
