-- Everything one message changed, in one atomic step (all of it lands, or none): the session and contact updated, the
-- transcript lines appended, the answer remembered for Twilio's retries, expiries renewed. One script rather than
-- MULTI/EXEC: the same atomicity, one round trip, and it runs on a Redis Cluster (all keys share {<id>}).
-- It also writes the sender's token bucket and releases the conversation's lock, both taken in the first round trip
-- (BeginReads: the lock only if still ours): the second and last round trip of an ordinary message.
--
-- Only what changed is written: the caller compares with the hashes the first round trip read under the same lock,
-- and sends the fields to set and the fields to delete. A negative count of fields to delete means "replace the whole
-- hash" (DEL, then HSET): for a hash read empty (new, or gone) and for callers that did not read it first.
-- Expiries (retention from the last message) are renewed when a hash was replaced, or when the transcript (appended to
-- by every commit) has less than the retention minus a slack left (a day, or a tenth of a short retention): data goes
-- at most that slack before "retention after the last message", never later, no key is left without an expiry, and
-- an ordinary message does not pay three EXPIREs.
--
-- The reply cache does not copy the replies: they are the last lines this commit appends (bot lines, encrypted like
-- every transcript line), so it keeps where they are, "<first index> <count>", from what RPUSH returned here (a
-- counsellor's line appended meanwhile cannot shift them). A retry reads them back from the transcript.
--
-- Every commit gives the session a new version (field 'v', a random token from the caller: never reused, so a
-- conversation erased and started again cannot match a version from before). Three ways to commit:
--   under the lock (ARGV[4] the token): written whatever happened; returns 'ok' when the session's version was still
--     the one the caller read (ARGV[11]), 'merged' when another write (a counsellor's close) came in between, so the
--     caller knows the hashes are no longer exactly what it wrote;
--   optimistic (no lock token, ARGV[11] the version the caller's copy has): nothing is written, and the answer says
--     why, when the message was answered before ('cached <reply cache>'), when another message holds the lock
--     ('busy') or when the version moved on ('stale'); else written, 'ok'. One round trip for an ordinary message of
--     a conversation this instance answered last (ConversationCache);
--   plain (neither, a counsellor's close): written, 'ok'.
--
-- KEYS: 1 session hash, 2 contact hash, 3 transcript list, 4 reply cache string, 5 lock string, 6 token bucket string
-- ARGV: 1 retention (s), 2 reply cache lifetime (s), 3 how many of the lines are the replies ('' = cache nothing),
--       4 the lock token ('' = no lock to release), 5 the token bucket ('' = leave it), 6 its lifetime (ms),
--       7 session pairs to set, 8 session fields to delete (-1 = replace), 9 contact pairs, 10 contact deletions,
--       11 the session version the caller read ('' = not known, '-' = no version), 12 the new version,
--       then the session pairs, the session deletions, the contact pairs, the contact deletions, and the transcript
--       lines to append (from ARGV[13] on)
local retention = tonumber(ARGV[1])
local expected = ARGV[11]
local version = redis.call('HGET', KEYS[1], 'v') or '-'
if ARGV[4] == '' and expected ~= '' then
  local cached = redis.call('GET', KEYS[4])
  if cached then
    return 'cached ' .. cached
  end
  if redis.call('EXISTS', KEYS[5]) == 1 then
    return 'busy'
  end
  if version ~= expected then
    return 'stale'
  end
end
local i = 13
local replaced = false

-- Deletions go first, then one HSET: the fields set and deleted are distinct, so the order changes nothing but the
-- count of commands; the session's HSET carries its new version too ('v' always written, never left deleted).
-- (A field and its value as arguments, not varargs: Lua passes only the first value of a vararg that is not last.)
local function write(key, pairs, deletions, field, value)
  local first = i
  i = i + 2 * pairs
  if deletions < 0 then
    redis.call('DEL', key)
    replaced = true
  elseif deletions > 0 then
    redis.call('HDEL', key, unpack(ARGV, i, i + deletions - 1))
    i = i + deletions
  end
  if field then
    redis.call('HSET', key, field, value, unpack(ARGV, first, first + 2 * pairs - 1))
  elseif pairs > 0 then
    redis.call('HSET', key, unpack(ARGV, first, first + 2 * pairs - 1))
  end
end

write(KEYS[1], tonumber(ARGV[7]), tonumber(ARGV[8]), 'v', ARGV[12])
write(KEYS[2], tonumber(ARGV[9]), tonumber(ARGV[10]))
local length
if i <= #ARGV then
  length = redis.call('RPUSH', KEYS[3], unpack(ARGV, i, #ARGV))
end
if ARGV[3] ~= '' then
  length = length or redis.call('LLEN', KEYS[3])
  local replies = tonumber(ARGV[3])
  redis.call('SET', KEYS[4], (length - replies) .. ' ' .. replies, 'EX', tonumber(ARGV[2]))
end
local slack = math.min(86400, math.floor(retention / 10))
if replaced or redis.call('TTL', KEYS[3]) < retention - slack then
  redis.call('EXPIRE', KEYS[1], retention)
  redis.call('EXPIRE', KEYS[2], retention)
  redis.call('EXPIRE', KEYS[3], retention)
end
if ARGV[5] ~= '' then
  redis.call('SET', KEYS[6], ARGV[5], 'PX', tonumber(ARGV[6]))
end
if ARGV[4] ~= '' and redis.call('GET', KEYS[5]) == ARGV[4] then
  redis.call('DEL', KEYS[5])
end
if ARGV[4] ~= '' and expected ~= '' and version ~= expected then
  return 'merged'
end
return 'ok'
