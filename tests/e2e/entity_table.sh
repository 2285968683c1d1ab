# entity_table.sh — the archive's entity table as a newsroom meets it:
# a rebuild resolves a surname alone to the full name of its period
# (Gerhard Stoltenberg in 1987, Jens in 2015), `newsdex entities --db`
# lists what it decided, corrections with --entities FILE win and are
# kept, a bad corrections file changes nothing and names its line, and
# `index` resolves new articles with the stored table.
. "$(dirname "$0")/lib.sh"

A="$T/archive.jsonl"
n=0
art() { # art DATE TEXT
    n=$((n + 1))
    python3 -c 'import json,sys; print(json.dumps({"id": "a%s" % sys.argv[1], "date": sys.argv[2], "title": "Story %s" % sys.argv[1], "body": sys.argv[3]}))' "$n" "$1" "$2" >>"$A"
}
for i in 1 2 3; do
    art 1987-03-0$i "West German Finance Minister Gerhard Stoltenberg said on day $i that the mark was stable and rates would hold."
done
art 1987-04-01 "Finance Minister Stoltenberg told parliament in Bonn that the budget would balance."
art 1987-04-02 "Stoltenberg said in Bonn that West Germany would not cut rates this month."
for i in 1 2 3; do
    art 2015-05-0$i "NATO Secretary General Jens Stoltenberg said on day $i that allies would meet in Brussels."
done
art 2015-06-01 "In Brussels, Stoltenberg said NATO would send more ships to the Baltic."

D="$T/db"
run "$NEWSDEX" rebuild -q --db "$D" "$A"
check_eq "rebuild: exit 0" "$rc" 0
run "$NEWSDEX" facets --db "$D" --json person
people=$(json '";".join("%s=%d" % (v["value"], v["count"]) for v in j["values"])')
check "1987's surname alone is Gerhard" grep -q "Gerhard Stoltenberg=5" <<<"$people"
check "2015's is Jens" grep -q "Jens Stoltenberg=4" <<<"$people"
check "no Stoltenberg left alone" bash -c '! grep -q "\(^\|;\)Stoltenberg=" <<<"$1"' _ "$people"
run "$NEWSDEX" search --db "$D" --json 'person:Stoltenberg'
check_eq "person:Stoltenberg still finds all nine" "$(json 'j["total"]')" 9

# jobs 1 and 2 build the same table
run "$NEWSDEX" rebuild -q --jobs 2 --db "$T/db2" "$A"
check_eq "parallel rebuild: exit 0" "$rc" 0
run "$NEWSDEX" facets --db "$T/db2" --json person
check_eq "parallel rebuild: same people" \
    "$(json '";".join("%s=%d" % (v["value"], v["count"]) for v in j["values"])')" "$people"

# Clubs: the words around a name in some articles ("Newcastle boss")
# make it the club in every article naming two clubs, serial or parallel
# (the parts' spools keep each article's cues); a city story keeps its
# place.
S="$T/sport.jsonl"
sart() { # sart N TEXT
    python3 -c 'import json,sys; print(json.dumps({"id": "s%s" % sys.argv[1], "date": "2005-01-0%s" % sys.argv[1], "title": "Report %s" % sys.argv[1], "body": sys.argv[2]}))' "$1" "$2" >>"$S"
}
sart 1 "Newcastle boss Graeme Souness said his players were tired."
sart 2 "Newcastle manager Graeme Souness praised the crowd."
sart 3 "Chelsea fans sang for Jose Mourinho in London."
sart 4 "Chelsea boss Jose Mourinho said the title race was open."
sart 5 "Newcastle drew with Chelsea in a tense game on Saturday."
sart 6 "Chelsea and Newcastle both lost on Sunday."
sart 7 "Newcastle council approved a new bridge over the river Tyne."
for j in 1 2; do
    run "$NEWSDEX" rebuild -q --jobs $j --db "$T/sport$j" "$S"
    check_eq "sport rebuild --jobs $j: exit 0" "$rc" 0
    run "$NEWSDEX" search --db "$T/sport$j" --json --limit 0 'org:Newcastle'
    check_eq "--jobs $j: Newcastle the club where two clubs play" "$(json 'j["total"]')" 4
    run "$NEWSDEX" search --db "$T/sport$j" --json --limit 10 'place:Newcastle'
    check_eq "--jobs $j: the city story keeps its place" "$(json '[h["id"] for h in j["hits"]]')" "['s7']"
done
run "$NEWSDEX" entities --db "$T/sport1" --json Newcastle
check_eq "entities: why a club" "$(json '[e["why"] for e in j["entities"] if e["name"] == "Newcastle"][0]')" "a sports club where two clubs play"

# the listing
run "$NEWSDEX" entities --db "$D" stoltenberg
check_eq "entities --db: exit 0" "$rc" 0
check "lists Gerhard" grep -q "person  Gerhard Stoltenberg" <<<"$out"
check "with the surname it absorbed" grep -q "also: Stoltenberg" <<<"$out"
run "$NEWSDEX" entities --db "$D" --json --type person stoltenberg
check_eq "json: two people" "$(json 'len(j["entities"])')" 2
check_eq "json: first and last seen" \
    "$(json '[e for e in j["entities"] if e["name"] == "Gerhard Stoltenberg"][0]["first"]')" 1987-03-01
