-- Offers URLs of this partition's hosts: ARGV[3..] are (fingerprint, host, request, first)
-- quadruples; first is '1' for a redirect hop, which continues the fetch that started its chain
-- and so goes to the front of its host's queue. Dedup and enqueue are one step: two processes
-- offering one URL add it once.
-- Returns {notify, earliest, per URL: 1 added, 0 seen before, 2 its host given up}.
local before = earliest()
local out = {0, 0}
local touched = {}
local added = 0
for i = 3, #ARGV, 4 do
  if redis.call('SISMEMBER', givenUp, ARGV[i + 1]) == 1 then
    out[#out + 1] = 2
  elseif redis.call('SADD', seen, ARGV[i]) == 1 then
    if ARGV[i + 3] == '1' then
      redis.call('LPUSH', queueKey(ARGV[i + 1]), ARGV[i + 2])
    else
      redis.call('RPUSH', queueKey(ARGV[i + 1]), ARGV[i + 2])
    end
    touched[ARGV[i + 1]] = true
    added = added + 1
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
for h in pairs(touched) do
  refresh(h)
end
if added > 0 then
  count('queued', added)
  count('gen', 1)
end
out[1] = earlier(before)
out[2] = earliest()
return out
