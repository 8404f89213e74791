-- Counts lease ARGV[3]'s outcome ('page', 'failed', 'other' or 'requeue') and frees its budget
-- token. Returns {pages, tokens held}.
redis.call('ZREM', deadlines, ARGV[3])
if ARGV[4] == 'page' then
  count('pages', 1)
elseif ARGV[4] == 'failed' then
  count('failed', 1)
end
return {tonumber(redis.call('HGET', stats, 'pages') or '0'), redis.call('ZCARD', deadlines)}
