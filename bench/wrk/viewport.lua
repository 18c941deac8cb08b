-- wrk script: POST the viewport query of the API benchmark with a random box placed on a random anchor parcel.
-- ANCHORS (lon lat pairs), BOX_W and BOX_H come from the environment, written by graphql-viewport.sh.
local anchors = {}
for x, y in string.gmatch(os.getenv("ANCHORS") or "", "([%d%.%-]+) ([%d%.%-]+)") do
  anchors[#anchors + 1] = {tonumber(x), tonumber(y)}
end
local w = tonumber(os.getenv("BOX_W"))
local h = tonumber(os.getenv("BOX_H"))
local query = os.getenv("QUERY")
-- TOKEN (optional): an API token, sent as a bearer token (the staff side of the auth bench).
local token = os.getenv("TOKEN")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed * 7919)
end

function request()
  local a = anchors[math.random(#anchors)]
  local x0 = a[1] - math.random() * w
  local y0 = a[2] - math.random() * h
  local body = string.format('{"query":"%s","variables":{"b":[%.7f,%.7f,%.7f,%.7f]}}', query, x0, y0, x0 + w, y0 + h)
  local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json"}
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("POST", "/graphql", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
