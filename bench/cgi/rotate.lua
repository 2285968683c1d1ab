-- rotate.lua — wrk script: requests the paths of the file named by
-- $WRK_PATHS in turn (one per line), and prints latency percentiles as
-- one machine-readable line at the end.
local paths = {}
local f = assert(io.open(os.getenv("WRK_PATHS"), "r"))
for line in f:lines() do
  if #line > 0 then paths[#paths + 1] = line end
end
f:close()
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d errors=%d non2xx=%d seconds=%.2f rps=%.1f " ..
    "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout,
    summary.errors.status, s, summary.requests / s,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
