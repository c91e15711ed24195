-- wrk script of the HTTP benchmark (run-http-bench.sh). Modes, chosen by the first script argument:
--   echo                                   POST /api/v1/_bench/echo with a small JSON body (the bare-HTTP baseline)
--   grain-echo <ids-file>                  POST /api/v1/_bench/grain-echo/{id}: the same after one grain call
--   grain-write <ids-file>                 POST /api/v1/_bench/grain-write/{id}: the same after a durable grain write
--   event <ids-file> <token> <workspace>   POST .../instances/{id}/widgets/counter/events {"handler":"increment"},
--                                          spread round-robin over the instance ids in the file (one per line);
--                                          each thread starts at its own offset, so all ids are in use at once.
-- done() prints one machine-readable line: RESULT key=value ...

local body = '{"handler":"increment"}'
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

local mode, ids, token, workspace, next_index

function init(args)
  mode = args[1]
  if mode == "echo" then
    wrk.method = "POST"
    wrk.path = "/api/v1/_bench/echo"
    wrk.body = body
    wrk.headers["Content-Type"] = "application/json"
  elseif mode == "event" or mode == "grain-echo" or mode == "grain-write" then
    local file = args[2]
    token, workspace = args[3], args[4]
    ids = {}
    for line in io.lines(file) do
      if #line > 0 then ids[#ids + 1] = line end
    end
    if #ids == 0 then error("no instance ids in " .. tostring(file)) end
    -- wrk gives every thread its own Lua state; spread the threads' starting points over the ids
    -- (golden-ratio steps: well apart for any thread count).
    next_index = math.floor((((thread_index - 1) * 0.6180339887) % 1) * #ids)
    -- Only in keyed modes (wrk asks whether response() exists after init): keep the first failure for the report.
    failures = 0
    function response(status, headers, response_body)
      if status >= 300 then
        failures = failures + 1
        if first_failure == nil then first_failure = status .. " " .. string.sub(response_body or "", 1, 200) end
      end
    end
  else
    error("usage: -s http-bench.lua URL -- echo | grain-echo <ids-file> | grain-write <ids-file> | event <ids-file> <token> <workspace>")
  end
end

function request()
  if mode == "echo" then
    return wrk.format()
  end
  next_index = next_index % #ids + 1
  if mode ~= "event" then
    return wrk.format("POST", "/api/v1/_bench/" .. mode .. "/" .. ids[next_index], { ["Content-Type"] = "application/json" }, body)
  end
  local path = "/api/v1/workspaces/" .. workspace .. "/instances/" .. ids[next_index] .. "/widgets/counter/events"
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f mean_ms=%.3f max_ms=%.3f status_errors=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
  for i, thread in ipairs(threads) do
    local failure = thread:get("first_failure")
    if failure ~= nil then
      io.write(string.format("FAILURE thread=%d count=%s first=%s\n", i, tostring(thread:get("failures")), failure))
    end
  end
end
