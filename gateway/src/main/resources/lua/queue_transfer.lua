-- Transfers a conversation from the counsellor holding it: back to the queue at its original place (the transferring
-- counsellor is then offered it only after ARGV[7] ms, or sooner when no colleague can take it: see queue_claim.lua),
-- or straight to a named colleague who is available with room. Never to the counsellor holding it. Also a
-- supervisor's reassignment of a held conversation ("push", ARGV[9]), with the holder they saw as ARGV[2]: if it
-- changed hands since, nothing moves.
-- KEYS[1] waiting     ZSET conversation -> priority score
-- KEYS[2] leases      ZSET conversation -> lease expiry (ms)
-- KEYS[3] entry       HASH the conversation's queue entry
-- KEYS[4] fromHeld    SET  the transferring counsellor's conversations
-- KEYS[5] target      HASH the colleague (ignored when transferring to the queue)
-- KEYS[6] targetHeld  SET  the colleague's conversations (ignored when transferring to the queue)
-- ARGV[1] conversation id
-- ARGV[2] transferring counsellor
-- ARGV[3] colleague's name, or '' for the queue
-- ARGV[4] now (ms)
-- ARGV[5] lease length (ms)
-- ARGV[6] key prefix of the per-language waiting sets ("queue:{queue}:waiting:")
-- ARGV[7] how long the transferring counsellor is passed over for it (ms)
-- ARGV[8] '' for a counsellor's own transfer; for the liveness job's return of a silent conversation, the time (ms)
--         the holder's silence began: the return happens only if they have not replied (nor been given it again)
--         since, so a reply that lands between the job's check and this script keeps the conversation with them
-- ARGV[9] '1' when the colleague must speak the conversation's language (a supervisor's reassignment: the young
--         person has already been understood in it), '' otherwise (a counsellor may know a colleague copes)
-- The entry's 'excluded' field is 'name=untilMs,name=untilMs' (exclusions already over are dropped here).
-- Returns 'queued', 'transferred', or an error word: 'not_holder', 'to_self', 'target_unavailable', 'target_full',
-- 'replied' (ARGV[8] given, and the holder replied or took it since), 'target_language' (ARGV[9] given, and the
-- colleague's languages include neither the conversation's nor '*').
local waiting, leases, entry, fromHeld, target, targetHeld = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local id, from, to = ARGV[1], ARGV[2], ARGV[3]
local now, leaseMs = tonumber(ARGV[4]), tonumber(ARGV[5])
local languagePrefix = ARGV[6]
local exclusionMs = tonumber(ARGV[7])
local silentSince = tonumber(ARGV[8] or '')
local needLanguage = ARGV[9] == '1'

local fields = redis.call('HMGET', entry, 'state', 'counsellor', 'score', 'excluded', 'language', 'claimedAt',
  'lastReplyAt')
if fields[1] ~= 'claimed' or fields[2] ~= from then
  return 'not_holder'
end
if silentSince and (tonumber(fields[6] or '0') > silentSince or tonumber(fields[7] or '0') > silentSince) then
  return 'replied'
end
if to == from then
  return 'to_self'
end
if to == '' then
  local kept = {}
  for item in string.gmatch(fields[4] or '', '[^,]+') do
    local name, untilMs = string.match(item, '^(.-)=(%d+)$')
    if name and name ~= from and tonumber(untilMs) > now then
      table.insert(kept, item)
    end
  end
  table.insert(kept, from .. '=' .. (now + exclusionMs))
  local excluded = table.concat(kept, ',')
  redis.call('HSET', entry, 'state', 'waiting', 'excluded', excluded)
  redis.call('HDEL', entry, 'counsellor', 'leaseUntil', 'claimedAt')
  redis.call('ZREM', leases, id)
  redis.call('SREM', fromHeld, id)
  redis.call('ZADD', waiting, tonumber(fields[3]), id)
  redis.call('ZADD', languagePrefix .. (fields[5] or ''), tonumber(fields[3]), id)
  return 'queued'
end
if redis.call('HGET', target, 'presence') ~= 'available' then
  return 'target_unavailable'
end
if redis.call('SCARD', targetHeld) >= tonumber(redis.call('HGET', target, 'capacity') or '1') then
  return 'target_full'
end
if needLanguage then
  local speaks = false
  for code in string.gmatch(redis.call('HGET', target, 'languages') or '', '[^,]+') do
    if code == '*' or code == fields[5] then
      speaks = true
    end
  end
  if not speaks then
    return 'target_language'
  end
end
redis.call('HSET', entry, 'counsellor', to, 'claimedAt', now, 'leaseUntil', now + leaseMs)
redis.call('ZADD', leases, now + leaseMs, id)
redis.call('SREM', fromHeld, id)
redis.call('SADD', targetHeld, id)
return 'transferred'
