#!/bin/bash
# End-to-end: about: (docs/about.md) — the people, organisations and
# places an article is about (headline, lead, most named), against
# person:/org:/place:, which stay "mentioned anywhere"; --facets about,
# `newsdex facets about`, show, entities --json and the page's "Main
# subjects" — over the bundled corpus and a small corpus made here.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SEED=corpus/seed/000_72c455ca92978c17.txt
cd "$NX_SOURCE_DIR" || exit 1
run "$NEWSDEX" index -q --db "$DB" corpus
check_eq "index" "$rc" 0

rc_of() { "$NEWSDEX" search --db "$DB" "$@" >/dev/null 2>&1; echo $?; }
has_seed() {  # has_seed QUERY...: 1 when the seed article matches, else 0
    run "$NEWSDEX" search --db "$DB" --json --limit 100 "$@"
    json "int('$SEED' in [h['id'] for h in j['hits']])"
}
# The seed: Putin asks NATO for guarantees on Ukraine (headline and lead);
# Russia is named ten times; Lavrov and Stockholm come in paragraph six.
for q in about:NATO about:Putin 'about:"Vladimir Putin"' about:Ukraine \
         about:Russia about:Biden about:nato; do
    check_eq "seed is $q" "$(has_seed "$q")" 1
done
for q in about:Lavrov about:Stockholm about:Geneva about:Stoltenberg; do
    check_eq "seed is not $q" "$(has_seed "$q")" 0
done
for q in person:Lavrov place:Stockholm place:Geneva person:Stoltenberg; do
    check_eq "seed mentions $q" "$(has_seed "$q")" 1
done
check_eq "a peripheral mention: person: but not about:" \
    "$(has_seed 'person:Lavrov -about:Lavrov')" 1
check_eq "--filter about:" "$(has_seed --filter about:NATO NATO)" 1
check_eq "--filter about: peripheral" "$(has_seed --filter about:Lavrov NATO)" 0
# Names as for person: (normalisation and the alias table): Lavrov is
# about the G20 article, however he is written.
g20=$("$NEWSDEX" search --db "$DB" --json 'about:"Sergey Lavrov"' |
      python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')
check "about:Lavrov finds an article" test -n "$g20"
for q in about:lavrov 'about:"Sergei Lavrov"' 'about:"Foreign Minister Sergey Lavrov"' 'about:LAVROV'; do
    run "$NEWSDEX" search --db "$DB" --json "$q"
    check_eq "$q as about:\"Sergey Lavrov\"" "$(json '" ".join(h["id"] for h in j["hits"])')" "$g20"
done
check_eq "unknown value: exit 1" "$(rc_of about:Nobodyxyzzy)" 1
check_eq "about: with nothing nameable: exit 1" "$(rc_of 'about:"!!"')" 1

# Counts are exact: each value's count is what a search for it finds.
run "$NEWSDEX" search --db "$DB" --json --facets about --facet-limit 1000 said
check_eq "--facets about gives only about" "$(json 'sorted(j["facets"])')" "['about']"
vals=$(json '"\n".join(v["value"] + "\t" + str(v["count"]) for v in j["facets"]["about"])')
check "about facet not empty" test "$(wc -l <<<"$vals")" -gt 10
while IFS=$'\t' read -r v n; do
    run "$NEWSDEX" search --db "$DB" --json --limit 0 --filter "about:$v" said
    check_eq "count of about $v" "$(json 'j["total"]')" "$n"
done <<<"$vals"
run "$NEWSDEX" facets --db "$DB" --json about
check_eq "facets about: total" "$(json 'j["total"]')" 48
check "facets about: NATO" test "$(json '[v["count"] for v in j["values"] if v["value"] == "NATO"][0]')" -ge 3
run "$NEWSDEX" search --db "$DB" --facets about NATO
check "text output lists about" grep -q '^  about ' <<<"$out"
run "$NEWSDEX" search --db "$DB" --facets bogus NATO
check_eq "unknown facet exit" "$rc" 2
check "unknown facet error names about" grep -q 'about' <<<"$err"

# show and entities --json say what the article is about, and why.
run "$NEWSDEX" show --db "$DB" "$SEED"
check "show: about line" grep -q '^about .*NATO' <<<"$out"
check "show: about has no Lavrov" bash -c '! grep "^about" <<<"$1" | grep -q Lavrov' _ "$out"
run "$NEWSDEX" entities --json "$SEED"
check_eq "entities --json about" "$(json '",".join(j["about"])')" \
    "Vladimir Putin,Joe Biden,NATO,Kremlin,Ukraine,Russia"
check_eq "salience of Lavrov" \
    "$(json '[(s["mentions"], s["headline"], s["lead"], s["about"]) for s in j["salience"] if s["name"] == "Sergey Lavrov"]')" \
    "[(2, False, False, False)]"
check_eq "salience of NATO" \
    "$(json '[(s["mentions"], s["headline"], s["lead"], s["about"]) for s in j["salience"] if s["name"] == "NATO"]')" \
    "[(9, True, True, True)]"

# A small corpus: one name in each position.
C="$T/c"
mkdir -p "$C"
cat > "$C/head.txt" <<'END'
Paraguay recalls its ambassador

The government said on Monday it would review its trade policy. Talks continue. Officials met later.
END
cat > "$C/deep.txt" <<'END'
Grain prices climb

Grain prices rose on Monday. Traders said supply was tight. Stocks fell. Buyers waited. Sellers held out. Later a trader in Paraguay said little.
END
cat > "$C/many.txt" <<'END'
Markets wait

Traders waited on Monday. Prices held. Stocks fell. Later Paraguay said it would sell. Paraguay has grain. Paraguay ships it south.
END
run "$NEWSDEX" index -q --db "$T/c.db" "$C"
check_eq "small index" "$rc" 0
ids() { run "$NEWSDEX" search --db "$T/c.db" --json "$@"; json '" ".join(sorted(h["id"].split("/")[-1] for h in j["hits"]))'; }
check_eq "place: mentioned anywhere" "$(ids place:Paraguay)" "deep.txt head.txt many.txt"
check_eq "about: headline or most named" "$(ids about:Paraguay)" "head.txt many.txt"
run "$NEWSDEX" search --db "$T/c.db" --json --facets about,place Paraguay
check_eq "about count" "$(json '[v["count"] for v in j["facets"]["about"] if v["value"] == "Paraguay"]')" "[2]"
check_eq "place count" "$(json '[v["count"] for v in j["facets"]["place"] if v["value"] == "Paraguay"]')" "[3]"

# The search page: "Main subjects" with about: links.
if [ -n "${NEWSDEX_CGI:-}" ]; then
    body=$(NEWSDEX_DB=$DB NEWSDEX_CGI_LOCKDIR=$T/slots QUERY_STRING='q=NATO' \
           REQUEST_METHOD=GET "$NEWSDEX_CGI" 2>"$T/cgi.err")
    check "page: Main subjects" grep -q 'Main subjects' <<<"$body"
    check "page: about facet" grep -q 'data-facet="about"' <<<"$body"
    check "page: about filter link" grep -q 'f=about%3ANATO' <<<"$body"
    body=$(NEWSDEX_DB=$DB NEWSDEX_CGI_LOCKDIR=$T/slots QUERY_STRING='q=NATO&f=about%3ALavrov' \
           REQUEST_METHOD=GET "$NEWSDEX_CGI" 2>"$T/cgi.err")
    check "page: about filter chip" grep -q '<b>Main subjects:</b> Lavrov' <<<"$body"
fi
finish
