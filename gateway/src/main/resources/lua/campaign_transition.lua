-- Moves a campaign from one state to another only if it is still in the state the caller read (pause, resume, cancel
-- must not overwrite a change another instance made meanwhile, e.g. the campaign completing).
-- KEYS: 1 campaign hash, 2 running set
-- ARGV: 1 expected state, 2 new state, 3 campaign id
-- Returns 1 when moved, 0 when the state had changed.
if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
if ARGV[2] == 'running' then
  redis.call('SADD', KEYS[2], ARGV[3])
else
  redis.call('SREM', KEYS[2], ARGV[3])
end
return 1
