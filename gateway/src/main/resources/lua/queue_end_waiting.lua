-- Ends a waiting conversation nobody has answered and whose young person has been silent for too long (the liveness
-- job decides that in Java, where the clock and the contact's last message are): out of the line, the entry marked
-- closed (a later escalation starts a new one) and a case kept for statistics with the disposition 'ended_waiting'.
-- Only the very entry the job looked at is ended: not one a counsellor took meanwhile, nor a new one.
-- KEYS[1] waiting  ZSET conversation -> priority score (all languages)
-- KEYS[2] entry    HASH the conversation's queue entry
-- KEYS[3] cases    LIST closed cases (JSON)
-- KEYS[4] erasures HASH conversation -> when erasure was asked (such an entry waits for a person: never ended here)
-- ARGV[1] conversation id
-- ARGV[2] the entry's enqueuedAt as the job read it (ms)
-- ARGV[3] key prefix of the per-language waiting sets ("queue:{queue}:waiting:")
-- ARGV[4] the case as JSON
-- Returns {'ended', firstClaimedAt}, or {'not_waiting', ''} (taken, ended, or a new entry since), or
-- {'erasure_pending', ''}. firstClaimedAt: when a counsellor first took this entry ('' when none ever did: the
-- report record's "not answered"), read here so it is the very entry that was ended.
local waiting, entry, cases, erasures = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, enqueuedAt, languagePrefix, case = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local fields = redis.call('HMGET', entry, 'state', 'enqueuedAt', 'language', 'firstClaimedAt')
if fields[1] ~= 'waiting' or fields[2] ~= enqueuedAt then
  return {'not_waiting', ''}
end
if redis.call('HEXISTS', erasures, id) == 1 then
  return {'erasure_pending', ''}
end
redis.call('ZREM', waiting, id)
redis.call('ZREM', languagePrefix .. (fields[3] or ''), id)
redis.call('HSET', entry, 'state', 'closed', 'endedWaiting', '1')
redis.call('RPUSH', cases, case)
return {'ended', fields[4] or ''}
