package dev.trawl.frontier;

import java.util.ArrayDeque;
import java.util.Set;

/**
 * One host key's state in an {@link InMemoryFrontier}: its queue (the part of it in memory), its
 * slots in use, and when it may next be contacted. Used under the frontier's lock.
 */
final class HostState {
    final String key;
    final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** Queued URLs that are only in the store, after every one in {@code queue}. */
    long spilled;
    /** The highest row id ever put in {@code queue}: the store is read after it. */
    long lastLoaded;
    /** Redirect hops queued first while older rows were only in the store: a refill skips them. */
    Set<Long> hopsAhead = Set.of();

    boolean refilling;
    int inFlight;
    /** Leases whose request has not gone out yet: with a delay, the host waits for them. */
    int unsent;
    /** When it may next be leased: the later of lastContact + delay and notBefore. */
    long nextAllowed;
    /** The last time a request to it went out or a lease of it ended. */
    long lastContact;

    boolean contacted;
    long delay;
    long notBefore;
    long pausedUntil;
    boolean inReadyHeap;

    HostState(String key, long now, long delay) {
        this.key = key;
        this.nextAllowed = now;
        this.notBefore = now;
        this.delay = delay;
    }

    long computeNextAllowed() {
        if (delay > 0 && unsent > 0) {
            // When the request went out is not known yet: the delay cannot start before it.
            return Long.MAX_VALUE;
        }
        return contacted ? Math.max(lastContact + delay, notBefore) : notBefore;
    }

    void contact(long now) {
        contacted = true;
        lastContact = Math.max(lastContact, now);
    }

    /** A queued URL and its row id. */
    record Queued(long id, CrawlRequest request) {}
}
