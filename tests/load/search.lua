-- wrk script: GET /api/search?q=...&top=3, questions taken in turn from QUESTIONS (one per line).
local paths = {}
local counter = 0

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(os.getenv("QUESTIONS")) do
    if line ~= "" then
      paths[#paths + 1] = "/api/search?top=3&q=" .. encode(line)
    end
  end
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
