#!/bin/bash
# End-to-end: entity and date facets over the bundled corpus — the design
# query, facet syntax, filters, exact counts against a brute-force count.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SEED=corpus/seed/000_72c455ca92978c17.txt
run "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0

# The design-card query.
run "$NEWSDEX" search --db "$DB" --json 'NATO AND Ukraine by:Lavrov'
check_eq "design query exit" "$rc" 0
check_eq "seed first" "$(json 'j["hits"][0]["id"]')" "$SEED"
speakers=$(json '"|".join(v["value"] for v in j["facets"]["by"])')
for s in "Sergey Lavrov" "Joe Biden" "Jens Stoltenberg"; do
    check "speaker facet has $s" grep -q "$s" <<<"$speakers"
done
check_eq "facet lists" "$(json '",".join(j["facets"].keys())')" \
    "by,person,org,place,category,year"

# What extraction finds in the seed (the golden file holds every quote).
run "$NEWSDEX" entities --json "$NX_SOURCE_DIR/$SEED"
for s in "Sergey Lavrov" "Joe Biden" "Jens Stoltenberg"; do
    check_eq "seed speaker $s" "$(json "'$s' in j['by']")" "True"
done
for p in "Vladimir Putin" "Joe Biden" "Antony Blinken" "Sergey Lavrov" "Jens Stoltenberg"; do
    check_eq "seed person $p" "$(json "'$p' in j['person']")" "True"
done
check_eq "Lavrov's quote" \
    "$(json '[q["speaker"] for q in j["quotes"] if "playing with fire" in q["text"]][0]')" \
    "Sergey Lavrov"

# One filter, many spellings.
ids() { run "$NEWSDEX" search --db "$DB" --json --limit 100 "$@"; json '" ".join(sorted(h["id"] for h in j["hits"]))'; }
lavrov=$(ids 'by:Lavrov')
check "by:Lavrov finds something" test -n "$lavrov"
check_eq "by:lavrov" "$(ids 'by:lavrov')" "$lavrov"
check_eq "by:\"Sergei Lavrov\"" "$(ids 'by:"Sergei Lavrov"')" "$lavrov"
check_eq "by:\"Sergey Lavrov\"" "$(ids 'by:"Sergey Lavrov"')" "$lavrov"
check_eq "by:\"Foreign Minister Sergey Lavrov's\"" \
    "$(ids "by:\"Foreign Minister Sergey Lavrov's\"")" "$lavrov"
zel=$(ids 'person:Zelenskyy')
check "Zelenskyy mentioned in 3+ articles" test "$(wc -w <<<"$zel")" -ge 3
check_eq "person:Zelensky" "$(ids 'person:Zelensky')" "$zel"
check_eq "person:Zelenskiy" "$(ids 'person:Zelenskiy')" "$zel"
check_eq "org:IMF = org:International Monetary Fund" \
    "$(ids 'org:IMF')" "$(ids 'org:"International Monetary Fund"')"

# Two filters in the query: both required; OR: either.
putin=$(ids 'person:Putin'); biden=$(ids 'person:Biden')
both=$(comm -12 <(tr ' ' '\n' <<<"$putin" | sort) <(tr ' ' '\n' <<<"$biden" | sort) | xargs)
either=$(sort -u <(tr ' ' '\n' <<<"$putin") <(tr ' ' '\n' <<<"$biden") | xargs)
check_eq "person:Putin person:Biden" "$(ids 'person:Putin person:Biden')" "$both"
check_eq "person:Putin OR person:Biden" "$(ids 'person:Putin OR person:Biden')" "$either"
# --filter: values of one facet ORed.
check_eq "--filter ORs one facet" \
    "$(ids --filter person:Putin --filter person:Biden '')" "$either"

# Unknown value: no hits, exit 1, not an error.  Invalid date: exit 2.
run "$NEWSDEX" search --db "$DB" 'by:Shoigu'
check_eq "unknown speaker exit" "$rc" 1
run "$NEWSDEX" search --db "$DB" 'date:2021-13..2022'
check_eq "invalid date exit" "$rc" 2
check "invalid date message" grep -q 'invalid date "2021-13"' <<<"$err"
run "$NEWSDEX" search --db "$DB" 'year:21'
check_eq "invalid year exit" "$rc" 2

