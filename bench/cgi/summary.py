#!/usr/bin/env python3
"""summary.py RESULTS — bench/cgi/run's rows (round cgi conns req/s p50 p90
p99 cpu_ms/req errors) as one median per CGI and connection count over
the rounds, with each one's ratio to Omega's."""
import statistics
import sys

rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
names = ("omega", "newsdex", "fastcgi")
med = {}
for name in names:
    for conns in ("1", "4"):
        rs = [r for r in rows if r[1] == name and r[2] == conns]
        if rs:
            med[name, conns] = [statistics.median(float(r[i]) for r in rs)
                                for i in range(3, 9)]
print("%-9s %-5s %8s %8s %8s %8s %10s %6s  %s" % (
    "cgi", "conns", "req/s", "p50_ms", "p90_ms", "p99_ms", "cpu_ms/req",
    "errors", "x Omega: req/s  p99  cpu/req"))
for conns in ("1", "4"):
    o = med.get(("omega", conns))
    for name in names:
        m = med.get((name, conns))
        if not m or not o:
            continue
        ratio = lambda a, b: "%5.2fx" % (a / b) if b else "    -"
        print("%-9s %-5s %8.1f %8.2f %8.2f %8.2f %10.2f %6d  %s %s %s" % (
            name, conns, m[0], m[1], m[2], m[3], m[4], m[5],
            ratio(m[0], o[0]), ratio(m[3], o[3]), ratio(m[4], o[4])))
