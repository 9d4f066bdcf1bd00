-- wrk script of bench/http/run: GET one path (BH_PATH) with the bearer
-- tokens in BH_TOKENS (comma-separated; request i uses token i mod n, so
-- that many connections are not one account's queue), and one JSON line
-- at the end: requests, seconds, latency percentiles (ms), bytes, and the
-- responses per class (2xx/3xx, 4xx, 5xx).
local path = os.getenv("BH_PATH")
local tokens = {}
for t in string.gmatch(os.getenv("BH_TOKENS") or "", "[^,]+") do tokens[#tokens + 1] = t end
local threads, counter, tid = {}, 0, 0
local ok, c4, c5 = 0, 0, 0
function setup(thread) thread:set("tid", #threads) table.insert(threads, thread) end
function init(args) tid = tonumber(wrk.thread:get("tid")) or 0 end
function request()
  counter = counter + 1
  local h = { ["Accept-Encoding"] = "identity" }
  if #tokens > 0 then h["Authorization"] = "Bearer " .. tokens[((counter * 7 + tid) % #tokens) + 1] end
  return wrk.format("GET", path, h)
end
function response(status, headers, body)
  if status >= 500 then c5 = c5 + 1 elseif status >= 400 then c4 = c4 + 1 else ok = ok + 1 end
  wrk.thread:set("ok", ok) wrk.thread:set("c4", c4) wrk.thread:set("c5", c5)
end
function done(summary, latency, requests)
  local o, a, b = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + (tonumber(t:get("ok")) or 0); a = a + (tonumber(t:get("c4")) or 0); b = b + (tonumber(t:get("c5")) or 0)
  end
  io.write(string.format('{"requests":%d,"seconds":%.3f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"bytes":%d,"ok":%d,"c4":%d,"c5":%d,"timeouts":%d,"sockerr":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.bytes, o, a, b, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write))
end
