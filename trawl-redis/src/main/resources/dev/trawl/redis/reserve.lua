-- The crawl's page budget, ARGV[4] pages (0 for none): reserves one token per id in ARGV[5..],
-- each lasting ARGV[3] ms, while pages done + tokens held stay within it. Tokens of leases that
-- expired are dropped first. Returns {tokens granted, pages, tokens held}.
local maxPages = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', deadlines, '-inf', now)
local pages = tonumber(redis.call('HGET', stats, 'pages') or '0')
local held = redis.call('ZCARD', deadlines)
local granted = 0
for i = 5, #ARGV do
  if maxPages > 0 and pages + held >= maxPages then
    break
  end
  redis.call('ZADD', deadlines, now + tonumber(ARGV[3]), ARGV[i])
  held = held + 1
  granted = granted + 1
end
return {granted, pages, held}
