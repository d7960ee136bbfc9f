-- The lease that lets one gateway instance at a time run a cluster-wide job (position updates, lease expiry, history
-- sampling): taken with SET NX PX under the instance's owner token, renewed and released only by that owner.
-- KEYS[1] lease  STRING the owner token of the instance running the job, expiring after ARGV[2] ms
-- ARGV[1] owner token of the calling instance
-- ARGV[2] lease length (ms)
-- ARGV[3] 'hold' (take it if free, renew it if ours) or 'release' (give it up if ours)
-- Returns 'acquired', 'renewed', 'taken' (another instance holds it), 'released' or 'not_owner'.
local lease = KEYS[1]
local owner = ARGV[1]
local leaseMs = tonumber(ARGV[2])
local mode = ARGV[3]

local current = redis.call('GET', lease)
if mode == 'release' then
  if current == owner then
    redis.call('DEL', lease)
    return 'released'
  end
  return 'not_owner'
end
if current == owner then
  redis.call('PEXPIRE', lease, leaseMs)
  return 'renewed'
end
if redis.call('SET', lease, owner, 'NX', 'PX', leaseMs) then
  return 'acquired'
end
return 'taken'
