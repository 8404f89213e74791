-- Hands out up to #ARGV-3 leases, ARGV[4..] being their ids, each lasting ARGV[3] ms: only of
-- hosts due now with a free slot. First hands back the leases of this partition whose deadline
-- has passed (a process that died, or stopped renewing). A lease of a host with a delay and more
-- than one slot waits to be told (sent.lua) that its request went out: until then the host's
-- other URLs are not leased.
-- Returns {earliest, earliestDeadline, queued, inFlight, reaped, id, host, request, waits, ...}.
local leaseMs = tonumber(ARGV[3])
local reaped = redis.call('ZRANGEBYSCORE', deadlines, '-inf', now)
for _, id in ipairs(reaped) do
  local v = redis.call('HGET', leases, id)
  redis.call('HDEL', leases, id)
  redis.call('ZREM', deadlines, id)
  local tab = string.find(v, '\t', 1, true)
  local h = string.sub(v, 1, tab - 1)
  redis.call('LPUSH', queueKey(h), string.sub(v, tab + 1))
  endLease(id, h)
  count('queued', 1)
  count('inflight', -1)
  refresh(h)
end
local granted = {}
for i = 4, #ARGV do
  local due = redis.call('ZRANGEBYSCORE', ready, '-inf', now, 'LIMIT', 0, 1)
  if not due[1] then
    break
  end
  local h = due[1]
  local request = redis.call('LPOP', queueKey(h))
  redis.call('HINCRBY', hostKey(h), 'f', 1)
  local waits = 0
  if perHost > 1 and delayOf(h) > 0 then
    redis.call('SADD', unsent, ARGV[i])
    redis.call('HINCRBY', hostKey(h), 'u', 1)
    waits = 1
  end
  refresh(h)
  redis.call('HSET', leases, ARGV[i], h .. '\t' .. request)
  redis.call('ZADD', deadlines, now + leaseMs, ARGV[i])
  count('queued', -1)
  count('inflight', 1)
  granted[#granted + 1] = ARGV[i]
  granted[#granted + 1] = h
  granted[#granted + 1] = request
  granted[#granted + 1] = waits
end
if #reaped > 0 or #granted > 0 then
  count('gen', 1)
end
local c = redis.call('HMGET', stats, 'queued', 'inflight')
local out = {earliest(), earliestDeadline(), tonumber(c[1] or '0'), tonumber(c[2] or '0'), #reaped}
for _, v in ipairs(granted) do
  out[#out + 1] = v
end
return out
