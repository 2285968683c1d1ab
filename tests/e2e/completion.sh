#!/bin/bash
# The bash completion (scripts/newsdex.bash-completion) completes commands,
# each command's options and facet names, as bash-completion calls it.
. "$(dirname "$0")/lib.sh"
BC=/usr/share/bash-completion/bash_completion
if [ ! -r "$BC" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "FAIL: bash-completion is not installed (scripts/install-deps installs it)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "skipped: bash-completion is not installed — run scripts/install-deps"
    exit 77
fi
# complete LINE: what bash would offer after LINE (words split on spaces;
# a trailing space starts a new word).
complete_line() {
    bash -c '
        . "$1" >/dev/null 2>&1; . "$2"
        compopt() { :; }   # a builtin that works only inside real completion
        read -ra COMP_WORDS <<<"$3"
        [[ $3 == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=$3 COMP_POINT=${#3}
        _newsdex newsdex "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
        _ "$BC" "$NX_SOURCE_DIR/scripts/newsdex.bash-completion" "$1"
}
check_eq "commands" "$(complete_line 'newsdex re')" "rebuild reindex "
check_eq "all commands" "$(complete_line 'newsdex ' | wc -w)" 13
check_eq "quotes --format values" "$(complete_line 'newsdex quotes --format ')" "csv jsonl "
check_eq "quotes options" "$(complete_line 'newsdex quotes --fo')" "--format "
check_eq "search options" "$(complete_line 'newsdex search --fa')" "--facet-limit --facets "
check_eq "rebuild options" "$(complete_line 'newsdex rebuild --co')" "--compact "
check_eq "--sort values" "$(complete_line 'newsdex search --sort ')" "date relevance "
check_eq "--facets list" "$(complete_line 'newsdex search --facets by,pe')" "by,person "
check_eq "--filter facet" "$(complete_line 'newsdex search --filter pl')" "place: "
check_eq "facets FACET" "$(complete_line 'newsdex facets ')" "about author by byany category month org person place year "
check_eq "query field" "$(complete_line 'newsdex search b')" "by: byany: "
check_eq "query field about:" "$(complete_line 'newsdex search ab')" "about: "
# Every option of every command's --help is offered.
for c in $("$NEWSDEX" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
    offered=" $(complete_line "newsdex $c -")"
    for o in $("$NEWSDEX" "$c" --help | grep -oE -- '(^| |\[)--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+' | sort -u); do
        case $offered in *" $o "*) ok ;; *) bad "$c: $o not completed" ;; esac
    done
done
finish
