#!/bin/bash
# End-to-end: newsdex.cgi at the edges of its input — a 400 page whose
# message quotes a long parameter stays valid UTF-8, and the histogram of
# an archive with one absurd date (9999) still shows the real years.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
DB="$T/db"
export NEWSDEX_DB=$DB NEWSDEX_CGI_LOCKDIR=$T/slots

get() { # get QUERY_STRING: sets $status and $body
    QUERY_STRING=$1 REQUEST_METHOD=GET "$NEWSDEX_CGI" >"$T/resp" 2>"$T/stderr"
    status=$(head -1 "$T/resp" | tr -d '\r' | cut -d' ' -f2)
    body=$(sed '1,/^\r$/d' "$T/resp")
}
valid_utf8() { python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <"$1"; }

# A 400 quoting a 250-byte value of two-byte characters: the message is
# cut at a character boundary (it used to end in half a character).
e=$(printf '%%C3%%A9%.0s' $(seq 125))   # é x 125, percent-encoded
get "q=x&f=year:$e"
check_eq "long bad year: 400" "$status" 400
check "400 page is valid UTF-8" valid_utf8 "$T/resp"
check "400 page says a year is YYYY" grep -q "a year is YYYY" <<<"$body"
check "400 message marked as cut" grep -q 'éé\.\.\.' <<<"$body"
# Cut at every alignment: one to three bytes of ASCII first.
for pre in a ab abc; do
    get "q=x&f=year:$pre$e"
    check "400 page valid UTF-8 after '$pre'" valid_utf8 "$T/resp"
done

# The histogram: five real years and one article dated 9999.
for y in 1987 1988 1989 1990 1991; do
    printf '{"id":"y%s","title":"Trade %s","body":"trade talks","date":"%s-03-01"}\n' $y $y $y
done >"$T/years.jsonl"
printf '{"id":"far","title":"Trade far","body":"trade talks","date":"9999-06-01"}\n' >>"$T/years.jsonl"
run "$NEWSDEX" index -q --db "$DB" "$T/years.jsonl"
check_eq "index" "$rc" 0
get 'q=trade'
check_eq "histogram page: 200" "$status" 200
for y in 1987 1988 1989 1990 1991; do
    check "bar for $y" grep -q "data-period=\"$y\"" <<<"$body"
done
check "no bar for 9999" bash -c '! grep -q "data-period=\"9999\"" <<<"$0"' "$body"
check "a handful of bars, not 120" test "$(grep -o '<rect class="bar' <<<"$body" | wc -l)" -le 10
check "the outlier is counted, not hidden" grep -q '1 outside the years shown' <<<"$body"
check "the outlier is not called undated" bash -c '! grep -q "undated" <<<"$0"' "$body"

finish
