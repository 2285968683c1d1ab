#!/bin/bash
# End-to-end on real news: index all of Reuters-21578 and check the record
# count and a few queries against counts computed here independently.
# Skips (77) when ../shared/data is absent.
. "$(dirname "$0")/lib.sh"
R="${NX_SHARED_DIR:-$NX_SOURCE_DIR/../shared}/data/reuters21578/reuters21578.jsonl"
if [ ! -f "$R" ]; then
    echo "SKIP: $R not present (../shared/data is for tests only)"
    exit 77
fi
DB="$T/reuters.db"

run "$NEWSDEX" index --db "$DB" --id-field newid "$R"
check_eq "index exit (nothing skipped)" "$rc" 0
check "all records indexed" grep -q "indexed 21578, replaced 0, skipped 0" <<<"$err"
check "extraction never fails" bash -c '! grep -q "extraction failed" <<<"$0"' "$err"
echo "$err" | tail -n 1

run "$NEWSDEX" stats --db "$DB" --json
check_eq "documents" "$(json 'j["documents"]')" 21578

# Independent counts from the raw records.  Words are matched the way the
# index sees them: case-insensitive runs of letters and digits; the plural
# "s" covers what the English stemmer joins for these words.
expect() {
    python3 - "$R" "$1" <<'PY'
import json, re, sys
path, what = sys.argv[1], sys.argv[2]
n = 0
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    text = ((r.get("title") or "") + "\n" + (r.get("body") or "")).lower()
    words = set(re.findall(r"[a-z0-9]+", text))
    if what == "coffee":
        ok = bool(words & {"coffee", "coffees"})
    elif what == "cocoa ghana":
        ok = bool(words & {"cocoa", "cocoas"}) and "ghana" in words
    elif what == "category:cocoa":
        ok = "cocoa" in (r.get("topics") or [])
    elif what == "phrase":
        ok = re.search(r"\bcrude\W+oil\b", text) is not None
    elif what == "year":
        # Dated 1987 with a valid time of day (one record says 605:12).
        m = re.match(r"\d{1,2}-[A-Z]{3}-(\d{4}) +(\d{1,2}):(\d\d):(\d\d)",
                     r.get("date") or "")
        ok = bool(m) and m.group(1) == "1987" and int(m.group(2)) < 24
    n += ok
print(n)
PY
}
total() {  # exact totals: facet counts visit every match
    run "$NEWSDEX" search --db "$DB" --json --facets year --limit 1 "$@"
    json 'j["total"] if j["total_exact"] else "inexact"'
}
check_eq "coffee" "$(total coffee)" "$(expect coffee)"
check_eq "cocoa AND ghana" "$(total 'cocoa AND ghana')" "$(expect 'cocoa ghana')"
check_eq "category:cocoa" "$(total 'category:cocoa')" "$(expect category:cocoa)"
check_eq "phrase crude oil" "$(total '"crude oil"')" "$(expect phrase)"
check_eq "year:1987" "$(total 'year:1987')" "$(expect year)"

run "$NEWSDEX" show --db "$DB" --json 1
check_eq "show by newid" "$(json 'j["title"]')" "BAHIA COCOA REVIEW"
check_eq "reuters date" "$(json 'j["time"]')" "1987-02-26T15:01:01Z"

finish
