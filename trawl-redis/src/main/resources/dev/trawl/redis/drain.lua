-- Removes and returns every queued request of host ARGV[3]; its leases in flight stay.
local items = redis.call('LRANGE', queueKey(ARGV[3]), 0, -1)
if #items > 0 then
  redis.call('DEL', queueKey(ARGV[3]))
  count('queued', -#items)
  count('gen', 1)
end
refresh(ARGV[3])
return items
