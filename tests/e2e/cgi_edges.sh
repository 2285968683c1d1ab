#!/bin/bash
# End-to-end: newsdex.cgi at the edges of its input — a 400 page whose
# message quotes a long parameter stays valid UTF-8.
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

finish
