#!/bin/bash
# End-to-end: quote: searches inside quoted speech only, bound to the
# query's by: speakers (docs/quotes.md) — over the bundled corpus and a
# small corpus made here whose quotes are known.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SEED=corpus/seed/000_72c455ca92978c17.txt
cd "$NX_SOURCE_DIR" || exit 1
run "$NEWSDEX" index -q --db "$DB" corpus
check_eq "index" "$rc" 0

rc_of() { "$NEWSDEX" search --db "$DB" "$@" >/dev/null 2>&1; echo $?; }
ids() { run "$NEWSDEX" search --db "$DB" --json --limit 100 "$@"; json '" ".join(sorted(h["id"] for h in j["hits"]))'; }
check_eq 'by:Lavrov quote:"playing with fire"' "$(ids 'by:Lavrov quote:"playing with fire"')" "$SEED"
check_eq "... exit 0" "$(rc_of 'by:Lavrov quote:"playing with fire"')" 0
check_eq 'by:Stoltenberg quote:"playing with fire"' "$(ids 'by:Stoltenberg quote:"playing with fire"')" ""
check_eq "... exit 1" "$(rc_of 'by:Stoltenberg quote:"playing with fire"')" 1
check_eq 'quote: alone' "$(ids 'quote:"playing with fire"')" "$SEED"
for by in 'by:lavrov' 'by:"Sergei Lavrov"' 'by:"Sergey Lavrov"'; do
    check_eq "$by binds" "$(ids "$by quote:fire")" "$SEED"
done
check_eq "by: ORed" "$(ids '(by:Stoltenberg OR by:Lavrov) quote:"playing with fire"')" "$SEED"
check_eq "--filter by: binds" "$(ids --filter by:Lavrov 'quote:"playing with fire"')" "$SEED"
check_eq "--filter by: other speaker" "$(ids --filter by:Stoltenberg 'quote:"playing with fire"')" ""
check_eq "unknown speaker: nothing" "$(ids 'by:Nobodyxyzzy quote:fire')" ""
check_eq "unknown speaker: exit 1" "$(rc_of 'by:Nobodyxyzzy quote:fire')" 1
check_eq "NEAR inside a quote" "$(ids 'quote:(playing NEAR fire)')" "$SEED"
check_eq "with text and facets" "$(ids 'NATO by:Lavrov quote:fire year:2021')" \
    "$(ids 'NATO by:Lavrov year:2021')"
# The seed says "sanctions" outside quotes only.
check_eq "sanctions in the body" "$(ids sanctions | grep -c seed/000_)" 1
check_eq "quote:sanctions skips the body" "$(ids 'quote:sanctions' | grep -c seed/000_)" 0

# A small corpus: who says what is known.
C="$T/c"
mkdir -p "$C"
cat > "$C/a1.txt" <<'END'
Ministers trade words over grain

"We will not accept any new sanctions on our grain," Sergey Lavrov said on Monday.

"The harvest must reach the ports," said Antony Blinken.

Officials discussed the harvest and the ports at length.
END
cat > "$C/a2.txt" <<'END'
Talks stall in Geneva

"The harvest talks went nowhere," Sergey Lavrov said.

"We need new sanctions," said Antony Blinken.

Analysts say sanctions loom over the grain talks.
END
DB="$T/small"
run "$NEWSDEX" index -q --db "$DB" "$C"
check_eq "small index" "$rc" 0
A1=c/a1.txt A2=c/a2.txt   # ids: the path under the indexed directory's parent
check_eq "Lavrov on sanctions" "$(ids 'by:Lavrov quote:sanctions')" "$A1"
check_eq "Blinken on sanctions" "$(ids 'by:Blinken quote:sanctions')" "$A2"
check_eq "either on sanctions" "$(ids '(by:Lavrov OR by:Blinken) quote:sanctions')" "$A1 $A2"
# Lavrov's quote and Blinken's word in one article do not combine.
check_eq "Lavrov on ports: no" "$(ids 'by:Lavrov quote:ports')" ""
check_eq "Lavrov on harvest" "$(ids 'by:Lavrov quote:harvest')" "$A2"
check_eq "any speaker on ports" "$(ids 'quote:ports')" "$A1"
check_eq "stemmed like the body" "$(ids 'by:Blinken quote:port')" "$A1"
# A phrase never spans two quotes, nor a quote and the body.
check_eq "phrase across two quotes" "$(ids 'quote:"grain the harvest"')" ""
check_eq "phrase inside one quote" "$(ids 'quote:"new sanctions"')" "$A1 $A2"
check_eq "body words are not quotes" "$(ids 'quote:analysts')" ""
check_eq "negated by: does not bind" "$(ids '-by:Blinken quote:ports')" ""

# Reindexing a changed article drops its old quotes' terms.
cat > "$C/a1.txt" <<'END'
Ministers trade words over grain

"Our grain goes where we decide," Sergey Lavrov said on Monday.

Officials discussed the harvest at length.
END
run "$NEWSDEX" reindex --db "$DB" "$C"
check_eq "reindex" "$rc" 0
check_eq "old quote gone" "$(ids 'by:Lavrov quote:sanctions')" ""
check_eq "old quote gone (any speaker)" "$(ids 'quote:ports')" ""
check_eq "new quote found" "$(ids 'by:Lavrov quote:decide')" "$A1"

# --no-quotes (what quote words cost, docs/quotes.md): no quote: terms,
# the speakers and the quotes themselves stay; reindex without the option
# brings the quote words back (the option is part of the content hash).
run "$NEWSDEX" rebuild -q --no-quotes --db "$DB" "$C"
check_eq "rebuild --no-quotes" "$rc" 0
check_eq "--no-quotes: no quote: match" "$(ids 'quote:decide')" ""
check "--no-quotes: by: stays" grep -qw "$A1" <<<"$(ids 'by:Lavrov')"
run "$NEWSDEX" show --db "$DB" "$A1"
check "--no-quotes: the quote is stored" grep -q 'Our grain goes where we decide' <<<"$out"
run "$NEWSDEX" reindex -q --db "$DB" "$C"
check_eq "reindex with quotes" "$rc" 0
check_eq "quote words back" "$(ids 'by:Lavrov quote:decide')" "$A1"
run "$NEWSDEX" index -q --no-quotes --db "$T/nq" "$C"
check_eq "index --no-quotes" "$rc" 0
run "$NEWSDEX" search --db "$T/nq" 'quote:decide'
check_eq "index --no-quotes: exit 1" "$rc" 1
finish
