-- Per-sender token bucket: a number flooding the webhook gets one polite reply, and its excess messages run no flow.
-- KEYS[1] bucket  HASH tokens, at (ms), told (1 once the sender was told to slow down)
-- ARGV[1] capacity (burst)
-- ARGV[2] refill, tokens per second
-- ARGV[3] now (ms)
-- Returns {allowed, tellNow}: allowed 1 when a token was taken; tellNow 1 for the first refused message of a flood.
local bucket = KEYS[1]
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local now = tonumber(ARGV[3])

local state = redis.call('HMGET', bucket, 'tokens', 'at', 'told')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * refill / 1000)
local allowed = 0
local tell = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
  redis.call('HDEL', bucket, 'told')
elseif state[3] ~= '1' then
  tell = 1
  redis.call('HSET', bucket, 'told', '1')
end
redis.call('HSET', bucket, 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', bucket, math.ceil(capacity / refill * 1000) + 60000)
return {allowed, tell}
