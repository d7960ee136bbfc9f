-- Renews the leases of the conversations a counsellor holds (the console's heartbeat). A conversation whose lease
-- already expired and went back to the queue (or to someone else) is reported as lost, not silently re-taken.
-- KEYS[1] leases  ZSET conversation -> lease expiry (ms)
-- KEYS[2] held    SET  conversations this counsellor holds
-- KEYS[3] lost    LIST conversations that went back to the queue since the last heartbeat (queue_expire.lua)
-- ARGV[1] counsellor name
-- ARGV[2] now (ms)
-- ARGV[3] lease length (ms)
-- ARGV[4] key prefix of queue entries
-- KEYS[4] counsellor HASH the counsellor's presence: 'lastSeen' (ms) is set to now, if they are a counsellor, so that
--         their presence lapses when no desk of theirs beats any more (the liveness job), whatever tab beat last
-- Returns {renewed ids..., '|', lost ids...}
local leases = KEYS[1]
local held = KEYS[2]
local lostList = KEYS[3]
local name = ARGV[1]
local now = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
local entryPrefix = ARGV[4]
local counsellorKey = KEYS[4]

if redis.call('EXISTS', counsellorKey) == 1 then
  redis.call('HSET', counsellorKey, 'lastSeen', now)
end

local renewed = {}
local lost = {}
for _, id in ipairs(redis.call('SMEMBERS', held)) do
  local entry = entryPrefix .. id
  local fields = redis.call('HMGET', entry, 'state', 'counsellor')
  if fields[1] == 'claimed' and fields[2] == name then
    redis.call('HSET', entry, 'leaseUntil', now + leaseMs)
    redis.call('ZADD', leases, now + leaseMs, id)
    table.insert(renewed, id)
  else
    redis.call('SREM', held, id)
    table.insert(lost, id)
  end
end
for _, id in ipairs(redis.call('LRANGE', lostList, 0, -1)) do
  table.insert(lost, id)
end
redis.call('DEL', lostList)
local out = renewed
table.insert(out, '|')
for _, id in ipairs(lost) do
  table.insert(out, id)
end
return out
