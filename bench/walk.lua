-- wrk script for bench/wrk.py: walk one list of request paths in order, one path per request,
-- and count what the benchmark checks: answers other than 200 with a body, and cache hits.
-- Arguments (after --): the file of paths, one a line; the index to start from.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  sent = tonumber(args[2] or "0")
  hits = 0
  bad = 0
end

function request()
  sent = sent + 1
  return wrk.format("GET", paths[(sent - 1) % #paths + 1])
end

function response(status, headers, body)
  if status ~= 200 or body == nil or #body == 0 then
    bad = bad + 1
  end
  if headers["X-Cache"] == "hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local hit_total, bad_total = 0, 0
  for _, thread in ipairs(threads) do
    hit_total = hit_total + thread:get("hits")
    bad_total = bad_total + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    '\nWRK-RESULT {"requests": %d, "duration_us": %d, "cache_hits": %d, "bad": %d, ' ..
    '"socket_errors": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, hit_total, bad_total,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