# Dates: ranges, open ends, year and month buckets.
n_2022=$(ids 'year:2022' | wc -w)
check "articles in 2022" test "$n_2022" -ge 3
check_eq "date:2022..2022 = year:2022" "$(ids 'date:2022..2022')" "$(ids 'year:2022')"
check_eq "date:2022-01-01..2022-12-31" "$(ids 'date:2022-01-01..2022-12-31')" "$(ids 'year:2022')"
check_eq "date:2022 (one period)" "$(ids 'date:2022')" "$(ids 'year:2022')"
run "$NEWSDEX" search --db "$DB" --json --limit 100 --facets year 'date:2023..'
check_eq "open upper end" "$(json 'all(h["date"] >= "2023" for h in j["hits"])')" "True"
run "$NEWSDEX" search --db "$DB" --json --limit 100 --facets year 'date:..2020-06'
check_eq "open lower end" "$(json 'all(h["date"] <= "2020-06-30" for h in j["hits"])')" "True"
month=$(ids 'month:2022-06')
check "month bucket" test -n "$month"

# Exact facet counts over all matches = a brute-force count of the stored
# entities of every matching article.
brute() {  # brute QUERY: compares every facet's counts with a recount
    run "$NEWSDEX" search --db "$DB" --json --limit 1000 --facet-limit 10000 \
        --facets by,person,org,place,category,author,year,month,about "$1"
    printf '%s' "$out" > "$T/res.json"
    for id in $(json '" ".join(h["id"] for h in j["hits"])'); do
        "$NEWSDEX" show --db "$DB" --json "$id"
    done > "$T/docs.jsonl"
    python3 - "$T/res.json" "$T/docs.jsonl" <<'PY'
import json, sys, collections
res = json.load(open(sys.argv[1]))
docs = [json.loads(l) for l in open(sys.argv[2])]
assert len(docs) == res["total"], (len(docs), res["total"])
ok = True
for f in ["by", "person", "org", "place", "category", "author", "year", "month", "about"]:
    c = collections.Counter()
    for d in docs:
        if f in ("year", "month"):
            if d["date"]:
                c[d["date"][:4] if f == "year" else d["date"][:7]] += 1
        else:
            vals = set(d[f])
            if f == "by" and d.get("unattributed"):
                vals.add("unattributed")   # the by value of unattributed quotes
            for v in vals:
                c[v] += 1
    got = {v["value"]: v["count"] for v in res["facets"][f]}
    if got != dict(c):
        ok = False
        print("facet", f, "differs:", sorted(set(got.items()) ^ set(c.items()))[:6])
print("ok" if ok else "mismatch")
PY
}
for q in 'said' 'NATO OR bank' 'year:2022' 'the'; do
    check_eq "brute-force counts for '$q'" "$(brute "$q" | tail -n 1)" ok
done

# A short top-N (pruned early when counting from terms) is the head of the
# full list.
for f in place person by about; do
    run "$NEWSDEX" search --db "$DB" --json --facets $f --facet-limit 10000 'the'
    full=$(json "json.dumps(j['facets']['$f'][:3])")
    run "$NEWSDEX" search --db "$DB" --json --facets $f --facet-limit 3 'the'
    check_eq "top 3 $f" "$(json "json.dumps(j['facets']['$f'])")" "$full"
done

# Disjunctive --filter: a filtered facet keeps counting its other values.
run "$NEWSDEX" search --db "$DB" --json --facets category 'said'
all_cats=$(json 'j["facets"]["category"]')
run "$NEWSDEX" search --db "$DB" --json --facets category --filter category:Sport 'said'
check_eq "ticked facet keeps its counts" "$(json 'j["facets"]["category"]')" "$all_cats"
check_eq "filter applied" "$(json 'j["total"] < 40')" "True"

# facets command.
run "$NEWSDEX" facets --db "$DB" --json by 'NATO AND Ukraine'
check_eq "facets cmd" "$(json 'j["facet"]')" "by"
check "facets cmd values" test "$(json 'len(j["values"])')" -ge 3

finish
