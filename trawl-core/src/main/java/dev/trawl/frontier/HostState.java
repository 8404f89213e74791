package dev.trawl.frontier;

/**
 * One host key's state in an {@link InMemoryFrontier}: its queue, its
 * slots in use, and when it may next be contacted. Used under the frontier's lock.
 */
final class HostState {
    final String key;
    final HostQueue queue;
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

    HostState(String key, long now, long delay, boolean bounded) {
        this.key = key;
        this.queue = new HostQueue(bounded);
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
}
