"""report.py — what run.py's raw results say: percentiles, the agreement
checks between engines, ratios of newsdex to the best peer, and the
markdown table written into bench/README.md."""
import json
import os
import re
import subprocess
import time

PEERS = ["omega", "fts5", "sphinx", "redisearch"]
ORDER = ["newsdex", "newsdex-noquotes", "newsdex-noextract", "floor"] + PEERS
# Filters on these facets match more in newsdex than the human tags alone:
# extraction adds the entities it finds in the text to the same facets.
EXTRACTED = {"place", "person", "org"}
BEGIN, END = "<!-- bench:results -->", "<!-- /bench:results -->"


def machine(src):
    def git(*a):
        return subprocess.run(["git", "-C", src] + list(a), capture_output=True,
                              text=True).stdout.strip()
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    commit = git("rev-parse", "--short", "HEAD")
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += "-dirty"
    return {"date": time.strftime("%Y-%m-%d"), "nproc": os.cpu_count(),
            "cpu": cpu, "ram_gib": round(mem_kb / 2**20, 1), "commit": commit}


def pct(xs, p):
    """Nearest-rank percentile of the samples (ms)."""
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]


def load_filters(path):
    out = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = (line.rstrip("\n").split("\t") + [""])[:4]
            out[cols[0]] = [flt.split(":", 1) for flt in cols[3].split()]
    return out


def by_qid(engine):
    return {q["qid"]: q for q in engine.get("queries", {}).get("queries", [])}


def fold(value):
    """Roughly newsdex's value key (nx_name_key): case and punctuation
    folded.  newsdex merges counts by key but shows the first display form
    it meets, so one index may say "jamaica" (the tag) and "Jamaica"
    (extracted) for the same value."""
    return " ".join(re.findall(r"\w+", value.casefold()))


def folded(counts):
    out = {}
    for v, n in counts.items():
        out[fold(v)] = out.get(fold(v), 0) + n
    return out


def mapped(counts, facet, display):
    """The floor's counts of one facet in newsdex's (folded) values."""
    return folded({display.get("%s:%s" % (facet, tag), tag): n
                   for tag, n in counts.get(facet, {}).items()})


def checks(engines, queries_path):
    """Totals of every engine against the bare floor (exact, and within
    10% for tokenizer differences), and facet counts of newsdex against
    the floor value by value."""
    floor = by_qid(engines.get("floor", {}))
    if not floor:
        return {}
    filters = load_filters(queries_path)
    out = {}
    for name, eng in engines.items():
        qs = by_qid(eng)
        if name == "floor" or not qs:
            continue
        exact = near = n = 0
        for qid, q in qs.items():
            if name in ("newsdex", "newsdex-noquotes") and \
                    any(f in EXTRACTED for f, _ in filters[qid]):
                continue
            a, b = q.get("total"), floor[qid].get("total")
            if a is None or b is None:
                continue
            n += 1
            exact += a == b
            near += abs(a - b) <= 0.1 * max(a, b)
        c = {"compared": n, "totals_exact": exact, "totals_within_10pct": near}
        if name.startswith("newsdex"):
            c.update(facet_check(name, qs, floor, filters, eng.get("display", {})))
        out[name] = c
    return out


def facet_check(name, qs, floor, filters, display):
    """newsdex-noextract: every facet equal.  newsdex (with extraction):
    category equal; place/person/org counts at least the human tags'.
    Only queries whose totals agree (no stemming difference), and only
    facets the query does not filter on (newsdex counts a filtered facet
    disjunctively, over the matches of the other filters)."""
    agree, compared, bad = 0, 0, []
    for qid, q in qs.items():
        f0 = floor[qid]
        if q.get("total") != f0.get("total") or q.get("total") is None:
            continue
        filtered = {f for f, _ in filters[qid]}
        ok = True
        for facet in ("place", "person", "org", "topic"):
            if facet in filtered:
                continue
            want = mapped(f0["facets"], facet, display)
            got = folded(q["facets"].get(facet, {}))
            if name == "newsdex-noextract" or facet not in EXTRACTED:
                ok &= got == want
            else:
                ok &= all(got.get(v, 0) >= n for v, n in want.items())
        compared += 1
        agree += ok
        if not ok and len(bad) < 8:
            bad.append(qid)
    return {"facets_compared": compared, "facets_agree": agree,
            "facets_disagree_qids": bad}


