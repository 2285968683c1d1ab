#!/bin/sh
# profile.sh — where newsdex's time goes next to the bare Xapian floor:
# perf profiles (DWARF call graphs) of both indexers on the first 5,000
# articles, and of one query, in-process, on the indexes `make bench` left
# (default: `said` with facet counts on the 200k indexes).
#
#   bench/profile.sh [BUILD] [SIZE] [QID]      e.g. bench/profile.sh build 21k q013
#
# Writes BUILD/bench-prof/*.data and prints the inclusive top of each
# (`perf report -i FILE` to explore).  Needs linux-perf (and root, or
# kernel.perf_event_paranoid <= 1).
set -eu
BUILD=${1:-build}
SIZE=${2:-200k}
QID=${3:-q001}
DATA=$BUILD/bench-data
WORK=$DATA/work-$SIZE
OUT=$BUILD/bench-prof
QUERIES=$(sed -n 's/^NX_SHARED_DIR:PATH=//p' "$BUILD/CMakeCache.txt")/bench/queries.txt
mkdir -p "$OUT"

top() {  # inclusive time of the named functions, per profile
    perf report -i "$1" --children --stdio --sort sym -g none 2>/dev/null |
        grep -E "\[\.\] ($2)" | head -${3:-25} | cut -c1-120
}

head -5000 "$DATA/corpus-21k.jsonl" >"$OUT/c5k.jsonl"
rm -rf "$OUT/nx.db" "$OUT/floor.db"
perf record -q -F 400 --call-graph dwarf,16384 -o "$OUT/index-newsdex.data" -- \
    "$BUILD/cli/newsdex" index -q --db "$OUT/nx.db" "$OUT/c5k.jsonl" 2>/dev/null || true
perf record -q -F 400 --call-graph dwarf,16384 -o "$OUT/index-floor.data" -- \
    "$BUILD/bench/drivers/nxb_floor" index "$OUT/floor.db" "$OUT/c5k.jsonl"
echo "== newsdex index (5,000 articles)"
top "$OUT/index-newsdex.data" 'nx_|on_article|Xapian::(Database|WritableDatabase|TermGenerator)'
echo "== floor index"
top "$OUT/index-floor.data" 'do_index|Xapian::(Database|WritableDatabase|TermGenerator)'

{ grep -m1 '^#' "$QUERIES"; grep -P "^$QID\t" "$QUERIES"; } >"$OUT/query.txt"
perf record -q -F 1000 --call-graph dwarf,16384 -o "$OUT/query-newsdex.data" -- \
    "$BUILD/bench/drivers/nxb_newsdex" query "$WORK/newsdex.db" "$OUT/query.txt" \
    "$OUT/query-newsdex.json" 5
perf record -q -F 1000 --call-graph dwarf,16384 -o "$OUT/query-floor.data" -- \
    "$BUILD/bench/drivers/nxb_floor" query "$WORK/floor.db" "$OUT/query.txt" \
    "$OUT/query-floor.json" 5
echo "== newsdex query $QID at $SIZE (top-10, then with facets; 1 recorded + 5 timed runs each)"
top "$OUT/query-newsdex.data" 'nx_|run$|shape_facet|Xapian::(ValueCount|Document::get_value|Enquire|QueryParser|Database::get_spelling)|bq_rec'
echo "== floor query $QID"
top "$OUT/query-floor.data" 'run_query|TagSpy|Xapian::(Enquire|QueryParser|Document::get_value)|bq_rec'
python3 - "$OUT" <<'PY'
import json, sys
for e in ("newsdex", "floor"):
    q = json.load(open("%s/query-%s.json" % (sys.argv[1], e)))["queries"][0]
    med = lambda xs: sorted(xs)[len(xs) // 2]
    print("%-8s %s total %s: top-10 %.2f ms, with facets %.2f ms (median)"
          % (e, q["qid"], q["total"], med(q["t10"]), med(q["tf"])))
PY
