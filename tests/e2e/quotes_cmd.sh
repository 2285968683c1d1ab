#!/bin/bash
# End-to-end: `newsdex quotes` — the quotes themselves as results
# (docs/quotes.md, "Quotes as results"): over the bundled corpus and a
# small corpus made here whose quotes are known; JSON, CSV and JSON lines
# parsed and checked against the stored bodies; counts against a recount
# of what extraction finds; bad options; reindex and rebuild keeping
# quotes in step with their articles.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SEED=corpus/seed/000_72c455ca92978c17.txt
cd "$NX_SOURCE_DIR" || exit 1
run "$NEWSDEX" index -q --db "$DB" corpus
check_eq "index" "$rc" 0
Q() { run "$NEWSDEX" quotes --db "$DB" "$@"; }

# The seed article's quote, with its article.
Q --by Lavrov fire
check_eq "--by Lavrov fire: exit 0" "$rc" 0
check "speaker shown" grep -q "Sergey Lavrov: [^ ]*playing with fire" <<<"$out"
check "article id shown" grep -qF "[$SEED]" <<<"$out"
check "title shown" grep -q "Putin calls for guarantees that NATO will not expand" <<<"$out"
check "evidence shown" grep -q "in: Lavrov responded by saying" <<<"$out"
Q --json --by Lavrov fire
check_eq "json: one quote" "$(json 'j["total"]')" 1
check_eq "json: its text" "$(json 'j["quotes"][0]["text"]')" "playing with fire"
check_eq "json: its article" "$(json 'j["quotes"][0]["article"]["id"]')" "$SEED"
check_eq "json: speaker" "$(json 'j["quotes"][0]["speaker"]')" "Sergey Lavrov"
check_eq "json: highlighted" "$(json 'j["quotes"][0]["highlight"]')" "playing with <b>fire</b>"
check_eq "json: attribution" "$(json 'j["quotes"][0]["how"], j["quotes"][0]["cue"], j["quotes"][0]["confident"]')" "named saying True"
check_eq "json: by facet" "$(json 'j["facets"]["by"]')" "[{'value': 'Sergey Lavrov', 'count': 1}]"
check_eq "json: articles" "$(json 'j["articles"], j["total_exact"]')" "1 True"
Q --json quote:fire --by Lavrov
check_eq "quote:fire is fire" "$(json 'j["quotes"][0]["text"]')" "playing with fire"
for name in lavrov '"Sergei Lavrov"'; do
    Q --json "by:$name" '"playing with fire"'
    check_eq "by:$name in the query" "$(json 'j["total"], j["quotes"][0]["speaker"]')" "1 Sergey Lavrov"
done

# Another speaker of the same article: nothing, exit 1.
Q --by Stoltenberg '"playing with fire"'
check_eq "--by Stoltenberg \"playing with fire\": exit 1" "$rc" 1
check "says so" grep -q "No quotes match" <<<"$out"
Q 'by:Stoltenberg "playing with fire"'
check_eq "by:Stoltenberg in the query: exit 1" "$rc" 1
Q --json --by Stoltenberg
check "Stoltenberg's quotes only" test "$(json 'set(q["speaker"] for q in j["quotes"])')" = "{'Jens Stoltenberg'}"
# The seed has "allies" in Stoltenberg's quote only: an article search
# finds it, Lavrov's quotes do not combine with it.
check_eq "search by:Lavrov allies finds the seed" \
    "$("$NEWSDEX" search --db "$DB" --json 'by:Lavrov allies' | python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')" "$SEED"
Q --by Lavrov allies
check_eq "Lavrov's quote + Stoltenberg's word: exit 1" "$rc" 1
Q --json --by Stoltenberg allies
check_eq "Stoltenberg's own word" "$(json 'j["total"], j["quotes"][0]["highlight"].count("<b>")')" "1 1"

