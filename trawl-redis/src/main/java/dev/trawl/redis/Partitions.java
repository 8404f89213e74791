package dev.trawl.redis;

import dev.trawl.internal.Fingerprint;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The crawl's partitions as this process sees them: their keys, and for each the Redis time
 * (ms) from which it may have a due host and its earliest lease deadline, as the last script
 * replies and the fleet's news told. {@link #NONE}: nothing known.
 */
final class Partitions {

    static final long NONE = Long.MAX_VALUE;

    private final String[] keys;
    private final AtomicLongArray due;
    private final AtomicLongArray expiry;

    Partitions(CrawlKeys crawl, int count) {
        this.keys = new String[count];
        for (int p = 0; p < count; p++) {
            keys[p] = crawl.partition(p);
        }
        this.due = new AtomicLongArray(count);
        this.expiry = new AtomicLongArray(count);
    }

    int count() {
        return keys.length;
    }

    /** Partition p's counters key, the key its scripts run on. */
    String key(int p) {
        return keys[p];
    }

    /** The partition a host key lives in. */
    int of(String hostKey) {
        return Math.floorMod(Fingerprint.of(hostKey), keys.length);
    }

    /** A lease round's news of p: when a host is next due and a lease next expires (-1: never). */
    void saw(int p, long earliest, long earliestDeadline) {
        due.set(p, earliest < 0 ? NONE : earliest);
        expiry.set(p, earliestDeadline < 0 ? NONE : earliestDeadline);
    }

    /** A host of p is due from {@code earliest} (-1: no news); returns whether that was news. */
    boolean sawDue(int p, long earliest) {
        if (earliest < 0) {
            return false;
        }
        due.accumulateAndGet(p, earliest, Math::min);
        return true;
    }

    /** Another process said p changed: look at it again. */
    void mayBeDue(int p) {
        due.set(p, 0);
    }

    /** Whether p is worth a lease round now: a lease may have expired, or (with budget) a host be due. */
    boolean worthAsking(int p, long now, boolean budgetBlocked) {
        return expired(p, now) || !budgetBlocked && due.get(p) <= now;
    }

    boolean expired(int p, long now) {
        return expiry.get(p) <= now;
    }

    boolean anyDue(long now) {
        for (int p = 0; p < keys.length; p++) {
            if (due.get(p) <= now) {
                return true;
            }
        }
        return false;
    }

    boolean nothingKnownDue() {
        return !anyDue(NONE - 1);
    }

    /** The Redis time at which something may change: a host comes due or a lease expires. */
    long wakeAt(boolean budgetBlocked) {
        long at = NONE;
        for (int p = 0; p < keys.length; p++) {
            at = Math.min(at, expiry.get(p));
            if (!budgetBlocked) {
                at = Math.min(at, due.get(p));
            }
        }
        return at;
    }
}