check_eq "json: variants" \
    "$(json '[e for e in j["entities"] if e["name"] == "Jens Stoltenberg"][0]["variants"]')" "['Stoltenberg']"
run "$NEWSDEX" entities --db "$D" --type animal
check_eq "bad --type: exit 2" "$rc" 2
check "bad --type named" grep -q -- "--type animal" <<<"$err"
run "$NEWSDEX" entities --db "$D" nobody-by-this-name
check_eq "no match: exit 1" "$rc" 1
run "$NEWSDEX" stats --db "$D"
check "stats shows the table" grep -q "^entities *computed .* over 9 articles" <<<"$out"

# a new article: resolved with the stored table
python3 -c 'import json; print(json.dumps({"id": "new1", "date": "1987-09-01", "title": "Late", "body": "Stoltenberg said in Bonn that the mark would stay strong."}))' >"$T/new.jsonl"
run "$NEWSDEX" index -q --db "$D" "$T/new.jsonl"
check_eq "index: exit 0" "$rc" 0
run "$NEWSDEX" search --db "$D" --json 'person:"Gerhard Stoltenberg"'
check_eq "the new 1987 article is Gerhard's" "$(json 'j["total"]')" 6

# corrections: a bad file changes nothing and names its line
printf 'rename\tGerhard Stoltenberg\tGerhard Stoltenberg (finance)\nretype\tNATO\tanimal\n' >"$T/bad.tsv"
run "$NEWSDEX" reindex -q --entities "$T/bad.tsv" --db "$D" "$A" "$T/new.jsonl"
check "bad corrections: fails" test "$rc" -ne 0
check "bad corrections: file and line" grep -q "bad.tsv:2: unknown type" <<<"$err"
run "$NEWSDEX" search --db "$D" --json 'person:"Gerhard Stoltenberg"'
check_eq "bad corrections: nothing changed" "$(json 'j["total"]')" 6
run "$NEWSDEX" reindex -q --no-extract --entities "$T/bad.tsv" --db "$D" "$A"
check "--entities without extraction: refused" grep -q "needs\|comes with extraction" <<<"$err"

printf '# our corrections\nrename\tGerhard Stoltenberg\tGerhard Stoltenberg (finance)\ndrop\torg:NATO\n' >"$T/fix.tsv"
run "$NEWSDEX" reindex -q --entities "$T/fix.tsv" --db "$D" "$A" "$T/new.jsonl"
check_eq "corrections: exit 0" "$rc" 0
run "$NEWSDEX" search --db "$D" --json 'person:"Gerhard Stoltenberg (finance)"'
check_eq "rename applied to every article" "$(json 'j["total"]')" 6
run "$NEWSDEX" facets --db "$D" --json org
check "drop applied" bash -c '! grep -q NATO <<<"$1"' _ "$out"
run "$NEWSDEX" entities --db "$D" --json finance
check_eq "listed under its new name" "$(json 'j["entities"][0]["name"]')" "Gerhard Stoltenberg (finance)"
# kept: a reindex without --entities keeps them
printf '{"id": "new2", "date": "1987-09-02", "title": "Later", "body": "Stoltenberg said in Bonn that rates would fall."}\n' >"$T/new2.jsonl"
run "$NEWSDEX" index -q --db "$D" "$T/new2.jsonl"
run "$NEWSDEX" search --db "$D" --json 'person:"Gerhard Stoltenberg (finance)"'
check_eq "kept for new articles" "$(json 'j["total"]')" 7

# the first pass's spool loses nothing: what a rebuild stores is what
# extraction gives (quotes with their offsets, evidence, confidence)
C="$NX_SOURCE_DIR/corpus"
run "$NEWSDEX" rebuild -q --db "$T/corpus.db" "$C"
check_eq "corpus rebuild: exit 0" "$rc" 0
"$NEWSDEX" entities --json --archive "$T/corpus.db" "$C" >"$T/extracted.jsonl"
for id in $(python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1])]' "$T/extracted.jsonl"); do
    "$NEWSDEX" show --db "$T/corpus.db" --json "$id"
    echo
done >"$T/stored.jsonl"
check "rebuild stores what extraction gives" python3 - "$T/extracted.jsonl" "$T/stored.jsonl" <<'PY'
import json, sys
ext = {}
for line in open(sys.argv[1]):
    o = json.loads(line)
    ext[o["id"]] = o
n = q = 0
for line in open(sys.argv[2]):
    if not line.strip():
        continue
    s = json.loads(line)
    e = ext[s["id"]]
    for f in ("person", "org", "place", "by", "by_low", "about"):
        if sorted(s.get(f, [])) != sorted(e.get(f, [])):
            sys.exit("%s %s: stored %s, extracted %s" % (s["id"], f, s.get(f), e.get(f)))
    if s["quotes"] != e["quotes"]:
        sys.exit("%s: quotes differ:\n%s\n%s" % (s["id"], s["quotes"], e["quotes"]))
    n += 1
    q += len(s["quotes"])
if n < 40 or q < 20:
    sys.exit("too few articles (%d) or quotes (%d) compared" % (n, q))
PY

# a database without extraction has no table
run "$NEWSDEX" index -q --no-extract --db "$T/plain" "$A"
run "$NEWSDEX" entities --db "$T/plain"
check_eq "no table: exit 1" "$rc" 1
check "no table: says how to get one" grep -q "rebuild" <<<"$err"
finish
