-- Gives host ARGV[3] up: removes and returns every queued request of it (its leases in flight
-- stay), and offers of its URLs are refused from now on.
redis.call('SADD', givenUp, ARGV[3])
local items = redis.call('LRANGE', queueKey(ARGV[3]), 0, -1)
if #items > 0 then
  redis.call('DEL', queueKey(ARGV[3]))
  count('queued', -#items)
  count('gen', 1)
end
refresh(ARGV[3])
return items
