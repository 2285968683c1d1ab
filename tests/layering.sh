#!/bin/bash
# layering.sh — the layering rule of the top-level CMakeLists.txt, checked
# over product code: the #include "..." lines of every .c, .cc and .h, the
# nx_* libraries each module's CMakeLists.txt links, and writer calls made
# from cli/ or cgi/.  Each offence is printed as FILE:LINE: why.
#
#   tests/layering.sh [SOURCE_DIR]               check the tree (exit 1 on
#                                                any offence)
#   tests/layering.sh --self-test [SOURCE_DIR]   first check a temporary tree
#                                                with a bad include, link and
#                                                writer call planted (each
#                                                must be caught, nothing
#                                                else), then the tree
#
# An include is placed by its file name: a header of the including file's
# own module is that module's, otherwise the module holding a header of
# that name (names are unique across modules); anything else (libc,
# Xapian, cJSON) is outside the rule.
set -u

MODULES="base shim facets extract indexer query cli cgi"

# may MODULE DEP: succeeds when MODULE may include or link DEP.
may() {
    [ "$1" = "$2" ] && return 0
    case "$1:$2" in
        base:*) return 1 ;;                  # nothing of the project
        shim:base | facets:base) return 0 ;;
        shim:* | facets:*) return 1 ;;
        extract:facets | extract:base) return 0 ;;
        extract:*) return 1 ;;
        indexer:query | indexer:cli | indexer:cgi) return 1 ;;
        query:indexer | query:cli | query:cgi) return 1 ;;
        cgi:indexer | cgi:cli) return 1 ;;
        cli:cgi) return 1 ;;
    esac
    return 0
}

lib_module() {
    case "$1" in
        nx_base) echo base ;;      nx_shim) echo shim ;;
        nx_facets) echo facets ;;  nx_extract) echo extract ;;
        nx_indexer) echo indexer ;; nx_query) echo query ;;
        nx_cgi) echo cgi ;;
    esac
}

# check ROOT: prints every offence in the tree at ROOT.
check() {
    local root=$1 m f h
    declare -A owner=() own=()
    for m in $MODULES; do
        [ -d "$root/$m" ] || continue
        while IFS= read -r h; do
            owner[${h##*/}]=$m
            own[$m/${h##*/}]=1
        done < <(find "$root/$m" -name '*.h')
    done
    for m in $MODULES; do
        [ -d "$root/$m" ] || continue
        while IFS= read -r f; do
            local rel=${f#"$root"/} ln inc dep
            while IFS=: read -r ln inc; do
                inc=${inc#*\"}
                inc=${inc%%\"*}
                inc=${inc##*/}
                if [ -n "${own[$m/$inc]:-}" ]; then
                    dep=$m
                else
                    dep=${owner[$inc]:-}
                fi
                if [ -n "$dep" ] && ! may "$m" "$dep"; then
                    echo "$rel:$ln: $m/ includes $dep/ ($inc)"
                fi
            done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f")
            if [ "$m" = cli ] || [ "$m" = cgi ]; then
                grep -noE '\bnx_writer[a-z_]*\b' "$f" | while IFS=: read -r ln inc; do
                    echo "$rel:$ln: $m/ uses the writer ($inc): write through indexer/"
                done
            fi
        done < <(find "$root/$m" \( -name '*.c' -o -name '*.cc' -o -name '*.h' \) | sort)
        f=$root/$m/CMakeLists.txt
        [ -f "$f" ] || continue
        # The libraries named inside target_link_libraries( ... ).
        awk '/target_link_libraries[[:space:]]*\(/ { on = 1 }
             on { line = $0; sub(/#.*/, "", line)
                  while (match(line, /nx_[a-z]+/)) {
                      print NR ":" substr(line, RSTART, RLENGTH)
                      line = substr(line, RSTART + RLENGTH)
                  }
                  if ($0 ~ /\)/) on = 0 }' "$f" |
        while IFS=: read -r ln lib; do
            dep=$(lib_module "$lib")
            if [ -n "$dep" ] && ! may "$m" "$dep"; then
                echo "${f#"$root"/}:$ln: $m/ links $dep/ ($lib)"
            fi
        done
    done
}

self_test() {
    local t got want tmp=${NX_TMP:-${TMPDIR:-/tmp}}
    mkdir -p "$tmp" && t=$(mktemp -d "$tmp/layering.XXXXXX") || return 1
    mkdir -p "$t/base" "$t/facets" "$t/extract" "$t/query" "$t/cli"
    printf '#define NX_OK 0\n' > "$t/base/nx_status.h"
    printf '#include "nx_status.h"\n' > "$t/facets/nx_facets.h"
    printf '#include "nx_facets.h"\n' > "$t/query/nx_query.h"
    printf '#include <stdio.h>\n#include "nx_facets.h"\n' > "$t/extract/ok.c"
    printf 'target_link_libraries(nx_facets PUBLIC nx_base)\n' > "$t/facets/CMakeLists.txt"
    printf '#include "nx_query.h"\nint main(void) { return 0; }\n' > "$t/cli/main.c"
    got=$(check "$t")
    if [ -n "$got" ]; then
        echo "layering self-test: a clean tree was refused:"
        echo "$got"
        rm -rf "$t"
        return 1
    fi
    printf '/* planted */\n#include "nx_query.h"\n' > "$t/extract/bad.c"
    printf 'target_link_libraries(nx_facets PUBLIC nx_base\n  nx_query)\n' > "$t/facets/CMakeLists.txt"
    printf '#include "nx_query.h"\n\nint f(void) { return nx_writer_open(0); }\n' > "$t/cli/bad.c"
    got=$(check "$t")
    want='cli/bad.c:3: cli/ uses the writer (nx_writer_open): write through indexer/
extract/bad.c:2: extract/ includes query/ (nx_query.h)
facets/CMakeLists.txt:2: facets/ links query/ (nx_query)'
    rm -rf "$t"
    if [ "$(sort <<<"$got")" != "$want" ]; then
        echo "layering self-test: planted offences not reported as expected"
        echo "got:"; echo "$got"; echo "want:"; echo "$want"
        return 1
    fi
    echo "layering self-test: the planted include, link and writer call were caught"
}

selftest=0
if [ "${1:-}" = "--self-test" ]; then
    selftest=1
    shift
fi
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
if [ ! -d "$root/base" ]; then
    echo "layering: $root is not a newsdex source tree (no base/)" >&2
    exit 2
fi
if [ $selftest = 1 ]; then
    self_test || exit 1
fi
offences=$(check "$root")
if [ -n "$offences" ]; then
    echo "layering: dependencies against the rule in CMakeLists.txt:"
    echo "$offences"
    exit 1
fi
echo "layering: the modules follow the rule ($MODULES)"
