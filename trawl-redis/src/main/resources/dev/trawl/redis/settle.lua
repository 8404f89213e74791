-- The page budget's side of a lease's end: frees its token and counts a page (ARGV[4] 'page')
-- against the budget. Returns {budget pages, tokens held}.
redis.call('ZREM', deadlines, ARGV[3])
if ARGV[4] == 'page' then
  count('pages', 1)
end
return {tonumber(redis.call('HGET', stats, 'pages') or '0'), redis.call('ZCARD', deadlines)}
