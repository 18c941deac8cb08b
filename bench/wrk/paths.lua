-- wrk script: GET paths from the file named by PATHS (one per line), round robin per thread. Asks for gzip, as a
-- browser does, unless ACCEPT_ENCODING says otherwise (empty: no Accept-Encoding header).
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local encoding = os.getenv("ACCEPT_ENCODING") or "gzip"
local headers = {}
if encoding ~= "" then
  headers["Accept-Encoding"] = encoding
end
local i = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

function request()
  i = i + 1
  return wrk.format("GET", paths[((i + offset) % #paths) + 1], headers)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
