-- Hands a worker the next recipients of a running campaign, as many as the campaign's rate allows right now (a token
-- bucket shared by every gateway instance), each under a lease: a worker that dies leaves them to be reconciled.
-- KEYS: 1 campaign hash, 2 pending set, 3 in-flight zset (member -> lease deadline), 4 claims hash (member ->
--       owner|claimedAt), 5 deferred zset (member -> not before), 6 bucket hash, 7 running set
-- ARGV: 1 now (ms), 2 owner, 3 lease (ms), 4 most to hand out, 5 rate (messages per second), 6 burst, 7 campaign id
-- Returns {0, id...} recipients; {1, ms} wait for the rate; {2, ms} nothing due now (ms until the next deferred one,
-- -1 if none: the rest are in flight elsewhere); {3} not running; {4} finished just now.
local now = tonumber(ARGV[1])
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'running' then
  return {3}
end
local due = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, 1000)
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[5], id)
  redis.call('SADD', KEYS[2], id)
end
local rate, burst = tonumber(ARGV[5]), tonumber(ARGV[6])
local b = redis.call('HMGET', KEYS[6], 'tokens', 'at')
local tokens, at = tonumber(b[1]), tonumber(b[2])
if tokens == nil then
  tokens, at = burst, now
end
-- instances' clocks (and threads' reads of them) interleave: time only moves forward for the bucket, or the same
-- interval would be refilled twice
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
  at = now
end
tokens = math.min(burst, tokens) -- refunds (skipped recipients) never raise it above the burst
local n = math.min(math.floor(tokens), tonumber(ARGV[4]))
if n < 1 then
  redis.call('HSET', KEYS[6], 'tokens', tostring(tokens), 'at', at)
  return {1, math.max(1, math.ceil((1 - tokens) * 1000 / rate))}
end
local ids = redis.call('SPOP', KEYS[2], n)
if #ids == 0 then
  redis.call('HSET', KEYS[6], 'tokens', tostring(tokens), 'at', at)
  if redis.call('ZCARD', KEYS[3]) == 0 and redis.call('ZCARD', KEYS[5]) == 0 then
    redis.call('HSET', KEYS[1], 'state', 'completed', 'finishedAt', now)
    redis.call('SREM', KEYS[7], ARGV[7])
    return {4}
  end
  local nextDue = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
  if #nextDue == 0 then
    return {2, -1}
  end
  return {2, math.max(1, tonumber(nextDue[2]) - now)}
end
redis.call('HSET', KEYS[6], 'tokens', tostring(tokens - #ids), 'at', at)
local deadline = now + tonumber(ARGV[3])
local out = {0}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[3], deadline, id)
  redis.call('HSET', KEYS[4], id, ARGV[2] .. '|' .. now)
  out[#out + 1] = id
end
return out
