-- wrk script: POST the GraphQL bodies of the file named by BODIES (one JSON body per line) to /graphql, round
-- robin per thread, so that every side of a comparison gets the same fixed, seeded set of requests.
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do
  bodies[#bodies + 1] = line
end
local token = os.getenv("TOKEN")
local i = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 11)
end

function request()
  i = i + 1
  local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json"}
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("POST", "/graphql", headers, bodies[((i + offset) % #bodies) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
