-- "Help next": gives a counsellor the most urgent waiting conversation they are eligible for, atomically, so two
-- counsellors can never hold the same conversation whatever the number of gateway instances.
-- Eligible: the counsellor is available, holds fewer conversations than their capacity, speaks the conversation's
-- language (or lists '*'), and did not transfer this conversation away before.
-- KEYS[1] waiting    ZSET conversation -> priority score
-- KEYS[2] leases     ZSET conversation -> lease expiry (ms)
-- KEYS[3] counsellor HASH presence, capacity, languages (comma separated)
-- KEYS[4] held       SET  conversations this counsellor holds
-- ARGV[1] counsellor name
-- ARGV[2] now (ms)
-- ARGV[3] lease length (ms)
-- ARGV[4] key prefix of queue entries ("queue:{queue}:entry:")
-- ARGV[5] how many waiting conversations to look at, at most
-- Returns the claimed conversation id, or false when none is eligible (or the counsellor is unavailable / full).
local waiting = KEYS[1]
local leases = KEYS[2]
local counsellorKey = KEYS[3]
local held = KEYS[4]
local name = ARGV[1]
local now = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
local entryPrefix = ARGV[4]
local scanLimit = tonumber(ARGV[5])

if redis.call('HGET', counsellorKey, 'presence') ~= 'available' then
  return false
end
local capacity = tonumber(redis.call('HGET', counsellorKey, 'capacity') or '1')
if redis.call('SCARD', held) >= capacity then
  return false
end
local languages = ',' .. (redis.call('HGET', counsellorKey, 'languages') or '') .. ','
local anyLanguage = string.find(languages, ',*,', 1, true) ~= nil

local batch = 100
local start = 0
while start < scanLimit do
  local ids = redis.call('ZRANGE', waiting, start, start + batch - 1)
  if #ids == 0 then
    break
  end
  for _, id in ipairs(ids) do
    local entry = entryPrefix .. id
    local fields = redis.call('HMGET', entry, 'language', 'excluded')
    local language = fields[1] or ''
    local excluded = ',' .. (fields[2] or '') .. ','
    local speaks = anyLanguage or string.find(languages, ',' .. language .. ',', 1, true) ~= nil
    local wasExcluded = string.find(excluded, ',' .. name .. ',', 1, true) ~= nil
    if speaks and not wasExcluded then
      redis.call('ZREM', waiting, id)
      redis.call('HSET', entry, 'state', 'claimed', 'counsellor', name, 'claimedAt', now, 'leaseUntil', now + leaseMs)
      redis.call('ZADD', leases, now + leaseMs, id)
      redis.call('SADD', held, id)
      return id
    end
  end
  start = start + batch
end
return false
