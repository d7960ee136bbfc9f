-- The console's log-in budget: an attempt is taken here, atomically, before the password hash is computed, so that
-- log-ins sent at once cannot each be checked (a read followed by a later increment let 39 of 40 through).
-- KEYS[1] user        HASH  the user's record (users:{users}:<name>); only its 'password' and 'disabled' are read
-- KEYS[2] userBudget  STRING attempts at this username within the window
-- KEYS[3] addrBudget  STRING attempts from this client address within the window
-- ARGV[1] mode        'take' (before a password check) or 'succeeded' (after a right password)
-- ARGV[2] maxUser     attempts a username gets per window
-- ARGV[3] maxAddr     attempts an address gets per window
-- ARGV[4] window      seconds
-- take returns {'check', <stored hash>, <disabled or ''>}, {'unknown'} (no such user: only the address is counted,
-- so nobody can fill Redis with counters for made-up names), {'user-locked'} or {'address-locked'}.
-- succeeded clears the username's attempts and gives the address its attempt back; returns {'ok'}.
local user, userBudget, addrBudget = KEYS[1], KEYS[2], KEYS[3]
local mode = ARGV[1]
local maxUser, maxAddr, window = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

local function take(key)
  if redis.call('INCR', key) == 1 then
    redis.call('EXPIRE', key, window)
  end
end

if mode == 'succeeded' then
  redis.call('DEL', userBudget)
  local n = tonumber(redis.call('GET', addrBudget) or '0')
  if n > 0 then
    redis.call('DECR', addrBudget)
  end
  return {'ok'}
end

if tonumber(redis.call('GET', addrBudget) or '0') >= maxAddr then
  return {'address-locked'}
end
local fields = redis.call('HMGET', user, 'password', 'disabled')
if not fields[1] then
  take(addrBudget)
  return {'unknown'}
end
if tonumber(redis.call('GET', userBudget) or '0') >= maxUser then
  return {'user-locked'}
end
take(userBudget)
take(addrBudget)
return {'check', fields[1], fields[2] or ''}
