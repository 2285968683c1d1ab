#!/bin/bash
# The man pages (man/*.scd, built by scdoc) format without a warning from
# man/groff, and newsdex(1) documents every command and every option that
# `newsdex COMMAND --help` shows, the exit codes and the environment
# variables the code reads.
. "$(dirname "$0")/lib.sh"
: "${NX_BUILD_DIR:?set by ctest}"
M=$NX_BUILD_DIR/man
if ! command -v man >/dev/null || ! command -v scdoc >/dev/null; then
    if [ "${CI:-}" = "true" ]; then
        echo "FAIL: man or scdoc is not installed (scripts/install-deps installs them)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "skipped: man or scdoc is not installed — run scripts/install-deps"
    exit 77
fi
pages=$(cd "$NX_SOURCE_DIR/man" && ls ./*.scd | sed 's|^\./||; s|\.scd$||')
for p in $pages; do
    check "$p built" test -s "$M/$p"
    run env MANWIDTH=80 man --warnings -E UTF-8 -l "$M/$p"
    check_eq "$p: no warnings" "$err" ""
    check "$p: has NAME and SEE ALSO" grep -q 'SEE ALSO' <<<"$out"
done
for p in newsdex.1 newsdex-reindex.8 newsdex-rebuild.8 newsdex-shards.8 \
         newsdex-replica.8 newsdex.cgi.8; do
    check "page $p exists" test -s "$M/$p"
done

page=$(MANWIDTH=200 man -E UTF-8 -l "$M/newsdex.1" 2>/dev/null | sed 's/.\x08//g')
commands=$("$NEWSDEX" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }')
check "newsdex --help lists commands" test -n "$commands"
for c in $commands; do
    check "newsdex(1) has a section for $c" grep -qE "^   $c\$" <<<"$page"
    for o in $("$NEWSDEX" "$c" --help | grep -oE -- '(^| |\[)--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+' | sort -u); do
        check "newsdex(1) documents $c $o" grep -qF -- "$o" <<<"$page"
    done
done
for s in "EXIT STATUS" "QUERY SYNTAX" ENVIRONMENT; do
    check "newsdex(1) has $s" grep -qx "$s" <<<"$page"
done
for v in $(cd "$NX_SOURCE_DIR" && grep -rhoE 'getenv\("NEWSDEX_[A-Z_]+"\)' cli indexer query extract facets base |
           grep -oE 'NEWSDEX_[A-Z_]+' | sort -u); do
    check "newsdex(1) documents \$$v" grep -qF "$v" <<<"$page"
done
cgi=$(MANWIDTH=200 man -E UTF-8 -l "$M/newsdex.cgi.8" 2>/dev/null)
for v in $(cd "$NX_SOURCE_DIR" && grep -rhoE 'NEWSDEX_CGI_[A-Z_]+' cgi/*.c | sort -u); do
    check "newsdex.cgi(8) documents \$$v" grep -qF "$v" <<<"$cgi"
done
finish
