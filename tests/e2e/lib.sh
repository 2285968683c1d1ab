# lib.sh — helpers for the end-to-end tests: run the CLI as a user would
# and count checks.  Sourced by tests/e2e/*.sh; ctest sets NEWSDEX,
# NX_SOURCE_DIR, NX_SHARED_DIR and NX_TMP.
set -u
: "${NEWSDEX:?set by ctest}" "${NX_SOURCE_DIR:?}" "${NX_TMP:=/tmp}"
passed=0
failed=0
mkdir -p "$NX_TMP"
T=$(mktemp -d "$NX_TMP/e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND... : the command must succeed
    local what=$1; shift
    if "$@"; then ok; else bad "$what"; fi
}
check_eq() { # check_eq DESCRIPTION GOT WANT
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
# run CMD...: sets $out, $err and $rc.
run() {
    out=$("$@" 2>"$T/stderr"); rc=$?
    err=$(cat "$T/stderr")
}
# json EXPR: evaluates a Python expression over the JSON in $out (as j).
json() {
    printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}
# check_shard_down STUB SHARD UP_STUB: with SHARD of STUB down, a search
# fails naming it (exit 3); with --allow-partial it answers what UP_STUB
# (the shards still up) answers, saying which shard is missing.  Leaves
# that answer in $out.
check_shard_down() {
    run "$NEWSDEX" search --db "$3" --json said
    local up_total
    up_total=$(json 'j["total"]')
    run "$NEWSDEX" search --db "$1" --json said
    check_eq "shard down: exit 3" "$rc" 3
    check "shard down: named" grep -q "shard $2 is unavailable" <<<"$err"
    run "$NEWSDEX" search --db "$1" --json --allow-partial said
    check_eq "partial: exit 0" "$rc" 0
    check_eq "partial flag" "$(json 'j["partial"]')" "True"
    check_eq "missing shard" "$(json '",".join(j["missing_shards"])')" "$2"
    check "partial warning" grep -q "partial results" <<<"$err"
    check_eq "partial = the shards up" "$(json 'j["total"]')" "$up_total"
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
