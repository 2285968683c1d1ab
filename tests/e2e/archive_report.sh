#!/bin/bash
# bench/extraction/archive-report: its scorer and the committed gold and
# judged files always (--self-test); with ../shared/data present, the
# gold articles are still the ones gold/pick.py draws and the per-article
# half of the report runs over all of them.
. "$(dirname "$0")/lib.sh"
R="$NX_SOURCE_DIR/bench/extraction/archive-report"
BUILD=$(dirname "$(dirname "$NEWSDEX")")

run python3 "$R" --self-test
check_eq "self-test exit" "$rc" 0
check "self-test ok" grep -q "self-test: ok" <<<"$out"
[ "$rc" -eq 0 ] || echo "$out"

DATA="${NX_SHARED_DIR:-$NX_SOURCE_DIR/../shared}/data"
if [ ! -f "$DATA/bbc/bbc.jsonl" ] || [ ! -f "$DATA/reuters21578/reuters21578.jsonl" ] ||
   [ ! -d "$DATA/ggt-quotes/rawtext" ]; then
    echo "data part skipped: $DATA absent (../shared/data is for tests only)"
    finish
    exit
fi
picked=$(python3 "$NX_SOURCE_DIR/bench/extraction/gold/pick.py" "$DATA" | cut -f1,2 | md5sum)
gold=$(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print("%s\t%s" % (r["source"].split("/")[0].replace("reuters21578", "reuters").replace("ggt-quotes", "ggt"), r["id"]))
' "$NX_SOURCE_DIR/bench/extraction/gold/articles.jsonl" | md5sum)
check_eq "gold articles = pick.py's draw" "$gold" "$picked"

run python3 "$R" --build "$BUILD" --data "$DATA" --skip-archive --json "$T/r.json"
check_eq "articles part exit" "$rc" 0
out=$(cat "$T/r.json")
check_eq "articles scored" "$(json 'len(j["articles"]["per_article"])')" 80
check_eq "sets" "$(json '",".join(sorted(j["articles"]["sets"]))')" "bbc-all,bbc-dev,bbc-heldout,other,other-ggt,other-reuters"
check "F1 within [0, 1] and tp > 0" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))["articles"]["sets"]
sys.exit(not all(0 <= v["F1"] <= 1 and v["tp"] > 0 for s in j.values() for v in s.values()))
' "$T/r.json"
check_eq "every gold quote scored" "$(json 'j["articles"]["quotes"]["all"]["n"]')" \
    "$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["quotes"]) for l in open(sys.argv[1])))' \
       "$NX_SOURCE_DIR/bench/extraction/gold/articles.jsonl")"
finish
