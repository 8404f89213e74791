-- Host ARGV[3] was contacted outside a lease's own request (a request of a page rendered in a
-- browser): its delay counts from now too. Later, never sooner: no one needs telling.
if redis.call('EXISTS', hostKey(ARGV[3])) == 1 then
  contact(ARGV[3])
  refresh(ARGV[3])
end
return 1
