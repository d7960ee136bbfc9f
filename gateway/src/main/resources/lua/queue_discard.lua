-- Takes a conversation out of the live queue whatever its state (waiting, held by a counsellor, closed): used once a
-- person has seen a young person's erasure request and the erasure goes ahead. Nothing of it is left in the queue.
-- KEYS[1] waiting   ZSET all waiting conversations
-- KEYS[2] entry     HASH the conversation's queue entry
-- KEYS[3] leases    ZSET conversation -> lease expiry (ms)
-- KEYS[4] erasures  HASH conversation -> when its erasure was asked for (ms)
-- ARGV[1] conversation id
-- ARGV[2] key prefix of the per-language waiting sets
-- ARGV[3] key prefix of the counsellors' held sets
-- Returns the state the entry had ('waiting', 'claimed', 'closed') or 'absent'.
local waiting, entry, leases, erasures = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, languagePrefix, heldPrefix = ARGV[1], ARGV[2], ARGV[3]
redis.call('HDEL', erasures, id)
local fields = redis.call('HMGET', entry, 'state', 'language', 'counsellor')
if not fields[1] then
  return 'absent'
end
redis.call('ZREM', waiting, id)
redis.call('ZREM', languagePrefix .. (fields[2] or ''), id)
redis.call('ZREM', leases, id)
if fields[3] then
  redis.call('SREM', heldPrefix .. fields[3], id)
end
redis.call('DEL', entry)
return fields[1]
