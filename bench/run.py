#!/usr/bin/python3
"""run.py — newsdex against its peers, one command (`make bench`).

For each corpus size it indexes the same corpus and runs the same 200
queries (../shared/bench/queries.txt) with every engine, on this machine,
one engine at a time:

  newsdex            the CLI's `rebuild --jobs 0` (extraction + facets, one
                     process per core, parts merged), then searches
                     in-process (build/bench/drivers/nxb_newsdex) and the
                     CLI `search --json` as a whole process
  newsdex-noextract  the same with `index --no-extract` (the cost of
                     extraction, and an index whose facets hold exactly
                     the human tags, for the exact facet check)
  newsdex-noquotes   the same with `rebuild --no-quotes`: the cost of
                     quote: (index size, and the 200 queries and
                     bench/quote-queries.txt on both databases)
  floor              bare Xapian (drivers/floor.cc): newsdex's floor
  omega              Omega's scriptindex (index only; bench/omega.script)
  fts5               SQLite FTS5 (drivers/fts5.c)
  sphinx             Sphinx 2.2 indexer + searchd (drivers/sphinx.c)
  redisearch         redis-server + RediSearch 1.2 (drivers/redis.c)

Servers listen on 127.0.0.1 on free ports and are stopped by their pid.
Raw results go to BUILD/bench-results/results.json; report.py turns them
into the table of bench/README.md.

  bench/run.py [--build DIR] [--sizes "21k 200k"] [--reps N]
               [--engines LIST] [--out DIR] [--queries FILE] [--no-readme]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import report

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
SHARED = None   # set by main(): see shared_dir()
ENGINES = ["newsdex", "newsdex-noquotes", "newsdex-noextract", "floor", "omega", "fts5", "sphinx",
           "redisearch"]
FACETS = ("places", "people", "orgs", "topics")
NAMES = ("place", "person", "org", "topic")


def shared_dir(build):
    """The shared data sets: $NX_SHARED_DIR, else what the build was
    configured with (tests/CMakeLists.txt), else ../shared as there."""
    if os.environ.get("NX_SHARED_DIR"):
        return os.environ["NX_SHARED_DIR"]
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("NX_SHARED_DIR:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return os.path.join(SRC, "..", "shared")


def log(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


def size_docs(label):
    """'21k' is the real Reuters corpus (21,577 articles with a body)."""
    label = label.lower()
    if label == "21k":
        return 21577
    mult = {"k": 1000, "m": 1000000}.get(label[-1], 1)
    return int(label.rstrip("km")) * mult


# ------------------------------------------------------------ measuring

def tree_rss_kb(root):
    """Resident kB of process `root` and all its descendants now."""
    kids, rss = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(st[1]), []).append(int(d))
            rss[int(d)] = int(st[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(kids.get(p, []))
    return total


def measured(cmd, **kw):
    """Runs cmd; returns (wall seconds, peak RSS kB of its process tree,
    exit code).  The peak is the larger of GNU time's (%M, wait4's
    ru_maxrss: the largest single process; Linux keeps a process's
    high-water mark across exec, so a child forked from this Python would
    report Python's size as its floor, time's own is ~2 MB) and the
    largest sum over the tree sampled every 50 ms (processes running
    side by side, like a parallel rebuild's parts)."""
    fd, path = tempfile.mkstemp(prefix="nxb-rss-")
    os.close(fd)
    t0 = time.monotonic()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", path] + cmd, **kw)
    tree = 0
    while p.poll() is None:
        tree = max(tree, tree_rss_kb(p.pid))
        time.sleep(0.05)
    rc = p.returncode
    secs = time.monotonic() - t0
    with open(path) as f:
        lines = f.read().split()
    os.unlink(path)
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else None
    return secs, max(peak or 0, tree) or None, rc


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, proc=None, timeout=60):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("server exited with %s" % proc.returncode)
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nothing listens on port %d" % port)


