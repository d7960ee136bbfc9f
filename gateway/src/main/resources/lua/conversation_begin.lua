-- The first of the two round trips of an inbound message (the second is conversation_commit.lua): answer a
-- retried message from the reply cache, else take the conversation's lock, take a token from the sender's rate
-- bucket, and read the contact and the session.
-- KEYS: 1 lock string, 2 reply cache string, 3 contact hash, 4 session hash, 5 rate bucket string
-- ARGV: 1 lock token, 2 lock lease (ms), 3 bucket capacity (burst), 4 refill (tokens per second), 5 now (ms)
-- Returns {'cached', replies JSON} | {'busy'} |
--         {'ok', allowed (1/0), tell (1/0, first refused message of a flood), n, contact fields..., session fields...}
--         where n is the number of contact field/value items.
local cached = redis.call('GET', KEYS[2])
if cached then
  return {'cached', cached}
end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', tonumber(ARGV[2])) then
  return {'busy'}
end
-- per-sender token bucket: a number flooding the webhook gets one polite reply, and its excess messages run no flow.
-- One string "<tokens> <at ms> <told 0/1>" read with GET and written with SET PX: two commands a message (a hash took
-- four: HMGET, HDEL, HSET, PEXPIRE).
local capacity, refill, now = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local tokens, at, told = capacity, now, '0'
local bucket = redis.call('GET', KEYS[5])
if bucket then
  local t, a, w = string.match(bucket, '^(%S+) (%S+) (%S+)$')
  tokens, at, told = tonumber(t) or capacity, tonumber(a) or now, w or '0'
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * refill / 1000)
local allowed, tell = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
  told = '0'
elseif told ~= '1' then
  tell = 1
  told = '1'
end
redis.call('SET', KEYS[5], string.format('%.17g %d %s', tokens, now, told),
    'PX', math.ceil(capacity / refill * 1000) + 60000)
local contact = redis.call('HGETALL', KEYS[3])
local out = {'ok', allowed, tell, #contact}
for _, v in ipairs(contact) do out[#out + 1] = v end
for _, v in ipairs(redis.call('HGETALL', KEYS[4])) do out[#out + 1] = v end
return out
