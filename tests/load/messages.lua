-- wrk script: POST /api/messages with expectReplies, questions taken in turn from QUESTIONS (one per line).
-- With UNIQUE=1 every question gets a number of its own appended, so no cache can help (each is new to the model): one
-- number, run * 10^7 + thread * 10^6 + count, with run the run id mod 1000, so runs within 1000 s of each other never
-- repeat a question, and the number is a few word pieces, as a user's own extra words would be.
-- Activity ids are unique across runs too (a run id from the clock, and wrk's thread): the bot answers an id once and
-- gives a redelivery 200 and nothing else, so a second run reusing the first run's ids would measure no-ops.
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

function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  if unique then q = q .. " " .. string.format("%d", ((tonumber(run_id) or 0) % 1000) * 10000000 + (thread_id or 0) * 1000000 + counter) end
  local body = '{"type":"message","id":"m' .. tostring(run_id or 0) .. '-' .. tostring(thread_id or 0) .. '-' .. counter .. '","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/",' ..
    '"from":{"id":"load-user-' .. (counter % 50) .. '"},"recipient":{"id":"bot"},"conversation":{"id":"load-' .. (counter % 50) .. '"},' ..
    '"text":"' .. q .. '","deliveryMode":"expectReplies"}'
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end
