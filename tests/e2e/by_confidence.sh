#!/bin/bash
# End-to-end: by: matches confident attributions only, byany: every one;
# unattributed quotes are counted under the by value "unattributed"; show
# and --json carry each quote's evidence (issue 14).
. "$(dirname "$0")/lib.sh"
DB="$T/db"
cat > "$T/a.jsonl" <<'JSONL'
{"id": "minar", "title": "Sydney final", "body": "Ivo Minar played well. \"For me, this was a big success,\" said the 20-year-old.\n\n\"We will respond,\" said Sergey Lavrov.\n\nNobody knew what \"the plan for the whole region and beyond\" meant."}
{"id": "law", "title": "Court", "body": "Kevin Law is a lawyer. Mr Law added: \"The case is closed now.\""}
JSONL
run "$NEWSDEX" index -q --db "$DB" "$T/a.jsonl"
check_eq "index" "$rc" 0
ids() { run "$NEWSDEX" search --db "$DB" --json --limit 100 "$@"; json '" ".join(sorted(h["id"] for h in j["hits"]))'; }
check_eq "by: a named speaker" "$(ids 'by:Lavrov')" "minar"
check_eq "by: title + surname" "$(ids 'by:"Kevin Law"')" "law"
check_eq "by: not below the threshold" "$(ids 'by:Minar')" ""
check_eq "byany: below the threshold too" "$(ids 'byany:Minar')" "minar"
check_eq "byany: the confident ones too" "$(ids 'byany:Lavrov')" "minar"
check_eq "by:unattributed" "$(ids 'by:unattributed')" "minar"
run "$NEWSDEX" search --db "$DB" --json 'by:unattributed OR by:Law'
check_eq "by facet counts unattributed" \
    "$(json '[v["count"] for v in j["facets"]["by"] if v["value"] == "unattributed"]')" "[1]"
run "$NEWSDEX" show --db "$DB" --json minar
check_eq "stored below-threshold speakers" "$(json 'j["by_low"]')" "['Ivo Minar']"
check_eq "stored unattributed count" "$(json 'j["unattributed"]')" "1"
check_eq "stored evidence" \
    "$(json '[(q["how"], q.get("cue"), q["confident"]) for q in j["quotes"]]')" \
    "[('description', 'said', False), ('named', 'said', True), ('none', None, False)]"
check_eq "attributing sentence" "$(json 'j["quotes"][1]["evidence"]')" \
    '"We will respond," said Sergey Lavrov.'
run "$NEWSDEX" show --db "$DB" law
check "show prints how and the cue" grep -q 'title+surname, confidence 0.90, cue "added"' <<<"$out"
check "show prints the sentence" grep -q 'in: Mr Law added: "The case is closed now."' <<<"$out"
printf '%s\n' "Title" "" "Kevin Law is a lawyer. He added: \"The case is closed now.\"" > "$T/b.txt"
run "$NEWSDEX" entities --json "$T/b.txt"
check_eq "entities --json evidence" "$(json '(j["quotes"][0]["how"], j["quotes"][0]["cue_offset"])')" \
    "('pronoun', 26)"
# The search page shows the attributing sentences under a hit.
mkdir -p "$T/slots"
page=$(NEWSDEX_DB="$DB" NEWSDEX_CGI_LOCKDIR="$T/slots" QUERY_STRING='q=respond' \
       REQUEST_METHOD=GET "$NEWSDEX_CGI" 2>/dev/null)
check "page: the confident attribution" grep -qF \
    '<span class="sp">Sergey Lavrov</span> <span class="how">(named, 0.95)</span> &quot;We will respond,&quot; said Sergey Lavrov.' <<<"$page"
check "page: the low one, marked" grep -qF \
    '<span class="sp">Ivo Minar</span> <span class="how">(description, 0.60, below the by: threshold)</span>' <<<"$page"
finish
