-- Changes host ARGV[3]'s politeness: its delay (ARGV[4] ms, or '' to keep it) and a pause of
-- ARGV[5] ms during which it is not leased. Returns {notify, earliest}.
local before = earliest()
local hk = hostKey(ARGV[3])
if ARGV[4] ~= '' then
  redis.call('HSET', hk, 'd', ARGV[4])
end
local pause = tonumber(ARGV[5])
if pause > 0 then
  local resume = math.max(tonumber(redis.call('HGET', hk, 'nb') or '0'), now + pause)
  redis.call('HSET', hk, 'nb', resume, 'pu', resume)
end
refresh(ARGV[3])
return {earlier(before), earliest()}
