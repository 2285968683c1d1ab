#!/usr/bin/python3
"""requery.py — newsdex's queries again, on the index a bench run built.

After a change to the query side only, re-measures newsdex's in-process
queries and its CLI over the database that `bench/run.py` left in
BUILD/bench-data/work-SIZE/newsdex.db, and writes RESULTS-requeried.json
(the same raw format, the commit noted) for `bench/report.py`.  The index
is the run's, with the one-article updates of its last step applied.

  bench/requery.py --build DIR --size 1m [--queries FILE] [--reps N] RESULTS.json
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (bench/run.py)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", help="results.json of a bench run")
    ap.add_argument("--build", required=True)
    ap.add_argument("--size", required=True, help="the size label (21k, 200k, 1m)")
    ap.add_argument("--queries", help="the queries file the run used")
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    with open(args.results) as f:
        res = json.load(f)
    sized = res["sizes"].get(args.size)
    if not sized or "newsdex" not in sized["engines"]:
        sys.exit("requery.py: %s has no newsdex results at size %s" %
                 (args.results, args.size))
    bench.SHARED = bench.shared_dir(args.build)
    data = os.path.join(args.build, "bench-data")
    work = os.path.join(data, "work-" + args.size)
    db = os.path.join(work, "newsdex.db")
    if not os.path.isdir(db):
        sys.exit("requery.py: no database at %s (run bench/run.py first)" % db)
    r = bench.Run(args, args.size, os.path.join(data, "corpus-%s.jsonl" % args.size),
                  {"docs": sized["docs"], "text_bytes": sized["text_bytes"]}, work)
    if args.queries:
        r.queries = os.path.abspath(args.queries)
    eng = sized["engines"]["newsdex"]
    eng["queries"] = r.query("newsdex", [r.driver("nxb_newsdex"), "query", db])
    eng["cli"] = bench.cli_latencies(r, os.path.join(args.build, "cli", "newsdex"), db)
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    commit = subprocess.run(["git", "-C", src, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    res["machine"]["commit"] += " (newsdex queries re-measured at %s on the " \
        "same index)" % commit
    out = args.results[:-len(".json")] + "-requeried.json"
    with open(out, "w") as f:
        json.dump(res, f)
    print(out)


if __name__ == "__main__":
    main()
