#!/bin/bash
# End-to-end: the Quotes view of newsdex.cgi (view=quotes, cgi/quotes.c)
# over the bundled corpus — the page, its links (tabs, speakers, facets,
# pages keep view=quotes), format=json against `newsdex quotes --json`,
# and 400 for a bad view.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
DB="$T/db"
SEED=corpus/seed/000_72c455ca92978c17.txt
run "$NEWSDEX" index -q --db "$DB" "$NX_SOURCE_DIR/corpus"
check_eq "index" "$rc" 0
export NEWSDEX_DB=$DB NEWSDEX_CGI_LOCKDIR=$T/slots

get() {  # get QUERY_STRING: sets $status, $headers and $body
    QUERY_STRING=$1 REQUEST_METHOD=GET "$NEWSDEX_CGI" >"$T/resp" 2>"$T/stderr"
    status=$(head -1 "$T/resp" | tr -d '\r' | cut -d' ' -f2)
    headers=$(sed '/^\r$/q' "$T/resp" | tr -d '\r')
    body=$(sed '1,/^\r$/d' "$T/resp")
}
has() { grep -qF -- "$1" <<<"$body"; }

# The articles page offers the Quotes tab, keeping the search.
get 'q=fire&f=by%3ALavrov'
check_eq "articles page" "$status" 200
check "Quotes tab" has '<a class="tab" id="tab-quotes" rel="nofollow" href="?q=fire&amp;f=by%3ALavrov&amp;view=quotes">Quotes</a>'
check "Articles tab current" has '<span class="tab on" id="tab-articles" aria-current="page">Articles</span>'

get 'q=fire&f=by%3ALavrov&view=quotes'
check_eq "quotes page" "$status" 200
check_eq "one quote" "$(grep -c '<li class="quote"' <<<"$body")" 1
check "the seed's quote, marked" has '<blockquote>“playing with <mark>fire</mark>”</blockquote>'
check "speaker chip links to the speaker's quotes" \
    has '<a class="speaker" rel="nofollow" href="?q=fire&amp;f=by%3ASergey%20Lavrov&amp;view=quotes">Sergey Lavrov</a>'
check "article link" has '>Putin calls for guarantees that NATO will not expand eastward in Ukraine</a>'
check "attribution" has '<p class="how">named · confidence 0.95 · cue “saying”</p>'
check "summary" has '<strong>1</strong> quote in 1 article matches <strong>fire</strong>'
check "Articles tab back" has '<a class="tab" id="tab-articles" rel="nofollow" href="?q=fire&amp;f=by%3ALavrov">Articles</a>'
check "the form keeps the view" has '<input type="hidden" name="view" value="quotes">'
check "speaker facet" has 'data-facet="by"'
check_eq "no stderr" "$(cat "$T/stderr")" ""

# Every quote: the speaker facet, the histogram, pages; links keep the view.
get 'view=quotes'
check_eq "all quotes" "$status" 200
check_eq "a page of 10" "$(grep -c '<li class="quote"' <<<"$body")" 10
check "histogram" has '<section class="hist"'
check "pager keeps the view" has 'href="?q=&amp;page=2&amp;view=quotes"'
check "facet values keep the view" grep -q 'class="fv" rel="nofollow" href="?q=&amp;f=by%3A[^"]*&amp;view=quotes"' <<<"$body"
check "histogram bars keep the view" grep -q 'class="hbar" data-period="[0-9]*" href="?q=&amp;f=year%3A[0-9]*&amp;view=quotes"' <<<"$body"
get 'view=quotes&page=2&sort=date'
check_eq "page 2 by date" "$status" 200
check "ranks from 11" has '<ol class="quotes" start="11">'

# format=json is `newsdex quotes --json` with the same filters.
get 'q=NATO&f=year%3A2022&view=quotes&format=json'
check_eq "json status" "$status" 200
check_eq "json type" "$(grep -i '^content-type:' <<<"$headers" | cut -d' ' -f2-)" "application/json"
check_eq "json = the CLI's" "$body" "$("$NEWSDEX" quotes --db "$DB" --json --filter year:2022 NATO)"
get 'q=fire&f=by%3AStoltenberg&view=quotes&format=json'
check_eq "json: no quote" "$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" 0
get 'q=%22playing+with+fire%22&f=by%3AStoltenberg&view=quotes'
check "no quotes: said so" has '<h2>No quotes match</h2>'

# Bad parameters: 400 naming them; a bad query: the page with the error.
get 'view=pictures'
check_eq "bad view: 400" "$status" 400
check "bad view named" grep -qi '^x-newsdex-bad-parameter: view' <<<"$headers"
get 'view=quotes&view=articles'
check_eq "two views: 400" "$status" 400
get 'view=quotes&f=colour%3Ared'
check_eq "bad filter: 400" "$status" 400
get 'q=NATO+AND&view=quotes'
check_eq "bad query: the page" "$status" 200
check "bad query shown" has 'id="query-error"'
get 'q=NATO+AND&view=quotes&format=json'
check_eq "bad query json: 400" "$status" 400
get 'view=articles&q=fire'
check_eq "view=articles is the articles page" "$(grep -c '<li class="hit">' <<<"$body")" "$(QUERY_STRING='q=fire' REQUEST_METHOD=GET "$NEWSDEX_CGI" | grep -c '<li class="hit">')"
finish