# Counts: every quote of the corpus, by speaker, against a recount of
# what extraction finds (newsdex entities over the same files).
"$NEWSDEX" entities --json $(find corpus -name '*.txt' -o -name '*.json' -o -name '*.jsonl' | sort) >"$T/ents" 2>/dev/null
Q --json --facet-limit 0 --limit 0
printf '%s' "$out" >"$T/all.json"
check_eq "all quotes: counts match a recount" "$(python3 - "$T/ents" "$T/all.json" <<'EOF'
import json, sys, collections
want = collections.Counter()
for line in open(sys.argv[1]):
    for q in json.loads(line).get("quotes", []):
        want[q["speaker"] or "unattributed"] += 1
j = json.load(open(sys.argv[2]))
got = collections.Counter({f["value"]: f["count"] for f in j["facets"]["by"]})
years = sum(f["count"] for f in j["facets"]["year"])
print(got == want, j["total"] == sum(want.values()), years <= j["total"], j["quotes"] == [])
EOF
)" "True True True True"
Q --json --limit 0 --filter year:2021
y2021=$(json 'j["total"]')
check_eq "year facet = year filter" "$(python3 -c "import json; print({f['value']: f['count'] for f in json.load(open('$T/all.json'))['facets']['year']}.get('2021', 0))")" "$y2021"

# The articles of `quotes --by X W` are those `search 'by:X quote:W'`
# finds, for the corpus's 12 most quoted speakers and a few words.
speakers=$(python3 -c "import json; print('\n'.join(f['value'] for f in json.load(open('$T/all.json'))['facets']['by'] if f['value'] != 'unattributed'))" | head -12)
mismatch=0 pairs=0
while read -r sp; do
    for w in we the NATO growth fire; do
        a=$("$NEWSDEX" search --db "$DB" --json --limit 1000 "by:\"$sp\" quote:$w" 2>/dev/null | python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))')
        b=$("$NEWSDEX" quotes --db "$DB" --json --limit 100000 --by "$sp" "$w" 2>/dev/null | python3 -c 'import json,sys; print(" ".join(sorted(set(q["article"]["id"] for q in json.load(sys.stdin)["quotes"]))))')
        pairs=$((pairs + 1))
        if [ "$a" != "$b" ]; then
            mismatch=$((mismatch + 1))
            echo "by:$sp quote:$w: search '$a', quotes '$b'" >&2
        fi
    done
done <<<"$speakers"
check_eq "quotes' articles = quote: search's ($pairs pairs)" "$mismatch" 0
check "many pairs" test "$pairs" -ge 60

# Export: CSV and JSON lines, every matching quote; offsets point at the
# quote in the stored body.
for fmt in csv jsonl; do
    Q --format "$fmt"
    check_eq "--format $fmt: exit" "$rc" 0
    printf '%s' "$out" >"$T/export.$fmt"
done
check_eq "csv = jsonl = total" "$(python3 - "$T" <<'EOF'
import csv, json, sys
t = sys.argv[1]
rows = list(csv.DictReader(open(t + "/export.csv", newline="")))
lines = [json.loads(l) for l in open(t + "/export.jsonl")]
total = json.load(open(t + "/all.json"))["total"]
same = [(r["article_id"], r["speaker"] or None, r["text"]) for r in rows] == \
       [(l["article_id"], l["speaker"], l["text"]) for l in lines]
print(len(rows) == len(lines) == total, same)
EOF
)" "True True"
python3 - "$T" <<'EOF' >"$T/ids"
import json, sys
for l in open(sys.argv[1] + "/export.jsonl"):
    print(json.loads(l)["article_id"])
EOF
: >"$T/bodies"
sort -u "$T/ids" | while read -r id; do "$NEWSDEX" show --db "$DB" --json "$id"; done >"$T/bodies"
check_eq "offsets point at the quotes" "$(python3 - "$T" <<'EOF'
import csv, json, sys
t = sys.argv[1]
body = {}
for l in open(t + "/bodies"):
    d = json.loads(l)
    body[d["id"]] = d["body"].encode()
