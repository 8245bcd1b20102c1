-- The realistic mix for wrk (bench/mix.py writes the requests, bench/wrk.py runs it).
--
-- Each request is a random line of BENCH_MIX_FILE, "METHOD<tab>path<tab>cookie<tab>body":
-- GET lines, POST lines (a body's "{submission}" becomes a fresh single-use token) and ONCE
-- lines, posts that succeed only once (removing a plan entry): each thread owns every n-th
-- of them and sends each at most once. A share BENCH_MIX_POST_SHARE (0 to 1) of the
-- requests are posts, a third of them removals while the thread has any left.
-- The threads are spread over the app instances of BENCH_MIX_HOSTS ("host:port,host:port").
-- done() prints one line of figures with the count of each status code.

local threads = {}
local gets, posts, once = {}, {}, {}
local share = 0
statuses, posted = {}, 0

function setup(thread)
  local hosts = {}
  for host, port in string.gmatch(os.getenv("BENCH_MIX_HOSTS"), "([^,:]+):(%d+)") do
    table.insert(hosts, { host, port })
  end
  table.insert(threads, thread)
  local host = hosts[(#threads - 1) % #hosts + 1]
  thread.addr = wrk.lookup(host[1], host[2])[1]
  thread:set("number", #threads)
end

function init(args)
  math.randomseed(os.time() * 100 + number)
  share = tonumber(os.getenv("BENCH_MIX_POST_SHARE"))
  local total, seen = tonumber(os.getenv("BENCH_MIX_THREADS")), 0
  for line in io.lines(os.getenv("BENCH_MIX_FILE")) do
    local method, path, cookie, body = line:match("^(%u+)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local entry = { path = path, cookie = cookie, body = body }
    if method == "GET" then
      table.insert(gets, entry)
    elseif method == "POST" then
      table.insert(posts, entry)
    else
      seen = seen + 1
      if seen % total == number - 1 then
        table.insert(once, entry)
      end
    end
  end
end

local function token()
  return string.format("bench%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

local function post()
  posted = posted + 1
  local entry
  if #once > 0 and math.random() < 1 / 3 then
    entry = table.remove(once)
  else
    entry = posts[math.random(#posts)]
  end
  local headers = { Cookie = entry.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }
  local body = entry.body:gsub("{submission}", token())
  return wrk.format("POST", entry.path, headers, body)
end

function request()
  if share > 0 and math.random() < share then
    return post()
  end
  local entry = gets[math.random(#gets)]
  return wrk.format("GET", entry.path, { Cookie = entry.cookie })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, sent = {}, 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("posted")
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local line = string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d " ..
    "status_errors=%d socket_errors=%d posts=%d",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    sent)
  for status, count in pairs(counts) do
    line = line .. string.format(" status_%d=%d", status, count)
  end
  io.write(line .. "\n")
end
