#!/bin/bash
# End-to-end: index the bundled corpus and search it with the CLI.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SEED=seed/000_72c455ca92978c17.txt

run "$NEWSDEX" index --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index exit" "$rc" 0
check "index summary" grep -q "indexed 48, replaced 0, skipped 0" <<<"$err"

# The seed article first for the defining words.
run "$NEWSDEX" search --db "$DB" --json 'NATO AND Ukraine'
check_eq "search exit" "$rc" 0
check_eq "seed first" "$(json 'j["hits"][0]["id"]')" "corpus/$SEED"
check_eq "total exact" "$(json 'j["total_exact"]')" "True"
check_eq "source" "$(json 'j["hits"][0]["source"]')" "corpus/$SEED"
check "snippet highlights" grep -q '<b>NATO</b>' <<<"$(json 'j["hits"][0]["snippet"]')"
check_eq "json keys" "$(json '",".join(j.keys())')" \
    "query,total,total_exact,offset,hits,facets,suggestion,spelling,partial,missing_shards"
check_eq "hit keys" "$(json '",".join(j["hits"][0].keys())')" \
    "rank,id,score,title,date,source,url,snippet,entities"

# Human output: rank, title, date, source, snippet; no escapes off a tty.
run "$NEWSDEX" search --db "$DB" 'NATO AND Ukraine'
check "human first line" grep -q '^  1\. Putin calls for guarantees' <<<"$out"
check "no ANSI off a terminal" bash -c '! grep -q $'"'"'\033'"'"' <<<"$0"' "$out"

# Stemming: "expands" finds articles saying "expand".
run "$NEWSDEX" search --db "$DB" --json expands
check "expands finds expand" test "$(json 'j["total"]')" -ge 2
# Phrase, NOT, wildcard, OR.
run "$NEWSDEX" search --db "$DB" --json '"interest rates"'
n_phrase=$(json 'j["total"]')
check "phrase matches" test "$n_phrase" -ge 3
run "$NEWSDEX" search --db "$DB" --json 'interest rates'
check "phrase is narrower than AND" test "$(json 'j["total"]')" -ge "$n_phrase"
run "$NEWSDEX" search --db "$DB" --json 'telescope'
check_eq "telescope count" "$(json 'j["total"]')" 2
run "$NEWSDEX" search --db "$DB" --json 'telescope NOT webb'
n_not=$(json 'j["total"]')
check "NOT removes" test "$n_not" -le 2
run "$NEWSDEX" search --db "$DB" --json 'telesc*'
check_eq "wildcard" "$(json 'j["total"]')" 2
run "$NEWSDEX" search --db "$DB" --json 'telescope OR vaccine'
check_eq "OR" "$(json 'j["total"]')" 5

# A misspelt word gets a suggestion.
run "$NEWSDEX" search --db "$DB" --json 'telescpoe'
check_eq "no hits exit 1" "$rc" 1
check_eq "suggestion" "$(json 'j["suggestion"]')" "telescope"

# A bad query: exit 2 with Xapian's reason.
run "$NEWSDEX" search --db "$DB" 'NATO AND'
check_eq "bad query exit" "$rc" 2
check "bad query message" grep -q "cannot parse the query" <<<"$err"
run "$NEWSDEX" search --db "$DB" --limit many NATO
check_eq "bad limit exit" "$rc" 2

# Sort by date: newest first.
run "$NEWSDEX" search --db "$DB" --json --sort date --limit 50 --facets '' 'said'
check_eq "date order" "$(json 'all((a["date"] or "") >= (b["date"] or "") for a, b in zip(j["hits"], j["hits"][1:]) if b["date"])')" "True"

# show and delete by id.
run "$NEWSDEX" show --db "$DB" --json pol-2022-g20-bali-lavrov
check_eq "show exit" "$rc" 0
check_eq "show id" "$(json 'j["id"]')" "pol-2022-g20-bali-lavrov"
run "$NEWSDEX" show --db "$DB" no-such-id
check_eq "show missing exit" "$rc" 1
run "$NEWSDEX" delete --db "$DB" pol-2022-g20-bali-lavrov
check_eq "delete exit" "$rc" 0
run "$NEWSDEX" show --db "$DB" pol-2022-g20-bali-lavrov
check_eq "deleted" "$rc" 1
run "$NEWSDEX" delete --db "$DB" pol-2022-g20-bali-lavrov no-such-id
check_eq "delete missing exit" "$rc" 1
check_eq "delete missing names each id" "$err" \
    "newsdex delete: no article with id \"pol-2022-g20-bali-lavrov\"
newsdex delete: no article with id \"no-such-id\""
run "$NEWSDEX" delete --db "$T/no-such-db" some-id
check_eq "delete no database exit" "$rc" 3
check "delete no database says so" grep -q "^newsdex delete: .*no-such-db" <<<"$err"
run "$NEWSDEX" stats --db "$DB" --json
check_eq "stats documents" "$(json 'j["documents"]')" 47
check_eq "stats generation" "$(json 'j["generation"]')" 1
check_eq "stats format" "$(json 'j["format"]')" 1

# Reindexing the same files replaces, never duplicates.
run "$NEWSDEX" index --db "$DB" "$NX_SOURCE_DIR/corpus"
check "reindex replaces" grep -q "indexed 1, replaced 47, skipped 0" <<<"$err"

# A file with one broken JSONL line: the others are indexed, the line named.
printf '%s\n' '{"id":"ok1","title":"First","body":"alpha"}' \
    '{"id":"broken","title":' '{"id":"ok2","title":"Third","body":"alpha"}' \
    > "$T/mixed.jsonl"
run "$NEWSDEX" index --db "$T/db2" "$T/mixed.jsonl"
check_eq "partial index exit" "$rc" 1
check "broken line named" grep -q "mixed.jsonl:2: skipped" <<<"$err"
run "$NEWSDEX" search --db "$T/db2" --json alpha
check_eq "other lines indexed" "$(json 'j["total"]')" 2

# Usage errors.
run "$NEWSDEX" frobnicate
check_eq "unknown command" "$rc" 2
run "$NEWSDEX" search --help
check_eq "help exit" "$rc" 0
run "$NEWSDEX" search --db "$T/nope" NATO
check_eq "missing db exit" "$rc" 3

finish
