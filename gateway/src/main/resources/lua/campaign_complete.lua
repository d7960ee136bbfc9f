-- Records what happened to one recipient, only if the caller still holds its lease (a worker whose lease was taken
-- over by the reconciler must not count it twice).
-- KEYS: 1 campaign hash, 2 pending set, 3 in-flight zset, 4 claims hash, 5 deferred zset, 6 counts hash,
--       7 bucket hash, 8 attempts hash, 9 running set
-- ARGV: 1 member, 2 owner, 3 mode ("done" | "defer" | "retry" | "requeue"), 4 count field ("" for none),
--       5 second count field ("" for none), 6 not-before (ms, defer/retry), 7 refund a rate token (1/0), 8 now (ms),
--       9 campaign id
-- Returns 1 when recorded, 0 when the caller no longer held the recipient.
local claim = redis.call('HGET', KEYS[4], ARGV[1])
if not claim or string.sub(claim, 1, #ARGV[2] + 1) ~= ARGV[2] .. '|' then
  return 0
end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
local mode = ARGV[3]
if mode == 'done' then
  redis.call('HINCRBY', KEYS[6], 'done', 1)
  redis.call('HDEL', KEYS[8], ARGV[1])
elseif mode == 'defer' then
  redis.call('ZADD', KEYS[5], tonumber(ARGV[6]), ARGV[1])
elseif mode == 'retry' then
  redis.call('HINCRBY', KEYS[8], ARGV[1], 1)
  redis.call('ZADD', KEYS[5], tonumber(ARGV[6]), ARGV[1])
elseif mode == 'requeue' then
  redis.call('SADD', KEYS[2], ARGV[1])
end
if ARGV[4] ~= '' then redis.call('HINCRBY', KEYS[6], ARGV[4], 1) end
if ARGV[5] ~= '' then redis.call('HINCRBY', KEYS[6], ARGV[5], 1) end
if ARGV[7] == '1' then
  redis.call('HINCRBYFLOAT', KEYS[7], 'tokens', 1)
end
local state = redis.call('HGET', KEYS[1], 'state')
if (state == 'running' or state == 'paused') and redis.call('SCARD', KEYS[2]) == 0
    and redis.call('ZCARD', KEYS[3]) == 0 and redis.call('ZCARD', KEYS[5]) == 0 then
  redis.call('HSET', KEYS[1], 'state', 'completed', 'finishedAt', ARGV[8])
  redis.call('SREM', KEYS[9], ARGV[9])
end
return 1
