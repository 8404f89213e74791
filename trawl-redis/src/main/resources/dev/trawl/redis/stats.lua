-- This partition's counters: {seen, queued, inFlight, gen, hosts ready, hosts delayed, hosts paused,
-- pages, failed}.
local c = redis.call('HMGET', stats, 'queued', 'inflight', 'gen', 'pages', 'failed')
local waiting = redis.call('ZRANGEBYSCORE', ready, '(' .. now, '+inf', 'LIMIT', 0, 1000)
local paused = 0
for _, h in ipairs(waiting) do
  if tonumber(redis.call('HGET', hostKey(h), 'pu') or '0') > now then
    paused = paused + 1
  end
end
return {redis.call('SCARD', seen), tonumber(c[1] or '0'), tonumber(c[2] or '0'), tonumber(c[3] or '0'),
        redis.call('ZCARD', ready), #waiting - paused, paused, tonumber(c[4] or '0'), tonumber(c[5] or '0')}
