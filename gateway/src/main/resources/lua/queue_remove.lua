-- Removes a conversation from the live queue for erasure, unless a counsellor holds it right now.
-- KEYS[1] waiting     ZSET all waiting conversations
-- KEYS[2] entry       HASH the conversation's queue entry
-- ARGV[1] conversation id
-- ARGV[2] key prefix of the per-language waiting sets
-- Returns 'removed', 'held' (nothing done) or 'absent'.
local waiting, entry = KEYS[1], KEYS[2]
local id, languagePrefix = ARGV[1], ARGV[2]
local fields = redis.call('HMGET', entry, 'state', 'language')
if not fields[1] then
  return 'absent'
end
if fields[1] == 'claimed' then
  return 'held'
end
redis.call('ZREM', waiting, id)
redis.call('ZREM', languagePrefix .. (fields[2] or ''), id)
redis.call('DEL', entry)
return 'removed'
