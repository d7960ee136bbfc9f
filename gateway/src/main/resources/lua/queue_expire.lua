-- Returns conversations whose lease expired (the counsellor closed the browser, lost the network, or their gateway
-- instance died) to the queue AT THEIR ORIGINAL PLACE: the priority score kept in the entry since enqueue.
-- Any instance may run it at any time: it is atomic and idempotent.
-- KEYS[1] waiting ZSET conversation -> priority score
-- KEYS[2] leases  ZSET conversation -> lease expiry (ms)
-- ARGV[1] now (ms)
-- ARGV[2] at most this many per call
-- ARGV[3] key prefix of queue entries
-- ARGV[4] key prefix of counsellors' held sets ("queue:{queue}:held:")
-- ARGV[5] key prefix of counsellors' lost lists ("queue:{queue}:lost:"), drained by their next heartbeat
-- ARGV[6] key prefix of the per-language waiting sets ("queue:{queue}:waiting:")
-- Returns {conversation, counsellor, conversation, counsellor, ...} of what went back, so they can be told.
local waiting = KEYS[1]
local leases = KEYS[2]
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local entryPrefix = ARGV[3]
local heldPrefix = ARGV[4]
local lostPrefix = ARGV[5]
local languagePrefix = ARGV[6]

local out = {}
local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now, 'LIMIT', 0, limit)
for _, id in ipairs(expired) do
  local entry = entryPrefix .. id
  local fields = redis.call('HMGET', entry, 'state', 'counsellor', 'score', 'language')
  redis.call('ZREM', leases, id)
  if fields[1] == 'claimed' then
    redis.call('HSET', entry, 'state', 'waiting')
    redis.call('HDEL', entry, 'counsellor', 'leaseUntil', 'claimedAt')
    redis.call('ZADD', waiting, tonumber(fields[3]), id)
    redis.call('ZADD', languagePrefix .. (fields[4] or ''), tonumber(fields[3]), id)
    if fields[2] then
      redis.call('SREM', heldPrefix .. fields[2], id)
      redis.call('RPUSH', lostPrefix .. fields[2], id)
      redis.call('EXPIRE', lostPrefix .. fields[2], 86400)
    end
    table.insert(out, id)
    table.insert(out, fields[2] or '')
  end
end
return out
