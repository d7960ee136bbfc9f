-- Just before a worker sends: confirms it still holds the recipient and renews the lease from now. A worker frozen
-- past its lease (a long GC pause, a suspended VM, SIGSTOP) may wake up holding recipients another instance has since
-- taken over, reconciled with the provider and sent: it must not send them too. The claim time is kept, since the
-- reconciler asks the provider for messages created after the first claim.
-- KEYS: 1 in-flight zset (member -> lease deadline), 2 claims hash (member -> owner|claimedAt)
-- ARGV: 1 member, 2 owner, 3 now (ms), 4 lease (ms)
-- Returns 1 when the caller still holds the recipient (its lease renewed), 0 when it was taken over.
local member, owner = ARGV[1], ARGV[2]
local claim = redis.call('HGET', KEYS[2], member)
if not claim or string.sub(claim, 1, #owner + 1) ~= owner .. '|' then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', tonumber(ARGV[3]) + tonumber(ARGV[4]), member)
return 1
