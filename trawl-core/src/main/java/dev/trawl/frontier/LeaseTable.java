package dev.trawl.frontier;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The leases a frontier has handed out, by id and by deadline. Not thread-safe: its frontier
 * uses it under its own lock.
 *
 * @param <L> what the frontier keeps of each lease
 */
final class LeaseTable<L extends LeaseTable.Entry> {

    /** A lease in the table: its id and when it expires (on the frontier's clock). */
    abstract static class Entry {
        final long id;
        final long deadline;

        Entry(long id, long deadline) {
            this.id = id;
            this.deadline = deadline;
        }
    }

    private final Map<Long, L> byId = new HashMap<>();
    private final PriorityQueue<L> byDeadline = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
    private long nextId = 1;

    /** A new lease id. */
    long nextId() {
        return nextId++;
    }

    void add(L lease) {
        byId.put(lease.id, lease);
        byDeadline.add(lease);
    }

    /** The live lease with this id, or {@code null}. */
    L get(long id) {
        return byId.get(id);
    }

    /** Ends the live lease with this id and returns it, or {@code null} when it is not live. */
    L remove(long id) {
        L lease = byId.remove(id);
        if (lease != null) {
            byDeadline.remove(lease);
        }
        return lease;
    }

    /** Ends and returns a lease whose deadline has passed, or {@code null} when none has. */
    L pollExpired(long now) {
        while (!byDeadline.isEmpty() && byDeadline.peek().deadline <= now) {
            L expired = byDeadline.poll();
            if (byId.remove(expired.id) != null) {
                return expired;
            }
        }
        return null;
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} when no lease is live. */
    long nextDeadline() {
        return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.peek().deadline;
    }

    int size() {
        return byId.size();
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }
}
