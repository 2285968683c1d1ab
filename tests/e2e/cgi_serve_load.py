#!/usr/bin/env python3
"""cgi_serve_load.py URL SECONDS THREADS KILL_PID

Requests URL from THREADS threads for SECONDS; half-way through, kills
KILL_PID (one FastCGI worker) with SIGKILL.  Prints one line:
  ok=N failed=M statuses=CODE:COUNT,...
"""
import collections
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request

url, secs, nthreads, kill_pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
statuses = collections.Counter()
lock = threading.Lock()
stop_at = time.monotonic() + secs


def worker(k):
    i = 0
    while time.monotonic() < stop_at:
        i += 1
        try:
            with urllib.request.urlopen("%s&t=%d-%d" % (url, k, i), timeout=30) as r:
                r.read()
                code = r.status
        except urllib.error.HTTPError as e:
            code = e.code
        except Exception as e:  # connection reset, timeout
            code = type(e).__name__
        with lock:
            statuses[code] += 1


threads = [threading.Thread(target=worker, args=(k,)) for k in range(nthreads)]
for t in threads:
    t.start()
time.sleep(secs / 2)
os.kill(kill_pid, signal.SIGKILL)
for t in threads:
    t.join()
ok = statuses.get(200, 0)
print("ok=%d failed=%d statuses=%s" % (ok, sum(statuses.values()) - ok,
      ",".join("%s:%d" % (k, v) for k, v in sorted(statuses.items(), key=str))))
