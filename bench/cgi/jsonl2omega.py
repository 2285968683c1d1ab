#!/usr/bin/env python3
"""jsonl2omega.py — Reuters-21578 JSONL (one article a line) to scriptindex
input (field=value lines, records separated by a blank line).

    jsonl2omega.py reuters21578.jsonl > reuters.omega
"""
import json
import sys
from datetime import datetime, timezone


def clean(s):
    # scriptindex: a line that starts with '=' continues the previous
    # field, so every line of a multi-line value is written that way.
    return "\n=".join((s or "").replace("\r", "").split("\n"))


def when(d):
    try:
        t = datetime.strptime(d.split(".")[0].strip(), "%d-%b-%Y %H:%M:%S")
        return t.replace(tzinfo=timezone.utc)
    except (ValueError, AttributeError):
        return None


for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    out = ["id=%s" % a["newid"], "caption=%s" % clean(a.get("title")),
           "sample=%s" % clean(a.get("body"))]
    t = when(a.get("date"))
    if t:
        out.append("date=%d" % int(t.timestamp()))
        out.append("sortdate=%s" % t.strftime("%Y%m%d"))
    for f in ("topics", "places"):
        for v in a.get(f) or []:
            out.append("%s=%s" % (f, v))
    print("\n".join(out) + "\n")
