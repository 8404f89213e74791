package dev.trawl.redis;

import dev.trawl.frontier.Lease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The leases this process holds, by id: what the heartbeat renews and a close gives back. */
final class HeldLeases {

    /**
     * A lease held: renewed until its holder's own lease time ends ({@code holderDeadline}, in
     * {@link System#nanoTime()}). {@code waitsToSend}: its host waits to be told that the request
     * went out.
     */
    record Held(Lease lease, int partition, long holderDeadline, boolean waitsToSend) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Held> held = new HashMap<>();

    void add(List<Held> granted) {
        lock.lock();
        try {
            granted.forEach(h -> held.put(h.lease().id(), h));
        } finally {
            lock.unlock();
        }
    }

    /** The lease as held, or null if it is not (given back, or taken by a close). */
    Held get(Lease lease) {
        lock.lock();
        try {
            return held.get(lease.id());
        } finally {
            lock.unlock();
        }
    }

    /** Takes the lease out, so that exactly one caller gives it back; null if it is not held. */
    Held take(Lease lease) {
        lock.lock();
        try {
            return held.remove(lease.id());
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes every lease out, for a close to give back. */
    List<Held> takeAll() {
        lock.lock();
        try {
            List<Held> all = new ArrayList<>(held.values());
            held.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** The ids of the leases still within their holder's lease time, by partition. */
    Map<Integer, List<String>> renewable(long nowNanos) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        lock.lock();
        try {
            for (Held h : held.values()) {
                if (h.holderDeadline() - nowNanos > 0) {
                    byPartition
                            .computeIfAbsent(h.partition(), p -> new ArrayList<>())
                            .add(Long.toString(h.lease().id()));
                }
            }
        } finally {
            lock.unlock();
        }
        return byPartition;
    }
}
