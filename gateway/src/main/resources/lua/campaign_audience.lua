-- The audience of a campaign: subscribed contacts (KEYS[1]) having any of the tags, any of the languages and any of
-- the channels asked for (an empty list means "any"), written to KEYS[2].
-- KEYS: 1 subscribed set, 2 destination set, 3 campaign hash (start mode), 4 running set (start mode),
--       5 counts hash (start mode), 6 scratch set, 7..: tag sets, then language sets, then channel sets,
--       then breakdown sets (preview mode)
-- ARGV: 1 mode ("preview" | "start"), 2 number of tag sets, 3 number of language sets, 4 number of channel sets,
--       5 number of breakdown sets, 6 destination TTL in seconds (preview; 0 = none), 7 now (ms), 8 campaign id
-- preview: returns {audience, count in breakdown set 1, 2, ...}; the destination expires after the TTL.
-- start: only a 'scheduled' campaign whose start time has come starts; it becomes 'running' and its audience its
--        pending set, atomically, so two instances can never start it twice. Returns {audience} or {-1}.
local mode = ARGV[1]
local nTags, nLangs, nChannels, nBreak = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if mode == 'start' then
  local state = redis.call('HGET', KEYS[3], 'state')
  local startAt = tonumber(redis.call('HGET', KEYS[3], 'startAt') or '0')
  if state ~= 'scheduled' or startAt > tonumber(ARGV[7]) then
    return {-1}
  end
end
local sets = {KEYS[1]}
local scratch = {}
local at = 7
local function union(n, label)
  if n == 0 then return end
  local members = {}
  for i = at, at + n - 1 do members[#members + 1] = KEYS[i] end
  at = at + n
  local dest = KEYS[6] .. ':' .. label
  redis.call('SUNIONSTORE', dest, unpack(members))
  scratch[#scratch + 1] = dest
  sets[#sets + 1] = dest
end
union(nTags, 'tags')
union(nLangs, 'langs')
union(nChannels, 'channels')
redis.call('DEL', KEYS[2])
redis.call('SINTERSTORE', KEYS[2], unpack(sets))
for _, s in ipairs(scratch) do redis.call('DEL', s) end
local audience = redis.call('SCARD', KEYS[2])
if mode == 'start' then
  redis.call('HSET', KEYS[3], 'state', 'running', 'startedAt', ARGV[7])
  redis.call('SADD', KEYS[4], ARGV[8])
  redis.call('HSET', KEYS[5], 'audience', audience)
  if audience == 0 then
    redis.call('HSET', KEYS[3], 'state', 'completed', 'finishedAt', ARGV[7])
    redis.call('SREM', KEYS[4], ARGV[8])
  end
  return {audience}
end
local out = {audience}
for i = at, at + nBreak - 1 do
  local tmp = KEYS[6] .. ':break'
  out[#out + 1] = redis.call('SINTERSTORE', tmp, KEYS[2], KEYS[i])
  redis.call('DEL', tmp)
end
if tonumber(ARGV[6]) > 0 then
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[6]))
end
return out
