-- wrk script: POST /api/messages with expectReplies, questions taken in turn from QUESTIONS (one per line).
-- With UNIQUE=1 every question gets a number of its own appended, so no cache can help (each is new to the model): one
-- number, run * 10^7 + thread * 10^6 + count, with run the run id mod 1000, so runs within 1000 s of each other never
-- repeat a question, and the number is a few word pieces, as a user's own extra words would be.
-- Activity ids are unique across runs too (a run id from the clock, and wrk's thread): the bot answers an id once and
-- gives a redelivery 200 and nothing else, so a second run reusing the first run's ids would measure no-ops.
-- Each activity carries its time of sending to the millisecond, as every channel stamps it (timestamp).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } timeval;
  int gettimeofday(timeval *tv, void *tz);
]]
local now = ffi.new("timeval")
local questions = {}
local counter = 0
local unique = os.getenv("UNIQUE") == "1"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
  thread:set("run_id", os.getenv("RUN_ID") or tostring(os.time()))
end

function init(args)
  for line in io.lines(os.getenv("QUESTIONS")) do
    if line ~= "" then
      local escaped = line:gsub("\\", "\\\\"):gsub('"', '\\"')
      questions[#questions + 1] = escaped
    end
  end
end

local second, prefix = -1, ""
local function timestamp() -- the date and time formatted once a second, the milliseconds every time
  ffi.C.gettimeofday(now, nil)
  local s = tonumber(now.tv_sec)
  if s ~= second then second, prefix = s, os.date("!%Y-%m-%dT%H:%M:%S.", s) end
  return prefix .. string.format("%03dZ", math.floor(tonumber(now.tv_usec) / 1000))
end

function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  if unique then q = q .. " " .. string.format("%d", ((tonumber(run_id) or 0) % 1000) * 10000000 + (thread_id or 0) * 1000000 + counter) end
  local body = '{"type":"message","id":"m' .. tostring(run_id or 0) .. '-' .. tostring(thread_id or 0) .. '-' .. counter .. '","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/",' ..
    '"from":{"id":"load-user-' .. (counter % 50) .. '"},"recipient":{"id":"bot"},"conversation":{"id":"load-' .. (counter % 50) .. '"},"timestamp":"' .. timestamp() .. '",' ..
    '"text":"' .. q .. '","deliveryMode":"expectReplies"}'
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end
