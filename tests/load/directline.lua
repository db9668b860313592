-- wrk script: POST a question to a Direct Line conversation, taking conversations from CONVERSATIONS (one id per
-- line, authorised with the secret in DIRECTLINE_SECRET) and questions from QUESTIONS in turn.
local conversations = {}
local questions = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("CONVERSATIONS")) do
    if line ~= "" then conversations[#conversations + 1] = line end
  end
  for line in io.lines(os.getenv("QUESTIONS")) do
    if line ~= "" then questions[#questions + 1] = line:gsub("\\", "\\\\"):gsub('"', '\\"') end
  end
end

function request()
  counter = counter + 1
  local conversation = conversations[(counter % #conversations) + 1]
  local body = '{"type":"message","from":{"id":"soak-user"},"text":"' .. questions[(counter % #questions) + 1] .. '"}'
  return wrk.format("POST", "/v3/directline/conversations/" .. conversation .. "/activities",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("DIRECTLINE_SECRET") }, body)
end
