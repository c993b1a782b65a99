-- wrk script: signed-in users, one session per wrk thread, and a JSON summary with p95.
-- Environment: BENCH_COOKIES (session cookies separated by "|"), BENCH_TOKENS (each session's
-- CSRF token, same order), BENCH_METHOD, BENCH_BODY (a form body; "{token}" becomes the
-- thread's CSRF token), BENCH_HEADER (one extra "Name: value" header, e.g. an API token).

local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do
  table.insert(cookies, cookie)
end
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^|]+") do
  table.insert(tokens, token)
end
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local header = os.getenv("BENCH_HEADER")

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local headers = {}
  local slot = 1
  if #cookies > 0 then
    slot = ((id - 1) % #cookies) + 1
    headers["Cookie"] = cookies[slot]
  end
  local thread_body = body
  if body and #tokens > 0 then
    thread_body = string.gsub(body, "{token}", tokens[slot])
  end
  if header then
    local name, value = string.match(header, "^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  if body then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  request_data = wrk.format(method, nil, headers, thread_body)
  bad = 0
end

function request()
  return request_data
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local non_200 = 0
  for _, thread in ipairs(threads) do
    non_200 = non_200 + (thread:get("bad") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d, "non_200": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    non_200))
end
