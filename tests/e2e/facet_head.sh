#!/bin/bash
# End-to-end: a damaged facet head file (nx-facets.idx) never gives wrong
# counts: it is checked (magic, size, checksum) and, when bad, facets are
# counted from the index itself, with a warning in `stats`.  An empty
# XAPIANDB stub is an error (exit 3, naming it), not an empty database.
. "$(dirname "$0")/lib.sh"
D="$T/db"
"$NEWSDEX" index -q --db "$D" "$NX_SOURCE_DIR/corpus"
H="$D/gen-000001/nx-facets.idx"
check "the head file is written" test -s "$H"
answer() { "$NEWSDEX" search --db "$D" --json --limit 0 --facets by,person,org,place,year "$1"; }
want_all=$(answer "")
want_said=$(answer said)
run "$NEWSDEX" stats --db "$D" --json
check_eq "sound file: no warning" "$(json 'j.get("warnings", [])')" "[]"
cp "$H" "$T/good.idx"

# Table: how the file is damaged | what the warning says.
while IFS='|' read -r what damage why; do
    cp "$T/good.idx" "$H"
    python3 - "$H" <<PY
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
$damage
open(p, "wb").write(bytes(b))
PY
    check_eq "$what: counts over all" "$(answer "")" "$want_all"
    check_eq "$what: counts over some" "$(answer said)" "$want_said"
    run "$NEWSDEX" stats --db "$D" --json
    check_eq "$what: stats exit" "$rc" 0
    check "$what: stats warns ($why)" grep -q "nx-facets.idx.*$why" <<<"$(json '"\n".join(j["warnings"])')"
    run "$NEWSDEX" stats --db "$D"
    check "$what: text stats warns" grep -q "^warning .*counted from the index" <<<"$out"
done <<'EOF2'
a count changed|b[len(b) // 2] ^= 0x01|checksum
the counts zeroed|b[60:] = bytes(len(b) - 60)|checksum
truncated|del b[len(b) - 7:]|size
bad magic|b[0:4] = b"XXXX"|magic
EOF2
# The next writer rewrites it.
printf '%s\n' '{"id": "n-1", "title": "Harbour", "body": "The bridge."}' | "$NEWSDEX" index -q --db "$D" -
run "$NEWSDEX" stats --db "$D" --json
check_eq "rewritten by the next write: no warning" "$(json 'j.get("warnings", [])')" "[]"

# An empty stub names no database: an error naming it, for every reader.
: >"$D/XAPIANDB"
for cmd in "stats" "search said" "show n-1" "facets by"; do
    run "$NEWSDEX" ${cmd%% *} --db "$D" ${cmd#* }
    [ "$cmd" = stats ] && run "$NEWSDEX" stats --db "$D"
    check_eq "empty stub: ${cmd%% *} exit 3" "$rc" 3
    check "empty stub: ${cmd%% *} names it" grep -q "$D/XAPIANDB.*empty" <<<"$err"
done
printf '# only a comment\n\n' >"$D/XAPIANDB"
run "$NEWSDEX" stats --db "$D"
check_eq "comment-only stub: exit 3" "$rc" 3
# A stub file of shards that names none, likewise.
: >"$T/shards.stub"
run "$NEWSDEX" stats --db "$T/shards.stub"
check_eq "empty shard stub: exit 3" "$rc" 3
check "empty shard stub: named" grep -q "shards.stub.*empty" <<<"$err"
finish
