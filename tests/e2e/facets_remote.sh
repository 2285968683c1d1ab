#!/bin/bash
# Facets over shards served by stock xapian-tcpsrv: the same articles in
# one local database and in three remote shards behind a stub file must give
# the same hits, totals and facet counts.
. "$(dirname "$0")/lib.sh"
if ! command -v xapian-tcpsrv >/dev/null; then
    echo "SKIP: xapian-tcpsrv not installed (Debian package xapian-tools)"
    exit 77
fi
cd "$NX_SOURCE_DIR" || exit 1
parts=("corpus/seed corpus/politics.jsonl"
       "corpus/business.jsonl corpus/science.json"
       "corpus/sport corpus/culture")
# shellcheck disable=SC2086
run "$NEWSDEX" index -q --db "$T/single" ${parts[0]} ${parts[1]} ${parts[2]}
check_eq "single index" "$rc" 0

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
: > "$T/shards.stub"
for i in 0 1 2; do
    # shellcheck disable=SC2086
    run "$NEWSDEX" index -q --db "$T/shard$i" ${parts[$i]}
    check_eq "shard $i index" "$rc" 0
    port=$(free_port)
    # xapian-tcpsrv kills its whole process group on SIGTERM: own group.
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" \
        "$T/shard$i" >"$T/tcpsrv$i.log" 2>&1 &
    pids+=($!)
    echo "remote 127.0.0.1:$port" >> "$T/shards.stub"
    for _ in $(seq 50); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" \
            2>/dev/null && break
        sleep 0.1
    done
done

# The same articles split by `index --shard K/3` (a hash of the id) into
# three local shards behind an `auto` stub: every record lands in exactly
# one shard, and the stub answers like the single database too.
: > "$T/local.stub"
total=0
for i in 0 1 2; do
    # shellcheck disable=SC2086
    run "$NEWSDEX" index -q --shard "$i/3" --db "$T/hshard$i" ${parts[0]} ${parts[1]} ${parts[2]}
    check_eq "hash shard $i index" "$rc" 0
    run "$NEWSDEX" stats --db "$T/hshard$i" --json
    n=$(json 'j["documents"]')
    check "hash shard $i is not empty" test "$n" -gt 0
    total=$((total + n))
    echo "auto $T/hshard$i" >> "$T/local.stub"
done
check_eq "hash shards hold every article once" "$total" 48
run "$NEWSDEX" index -q --shard 3/3 --db "$T/bad" corpus
check_eq "bad --shard exit" "$rc" 2

same() {  # same ARGS...: the stub answers exactly like the single database
    local a b
    run "$NEWSDEX" search --db "$T/single" --json --limit 50 --facet-limit 1000 \
        --facets by,person,org,place,category,author,year,month,about "$@"
    a=$(json 'json.dumps([j["total"], j["total_exact"], [h["id"] for h in j["hits"]], j["facets"]])')
    run "$NEWSDEX" search --db "$T/shards.stub" --json --limit 50 --facet-limit 1000 \
        --facets by,person,org,place,category,author,year,month,about "$@"
    b=$(json 'json.dumps([j["total"], j["total_exact"], [h["id"] for h in j["hits"]], j["facets"]])')
    check_eq "remote = local for $*" "$b" "$a"
    run "$NEWSDEX" search --db "$T/local.stub" --json --limit 50 --facet-limit 1000 \
        --facets by,person,org,place,category,author,year,month,about "$@"
    b=$(json 'json.dumps([j["total"], j["total_exact"], [h["id"] for h in j["hits"]], j["facets"]])')
    check_eq "hash shards = local for $*" "$b" "$a"
}
same 'NATO AND Ukraine by:Lavrov'
same said
same 'NATO OR bank'
# quote: and its binding to by: (docs/quotes.md) are plain terms: shards
# answer alike.
same 'by:Lavrov quote:"playing with fire"'
check_eq "bound quote over remote shards finds the seed" "$(json 'j["total"]')" 1
same '(by:Lavrov OR by:Biden) quote:Ukraine'
same 'quote:NATO'
same --sort date said
same 'date:2021..2023 person:Biden'
# about: (docs/about.md) is a facet like the others: its filter and its
# counts over shards are the single database's.
same 'about:NATO'
check_eq "about:NATO over remote shards" "$(json 'j["total"]')" 3
same 'about:Putin OR about:Ukraine'
same 'person:Lavrov -about:Lavrov'
same --filter about:Ukraine --filter about:Russia 'said'
same 'about:Russia quote:NATO'
same 'about:Ukraine by:Lavrov quote:fire'
check_eq "about + bound quote over remote shards" "$(json 'j["total"]')" 1
for db in "$T/shards.stub" "$T/local.stub"; do
    run "$NEWSDEX" facets --db "$T/single" --json --limit 1000 about said
    a=$out
    check "facets about has values" test "$(json 'len(j["values"])')" -gt 10
    run "$NEWSDEX" facets --db "$db" --json --limit 1000 about said
    check_eq "facets about over $(basename "$db")" "$out" "$a"
done
same --filter category:Sport --filter category:Culture 'the'
same 'year:2022'
same '"interest rates"'

# newsdex quotes: the same quotes, in the same order, the same counts.
same_quotes() {
    local a b db
    for db in single shards.stub local.stub; do
        run "$NEWSDEX" quotes --db "$T/$db" --json --limit 500 --facet-limit 0 "$@"
        b=$(json 'json.dumps([j["total"], j["articles"], [(q["article"]["id"], q["text"], q["start"], q["highlight"]) for q in j["quotes"]], j["facets"]])')
        if [ "$db" = single ]; then a=$b; else check_eq "quotes: $db = local for $*" "$b" "$a"; fi
    done
}
same_quotes --by Lavrov fire
check_eq "quotes over shards: the seed's" "$(json 'j["quotes"][0]["text"]')" "playing with fire"
same_quotes NATO
same_quotes --sort date
same_quotes --by Biden --by Blinken
same_quotes 'year:2022 said'

run "$NEWSDEX" search --db "$T/shards.stub" --json 'NATO AND Ukraine by:Lavrov'
check_eq "seed first over shards" "$(json 'j["hits"][0]["id"]')" \
    "seed/000_72c455ca92978c17.txt"
check_eq "remote says spelling is off" "$(json 'j["spelling"]')" "False"
check_eq "not partial" "$(json 'j["partial"]')" "False"

# A shard that is down: a clear error naming it, or with --allow-partial
# the answer from the others, saying which shard is missing.
down=$(sed -n 2p "$T/shards.stub" | cut -d' ' -f2)
kill "${pids[1]}"
wait "${pids[1]}" 2>/dev/null
# The shards still up: the partial answer must be theirs.
printf 'remote %s\nremote %s\n' "$(sed -n 1p "$T/shards.stub" | cut -d' ' -f2)" \
    "$(sed -n 3p "$T/shards.stub" | cut -d' ' -f2)" > "$T/two.stub"
check_shard_down "$T/shards.stub" "$down" "$T/two.stub"

finish
