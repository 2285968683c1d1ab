#!/usr/bin/env python3
"""reindex_oracle.py — helpers for the reindexing tests (reindex_*.sh).

  gen DIR SEED VERSION   writes a small JSONL corpus into DIR: version 1, or
                         version 2 = version 1 with 10% of the records
                         changed, 5% deleted, one file gone and one new file
  order DIR              the ids of DIR's records in the order newsdex reads
                         them (files sorted by name, then line order)
  dump NEWSDEX DB        every article in DB as "id<TAB>title" lines, sorted
  check V1 V2 DUMP STATS checks a database state after a SIGKILL against the
                         progress it recorded (STATS: `newsdex stats --json`);
                         prints what is wrong and exits 1, else prints the
                         state it found ("v1", "v2", "partial N")
  prefix V2 DUMP STATS   checks a rebuild generation holds exactly the first
                         N records of V2 (N from its progress)
"""
import json
import os
import random
import subprocess
import sys

FILES = ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"]
PER_FILE = 500
WORD = "crashword"   # in every record, so one query lists them all

PEOPLE = ["Angela Merkel", "Joe Biden", "Sergey Lavrov", "Christine Lagarde",
          "Emmanuel Macron", "Olaf Scholz"]
PLACES = ["Berlin", "Paris", "Kyiv", "Geneva", "London", "Madrid"]


def record(rid, version, rng):
    who = rng.choice(PEOPLE)
    where = rng.choice(PLACES)
    return {
        "id": rid,
        "title": "%s %s in %s" % ("vtwo" if version == 2 else "vone", who,
                                   where),
        "date": "2023-%02d-%02dT10:00:00Z" % (rng.randint(1, 12),
                                              rng.randint(1, 28)),
        "body": "%s said in %s that talks would go on. \"We will meet "
                "again,\" %s said. %s number %s." % (who, where, who, WORD,
                                                     rid),
    }


def gen(d, seed, version):
    rng = random.Random(seed)
    os.makedirs(d, exist_ok=True)
    files = {}
    for f in FILES:
        files[f] = [record("%s-%04d" % (f[0], i), 1, rng)
                    for i in range(PER_FILE)]
    if version == 2:
        rng2 = random.Random(seed + 1)
        del files["c.jsonl"]                       # a whole file gone
        for f, recs in files.items():
            keep = []
            for r in recs:
                x = rng2.random()
                if x < 0.05:
                    continue                       # record deleted
                if x < 0.15:
                    r = record(r["id"], 2, rng2)   # record changed
                keep.append(r)
            files[f] = keep
        files["e.jsonl"] = [record("e-%04d" % i, 2, rng2)
                            for i in range(100)]   # a new file
    for f, recs in files.items():
        with open(os.path.join(d, f), "w") as out:
            for r in recs:
                out.write(json.dumps(r) + "\n")


def read(d):
    """{id: title} and the ids in reading order."""
    titles, order = {}, []
    for f in sorted(os.listdir(d)):
        with open(os.path.join(d, f)) as fh:
            for line in fh:
                r = json.loads(line)
                titles[r["id"]] = r["title"]
                order.append(r["id"])
    return titles, order


def dump(newsdex, db):
    got, offset = {}, 0
    while True:
        p = subprocess.run([newsdex, "search", "--db", db, "--json",
                            "--limit", "1000", "--offset", str(offset),
                            "--facets", "", "--sort", "date", WORD],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit("search failed (%d): %s" % (p.returncode, p.stderr))
        j = json.loads(p.stdout)
        for h in j["hits"]:
            if h["id"] in got:
                sys.exit("id twice in the database: " + h["id"])
            got[h["id"]] = h["title"]
        offset += len(j["hits"])
        if not j["hits"] or offset >= j["total"]:
            break
    for k in sorted(got):
        print("%s\t%s" % (k, got[k]))


def load_dump(path):
    got = {}
    with open(path) as fh:
        for line in fh:
            k, t = line.rstrip("\n").split("\t", 1)
            got[k] = t
    return got


def progress_of(stats_path):
    with open(stats_path) as fh:
        s = json.load(fh)
    return s.get("progress") or {}


def check(v1dir, v2dir, dump_path, stats_path):
    v1, _ = read(v1dir)
    v2, order = read(v2dir)
    got = load_dump(dump_path)
    if got == v2:
        return "v2"
    if got == v1:
        return "v1"
    p = progress_of(stats_path)
    state, n = p.get("state"), int(p.get("records", 0))
    n = max(n, int(p.get("resumed", 0)))   # after an earlier interruption
    errs = []
    if p.get("command") != "reindex" or state not in ("indexing", "deleting"):
        errs.append("database is neither version but progress says %r" % p)
    if n and n == p.get("records") and p.get("last_id") != order[n - 1]:
        errs.append("last_id %r is not record %d (%r)" % (p.get("last_id"), n,
                                                         order[n - 1]))
    done = set(order[:n])
    for rid in order[:n]:
        if got.get(rid) != v2[rid]:
            errs.append("%s: committed record has %r, want %r"
                        % (rid, got.get(rid), v2[rid]))
    for rid in order[n:]:
        if got.get(rid) != v1.get(rid):
            errs.append("%s: uncommitted record has %r, want %r"
                        % (rid, got.get(rid), v1.get(rid)))
    gone = [rid for rid in v1 if rid not in v2]
    present = [rid for rid in gone if rid in got]
    for rid in present:
        if got[rid] != v1[rid]:
            errs.append("%s: deleted record changed" % rid)
    # An interrupted run before this one may have deleted some already;
    # this run's count is then a lower bound.
    resumed = int(p.get("resumed", 0)) > 0
    ngone = len(gone) - len(present)
    if state == "indexing" and ngone and not resumed:
        errs.append("deleted %d before the deleting phase" % ngone)
    if state == "deleting" and (ngone < p.get("deleted") or
                                (ngone != p.get("deleted") and not resumed)):
        errs.append("%d gone, progress says %s deleted"
                    % (ngone, p.get("deleted")))
    extra = [rid for rid in got if rid not in v1 and rid not in done]
    if extra:
        errs.append("articles not yet committed are present: %s" % extra[:5])
    if errs:
        sys.exit("\n".join(errs[:20]))
    return "partial %d %s" % (n, state)


def prefix(v2dir, dump_path, stats_path):
    v2, order = read(v2dir)
    got = load_dump(dump_path)
    p = progress_of(stats_path)
    n = max(int(p.get("records", 0)), int(p.get("resumed", 0)))
    if p.get("state") == "done":
        n = len(order)
    want = {rid: v2[rid] for rid in order[:n]}
    if got != want:
        missing = [k for k in want if k not in got][:5]
        extra = [k for k in got if k not in want][:5]
        sys.exit("generation holds %d articles, progress %r says %d "
                 "(missing %s, extra %s)" % (len(got), p, n, missing, extra))
    return "prefix %d" % n


def main():
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "order":
        print("\n".join(read(sys.argv[2])[1]))
    elif cmd == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif cmd == "check":
        print(check(*sys.argv[2:6]))
    elif cmd == "prefix":
        print(prefix(*sys.argv[2:5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
