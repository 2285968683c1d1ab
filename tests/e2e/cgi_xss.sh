#!/bin/bash
# End-to-end: newsdex.cgi under attack.  Every payload of cgi_xss.payloads
# goes into every parameter, and into articles (titles, bodies, entity
# names, urls, authors, categories) that the page then shows; every
# response is parsed as HTML and must contain only what the page itself
# writes (cgi_htmlcheck.py): no injected element, attribute or handler,
# links only to the page or to http(s) urls.
. "$(dirname "$0")/lib.sh"
: "${NEWSDEX_CGI:?set by ctest}"
HERE=$NX_SOURCE_DIR/tests/e2e
PAYLOADS=$HERE/cgi_xss.payloads
DB="$T/db"
mkdir -p "$T/r"

# Articles made of payloads: one per payload, each in every field, all
# findable with the word "zebra".
python3 - "$PAYLOADS" >"$T/xss.jsonl" <<'EOF'
import json, sys
for i, p in enumerate(open(sys.argv[1], encoding="utf-8").read().splitlines()):
    print(json.dumps({
        "id": "xss-%d-%s" % (i, p), "title": "zebra %s title" % p,
        "body": "The zebra said %s and then \"%s\", Sergey Lavrov said. %s" % (p, p, p),
        "date": "%d-0%d-1%dT10:00:00Z" % (2019 + i % 3, 1 + i % 9, i % 10),
        "author": p, "category": p, "url": p,
        "people": [p, "Zebra " + p], "orgs": [p], "places": [p]}))
EOF
run "$NEWSDEX" index -q --db "$DB" "$T/xss.jsonl"
check_eq "index payload articles" "$rc" 0

n=0
cgi() { # cgi QUERY_STRING: one request; the response goes to $T/r/N
    n=$((n + 1))
    QUERY_STRING=$1 REQUEST_METHOD=GET NEWSDEX_DB=$DB \
        NEWSDEX_CGI_LOCKDIR=$T/slots "$NEWSDEX_CGI" >"$T/r/$n" 2>>"$T/cgi.err"
}
# Each payload and its percent-encoding, a tab between (one python run).
python3 -c '
import sys, urllib.parse
for p in open(sys.argv[1], encoding="utf-8").read().splitlines():
    print(urllib.parse.quote(p, safe="") + "\t" + p)' "$PAYLOADS" >"$T/encoded"

# The payload articles on result pages and in facets.
cgi "q=zebra"
cgi "q=zebra&page=2"
cgi "q=zebra&page=3&sort=date"
cgi "q=zebra&format=json"
# The Quotes view: the payloads are quoted words of Sergey Lavrov's.
cgi "q=zebra&view=quotes"
cgi "view=quotes&f=by:Sergey+Lavrov"
cgi "view=quotes&f=by:Sergey+Lavrov&page=2&sort=date"
while IFS=$'\t' read -r e p; do
    cgi "q=$e&view=quotes"
    cgi "view=quotes&f=by:$e&f=year:$e"
    cgi "view=$e"
    cgi "q=$e"
    cgi "q=zebra+$e"
    cgi "q=zebra&f=person:$e"
    cgi "q=zebra&f=by:$e&f=org:$e&f=place:$e&f=category:$e&f=author:$e"
    cgi "q=$e&f=person:Zebra+$e&sort=date"
    cgi "f=$e"
    cgi "sort=$e"
    cgi "page=$e"
    cgi "format=$e"
    cgi "q=zebra&$e=$e"
    cgi "$e"
    # As a careless client would send it: not encoded at all.
    cgi "q=$p&f=by:$p"
done <"$T/encoded"
# The facet values as the index shows them (after name normalisation),
# ticked one at a time.
cgi "q=zebra&format=json"
facets=$(python3 -c '
import json, sys, urllib.parse
raw = open(sys.argv[1], encoding="utf-8", newline="").read()
j = json.loads(raw.split("\r\n\r\n", 1)[1])
for f, vals in j["facets"].items():
    for v in vals:
        print(urllib.parse.quote(f + ":" + v["value"], safe=""))
' "$T/r/$n")
for f in $facets; do
    cgi "q=zebra&f=$f"
done

# One check per response.
python3 "$HERE/cgi_htmlcheck.py" --each "$T"/r/* >"$T/check.out"
while IFS= read -r line; do
    case $line in
    "ok "*) ok ;;
    *) bad "unescaped output: $line" ;;
    esac
done <"$T/check.out"
check_eq "every response checked" "$(grep -c '^ok ' "$T/check.out")" "$n"

# Nothing went to the server's error log, and no response was a crash.
check_eq "no stderr from the CGI" "$(cat "$T/cgi.err")" ""
statuses=$(for f in "$T"/r/*; do head -1 "$f" | tr -d '\r'; done | sort | uniq -c | awk '{$1=""; print}' | sort -u | xargs)
check "only 200 and 400 answers ($statuses)" \
    test -z "$(for f in "$T"/r/*; do head -1 "$f"; done | grep -v -e 'Status: 200' -e 'Status: 400')"

# javascript:, data: and vbscript: urls are never links; http(s) ones are.
cgi "q=zebra&format=json"
out=$(sed '1,/^\r$/d' "$T/r/$n")
check_eq "json lists the payload articles" "$(json 'j["total"]')" "$(wc -l <"$PAYLOADS")"
cgi "q=zebra+JaVaScRiPt"
check "a javascript: url is not a link" grep -q '<span class="title">zebra JaVaScRiPt:alert(1) title</span>' "$T/r/$n"
cgi "q=zebra+ok.example"
check "an https url is a link" grep -q 'href="https://ok.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' "$T/r/$n"

# Header injection: a CR or LF in a parameter is refused, no header added.
cgi "q=x%0d%0aSet-Cookie:+a=b"
check "CRLF in q: 400" grep -q '^Status: 400' "$T/r/$n"
check "CRLF in q: no header" sh -c "! grep -qi '^Set-Cookie' '$T/r/$n'"
finish
