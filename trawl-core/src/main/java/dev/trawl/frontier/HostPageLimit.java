package dev.trawl.frontier;

import java.util.concurrent.ConcurrentHashMap;

/** The most pages fetched from one host key, counted as they are taken before each fetch. */
final class HostPageLimit {

    private final long max;
    private final ConcurrentHashMap<String, Long> taken = new ConcurrentHashMap<>();

    /** @param max the most pages of one host key; 0 for no limit */
    HostPageLimit(long max) {
        this.max = max;
    }

    /** Takes one of the host's pages; false when it has had its share. */
    boolean take(String key) {
        if (max <= 0) {
            return true;
        }
        // Count, and take it back when over: the same two steps as hostpage.lua in Redis.
        if (taken.merge(key, 1L, Long::sum) <= max) {
            return true;
        }
        taken.merge(key, -1L, Long::sum);
        return false;
    }

    /** Gives back a page whose fetch got no page. */
    void giveBack(String key) {
        if (max > 0) {
            taken.computeIfPresent(key, (k, n) -> n - 1);
        }
    }
}
