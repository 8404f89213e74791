-- Lease ARGV[3]'s request went out: its host's delay counts from now, and the host may be
-- leased again once it has passed. Returns {notify, earliest}.
local before = earliest()
if redis.call('SREM', unsent, ARGV[3]) == 1 then
  local v = redis.call('HGET', leases, ARGV[3])
  if v then
    local h = string.sub(v, 1, string.find(v, '\t', 1, true) - 1)
    redis.call('HINCRBY', hostKey(h), 'u', -1)
    contact(h)
    refresh(h)
  end
end
return {earlier(before), earliest()}
