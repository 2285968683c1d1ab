#!/bin/bash
# End-to-end: what the CLI prints for a person at a terminal never carries
# control characters from its input: a query (or an argument echoed in an
# error) holding ESC, BEL, CR or C1 controls is shown with them escaped
# (\x1b), so it cannot move the cursor, retitle the window or clear it.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
printf '{"id":"a","title":"Alpha","body":"nothing to see"}\n' >"$T/a.jsonl"
run "$NEWSDEX" index -q --db "$DB" "$T/a.jsonl"
check_eq "index" "$rc" 0
# no_controls TEXT: no C0 control but newline, no DEL, no C1 (UTF-8 c2 80..9f)
no_controls() {
    printf '%s' "$1" | python3 -c '
import sys
b = sys.stdin.buffer.read()
bad = [c for c in b if (c < 0x20 and c != 0x0a) or c == 0x7f]
t = b.decode("utf-8", "replace")
bad += [c for c in t if 0x80 <= ord(c) <= 0x9f]
sys.exit(1 if bad else 0)'
}

q=$'zzq\e]0;owned\a\e[2J\r\xc2\x9b31m'
run "$NEWSDEX" search --db "$DB" "$q"
check_eq "no match: exit 1" "$rc" 1
check "no control characters in the output" no_controls "$out"
check "the query shown escaped" grep -qF 'No articles match "zzq\x1b]0;owned\x07\x1b[2J\x0d\xc2\x9b31m".' <<<"$out"
# With a match, the header echoes the query too.
run "$NEWSDEX" search --db "$DB" $'alpha OR \e[5mzz'
check_eq "a match: exit 0" "$rc" 0
check "header without controls" no_controls "$out"
check "header escaped" grep -qF 'matches "alpha OR \x1b[5mzz"' <<<"$out"
# Invalid UTF-8 is shown as bytes, not passed through.
run "$NEWSDEX" search --db "$DB" $'zzq\xff'
check "invalid UTF-8 escaped" grep -qF 'No articles match "zzq\xff".' <<<"$out"
# Plain text is unchanged (accents, quotes, backslashes).
run "$NEWSDEX" search --db "$DB" 'Zürich "x y" a\b'
check "plain text as given" grep -qF 'No articles match "Zürich "x y" a\b".' <<<"$out"
# Arguments echoed in errors.
run "$NEWSDEX" search --db "$DB" --sort $'\e[2Jdate' alpha
check_eq "bad --sort: exit 2" "$rc" 2
check "error without controls" no_controls "$err"
check "error escaped" grep -qF -- '--sort is relevance or date, not "\x1b[2Jdate"' <<<"$err"
run "$NEWSDEX" facets --db "$DB" $'by\e[1m'
check_eq "bad facet: exit 2" "$rc" 2
check "facet error without controls" no_controls "$err"

# File names in reports and summary lines: a name holding a newline or ESC
# stays one line, escaped (\x0a, \x1b), on index, reindex and rebuild.
mkdir -p "$T/src"
bad=$'$T/src/evil\n\e[2Jname.jsonl'
bad="${bad/\$T/$T}"
printf '{"id":"b","title":"Beta","body":"text"}\nnot json\n' >"$bad"
run "$NEWSDEX" index --db "$T/db2" "$bad"
check_eq "index of a bad record: exit 1" "$rc" 1
check "index report without controls" no_controls "$err"
check "index report escaped, one line" grep -qF 'evil\x0a\x1b[2Jname.jsonl:2: skipped:' <<<"$err"
check_eq "one line per report (and the summary)" "$(grep -c '' <<<"$err")" 2
dbx=$'$T/db\e]0;x\a3'
dbx="${dbx/\$T/$T}"
run "$NEWSDEX" rebuild --db "$dbx" "$T/src"
check_eq "rebuild of a bad record: exit 1" "$rc" 1
check "rebuild summary without controls" no_controls "$out"
check "rebuild summary escaped" grep -qF 'db\x1b]0;x\x073: generation' <<<"$out"
check "rebuild report escaped" grep -qF 'evil\x0a\x1b[2Jname.jsonl:2: skipped:' <<<"$err"
run "$NEWSDEX" reindex --db "$dbx" "$T/src"
check "reindex summary without controls" no_controls "$out"
check "reindex summary escaped" grep -qF 'db\x1b]0;x\x073: ' <<<"$out"

finish
