-- Joins the crawl: settings ARGV[3..] as (field, value) pairs are kept only if the crawl has none
-- yet (the first process sets them). Returns every field of the crawl's hash, and 'now'.
for i = 3, #ARGV, 2 do
  redis.call('HSETNX', stats, ARGV[i], ARGV[i + 1])
end
local all = redis.call('HGETALL', stats)
all[#all + 1] = 'now'
all[#all + 1] = now
return all
