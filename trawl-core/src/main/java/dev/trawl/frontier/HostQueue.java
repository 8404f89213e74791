package dev.trawl.frontier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One host's queued URLs. Without a store, all in memory; with one, at most {@link #BUFFER} in
 * memory (the head of the queue) and the rest only in the store, read back in row-id order as
 * the head runs low. Used under the frontier's lock; the store is read outside it.
 */
final class HostQueue {

    /** Queued URLs per host kept in memory when a store holds the rest. */
    static final int BUFFER = 64;

    private static final int REFILL_BELOW = 16;

    /** A queued URL and its row id. */
    record Queued(long id, CrawlRequest request) {}

    /** What a host had queued when it was emptied: the head, and how many rows after which id only the store has. */
    record Emptied(List<Queued> head, long spilled, long spilledAfter) {}

    private final boolean bounded;
    private final ArrayDeque<Queued> head = new ArrayDeque<>();
    /** Queued URLs that are only in the store, after every one in {@code head}. */
    private long spilled;
    /** The highest row id ever put in {@code head}: the store is read after it. */
    private long lastLoaded;
    /** Redirect hops queued first while older rows were only in the store: a refill skips them. */
    private Set<Long> hopsAhead = Set.of();

    private boolean refilling;

    /** @param bounded whether a store holds what does not fit in {@link #BUFFER} */
    HostQueue(boolean bounded) {
        this.bounded = bounded;
    }

    /** The queue as the store held it at the start: every row only in the store. */
    void restored(long rows) {
        spilled = rows;
    }

    /**
     * A new URL: in memory, unless the buffer is full (then only in the store); a redirect hop
     * first, since it continues the fetch that started its chain.
     */
    void add(long id, CrawlRequest r) {
        if (!r.redirects().isEmpty()) {
            head.addFirst(new Queued(id, r));
            if (spilled == 0) {
                lastLoaded = id;
            } else {
                if (hopsAhead.isEmpty()) {
                    hopsAhead = new HashSet<>();
                }
                hopsAhead.add(id);
            }
        } else if (!bounded || spilled == 0 && head.size() < BUFFER) {
            head.addLast(new Queued(id, r));
            lastLoaded = id;
        } else {
            spilled++;
        }
    }

    /** A leased URL comes back to the front. */
    void putBack(long id, CrawlRequest r) {
        head.addFirst(new Queued(id, r));
    }

    /** The next URL in memory; call only when {@link #hasNext()}. */
    Queued next() {
        return head.pollFirst();
    }

    /** Whether a URL is in memory to be leased now. */
    boolean hasNext() {
        return !head.isEmpty();
    }

    /** Whether nothing is queued, in memory or in the store. */
    boolean isEmpty() {
        return head.isEmpty() && spilled == 0;
    }

    /** How many rows to read from the store after which id, or 0 when no refill is due (one at a time). */
    int refillWanted() {
        return refilling || spilled == 0 || head.size() >= REFILL_BELOW ? 0 : BUFFER - head.size();
    }

    /** The row id after which a refill reads; marks a refill as under way. */
    long refillStarts() {
        refilling = true;
        return lastLoaded;
    }

    /**
     * Rows read back from the store. Returns how many the queue counted that the store no longer
     * has (rows finished elsewhere), now forgotten: the store is trusted.
     */
    long refilled(List<FrontierStore.Stored> loaded) {
        refilling = false;
        int ahead = 0;
        for (FrontierStore.Stored s : loaded) {
            lastLoaded = Math.max(lastLoaded, s.id());
            if (!hopsAhead.isEmpty() && hopsAhead.remove(s.id())) {
                ahead++;
            } else {
                head.addLast(new Queued(s.id(), s.request()));
            }
        }
        spilled -= loaded.size() - ahead;
        long lost = 0;
        if (loaded.isEmpty() && spilled > 0) {
            lost = spilled;
            spilled = 0;
        }
        return lost;
    }

    /** Empties the queue for good (its host is given up); nothing is read from the store after this. */
    Emptied empty() {
        Emptied emptied = new Emptied(new ArrayList<>(head), spilled, lastLoaded);
        head.clear();
        spilled = 0;
        lastLoaded = Long.MAX_VALUE;
        return emptied;
    }

    /** How many URLs are queued in memory and in the store. */
    long size() {
        return head.size() + spilled;
    }
}