bad = with_off = 0
for fmt in ("csv", "jsonl"):
    if fmt == "csv":
        recs = [(r["article_id"], int(r["start"]) if r["start"] else None,
                 int(r["end"]) if r["end"] else None, r["text"])
                for r in csv.DictReader(open(t + "/export.csv", newline=""))]
    else:
        recs = [(l["article_id"], l["start"], l["end"], l["text"])
                for l in map(json.loads, open(t + "/export.jsonl"))]
    for aid, s, e, text in recs:
        if s is None:
            continue
        with_off += 1
        if " ".join(body[aid][s:e].decode().split()) != text:
            bad += 1
print(bad, with_off > 100)
EOF
)" "0 True"
Q --format jsonl --by Lavrov --limit 1
check_eq "--limit cuts an export" "$(printf '%s\n' "$out" | wc -l)" 1
Q --format csv --limit 0 --by Lavrov
check_eq "csv: the header alone (CRLF, RFC 4180)" "$out" $'article_id,speaker,start,end,text,date,title,source,url,how,confidence,evidence\r'

# Order: by relevance more of the words first; by date newest first;
# pages follow each other.
Q --json --limit 100 --sort date
check "sorted by date" python3 -c "
import json,sys
d=[q['article']['date'] for q in json.loads(sys.argv[1])['quotes']]
dated=[x for x in d if x]
sys.exit(0 if dated==sorted(dated,reverse=True) and d[:len(dated)]==dated else 1)" "$out"
Q --json --limit 4 NATO Ukraine
check "more words first" python3 -c "
import json,sys
m=[q['matches'] for q in json.loads(sys.argv[1])['quotes']]
sys.exit(0 if m and m==sorted(m,reverse=True) else 1)" "$out"
Q --json --limit 3 said OR says OR say
first3=$(json '"|".join(q["text"] for q in j["quotes"][1:3])')
Q --json --limit 2 --offset 1 said OR says OR say
check_eq "a page from --offset" "$(json '[q["rank"] for q in j["quotes"]]')" "[2, 3]"
check_eq "... the same quotes" "$(json '"|".join(q["text"] for q in j["quotes"])')" "$first3"

# Bad options: exit 2, a message naming the option.
for args in "--format xml" "--json --format csv" "--sort newest" "--limit many" \
            "--limit 100001" "--by=" "--filter bogus" "--filter color:red" "--nope"; do
    # shellcheck disable=SC2086
    Q $args fire
    check_eq "$args: exit 2" "$rc" 2
    check "$args: a message" test -n "$err"
done
Q --format xml fire
check "--format named" grep -q -- "--format is csv or jsonl" <<<"$err"
Q 'NATO AND'
check_eq "bad query: exit 2" "$rc" 2
check "bad query message" grep -q "cannot parse the query" <<<"$err"
Q --help
check_eq "--help: exit 0" "$rc" 0
check "--help: usage" grep -q "usage: newsdex quotes" <<<"$out"
run "$NEWSDEX" quotes --db "$T/no-such-db" fire
check_eq "missing database: exit 3" "$rc" 3

# A small corpus: who says what is known; a title with a comma and a tab
# stays one CSV field.
C="$T/c"
mkdir -p "$C"
printf 'Ministers trade words, over grain\tand ports\n\n%s\n\n%s\n\n%s\n' \
    '"We will not accept any new sanctions on our grain, ever," Sergey Lavrov said on Monday.' \
    '"The harvest must reach the ports," said Antony Blinken.' \
    'Officials discussed the harvest and the ports at length.' >"$C/a1.txt"
cat >"$C/a2.txt" <<'END'
Talks stall in Geneva

"The harvest talks went nowhere," Sergey Lavrov said.

"We need new sanctions," said Antony Blinken.
END
DB="$T/small"
run "$NEWSDEX" index -q --db "$DB" "$C"
check_eq "small index" "$rc" 0
A1=c/a1.txt A2=c/a2.txt
pairs() { Q --json --limit 100 "$@"; json '" | ".join(q["article"]["id"] + " " + (q["speaker"] or "-") + ": " + q["text"] for q in j["quotes"])'; }
check_eq "Lavrov's quotes" "$(pairs --sort date --by Lavrov)" \
    "$A1 Sergey Lavrov: We will not accept any new sanctions on our grain, ever | $A2 Sergey Lavrov: The harvest talks went nowhere"
