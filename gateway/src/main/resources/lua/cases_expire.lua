-- Removes the reports' case records closed before the reporting retention's cut-off, from the head of the list
-- (oldest first: records are pushed as cases close), at most ARGV[2] per call so that a large backlog (the first
-- sweep after an upgrade) never holds Redis for long; the caller calls again while a call removed its limit.
-- Any instance may run it at any time: it is atomic and idempotent.
-- Instances' clocks differ a little, so a record may be a few milliseconds older than the one before it; the sweep
-- stops at the first record inside the retention and removes such a record at a later call, never one inside it.
-- A record that is not JSON, or has no numeric closedAt, cannot be dated: it is removed too (and counted apart), since
-- nobody can show it is within the retention, and left at the head it would stop every sweep behind it.
-- KEYS[1] records LIST CaseRecord JSON, oldest first
-- ARGV[1] cut-off (ms): a record closed before it goes
-- ARGV[2] at most this many removed per call
-- Returns {removed because closed before the cut-off, removed because undatable}.
local records = KEYS[1]
local before = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])

local expired, undatable = 0, 0
while expired + undatable < limit do
  local raw = redis.call('LINDEX', records, 0)
  if not raw then
    break
  end
  local ok, record = pcall(cjson.decode, raw)
  if not ok or type(record) ~= 'table' or type(record.closedAt) ~= 'number' then
    redis.call('LPOP', records)
    undatable = undatable + 1
  elseif record.closedAt < before then
    redis.call('LPOP', records)
    expired = expired + 1
  else
    break
  end
end
return {expired, undatable}
