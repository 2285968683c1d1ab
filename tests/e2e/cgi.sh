#!/bin/bash
# End-to-end: newsdex.cgi as a web server runs it (QUERY_STRING,
# REQUEST_METHOD) and from the command line (NAME=VALUE) over the bundled
# corpus — the page, format=json against the CLI's --json, status codes,
# bounds, query errors, the empty-result advice and the concurrency cap.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
DB="$T/db"
SEED=corpus/seed/000_72c455ca92978c17.txt
run "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0
export NEWSDEX_DB=$DB NEWSDEX_CGI_LOCKDIR=$T/slots

# get QUERY_STRING [METHOD]: sets $status, $headers and $body.
get() {
    QUERY_STRING=$1 REQUEST_METHOD=${2:-GET} "$NEWSDEX_CGI" >"$T/resp" 2>"$T/stderr"
    status=$(head -1 "$T/resp" | tr -d '\r' | cut -d' ' -f2)
    headers=$(sed '/^\r$/q' "$T/resp" | tr -d '\r')
    body=$(sed '1,/^\r$/d' "$T/resp")
}
has() { grep -qF -- "$1" <<<"$body"; }
header() { grep -i "^$1:" <<<"$headers" | cut -d' ' -f2- ; }

# The design-card query: the seed article first, speakers in the sidebar.
get 'q=NATO+AND+Ukraine+by%3ALavrov'
check_eq "design query status" "$status" 200
check_eq "html content type" "$(header Content-Type)" "text/html; charset=utf-8"
first=$(grep -o '<li class="hit">.*' <<<"$body" | head -1)
check "seed article first" grep -q 'Putin calls for guarantees that NATO will not expand' <<<"$first"
check "snippet highlights" has '<mark>NATO</mark>'
check "query kept in the box" has 'value="NATO AND Ukraine by:Lavrov"'
check "speaker facet" has 'data-facet="by"'
check "Lavrov in the speakers" has '<span class="name" title="Sergey Lavrov">Sergey Lavrov</span>'
check "entity links filter" has 'href="?q=NATO%20AND%20Ukraine%20by%3ALavrov&amp;f=by%3AJoe%20Biden"'
check_eq "no stderr" "$(cat "$T/stderr")" ""

