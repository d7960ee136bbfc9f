-- Takes a waiting conversation out of the live queue because its young person opted out (STOP while in the queue),
-- and says what it was, read in the same step: the opt-out's report record is written from this answer, and only on
-- 'removed', which one call at most gets for an entry (the entry goes), so two instances, a Twilio retry of the same
-- STOP or the liveness job ending the wait at the same moment never give the wait two records.
-- A held entry stays with its counsellor; a closed one (the wait already ended) is left as it is.
-- KEYS[1] waiting ZSET all waiting conversations
-- KEYS[2] entry   HASH the conversation's queue entry
-- ARGV[1] conversation id
-- ARGV[2] key prefix of the per-language waiting sets
-- Returns {'removed', tierName, enqueuedAt, firstClaimedAt or ''}, or {'held'|'closed'|'absent', '', '', ''}.
local waiting, entry = KEYS[1], KEYS[2]
local id, languagePrefix = ARGV[1], ARGV[2]
local f = redis.call('HMGET', entry, 'state', 'language', 'tierName', 'enqueuedAt', 'firstClaimedAt')
if not f[1] then
  return {'absent', '', '', ''}
end
if f[1] == 'claimed' then
  return {'held', '', '', ''}
end
if f[1] ~= 'waiting' then
  return {'closed', '', '', ''}
end
redis.call('ZREM', waiting, id)
redis.call('ZREM', languagePrefix .. (f[2] or ''), id)
redis.call('DEL', entry)
return {'removed', f[3] or 'NONE', f[4] or '', f[5] or ''}
