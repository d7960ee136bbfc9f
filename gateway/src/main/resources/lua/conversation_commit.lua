-- Everything one message changed, in one atomic step (all of it lands, or none): the session replaced, the contact
-- updated, transcript lines appended, the reply cached for Twilio's retries, expiries renewed. One script rather
-- than MULTI/EXEC: the same atomicity, one round trip, and it runs on a Redis Cluster (all keys share {<id>}).
-- It also releases the conversation's lock taken by conversation_begin.lua (if still ours): the second and last
-- round trip of an ordinary message.
-- KEYS: 1 session hash, 2 contact hash, 3 transcript list, 4 reply cache string, 5 lock string
-- ARGV: 1 retention (s), 2 reply cache lifetime (s), 3 the replies as JSON ('' = cache nothing),
--       4 number of session field/value pairs, 5 number of contact pairs,
--       then the session pairs, the contact pairs, then the transcript lines to append;
--       the lock token is ARGV[6] ('' = no lock to release), so the pairs start at ARGV[7]
local retention = tonumber(ARGV[1])
local ns, nc = tonumber(ARGV[4]), tonumber(ARGV[5])
local i = 7
redis.call('DEL', KEYS[1])
if ns > 0 then
  redis.call('HSET', KEYS[1], unpack(ARGV, i, i + 2 * ns - 1))
end
i = i + 2 * ns
if nc > 0 then
  redis.call('HSET', KEYS[2], unpack(ARGV, i, i + 2 * nc - 1))
end
i = i + 2 * nc
if i <= #ARGV then
  redis.call('RPUSH', KEYS[3], unpack(ARGV, i, #ARGV))
end
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[4], ARGV[3], 'EX', tonumber(ARGV[2]))
end
redis.call('EXPIRE', KEYS[1], retention)
redis.call('EXPIRE', KEYS[2], retention)
redis.call('EXPIRE', KEYS[3], retention)
if ARGV[6] ~= '' and redis.call('GET', KEYS[5]) == ARGV[6] then
  redis.call('DEL', KEYS[5])
end
return 1