def summarise(results):
    out = {}
    for label, sized in results["sizes"].items():
        s = out[label] = {}
        for name, eng in sized["engines"].items():
            if "error" in eng:
                s[name] = {"error": eng["error"]}
                continue
            e = dict(eng["index"])
            qs = eng.get("queries", {}).get("queries", [])
            for key in ("t10", "tf"):
                xs = [x for q in qs for x in q[key]]
                for p in (50, 95, 99):
                    e["%s_p%d" % (key, p)] = pct(xs, p)
            e["errors"] = sum(1 for q in qs if q.get("error"))
            if "cli" in eng:
                e["cli_p50"] = pct(eng["cli"], 50)
            # bench/quote-queries.txt: quote: queries and plain ones
            for q in eng.get("quote_queries", {}).get("queries", []):
                e.setdefault("qq_" + q["class"], []).extend(q["tf"])
            for cls in ("quote", "plain"):
                xs = e.pop("qq_" + cls, None)
                if xs:
                    for p in (50, 99):
                        e["qq_%s_p%d" % (cls, p)] = pct(xs, p)
            if "update" in eng:
                e["update_p50"] = pct(eng["update"], 50)
                e["update_p99"] = pct(eng["update"], 99)
            s[name] = e
        s["ratios"] = ratios(s)
    return out


def ratios(s):
    """newsdex / best peer (and / floor) per metric; > 1 is newsdex worse
    for times and sizes, better for rates."""
    nx = s.get("newsdex", {})
    out = {}
    for metric, better in (("docs_per_s", max), ("mb_per_s", max),
                           ("size_bytes", min), ("peak_rss_kb", min),
                           ("t10_p50", min), ("t10_p95", min), ("t10_p99", min),
                           ("tf_p50", min), ("tf_p95", min), ("tf_p99", min)):
        vals = [(s[p][metric], p) for p in PEERS
                if p in s and s[p].get(metric) is not None]
        if nx.get(metric) is None or not vals:
            continue
        best, who = better(vals)
        r = {"best_peer": who, "newsdex_over_best": nx[metric] / best}
        if s.get("floor", {}).get(metric):
            r["newsdex_over_floor"] = nx[metric] / s["floor"][metric]
        out[metric] = r
    return out


def fmt_bytes(b):
    return "%.0f MB" % (b / 1e6) if b >= 1e7 else "%.1f MB" % (b / 1e6)


def fmt_ms(*xs):
    return " / ".join("—" if x is None else
                      ("%.2f" % x if x < 10 else "%.0f" % x) for x in xs)


