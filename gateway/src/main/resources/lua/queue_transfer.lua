-- Transfers a conversation from the counsellor holding it: back to the queue at its original place (the transferring
-- counsellor is then never offered it again), or straight to a named colleague who is available with room.
-- KEYS[1] waiting     ZSET conversation -> priority score
-- KEYS[2] leases      ZSET conversation -> lease expiry (ms)
-- KEYS[3] entry       HASH the conversation's queue entry
-- KEYS[4] fromHeld    SET  the transferring counsellor's conversations
-- KEYS[5] target      HASH the colleague (ignored when transferring to the queue)
-- KEYS[6] targetHeld  SET  the colleague's conversations (ignored when transferring to the queue)
-- ARGV[1] conversation id
-- ARGV[2] transferring counsellor
-- ARGV[3] colleague's name, or '' for the queue
-- ARGV[4] now (ms)
-- ARGV[5] lease length (ms)
-- ARGV[6] key prefix of the per-language waiting sets ("queue:{queue}:waiting:")
-- Returns 'queued', 'transferred', or an error word: 'not_holder', 'target_unavailable', 'target_full'.
local waiting, leases, entry, fromHeld, target, targetHeld = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local id, from, to = ARGV[1], ARGV[2], ARGV[3]
local now, leaseMs = tonumber(ARGV[4]), tonumber(ARGV[5])
local languagePrefix = ARGV[6]

local fields = redis.call('HMGET', entry, 'state', 'counsellor', 'score', 'excluded', 'language')
if fields[1] ~= 'claimed' or fields[2] ~= from then
  return 'not_holder'
end
if to == '' then
  local excluded = fields[4]
  if excluded and excluded ~= '' then excluded = excluded .. ',' .. from else excluded = from end
  redis.call('HSET', entry, 'state', 'waiting', 'excluded', excluded)
  redis.call('HDEL', entry, 'counsellor', 'leaseUntil', 'claimedAt')
  redis.call('ZREM', leases, id)
  redis.call('SREM', fromHeld, id)
  redis.call('ZADD', waiting, tonumber(fields[3]), id)
  redis.call('ZADD', languagePrefix .. (fields[5] or ''), tonumber(fields[3]), id)
  return 'queued'
end
if redis.call('HGET', target, 'presence') ~= 'available' then
  return 'target_unavailable'
end
if redis.call('SCARD', targetHeld) >= tonumber(redis.call('HGET', target, 'capacity') or '1') then
  return 'target_full'
end
redis.call('HSET', entry, 'counsellor', to, 'claimedAt', now, 'leaseUntil', now + leaseMs)
redis.call('ZADD', leases, now + leaseMs, id)
redis.call('SREM', fromHeld, id)
redis.call('SADD', targetHeld, id)
return 'transferred'
