-- "Help next": gives a counsellor the most urgent waiting conversation they are eligible for, atomically, so two
-- counsellors can never hold the same conversation whatever the number of gateway instances.
-- Eligible: the counsellor is available, holds fewer conversations than their capacity, speaks the conversation's
-- language (or lists '*'), and did not transfer this conversation back to the queue in the last few minutes (the
-- entry's 'excluded' field: 'name=untilMs,...') - unless no other counsellor could take it now (available, with
-- room, in its language, not excluded themselves): a one-counsellor shift can always take it again.
-- Waiting conversations are also kept per language, so the script looks only at the heads of the counsellor's
-- languages (the whole queue for '*'), skipping just those the counsellor transferred away.
-- KEYS[1] waiting    ZSET conversation -> priority score (all languages)
-- KEYS[2] leases     ZSET conversation -> lease expiry (ms)
-- KEYS[3] counsellor HASH presence, capacity, languages (comma separated)
-- KEYS[4] held       SET  conversations this counsellor holds
-- KEYS[5] waits      LIST the last waits before a first claim (ms), newest first: this script is their one writer
-- ARGV[1] counsellor name
-- ARGV[2] now (ms)
-- ARGV[3] lease length (ms)
-- ARGV[4] key prefix of queue entries ("queue:{queue}:entry:")
-- ARGV[5] how many waiting conversations to look at per language, at most
-- ARGV[6] key prefix of the per-language waiting sets ("queue:{queue}:waiting:")
-- KEYS[6] counsellors SET every counsellor's name
-- ARGV[7] how many recent waits to keep
-- ARGV[8] key prefix of counsellors ("queue:{queue}:counsellor:")
-- ARGV[9] key prefix of counsellors' held sets ("queue:{queue}:held:")
-- Returns the claimed conversation id, or false when none is eligible (or the counsellor is unavailable / full).
local waiting = KEYS[1]
local leases = KEYS[2]
local counsellorKey = KEYS[3]
local held = KEYS[4]
local name = ARGV[1]
local now = tonumber(ARGV[2])
local leaseMs = tonumber(ARGV[3])
local entryPrefix = ARGV[4]
local scanLimit = tonumber(ARGV[5])
local languagePrefix = ARGV[6]
local waits = KEYS[5]
local keepWaits = tonumber(ARGV[7])
local counsellorsKey = KEYS[6]
local counsellorPrefix = ARGV[8]
local heldPrefix = ARGV[9]

if redis.call('HGET', counsellorKey, 'presence') ~= 'available' then
  return false
end
local capacity = tonumber(redis.call('HGET', counsellorKey, 'capacity') or '1')
if redis.call('SCARD', held) >= capacity then
  return false
end

local sets = {}
local languages = redis.call('HGET', counsellorKey, 'languages') or ''
for language in string.gmatch(languages, '[^,]+') do
  if language == '*' then
    sets = {waiting}
    break
  end
  table.insert(sets, languagePrefix .. language)
end

-- until when a counsellor is passed over for a conversation (0: not excluded)
local function excludedUntil(excluded, who)
  for item in string.gmatch(excluded or '', '[^,]+') do
    local n, untilMs = string.match(item, '^(.-)=(%d+)$')
    if n == who then
      return tonumber(untilMs)
    end
  end
  return 0
end

local function speaks(list, language)
  return string.find(',' .. list .. ',', ',' .. language .. ',', 1, true) ~= nil
      or string.find(',' .. list .. ',', ',*,', 1, true) ~= nil
end

-- could a counsellor other than this one take the conversation right now?
local function someoneElseCanTake(language, excluded)
  for _, other in ipairs(redis.call('SMEMBERS', counsellorsKey)) do
    if other ~= name and excludedUntil(excluded, other) <= now then
      local c = redis.call('HMGET', counsellorPrefix .. other, 'presence', 'capacity', 'languages')
      if c[1] == 'available' and speaks(c[3] or '', language)
          and redis.call('SCARD', heldPrefix .. other) < tonumber(c[2] or '1') then
        return true
      end
    end
  end
  return false
end

-- the first conversation of a set this counsellor may take, with its score
local function firstEligible(set)
  local batch = 50
  local start = 0
  while start < scanLimit do
    local page = redis.call('ZRANGE', set, start, start + batch - 1, 'WITHSCORES')
    if #page == 0 then
      return nil, nil
    end
    for i = 1, #page, 2 do
      local id = page[i]
      local f = redis.call('HMGET', entryPrefix .. id, 'excluded', 'language')
      if excludedUntil(f[1], name) <= now or not someoneElseCanTake(f[2] or '', f[1]) then
        return id, tonumber(page[i + 1])
      end
    end
    start = start + batch
  end
  return nil, nil
end

local bestId, bestScore = nil, nil
for _, set in ipairs(sets) do
  local id, score = firstEligible(set)
  if id and (not bestScore or score < bestScore) then
    bestId, bestScore = id, score
  end
end
if not bestId then
  return false
end
local entry = entryPrefix .. bestId
local language = redis.call('HGET', entry, 'language') or ''
redis.call('ZREM', waiting, bestId)
redis.call('ZREM', languagePrefix .. language, bestId)
redis.call('HSET', entry, 'state', 'claimed', 'counsellor', name, 'claimedAt', now, 'leaseUntil', now + leaseMs)
redis.call('ZADD', leases, now + leaseMs, bestId)
redis.call('SADD', held, bestId)
-- the wait a young person had before a person first answered (a transfer back to the queue is not a new wait)
if redis.call('HSETNX', entry, 'firstClaimedAt', now) == 1 then
  local enqueuedAt = tonumber(redis.call('HGET', entry, 'enqueuedAt') or now)
  redis.call('LPUSH', waits, math.max(0, now - enqueuedAt))
  redis.call('LTRIM', waits, 0, keepWaits - 1)
end
return bestId
