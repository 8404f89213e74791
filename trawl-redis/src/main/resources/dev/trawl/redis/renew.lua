-- Moves the deadline of each live lease or budget token among ARGV[4..] to ARGV[3] ms from now.
-- Returns a flag per id: whether it was still held.
local out = {}
for i = 4, #ARGV do
  if redis.call('ZSCORE', deadlines, ARGV[i]) then
    redis.call('ZADD', deadlines, now + tonumber(ARGV[3]), ARGV[i])
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
