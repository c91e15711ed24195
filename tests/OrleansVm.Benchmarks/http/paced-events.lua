-- wrk script of run-rate-limit-flood.sh: counter events round-robin over the instance ids in a file, with a client
-- token, each connection waiting <pace-ms> between its requests (0 = as fast as possible, like a client that
-- ignores Retry-After). Arguments: <ids-file> <token> <workspace> <pace-ms>. done() prints one RESULT line
-- (status_errors = responses >= 300, e.g. 429).
local body = '{"handler":"increment"}'
local ids, token, workspace, pace, next_index

function init(args)
  token, workspace, pace = args[2], args[3], tonumber(args[4] or "0")
  ids = {}
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no instance ids in " .. tostring(args[1])) end
  next_index = math.random(#ids)
end

function delay()
  return pace
end

function request()
  next_index = next_index % #ids + 1
  local path = "/api/v1/workspaces/" .. workspace .. "/instances/" .. ids[next_index] .. "/widgets/counter/events"
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f status_errors=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
