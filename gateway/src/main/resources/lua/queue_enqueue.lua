-- Puts a conversation in the live counsellor queue, or raises its tier if it is already there: idempotent per
-- conversation, never a second entry. A raise keeps the original enqueue time, so the conversation keeps its wait.
-- Priority score (lower is served first) = enqueuedAt - offset(tier): tiers get an offset in milliseconds (IMMINENT so
-- large it is never overtaken; HIGH the aging window), so a LOW conversation waiting longer than the window overtakes
-- a newer HIGH one.
-- KEYS[1] waiting  ZSET conversation id -> priority score
-- KEYS[2] entry    HASH the conversation's queue entry
-- KEYS[3] byLanguage ZSET the same, for the conversation's language only (so "Help next" looks at few entries)
-- ARGV[1] conversation id
-- ARGV[2] tier rank (1 LOW, 2 HIGH, 3 IMMINENT)
-- ARGV[3] tier name
-- ARGV[4] now, epoch milliseconds (the clock lives in Java)
-- ARGV[5] this tier's priority offset, milliseconds
-- ARGV[6] reasons, encrypted
-- ARGV[7] the conversation's language (counsellors are offered conversations in their languages)
-- ARGV[8] the language the young person writes in when we do not ship it (e.g. 'de'), else '': shown to
--         counsellors so that one who reads it can take the conversation (the entry stays in ARGV[7]'s queue, so
--         that it is served even when nobody reads that language)
-- Returns {outcome, rank}: outcome 1 added, 2 tier raised, 0 unchanged; rank the 0-based place in line, -1 when the
-- conversation is not waiting (a counsellor holds it).
local waiting = KEYS[1]
local entry = KEYS[2]
local byLanguage = KEYS[3]
local id = ARGV[1]
local tierRank = tonumber(ARGV[2])
local tierName = ARGV[3]
local now = tonumber(ARGV[4])
local offset = tonumber(ARGV[5])
local reasons = ARGV[6]
local language = ARGV[7]
local writes = ARGV[8] or ''

local outcome = 0
local state = redis.call('HGET', entry, 'state')
if (not state) or state == 'closed' then
  redis.call('DEL', entry)
  redis.call('HSET', entry, 'conversation', id, 'tier', tierRank, 'tierName', tierName, 'enqueuedAt', now,
    'state', 'waiting', 'reasons', reasons, 'language', language, 'score', now - offset)
  if writes ~= '' then
    redis.call('HSET', entry, 'writes', writes)
  end
  redis.call('ZADD', waiting, now - offset, id)
  redis.call('ZADD', byLanguage, now - offset, id)
  outcome = 1
else
  if writes ~= '' then
    redis.call('HSET', entry, 'writes', writes)
  end
  local current = tonumber(redis.call('HGET', entry, 'tier'))
  if tierRank > current then
    local enqueuedAt = tonumber(redis.call('HGET', entry, 'enqueuedAt'))
    redis.call('HSET', entry, 'tier', tierRank, 'tierName', tierName, 'reasons', reasons, 'score', enqueuedAt - offset)
    if state == 'waiting' then
      redis.call('ZADD', waiting, 'XX', enqueuedAt - offset, id)
      redis.call('ZADD', byLanguage, 'XX', enqueuedAt - offset, id)
    end
    outcome = 2
  end
end
local rank = redis.call('ZRANK', waiting, id)
if not rank then
  rank = -1
end
return {outcome, rank}
