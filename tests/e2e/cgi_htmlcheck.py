#!/usr/bin/env python3
"""cgi_htmlcheck.py — checks a newsdex.cgi response (headers + body, as the
CGI prints it) for anything an attacker could have injected.

    cgi_htmlcheck.py [--each] FILE...   exit 0 when every file is clean;
                                        --each also prints "ok FILE" lines

The page is parsed as HTML and must use only the elements and attributes
newsdex.cgi itself writes: no <script>, no event handler, no style
attribute, no element or attribute the template does not have, links only
to "?…" (the page itself) or http(s) URLs, and no header a payload added.
"""
import sys
from html.parser import HTMLParser

ELEMENTS = set("""html head meta link title style body header a span form
input button div aside main footer details summary dl dt dd code p section
h1 h2 h3 ul li ol b strong mark nav svg line rect text g blockquote""".split())
ATTRIBUTES = set("""lang charset name content rel href class method role
type value maxlength placeholder aria-label aria-hidden aria-current id
title data-facet data-period start viewbox x y x1 y1 x2 y2 width height rx
text-anchor""".split())
HEADERS = set("""status content-type content-security-policy
x-content-type-options referrer-policy x-frame-options cache-control
content-length allow retry-after x-newsdex-bad-parameter""".split())


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_style = 0

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
        if tag == "style":
            self.in_style += 1

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style -= 1
        if tag not in ELEMENTS:
            self.problems.append("unexpected end tag </%s>" % tag)

    def handle_comment(self, data):
        self.problems.append("unexpected comment <!--%s-->" % data[:40])

    def check(self, tag, attrs):
        if tag not in ELEMENTS:
            self.problems.append("unexpected element <%s>" % tag)
        names = [a for a, _ in attrs]
        if len(names) != len(set(names)):
            self.problems.append("repeated attribute in <%s>: %s" % (tag, names))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler %s= in <%s>" % (name, tag))
            elif name not in ATTRIBUTES:
                self.problems.append("unexpected attribute %s= in <%s>" % (name, tag))
            if name == "href":
                self.check_href(tag, value or "")

    def check_href(self, tag, href):
        if tag == "link":
            if href != "data:,":
                self.problems.append("link href %r" % href)
            return
        if href.startswith("?"):
            # Our own links: every value is percent-encoded, so no quote,
            # angle bracket or space survives in the raw href.
            for c in "<>\"' \t\n":
                if c in href:
                    self.problems.append("unencoded %r in href %r" % (c, href))
            return
        low = href.lower()
        if not (low.startswith("http://") or low.startswith("https://")):
            self.problems.append("href with a scheme that is not http(s): %r" % href)


def check_file(path):
    raw = open(path, "rb").read()
    head, sep, body = raw.partition(b"\r\n\r\n")
    problems = []
    if not sep:
        return ["no header/body separator"]
    for line in head.split(b"\r\n"):
        name, colon, _ = line.partition(b":")
        if not colon or name.decode("latin-1").lower() not in HEADERS:
            problems.append("unexpected header line %r" % line[:80])
    headers = head.decode("latin-1").lower()
    if "content-type: application/json" in headers:
        return problems
    for must in ("content-security-policy: default-src 'none'",
                 "x-content-type-options: nosniff", "referrer-policy:"):
        if must not in headers:
            problems.append("missing header %s" % must)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        return problems + ["body is not UTF-8: %s" % e]
    c = Checker()
    c.feed(text)
    c.close()
    if "<script" in text.lower():
        problems.append("a <script> in the page")
    return problems + c.problems


def main():
    args = sys.argv[1:]
    each = args[:1] == ["--each"]
    bad = 0
    for path in args[1:] if each else args:
        problems = check_file(path)
        for p in problems:
            print("%s: %s" % (path, p))
        if each and not problems:
            print("ok %s" % path)
        bad += len(problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
