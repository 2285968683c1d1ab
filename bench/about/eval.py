#!/usr/bin/env python3
"""The about rule against the Reuters-21578 editors' tags (docs/about.md).

Reuters' editors tagged each story with the places, people and
organisations it is about.  For each extracted entity of a kind in an
article that has tags of that kind, and whose name the editors use as a
tag somewhere in the corpus (so that it could have been tagged: the place
tags are countries, never cities), this counts whether the article's tags
name it, and compares rules: every mention (what person:/org:/place:
give), and variants of the about rule recomputed from `salience`.

    newsdex entities --json reuters21578.jsonl > ents.jsonl
    bench/about/eval.py reuters21578.jsonl ents.jsonl
"""
import json
import sys
import unicodedata

ALIAS = {  # tag codes whose name is not the tag's words
    "usa": "united states", "uk": "united kingdom", "ussr": "soviet union",
    "uae": "united arab emirates", "ec": "european community",
    "hong-kong": "hong kong", "west-germany": "west germany",
    "east-germany": "east germany", "south-korea": "south korea",
    "worldbank": "world bank", "imf": "international monetary fund",
}


def key(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c if c.isalnum() else " " for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def matches(tag, name, kind):
    t = key(ALIAS.get(tag, tag.replace("-", " ")))
    n = key(name)
    if t == n or t.replace(" ", "") == n.replace(" ", ""):
        return True
    words = n.split()
    if kind == "person" and len(words) > 1 and t == words[-1]:
        return True
    if kind == "org" and " " not in t and len(words) > 1:
        return t == "".join(w[0] for w in words if w not in ("of", "and", "the"))
    return False


def rule(s, all_s, lead=True, head=True, minm=2, top=3, share=None):
    if head and s["headline"]:
        return True
    if lead and s["lead"]:
        return True
    if share is not None:
        tot = sum(x["mentions"] for x in all_s) or 1
        return s["mentions"] >= minm and s["mentions"] / tot >= share
    if top is None or minm is None:
        return False
    above = sum(1 for x in all_s if x["mentions"] > s["mentions"])
    return s["mentions"] >= minm and above < top


def main():
    recs = {}
    with open(sys.argv[1]) as f:
        for i, line in enumerate(f, 1):
            r = json.loads(line)
            recs[str(r["id"]) if "id" in r else str(i)] = r  # else path#line
    ents = [json.loads(l) for l in open(sys.argv[2])]
    kinds = {"person": "people", "org": "orgs", "place": "places"}
    # the names the editors use as tags somewhere
    taggable = {k: set() for k in kinds}
    rows = []
    for e in ents:
        r = recs.get(e["id"]) or recs.get(e["id"].split("#")[-1])
        if r is None:
            continue
        for s in e["salience"]:
            tags = r.get(kinds[s["kind"]]) or []
            hit = any(matches(t, s["name"], s["kind"]) for t in tags)
            if hit:
                taggable[s["kind"]].add(key(s["name"]))
            rows.append((s, e["salience"], bool(tags), hit))
    rows = [x for x in rows if x[2] and key(x[0]["name"]) in taggable[x[0]["kind"]]]
    variants = [
        ("mentioned anywhere (person:/org:/place:)", lambda s, a: True),
        ("headline or lead (2 sentences) only", lambda s, a: rule(s, a, minm=None)),
        ("headline, lead, or >=2 mentions and top 3 (chosen)", lambda s, a: rule(s, a)),
        ("headline, lead, or >=2 mentions and top 5", lambda s, a: rule(s, a, top=5)),
        ("headline, lead, or >=3 mentions and top 3", lambda s, a: rule(s, a, minm=3)),
        ("headline, lead, or >=2 mentions and share >= 0.2", lambda s, a: rule(s, a, share=0.2)),
        ("headline or >=2 mentions and top 3 (no lead)", lambda s, a: rule(s, a, lead=False)),
        (">=2 mentions and top 3 only", lambda s, a: rule(s, a, lead=False, head=False)),
    ]
    print(f"{len(rows)} entity mentions-in-articles that could be tagged "
          f"({sum(1 for x in rows if x[3])} tagged)")
    print(f"{'rule':52s} {'kept':>6s} {'tagged':>6s} {'untag':>6s} {'prec':>6s} {'recall':>6s} {'F1':>6s}")
    for name, fn in variants:
        kept = [x for x in rows if fn(x[0], x[1])]
        tp = sum(1 for x in kept if x[3])
        alltp = sum(1 for x in rows if x[3])
        p = tp / len(kept) if kept else 0
        rc = tp / alltp if alltp else 0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0
        print(f"{name:52s} {len(kept):6d} {tp:6d} {len(kept) - tp:6d} {p:6.3f} {rc:6.3f} {f1:6.3f}")
    for kind in kinds:
        sub = [x for x in rows if x[0]["kind"] == kind]
        for name, fn in variants[:1] + variants[2:3]:
            kept = [x for x in sub if fn(x[0], x[1])]
            tp = sum(1 for x in kept if x[3])
            alltp = sum(1 for x in sub if x[3])
            print(f"  {kind:6s} {name:44s} kept {len(kept):6d} "
                  f"prec {tp / max(len(kept), 1):.3f} recall {tp / max(alltp, 1):.3f}")


if __name__ == "__main__":
    main()
