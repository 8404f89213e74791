package dev.trawl.redis;

import dev.trawl.frontier.Lease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The replies of trawl's Lua scripts, decoded from Redis's arrays in one place (their layout is each script's header). */
final class Replies {

    private Replies() {}

    /** A lease granted by lease.lua, and whether its host waits to be told its request went out. */
    record Grant(Lease lease, boolean waitsToSend) {}

    /**
     * lease.lua's reply.
     *
     * @param earliest when a host of the partition is next due (Redis ms), or -1
     * @param earliestDeadline the partition's earliest lease deadline, or -1
     * @param reaped how many expired leases were handed back
     */
    record LeaseRound(long earliest, long earliestDeadline, long reaped, List<Grant> grants) {

        static LeaseRound of(Object reply) {
            List<?> out = (List<?>) reply;
            List<Grant> grants = new ArrayList<>();
            for (int i = 5; i + 3 < out.size(); i += 4) {
                Lease lease = new Lease(
                        Long.parseLong(text(out, i)), RequestCodec.decode(text(out, i + 2)), text(out, i + 1));
                grants.add(new Grant(lease, number(out, i + 3) == 1));
            }
            return new LeaseRound(number(out, 0), number(out, 1), number(out, 4), grants);
        }
    }

    /**
     * giveback.lua's reply.
     *
     * @param givenBack whether the lease was still held (false: it had expired)
     * @param earlier whether a host of the partition became due earlier
     * @param earliest when a host of the partition is next due, or -1
     * @param emptied whether the partition has nothing queued or in flight now
     */
    record GiveBackDone(boolean givenBack, boolean earlier, long earliest, boolean emptied) {

        static GiveBackDone of(Object reply) {
            List<?> out = (List<?>) reply;
            return new GiveBackDone(number(out, 0) == 1, number(out, 1) == 1, number(out, 2), number(out, 3) == 1);
        }
    }

    /** The {notify, earliest} reply of offer.lua, host.lua and sent.lua: whether a host became due earlier. */
    record Earlier(boolean earlier, long earliest) {

        static Earlier of(Object reply) {
            List<?> out = (List<?>) reply;
            return new Earlier(number(out, 0) == 1, number(out, 1));
        }
    }

    /** A reply of (field, value) pairs, such as HGETALL's. */
    static Map<String, String> pairs(Object reply) {
        List<?> list = (List<?>) reply;
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(text(list, i), text(list, i + 1));
        }
        return map;
    }

    static long number(List<?> out, int i) {
        return ((Number) out.get(i)).longValue();
    }

    static String text(List<?> out, int i) {
        Object v = out.get(i);
        return v instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
    }
}
