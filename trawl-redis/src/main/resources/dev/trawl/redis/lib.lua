-- Shared head of every trawl script. KEYS[1] is the '<prefix>stats' hash of one hash-tagged
-- slot: a partition of hosts, or the crawl's own. ARGV[1] and ARGV[2] are always the crawl's
-- per-host limit and default delay (ms). Every other key a script touches is built from
-- that prefix, so that each script runs within one slot on Redis Cluster too. Times are the
-- server's milliseconds: all processes of a crawl share one clock, whatever their machines say.
local stats = KEYS[1]
local prefix = string.sub(stats, 1, -6)
local ready = prefix .. 'ready'
local seen = prefix .. 'seen'
local leases = prefix .. 'leases'
local deadlines = prefix .. 'deadlines'
local unsent = prefix .. 'unsent'
local givenUp = prefix .. 'givenup'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perHost = tonumber(ARGV[1])
local defaultDelay = tonumber(ARGV[2])

local function hostKey(h)
  return prefix .. 'h:' .. h
end

local function queueKey(h)
  return prefix .. 'q:' .. h
end

local function delayOf(h)
  return tonumber(redis.call('HGET', hostKey(h), 'd') or defaultDelay)
end

-- When a host may next be leased: its delay after its last contact (a request going out, a lease
-- ending), and not before a pause ends.
local function nextAllowed(h)
  local f = redis.call('HMGET', hostKey(h), 'c', 'd', 'nb')
  local due = tonumber(f[3] or '0')
  if f[1] then
    due = math.max(due, tonumber(f[1]) + tonumber(f[2] or defaultDelay))
  end
  return due
end

-- The host was contacted now.
local function contact(h)
  redis.call('HSET', hostKey(h), 'c', now)
end

-- A lease of host h ends: its slot is free, and if its request was never said to have gone out,
-- the host no longer waits for it.
local function endLease(id, h)
  redis.call('HINCRBY', hostKey(h), 'f', -1)
  if redis.call('SREM', unsent, id) == 1 then
    redis.call('HINCRBY', hostKey(h), 'u', -1)
  end
  contact(h)
end

-- A host is in the ready set while it has queued URLs, a free slot and no lease whose request has
-- not gone out yet (the delay counts from that request); an idle host's state expires once its
-- delay has passed, so that a URL offered later still waits for it.
local function refresh(h)
  local f = redis.call('HMGET', hostKey(h), 'f', 'u')
  local inFlight = tonumber(f[1] or '0')
  local waitingToSend = tonumber(f[2] or '0') > 0
  local queued = redis.call('LLEN', queueKey(h))
  local due = nextAllowed(h)
  if inFlight < perHost and queued > 0 and not waitingToSend then
    redis.call('ZADD', ready, due, h)
  else
    redis.call('ZREM', ready, h)
  end
  if inFlight == 0 and queued == 0 then
    redis.call('PEXPIREAT', hostKey(h), math.max(now, due) + 1000)
  else
    redis.call('PERSIST', hostKey(h))
  end
end

-- The lowest score of a sorted set, or -1 when it is empty.
local function lowest(zset)
  local r = redis.call('ZRANGE', zset, 0, 0, 'WITHSCORES')
  if r[1] then
    return tonumber(r[2])
  end
  return -1
end

-- The earliest time a host of this slot may be leased, or -1 when none is ready.
local function earliest()
  return lowest(ready)
end

-- Whether other processes should look at this slot again: a host became due earlier.
local function earlier(before)
  local after = earliest()
  if after ~= -1 and (before == -1 or after < before) then
    return 1
  end
  return 0
end

local function earliestDeadline()
  return lowest(deadlines)
end

local function count(field, n)
  redis.call('HINCRBY', stats, field, n)
end