# Security headers.
check "CSP" grep -q "^default-src 'none'; style-src 'sha256-" <<<"$(header Content-Security-Policy)"
check "CSP frame-ancestors" grep -q "frame-ancestors 'none'" <<<"$(header Content-Security-Policy)"
check "CSP form-action" grep -q "form-action 'self'" <<<"$(header Content-Security-Policy)"
check_eq "nosniff" "$(header X-Content-Type-Options)" "nosniff"
check_eq "referrer policy" "$(header Referrer-Policy)" "no-referrer"
# The CSP hash is the hash of the inline stylesheet.
css_hash=$(python3 -c '
import base64, hashlib, re, sys
html = sys.stdin.read()
css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
print("sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode())' <<<"$body")
check "CSP hash matches the stylesheet" grep -qF "'$css_hash'" <<<"$(header Content-Security-Policy)"

# format=json is exactly `newsdex search --json` with the same options.
same_json() { # same_json QUERY_STRING CLI-ARGS...
    local qs=$1; shift
    get "$qs"
    local want
    want=$("$NEWSDEX" search --db "$DB" --json "$@" 2>/dev/null)
    check_eq "json $qs" "$body" "$want"
    check_eq "json content type $qs" "$(header Content-Type)" "application/json"
}
same_json 'q=NATO+AND+Ukraine+by%3ALavrov&format=json' 'NATO AND Ukraine by:Lavrov'
same_json 'q=president&format=json&sort=date&page=2' --sort date --offset 10 president
same_json 'q=&f=person%3APutin&f=person%3ABiden&format=json' --filter person:Putin --filter person:Biden ''
same_json 'q=NATO&f=place%3AUkraine&f=year%3A2022&format=json' --filter place:Ukraine --filter year:2022 NATO

# Filters: ORed within a facet, ANDed across; disjunctive counts; chips.
get 'q=&f=person%3APutin&f=person%3ABiden'
check "two filters, two chips" test "$(grep -o 'class="chip"' <<<"$body" | wc -l)" -eq 2
check "ticked values shown ticked" has '<a class="fv on"'
check "remove-one link" has 'href="?q=&amp;f=person%3ABiden"'

# The histogram: bars link to year filters; months within two years.
get 'q=NATO'
check "histogram" has '<section class="hist"'
check "year bars" has 'data-period="2022" href="?q=NATO&amp;f=year%3A2022"'
get 'q=NATO&f=year%3A2022'
check "month bars within a year" has 'Published, by month'
check "month bar link" grep -q 'data-period="2022-[01][0-9]" href="?q=NATO&amp;f=year%3A2022&amp;f=month%3A2022-' <<<"$body"

# Sort and pages.
get 'q=&sort=date'
check "sort by date kept in the form" has '<input type="hidden" name="sort" value="date">'
check "next page link" has 'id="next" href="?q=&amp;sort=date&amp;page=2"'
get 'q=&page=5'
check "page 5" has 'class="cur" aria-current="page">5</span>'
get 'q=NATO&page=1000'
check_eq "past the last page" "$status" 200
check "past the last page says so" has 'No more results'

# Did you mean.
get 'q=Stoltenbreg'
check "did you mean" has 'Did you mean <a id="suggestion" rel="nofollow" href="?q=stoltenberg">stoltenberg</a>?'

# Empty results suggest loosening each filter.
get 'q=NATO&f=by%3AShoigu&f=year%3A2022'
check "no results" has 'id="no-results"'
check "remove by:Shoigu" has '<a rel="nofollow" href="?q=NATO&amp;f=year%3A2022">Remove Quoted: Shoigu</a>'
check "remove year" has '<a rel="nofollow" href="?q=NATO&amp;f=by%3AShoigu">Remove Years: 2022</a>'

# A query error is shown in the page, 200, with the reason.
get 'q=date%3A2021-13..2022'
check_eq "query error status" "$status" 200
check "query error reason" has 'invalid date &quot;2021-13&quot;'
get 'q=date%3A2021-13..2022&format=json'
check_eq "query error json status" "$status" 400
check_eq "query error json" "$(out=$body; json 'j["parameter"]')" "q"

# Bad requests: 400 naming the parameter.
bad_request() { # bad_request QUERY_STRING PARAM
    get "$1"
    check_eq "400 for ${1:0:40}" "$status" 400
    check_eq "names $2 for ${1:0:40}" "$(header X-Newsdex-Bad-Parameter)" "$2"
    check "page names $2 for ${1:0:40}" grep -qiF "$2" <<<"$(grep -o '<div class="bad">.*' <<<"$body")"
}
long=$(printf 'a%.0s' $(seq 1001))
bad_request "q=$long" q
get "q=${long:0:1000}"
check_eq "1000-byte q is fine" "$status" 200
filters=$(for i in $(seq 17); do printf '&f=person:p%d' "$i"; done)
bad_request "q=x$filters" f
bad_request 'page=1001' page
bad_request 'page=0' page
bad_request 'page=2x' page
bad_request 'page=-1' page
bad_request 'sort=newest' sort
bad_request 'format=xml' format
bad_request 'q=a%zz' q
bad_request 'q=a%4' q
bad_request 'q=%ff%fe' q
bad_request 'q=%c0%af' q
bad_request 'q=%ed%a0%80' q
bad_request 'q=a%00b' q
bad_request 'f=nosuchfacet%3Ax' f
bad_request 'f=year%3A87' f
bad_request 'f=month%3A2022-13' f
bad_request 'f=by%3A' f
bad_request 'q=a&q=b' q
bad_request "q=$(printf 'x%.0s' $(seq 8200))" QUERY_STRING
# Unknown parameters are ignored; the database never comes from a request.
get 'q=NATO&NEWSDEX_DB=%2Fetc&db=%2Fetc&x=%zz'
check_eq "unknown parameters ignored" "$status" 200
check "still our database" has 'Putin calls for guarantees'

# Methods: GET and HEAD; others 405.
get 'q=NATO' HEAD
check_eq "HEAD status" "$status" 200
check_eq "HEAD has no body" "$body" ""
for m in POST PUT DELETE OPTIONS; do
    get 'q=NATO' $m
    check_eq "$m is 405" "$status" 405
    check_eq "$m Allow" "$(header Allow)" "GET, HEAD"
done

# From the command line, like Omega: NAME=VALUE arguments, not encoded.
out=$(env -u REQUEST_METHOD -u QUERY_STRING "$NEWSDEX_CGI" 'q=NATO AND Ukraine' f=place:Ukraine format=json | sed '1,/^\r$/d')
check_eq "command line" "$out" "$("$NEWSDEX" search --db "$DB" --json --filter place:Ukraine 'NATO AND Ukraine')"
out=$(env -u REQUEST_METHOD -u QUERY_STRING "$NEWSDEX_CGI" 'page=0' | head -1 | tr -d '\r')
check_eq "command line bad page" "$out" "Status: 400 Bad Request"

# No database: 503 with our own page, the reason in the server's log.
NEWSDEX_DB=$T/nothing get 'q=NATO'
check_eq "no database 503" "$status" 503
check "no database logged" grep -q 'newsdex.cgi: ' "$T/stderr"
check "no database page" has 'Search is unavailable'

# The concurrency cap: with every slot held, 503 and Retry-After.
mkdir -p "$T/slots"
if command -v flock >/dev/null; then
    # The holder becomes `sleep` with the locked descriptor: killing it
    # frees the slot.
    ( exec 9>"$T/slots/slot-0"; flock 9; exec sleep 30 ) & holder=$!
    for i in $(seq 50); do flock -n "$T/slots/slot-0" true 2>/dev/null || break; sleep 0.1; done
    NEWSDEX_CGI_SLOTS=1 get 'q=NATO'
    check_eq "over the cap: 503" "$status" 503
    check_eq "over the cap: Retry-After" "$(header Retry-After)" "2"
    NEWSDEX_CGI_SLOTS=2 get 'q=NATO'
    check_eq "a free slot: 200" "$status" 200
    kill "$holder"; wait "$holder" 2>/dev/null
    NEWSDEX_CGI_SLOTS=1 get 'q=NATO'
    check_eq "slot freed: 200" "$status" 200
fi
# A lock directory owned by someone else is not used (nor written into).
check "lock files are private" test "$(stat -c %a "$T/slots")" = 700

# The time limit: a search stopped by it says so in the page.
NEWSDEX_CGI_TIME_LIMIT_MS=1 get 'q=the+OR+a+OR+of+OR+to'
check_eq "time-limited status" "$status" 200
finish
