-- A supervisor gives a waiting conversation to a named counsellor, who must be available with room (their languages
-- are shown to the supervisor, not enforced: a supervisor may know better). Atomic with the queue, so the
-- conversation can never be both assigned and claimed by "Help next".
-- KEYS[1] waiting    ZSET conversation -> priority score (all languages)
-- KEYS[2] leases     ZSET conversation -> lease expiry (ms)
-- KEYS[3] entry      HASH the conversation's queue entry
-- KEYS[4] target     HASH the counsellor's presence, capacity
-- KEYS[5] targetHeld SET  the counsellor's conversations
-- KEYS[6] waits      LIST the last waits before a first claim (ms): an assignment is a first claim too
-- ARGV[1] conversation id
-- ARGV[2] counsellor name
-- ARGV[3] now (ms)
-- ARGV[4] lease length (ms)
-- ARGV[5] key prefix of the per-language waiting sets ("queue:{queue}:waiting:")
-- ARGV[6] how many recent waits to keep
-- Returns 'assigned', or an error word: 'not_waiting', 'no_such_counsellor', 'target_unavailable', 'target_full'.
local waiting, leases, entry, target, targetHeld, waits = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local id, to = ARGV[1], ARGV[2]
local now, leaseMs = tonumber(ARGV[3]), tonumber(ARGV[4])
local languagePrefix = ARGV[5]
local keepWaits = tonumber(ARGV[6])

local fields = redis.call('HMGET', entry, 'state', 'language', 'enqueuedAt')
if fields[1] ~= 'waiting' then
  return 'not_waiting'
end
if redis.call('EXISTS', target) == 0 then
  return 'no_such_counsellor'
end
if redis.call('HGET', target, 'presence') ~= 'available' then
  return 'target_unavailable'
end
if redis.call('SCARD', targetHeld) >= tonumber(redis.call('HGET', target, 'capacity') or '1') then
  return 'target_full'
end
redis.call('ZREM', waiting, id)
redis.call('ZREM', languagePrefix .. (fields[2] or ''), id)
redis.call('HSET', entry, 'state', 'claimed', 'counsellor', to, 'claimedAt', now, 'leaseUntil', now + leaseMs)
redis.call('ZADD', leases, now + leaseMs, id)
redis.call('SADD', targetHeld, id)
if redis.call('HSETNX', entry, 'firstClaimedAt', now) == 1 then
  redis.call('LPUSH', waits, math.max(0, now - tonumber(fields[3] or now)))
  redis.call('LTRIM', waits, 0, keepWaits - 1)
end
return 'assigned'
