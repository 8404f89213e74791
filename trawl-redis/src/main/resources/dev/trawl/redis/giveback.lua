-- Ends lease ARGV[3] with outcome ARGV[4]: 'page', 'failed' or 'other' (counted here, so that
-- the count and the end of the lease are one step), or 'requeue' with the request to queue again
-- at the front of its host (ARGV[5]) and how long the host then waits (ARGV[6] ms).
-- Returns {given back, notify, earliest, partition now empty}.
local v = redis.call('HGET', leases, ARGV[3])
if not v then
  return {0, 0, earliest(), 0}
end
local before = earliest()
redis.call('HDEL', leases, ARGV[3])
redis.call('ZREM', deadlines, ARGV[3])
local tab = string.find(v, '\t', 1, true)
local h = string.sub(v, 1, tab - 1)
endLease(ARGV[3], h)
count('inflight', -1)
if ARGV[4] == 'requeue' then
  redis.call('LPUSH', queueKey(h), ARGV[5])
  count('queued', 1)
  local wait = tonumber(ARGV[6])
  if wait > 0 then
    local nb = tonumber(redis.call('HGET', hostKey(h), 'nb') or '0')
    redis.call('HSET', hostKey(h), 'nb', math.max(nb, now + wait))
  end
elseif ARGV[4] == 'page' then
  count('pages', 1)
elseif ARGV[4] == 'failed' then
  count('failed', 1)
end
count('gen', 1)
refresh(h)
local c = redis.call('HMGET', stats, 'queued', 'inflight')
local empty = 0
if tonumber(c[1] or '0') == 0 and tonumber(c[2] or '0') == 0 then
  empty = 1
end
return {1, earlier(before), earliest(), empty}
