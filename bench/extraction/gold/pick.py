#!/usr/bin/env python3
"""pick.py DATA_DIR — which articles the per-article gold set annotates.

Deterministic (random.Random(13)): 12 BBC articles from each of the five
sections; 14 Reuters-21578 NORM articles with a body of 80-400 words;
6 GGT raw texts.  The BBC split is by position in each section's draw:
draws 0-7 are dev, 8-11 held-out (two thirds / one third).  Prints one
line a pick: source, id, split.  The gold files were annotated from
exactly this list; re-running it shows nothing has drifted.
"""
import json
import os
import random
import sys


def picks(data):
    rng = random.Random(13)
    out = []
    bbc = [json.loads(l) for l in open(os.path.join(data, "bbc/bbc.jsonl"),
                                          encoding="utf-8")]
    for sec in ("business", "entertainment", "politics", "sport", "tech"):
        ids = sorted(r["id"] for r in bbc if r["category"] == sec)
        for i, aid in enumerate(rng.sample(ids, 12)):
            out.append(("bbc", aid, "dev" if i < 8 else "heldout"))
    reu = []
    for l in open(os.path.join(data, "reuters21578/reuters21578.jsonl"),
                  encoding="utf-8"):
        r = json.loads(l)
        n = len((r.get("body") or "").split())
        if r.get("text_type") == "NORM" and 80 <= n <= 400:
            reu.append(str(r["newid"]))
    for aid in rng.sample(sorted(reu, key=int), 14):
        out.append(("reuters", aid, "other"))
    ggt = sorted(f[:-4] for f in os.listdir(os.path.join(data, "ggt-quotes/rawtext"))
                 if f.endswith(".txt"))
    for aid in rng.sample(ggt, 6):
        out.append(("ggt", aid, "other"))
    return out


if __name__ == "__main__":
    for p in picks(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"):
        print("\t".join(p))