def markdown(results, summary):
    m = results["machine"]
    labels = list(results["sizes"])
    last = labels[-1]
    lines = ["Measured %s on %d cores (%s), %.0f GiB RAM, commit %s; "
             "sizes %s (columns after docs/s: %s).  Shared machine: treat "
             "absolute numbers as noisy, ratios as the result." %
             (m["date"], m["nproc"], m["cpu"], m["ram_gib"], m["commit"],
              ", ".join(labels), last), ""]
    lines.append("| engine | index docs/s %s | MB/s | index size | peak RSS |"
                 " query ms p50/p95/p99 top-10 | p50/p95/p99 top-10+facets |"
                 " newsdex CLI p50 |" % "/".join(labels))
    lines.append("|---|---|---|---|---|---|---|---|")
    for name in ORDER:
        rows = [summary[l].get(name) for l in labels]
        if all(r is None for r in rows):
            continue
        e = summary[last].get(name) or {}
        rate = " / ".join("—" if not r or "error" in r else "%.0f" % r["docs_per_s"]
                          for r in rows)
        if "error" in e or not e:
            lines.append("| %s | %s | %s at %s | | | | | |" % (
                name, rate, "failed" if e else "not run", last))
            continue
        size = fmt_bytes(e["size_bytes"]) + (" (RAM)" if name == "redisearch" else "")
        q10 = fmt_ms(e["t10_p50"], e["t10_p95"], e["t10_p99"]) if e["t10_p50"] is not None else "index only"
        qf = fmt_ms(e["tf_p50"], e["tf_p95"], e["tf_p99"]) if e["tf_p50"] is not None else ""
        rss = "—" if e.get("peak_rss_kb") is None else "%.0f MB" % (e["peak_rss_kb"] / 1024)
        lines.append("| %s | %s | %.2f | %s | %s | %s | %s | %s |" % (
            name, rate, e["mb_per_s"], size, rss, q10, qf,
            fmt_ms(e["cli_p50"]) if e.get("cli_p50") else ""))
    for label in labels:
        on, off = summary[label].get("newsdex"), summary[label].get("newsdex-noquotes")
        if not on or not off or "error" in on or "error" in off:
            continue
        lines += ["", "Quote indexing at %s (`newsdex` against `newsdex-noquotes`, "
                  "`rebuild --no-quotes`): index %s against %s (%+.0f%%), %.0f "
                  "against %.0f docs/s; the 200 queries top-10+facets p50/p95/p99 "
                  "%s against %s; bench/quote-queries.txt top-10+facets p50/p99: "
                  "its quote: queries %s (without quote words they match nothing: "
                  "%s), its plain ones %s against %s." % (
                      label, fmt_bytes(on["size_bytes"]), fmt_bytes(off["size_bytes"]),
                      100.0 * (on["size_bytes"] / off["size_bytes"] - 1),
                      on["docs_per_s"], off["docs_per_s"],
                      fmt_ms(on["tf_p50"], on["tf_p95"], on["tf_p99"]),
                      fmt_ms(off["tf_p50"], off["tf_p95"], off["tf_p99"]),
                      fmt_ms(on.get("qq_quote_p50"), on.get("qq_quote_p99")),
                      fmt_ms(off.get("qq_quote_p50"), off.get("qq_quote_p99")),
                      fmt_ms(on.get("qq_plain_p50"), on.get("qq_plain_p99")),
                      fmt_ms(off.get("qq_plain_p50"), off.get("qq_plain_p99")))]
    ups = [(l, summary[l].get("newsdex", {})) for l in labels]
    ups = [(l, e) for l, e in ups if e.get("update_p50") is not None]
    if ups:
        lines += ["", "newsdex incremental update of one article (`newsdex "
                  "index` of one changed record as a process: open, extract, "
                  "replace, commit, facet head file), ms p50 / p99: " +
                  "; ".join("%s %s" % (l, fmt_ms(e["update_p50"], e["update_p99"]))
                            for l, e in ups) + "."]
    for label in labels:
        rs = summary[label].get("ratios", {})
        if rs:
            lines += ["", "newsdex / best peer at %s (and / bare Xapian floor):" % label, ""]
            lines.append("| metric | best peer | newsdex / best | newsdex / floor |")
            lines.append("|---|---|---|---|")
            for metric, r in rs.items():
                lines.append("| %s | %s | %.2f | %s |" % (
                    metric, r["best_peer"], r["newsdex_over_best"],
                    "%.2f" % r["newsdex_over_floor"] if "newsdex_over_floor" in r else ""))
        ch = results["sizes"][label].get("checks", {})
        if ch:
            lines += ["", "Agreement with the bare Xapian floor at %s (hit totals; "
                      "newsdex with extraction only on queries without a place/"
                      "person/org filter):" % label, ""]
            lines.append("| engine | queries | totals exact | within 10% | facets agree |")
            lines.append("|---|---|---|---|---|")
            for name in ORDER:
                c = ch.get(name)
                if not c:
                    continue
                fa = ("%d/%d" % (c["facets_agree"], c["facets_compared"])
                      if "facets_compared" in c else "")
                lines.append("| %s | %d | %d | %d | %s |" % (
                    name, c["compared"], c["totals_exact"],
                    c["totals_within_10pct"], fa))
    return "\n".join(lines) + "\n"


def write_readme(path, table):
    text = open(path).read() if os.path.exists(path) else ""
    block = BEGIN + "\n" + table + END
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text += "\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    # report.py RESULTS.json [README.md]: the table again from raw results
    # (a partial run's too), printed, and written into the README if named.
    import sys
    with open(sys.argv[1]) as f:
        res = json.load(f)
    qpath = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                         "..", "shared", "bench", "queries.txt")
    for sized in res["sizes"].values():
        if "checks" not in sized and os.path.exists(qpath):
            sized["checks"] = checks(sized["engines"], qpath)
    md = markdown(res, summarise(res))
    print(md)
    if len(sys.argv) > 2:
        write_readme(sys.argv[2], md)
