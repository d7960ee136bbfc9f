-- Takes over recipients whose lease ran out (their worker died or hung): the caller becomes their holder for a new
-- lease and must find out whether the message went out before sending it again.
-- KEYS: 1 in-flight zset, 2 claims hash
-- ARGV: 1 now (ms), 2 new owner, 3 lease (ms), 4 most to take
-- Returns {member, previous claim ("owner|claimedAt"), ...}.
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for _, id in ipairs(expired) do
  local previous = redis.call('HGET', KEYS[2], id) or ('unknown|' .. now)
  local claimedAt = string.match(previous, '|(%d+)$') or tostring(now)
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), id)
  redis.call('HSET', KEYS[2], id, ARGV[2] .. '|' .. claimedAt)
  out[#out + 1] = id
  out[#out + 1] = previous
end
return out