check_eq "Lavrov on ports: none" "$(pairs --by Lavrov ports)" ""
check_eq "Blinken on ports" "$(pairs --by Blinken port)" "$A1 Antony Blinken: The harvest must reach the ports"
check_eq "either on sanctions" "$(pairs --by Lavrov --by Blinken sanctions | sed 's/ | /\n/g' | sort | paste -sd/)" \
    "$A1 Sergey Lavrov: We will not accept any new sanctions on our grain, ever/$A2 Antony Blinken: We need new sanctions"
check_eq "anyone on harvest (not the body's)" "$(pairs harvest | sed 's/ | /\n/g' | wc -l)" 2
Q --format csv --by Lavrov sanctions
check_eq "csv quoting" "$(printf '%s' "$out" | python3 -c '
import csv,sys
rows=list(csv.reader(sys.stdin))
print(len(rows), rows[1][0], rows[1][4], rows[1][6])')" \
    "2 $A1 We will not accept any new sanctions on our grain, ever Ministers trade words, over grain and ports"
check_eq "csv: one record a line" "$(printf '%s' "$out" | grep -c '')" 2

# Reindex: a changed article's old quotes are gone from `quotes` and
# from quote:, its new ones there; a deleted article's quotes gone.
cat >"$C/a1.txt" <<'END'
Ministers trade words over grain

"Our grain goes where we decide," Sergey Lavrov said on Monday.
END
run "$NEWSDEX" reindex --db "$DB" "$C"
check_eq "reindex" "$rc" 0
Q --by Lavrov sanctions
check_eq "reindex: old quote gone from quotes" "$rc" 1
check_eq "reindex: old quote gone from quote:" \
    "$("$NEWSDEX" search --db "$DB" 'by:Lavrov quote:sanctions' >/dev/null 2>&1; echo $?)" 1
check_eq "reindex: Blinken's old quote gone" "$(pairs --by Blinken ports)" ""
check_eq "reindex: the new quote" "$(pairs --by Lavrov decide)" "$A1 Sergey Lavrov: Our grain goes where we decide"
check_eq "reindex: Lavrov's quotes now" "$(pairs --by Lavrov --sort date | sed 's/ | /\n/g' | wc -l)" 2
check_eq "reindex: offsets of the new quote" "$(Q --format jsonl --by Lavrov decide; printf '%s' "$out" | python3 -c '
import json,sys; q=json.loads(sys.stdin.readline()); print(q["start"], q["end"])')" \
    "$("$NEWSDEX" show --db "$DB" --json "$A1" | python3 -c '
import json,sys; b=json.load(sys.stdin)["body"].encode(); s=b.index(b"Our grain"); print(s, s+len("Our grain goes where we decide"))')"
rm "$C/a2.txt"
run "$NEWSDEX" reindex --db "$DB" "$C"
check_eq "reindex (deleted)" "$rc" 0
Q --by Blinken
check_eq "reindex: a deleted article's quotes gone" "$rc" 1

# Rebuild: the same, through a new generation.
cat >"$C/a1.txt" <<'END'
Ministers trade words over grain

"The talks are over for now," Sergey Lavrov said on Monday.
END
run "$NEWSDEX" rebuild --db "$DB" "$C"
check_eq "rebuild" "$rc" 0
Q --by Lavrov decide
check_eq "rebuild: old quote gone from quotes" "$rc" 1
check_eq "rebuild: old quote gone from quote:" \
    "$("$NEWSDEX" search --db "$DB" 'quote:decide' >/dev/null 2>&1; echo $?)" 1
check_eq "rebuild: the new quote" "$(pairs --by Lavrov)" "$A1 Sergey Lavrov: The talks are over for now"
finish