def vm_hwm_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def stop(pid):
    """Stops a server we started, by its pid, and waits for it to go."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(300):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


# --------------------------------------------------------------- inputs

def corpus(data, label):
    """The corpus of this size, made once by make-corpus.py run from
    shared/bench as documented (a smaller one is a prefix of a larger)."""
    n = size_docs(label)
    out = os.path.join(data, "corpus-%s.jsonl" % label)
    if not os.path.exists(out + ".stats.json"):
        log("making corpus", label, "(%d articles)" % n)
        subprocess.run([sys.executable, "make-corpus.py", str(n), out],
                       cwd=os.path.join(SHARED, "bench"), check=True,
                       stdout=subprocess.DEVNULL)
    with open(out + ".stats.json") as f:
        return out, json.load(f)


def peer_inputs(path):
    """Sphinx's tsvpipe data (tags numbered, TAGS file) and scriptindex's
    input, converted once per corpus and not timed: what a peer needs
    before its indexer can start."""
    tsv, tags_path, omega = path + ".sphinx.tsv", path + ".tags", path + ".omega"
    if os.path.exists(omega):
        return tsv, tags_path, omega
    log("converting", os.path.basename(path), "for sphinx and omega")
    ids = {}
    flat = str.maketrans("\t\r\n", "   ")
    with open(path) as src, open(tsv + ".tmp", "w") as t, \
            open(omega + ".tmp", "w") as o:
        for line in src:
            d = json.loads(line)
            cols = [str(d["id"]), d["title"].translate(flat),
                    d["body"].translate(flat)]
            rec = ["id=%d" % d["id"], "title=" + d["title"].replace("\n", " ")]
            body = d["body"].split("\n")
            rec.append("body=" + body[0])
            rec += ["=" + b for b in body[1:]]
            for key, name in zip(FACETS, NAMES):
                nums = []
                for v in d[key]:
                    nums.append(ids.setdefault((name, v), len(ids) + 1))
                    rec.append("%s=%s" % (name, v))
                cols.append(",".join(map(str, nums)))
            t.write("\t".join(cols) + "\n")
            o.write("\n".join(rec) + "\n\n")
    with open(tags_path, "w") as f:
        for (name, v), i in sorted(ids.items(), key=lambda kv: kv[1]):
            f.write("%s\t%s\t%d\n" % (name, v, i))
    os.rename(tsv + ".tmp", tsv)
    os.rename(omega + ".tmp", omega)
    return tsv, tags_path, omega


# -------------------------------------------------------------- engines

class Run:
    """One engine at one size: paths, and the result dict it fills."""

    def __init__(self, args, label, corpus_path, stats, work):
        self.args, self.label, self.corpus, self.stats = args, label, corpus_path, stats
        self.work = work
        self.drivers = os.path.join(args.build, "bench", "drivers")
        self.queries = os.path.join(SHARED, "bench", "queries.txt")

    def driver(self, name):
        return os.path.join(self.drivers, name)

    def index_result(self, secs, rss_kb, size):
        docs, mb = self.stats["docs"], self.stats["text_bytes"] / 1e6
        return {"seconds": secs, "docs_per_s": docs / secs,
                "mb_per_s": mb / secs, "size_bytes": size, "peak_rss_kb": rss_kb}

    def query(self, engine, cmd):
        out = os.path.join(self.work, engine + ".queries.json")
        rc = subprocess.run(cmd + [self.queries, out, str(self.args.reps)]).returncode
        if rc != 0:
            raise RuntimeError("%s queries: exit %d" % (engine, rc))
        with open(out) as f:
            return json.load(f)


def run_newsdex(r, extract, quotes=True):
    name = ("newsdex" if quotes else "newsdex-noquotes") if extract \
        else "newsdex-noextract"
    db = os.path.join(r.work, name + ".db")
    shutil.rmtree(db, ignore_errors=True)
    cli = os.path.join(r.args.build, "cli", "newsdex")
    # A full build the way a user makes one: `rebuild` in one process per
    # core, the parts merged compacted (build one database per core, merge
    # with compaction: the standard Xapian practice).
    cmd = [cli, "rebuild", "-q", "--jobs", "0", "--db", db] + \
        ([] if extract else ["--no-extract"]) + ([] if quotes else ["--no-quotes"])
    secs, rss, rc = measured(cmd + [r.corpus], stderr=open(db + ".log", "w"))
    if rc not in (0, 1):   # 1: some records skipped (reported in the log)
        raise RuntimeError("newsdex index: exit %d (see %s.log)" % (rc, db))
    res = {"index": r.index_result(secs, rss, du(db)),
           "index_exit": rc,
           "queries": r.query(name, [r.driver("nxb_newsdex"), "query", db])}
    if extract:
        # quote: queries in-process (the same driver, newsdex syntax)
        saved, r.queries = r.queries, os.path.join(HERE, "quote-queries.txt")
        try:
            res["quote_queries"] = r.query(name + "-quote",
                                           [r.driver("nxb_newsdex"), "query", db])
        finally:
            r.queries = saved
    if extract and quotes:
        res["cli"] = cli_latencies(r, cli, db)
        res["update"] = update_latencies(r, cli, db)
    res["display"] = display_forms(r, db)
    return name, res


def display_forms(r, db):
    """Reuters tag -> newsdex display value, for the value-by-value facet
    comparison (newsdex shows "United States" for the tag usa)."""
    seen = set()
    with open(r.corpus) as f:
        for line in f:
            d = json.loads(line)
            for key, facet in zip(FACETS, NAMES):
                seen.update((facet, v) for v in d[key])
    text = "".join("%s\t%s\n" % fv for fv in sorted(seen))
    out = subprocess.run([r.driver("nxb_newsdex"), "display", db], input=text,
                         capture_output=True, text=True, check=True).stdout
    m = {}
    for line in out.splitlines():
        facet, tag, shown = line.split("\t")
        m["%s:%s" % (facet, tag)] = shown
    return m


def cli_latencies(r, cli, db):
    """`newsdex search --json` as a whole process, each query once (the
    in-process runs warmed the page cache): what a script or CGI pays."""
    nx = {"place": "place", "person": "person", "org": "org", "topic": "category"}
    times = []
    with open(r.queries) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            qid, cls, text, filters = (line.rstrip("\n").split("\t") + [""])[:4]
            cmd = [cli, "search", "--json", "--db", db,
                   "--facets", "place,person,org,category"]
            for flt in filters.split():
                facet, value = flt.split(":", 1)
                cmd += ["--filter", "%s:%s" % (nx[facet], value)]
            t0 = time.monotonic()
            rc = subprocess.run(cmd + ["--", text], stdout=subprocess.DEVNULL).returncode
            if rc in (0, 1):
                times.append((time.monotonic() - t0) * 1e3)
    return times


def update_latencies(r, cli, db, n=25):
    """One changed article indexed into the built database by `newsdex
    index` as a process (what a feed script does per article): open,
    extract, replace, commit, rewrite the facet head file.  Last, as it
    changes the database."""
    picks, step = [], max(1, r.stats["docs"] // n)
    with open(r.corpus) as f:
        for i, line in enumerate(f):
            if i % step == 0 and len(picks) < n:
                picks.append(json.loads(line))
    times = []
    path = os.path.join(r.work, "update.jsonl")
    for k, d in enumerate(picks):
        d["body"] += " Updated %d." % k
        with open(path, "w") as f:
            f.write(json.dumps(d) + "\n")
        t0 = time.monotonic()
        rc = subprocess.run([cli, "index", "-q", "--db", db, path]).returncode
        if rc != 0:
            raise RuntimeError("newsdex index (update): exit %d" % rc)
        times.append((time.monotonic() - t0) * 1e3)
    return times


def run_floor(r):
    db = os.path.join(r.work, "floor.db")
    secs, rss, rc = measured([r.driver("nxb_floor"), "index", db, r.corpus])
    if rc != 0:
        raise RuntimeError("floor index: exit %d" % rc)
    return "floor", {"index": r.index_result(secs, rss, du(db)),
                     "queries": r.query("floor", [r.driver("nxb_floor"), "query", db])}


def run_omega(r):
    _, _, omega = peer_inputs(r.corpus)
    db = os.path.join(r.work, "omega.db")
    secs, rss, rc = measured(["scriptindex", "--overwrite", db,
                              os.path.join(HERE, "omega.script"), omega],
                             stdout=subprocess.DEVNULL)
    if rc != 0:
        raise RuntimeError("scriptindex: exit %d" % rc)
    return "omega", {"index": r.index_result(secs, rss, du(db))}


def run_fts5(r):
    db = os.path.join(r.work, "fts5.sqlite")
    secs, rss, rc = measured([r.driver("nxb_fts5"), "index", db, r.corpus])
    if rc != 0:
        raise RuntimeError("fts5 index: exit %d" % rc)
    return "fts5", {"index": r.index_result(secs, rss, du(db)),
                    "queries": r.query("fts5", [r.driver("nxb_fts5"), "query", db])}


SPHINX_CONF = """# generated by bench/run.py
source src
{{
    type = tsvpipe
    tsvpipe_command = cat {tsv}
    tsvpipe_field = title
    tsvpipe_field = body
    tsvpipe_attr_multi = place
    tsvpipe_attr_multi = person
    tsvpipe_attr_multi = org
    tsvpipe_attr_multi = topic
}}
index nx
{{
    source = src
    path = {dir}/idx/nx
    morphology = stem_en
    min_word_len = 1
}}
indexer
{{
    mem_limit = 256M
}}
searchd
{{
    listen = 127.0.0.1:{port}:mysql41
    log = {dir}/searchd.log
    query_log = {dir}/query.log
    pid_file = {dir}/searchd.pid
    binlog_path =
    workers = threads
}}
"""


def run_sphinx(r):
    tsv, tags, _ = peer_inputs(r.corpus)
    d = os.path.join(r.work, "sphinx")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "idx"))
    port = free_port()
    conf = os.path.join(d, "sphinx.conf")
    with open(conf, "w") as f:
        f.write(SPHINX_CONF.format(tsv=tsv, dir=d, port=port))
    secs, rss, rc = measured(["indexer", "--config", conf, "--all"],
                             stdout=open(os.path.join(d, "indexer.log"), "w"))
    if rc != 0:
        raise RuntimeError("sphinx indexer: exit %d (see %s/indexer.log)" % (rc, d))
    res = {"index": r.index_result(secs, rss, du(os.path.join(d, "idx")))}
    subprocess.run(["searchd", "--config", conf], check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(d, "searchd.pid")) as f:
        pid = int(f.read().split()[0])
    try:
        wait_port(port)
        res["queries"] = r.query("sphinx", [r.driver("nxb_sphinx"), "query",
                                            str(port), tags])
    finally:
        stop(pid)
    return "sphinx", res


def run_redisearch(r):
    d = os.path.join(r.work, "redis")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    port = free_port()
    # No persistence: RediSearch keeps its index in memory; its size is
    # the server's memory.  TIMEOUT 0: 1.2 otherwise returns partial
    # results of queries slower than 500 ms.
    srv = subprocess.Popen(["redis-server", "--port", str(port), "--bind",
                            "127.0.0.1", "--save", "", "--appendonly", "no",
                            "--dir", d, "--loadmodule",
                            "/usr/lib/redis/modules/redisearch.so",
                            "TIMEOUT", "0"],
                           stdout=open(os.path.join(d, "redis.log"), "w"))
    try:
        wait_port(port, srv)
        base = vm_hwm_kb(srv.pid)
        secs, rss, rc = measured([r.driver("nxb_redis"), "index", str(port), r.corpus])
        if rc != 0:
            raise RuntimeError("redisearch index: exit %d" % rc)
        info = subprocess.run(["redis-cli", "-p", str(port), "info", "memory"],
                              capture_output=True, text=True).stdout
        used = int([l for l in info.splitlines()
                    if l.startswith("used_memory:")][0].split(":")[1])
        res = {"index": r.index_result(secs, vm_hwm_kb(srv.pid) + (rss or 0), used),
               "server_rss_before_kb": base,
               "queries": r.query("redisearch", [r.driver("nxb_redis"), "query",
                                                 str(port)])}
    finally:
        stop(srv.pid)
        srv.wait()
    return "redisearch", res


RUNNERS = {"newsdex": lambda r: run_newsdex(r, True),
           "newsdex-noquotes": lambda r: run_newsdex(r, True, False),
           "newsdex-noextract": lambda r: run_newsdex(r, False),
           "floor": run_floor, "omega": run_omega, "fts5": run_fts5,
           "sphinx": run_sphinx, "redisearch": run_redisearch}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(SRC, "build"))
    ap.add_argument("--sizes", default="21k 200k")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--out", help="results directory (BUILD/bench-results)")
    ap.add_argument("--queries", help="another query file (a subset of "
                    "queries.txt, to keep a 1M run within hours)")
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    global SHARED
    SHARED = shared_dir(args.build)
    data = os.path.join(args.build, "bench-data")
    out_dir = args.out or os.path.join(args.build, "bench-results")
    os.makedirs(data, exist_ok=True)
    os.makedirs(out_dir, exist_ok=True)
    results_path = os.path.join(out_dir, "results.json")
    results = {"machine": report.machine(SRC), "sizes": {}}
    for label in args.sizes.split():
        path, stats = corpus(data, label)
        work = os.path.join(data, "work-" + label)
        os.makedirs(work, exist_ok=True)
        r = Run(args, label, path, stats, work)
        if args.queries:
            r.queries = os.path.abspath(args.queries)
        sized = results["sizes"][label] = {"docs": stats["docs"],
                                           "text_bytes": stats["text_bytes"],
                                           "engines": {}}
        for engine in args.engines.split(","):
            log(label, engine)
            try:
                name, res = RUNNERS[engine](r)
            except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
                log(label, engine, "FAILED:", e)
                sized["engines"][engine] = {"error": str(e)}
                continue
            sized["engines"][name] = res
            with open(results_path, "w") as f:   # partial results survive
                json.dump(results, f)
        sized["checks"] = report.checks(sized["engines"], r.queries)
        sized["queries"] = r.queries
        with open(results_path, "w") as f:
            json.dump(results, f)
    summary = report.summarise(results)
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    table = report.markdown(results, summary)
    print(table)
    if not args.no_readme:
        report.write_readme(os.path.join(HERE, "README.md"), table)
    log("raw results:", results_path)


if __name__ == "__main__":
    main()
