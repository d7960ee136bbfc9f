-- Releases a conversation lock only if this caller still holds it (a lock that expired and was taken by another
-- instance must not be released by the late holder).
-- KEYS[1] the lock key
-- ARGV[1] the holder's token
-- Returns 1 when released, 0 when the lock was not ours.
local lockKey = KEYS[1]
local token = ARGV[1]
if redis.call('GET', lockKey) == token then
  return redis.call('DEL', lockKey)
end
return 0
