-- Closes a conversation held by a counsellor, with a disposition and notes (kept, without the transcript, for
-- statistics). The entry is marked closed; a later escalation starts a new one.
-- KEYS[1] leases  ZSET conversation -> lease expiry (ms)
-- KEYS[2] entry   HASH the conversation's queue entry
-- KEYS[3] held    SET  the counsellor's conversations
-- KEYS[4] cases   LIST closed cases (JSON, notes encrypted)
-- ARGV[1] conversation id
-- ARGV[2] counsellor
-- ARGV[3] the closed case as JSON
-- Returns 'closed' or 'not_holder'.
local leases, entry, held, cases = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, name, case = ARGV[1], ARGV[2], ARGV[3]
local fields = redis.call('HMGET', entry, 'state', 'counsellor')
if fields[1] ~= 'claimed' or fields[2] ~= name then
  return 'not_holder'
end
redis.call('HSET', entry, 'state', 'closed')
redis.call('HDEL', entry, 'leaseUntil')
redis.call('ZREM', leases, id)
redis.call('SREM', held, id)
redis.call('RPUSH', cases, case)
return 'closed'
