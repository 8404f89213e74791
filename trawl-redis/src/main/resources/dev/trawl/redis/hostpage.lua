-- Takes (ARGV[4] = 1) or gives back (-1) one page of host ARGV[3]'s limit of ARGV[5] pages,
-- fleet-wide. Returns 1 when a page was taken or given back, 0 when the host has had its share.
local pages = prefix .. 'hostpages'
local n = redis.call('HINCRBY', pages, ARGV[3], tonumber(ARGV[4]))
if tonumber(ARGV[4]) > 0 and n > tonumber(ARGV[5]) then
  redis.call('HINCRBY', pages, ARGV[3], -1)
  return 0
end
return 1
