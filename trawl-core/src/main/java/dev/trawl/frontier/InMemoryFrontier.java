package dev.trawl.frontier;

import dev.trawl.frontier.HostQueue.Queued;
import dev.trawl.internal.Fingerprint;
import dev.trawl.internal.FingerprintSet;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The default {@link Frontier}: everything in memory, guarded by one lock.
 *
 * <p>A queue per host key; a min-heap of the hosts that have queued URLs and a free concurrency
 * slot, ordered by the time they may next be contacted; a seen-set of URL fingerprints; a heap of
 * leases by deadline. {@link #lease} waits on a condition, woken by offers, returned leases and
 * {@link #close}; one waiter at a time is timed to the next host's due time (leader and
 * followers, as in {@link java.util.concurrent.DelayQueue}).
 *
 * <p>With a {@link FrontierStore} (see {@link Builder#store}) every change is also written to
 * the store, each host keeps at most {@value HostQueue#BUFFER} queued URLs in memory and the rest only in
 * the store, and the frontier starts from what the store holds: a resumed crawl.
 *
 * <pre>{@code
 * Frontier frontier = InMemoryFrontier.builder()
 *         .politeness(Politeness.builder().perHost(2).maxPages(100).build())
 *         .build();
 * }</pre>
 */
public final class InMemoryFrontier implements Frontier {

    private final Politeness politeness;
    private final int perHost;
    private final long delayNanos;
    private final long maxPages;
    private final Function<WebUrl, String> hostKey;
    private final LongSupplier nanoTime;
    private final FrontierStore store;
    /** Whether a host keeps at most {@link HostQueue#BUFFER} queued URLs in memory, the rest in the store. */
    private final boolean bounded;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final FingerprintSet seen = new FingerprintSet();
    private final Map<String, HostState> hosts = new HashMap<>();
    private final HostPageLimit hostPages;

    private final Set<String> givenUp = new HashSet<>();
    /** Idle hosts kept until their delay has passed, so that a URL offered later still waits for it. */
    private final PriorityQueue<HostState> idle =
            new PriorityQueue<>((a, b) -> Long.compare(a.nextAllowed, b.nextAllowed));

    private final PriorityQueue<HostState> ready =
            new PriorityQueue<>((a, b) -> Long.compare(a.nextAllowed, b.nextAllowed));
    private final LeaseTable<Leased> leases = new LeaseTable<>();
    private long nextRowId = 1;
    private long queued;
    private long pages;
    private long failed;
    private boolean closed;
    /** The waiter timing the next due host or lease deadline; the others wait for a signal. */
    private Thread leader;

    private static final class Leased extends LeaseTable.Entry {
        final Lease lease;
        final HostState host;
        final long rowId;
        boolean sent;

        Leased(Lease lease, HostState host, long rowId, long deadline) {
            super(lease.id(), deadline);
            this.lease = lease;
            this.host = host;
            this.rowId = rowId;
        }

        /** The lease ends: its host was last contacted now, whether or not its request went out. */
        void end(long now) {
            host.inFlight--;
            if (!sent) {
                host.unsent--;
            }
            host.contact(now);
        }
    }

    private InMemoryFrontier(Builder b) {
        this.politeness = b.politeness;
        this.perHost = politeness.perHost();
        this.delayNanos = politeness.delay().toNanos();
        this.maxPages = politeness.maxPages();
        this.hostPages = new HostPageLimit(politeness.maxPagesPerHost());
        this.hostKey = politeness.hostKey();
        this.nanoTime = b.nanoTime;
        this.store = b.store != null ? b.store : NoStore.INSTANCE;
        this.bounded = b.store != null;
        FrontierStore.Snapshot snapshot = store.restore(seen::add);
        nextRowId = snapshot.nextId();
        pages = snapshot.pages();
        failed = snapshot.failed();
        lock.lock();
        try {
            snapshot.queuedByHost().forEach((key, n) -> {
                HostState host = hosts.computeIfAbsent(key, this::newHost);
                host.queue.restored(n);
                queued += n;
                refillIfLow(host);
            });
        } finally {
            lock.unlock();
        }
    }

    /** Starts a frontier with the {@linkplain Politeness#defaults() default politeness} and no store. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<OfferResult> offer(List<CrawlRequest> requests) {
        List<OfferResult> results = new ArrayList<>(requests.size());
        // Hashing and host keys need no lock: done before taking it, so that workers wait less.
        long[] fingerprints = new long[requests.size()];
        String[] keys = new String[requests.size()];
        for (int i = 0; i < fingerprints.length; i++) {
            fingerprints[i] = Fingerprint.of(requests.get(i).url().href());
            keys[i] = hostKey.apply(requests.get(i).url());
        }
        lock.lock();
        try {
            boolean added = false;
            List<FrontierStore.Added> stored = new ArrayList<>();
            for (int i = 0; i < fingerprints.length; i++) {
                CrawlRequest r = requests.get(i);
                long fingerprint = fingerprints[i];
                if (closed || budgetSpent()) {
                    results.add(OfferResult.REJECTED);
                } else if (!givenUp.isEmpty() && givenUp.contains(keys[i])) {
                    results.add(OfferResult.GIVEN_UP);
                } else if (!seen.add(fingerprint)) {
                    results.add(OfferResult.DUPLICATE);
                } else {
                    HostState host = hosts.computeIfAbsent(keys[i], this::newHost);
                    long id = nextRowId++;
                    queued++;
                    host.queue.add(id, r);
                    stored.add(new FrontierStore.Added(id, host.key, fingerprint, r));
                    makeReadyIfEligible(host);
                    results.add(OfferResult.ADDED);
                    added = true;
                }
            }
            if (!stored.isEmpty()) {
                store.added(stored);
            }
            if (added) {
                wake();
            }
        } finally {
            lock.unlock();
        }
        return results;
    }

    /** Asks the store for more of a host's URLs when its buffer runs low. */
    private void refillIfLow(HostState host) {
        int wanted = host.queue.refillWanted();
        if (wanted > 0) {
            store.load(host.key, host.queue.refillStarts(), wanted, loaded -> refilled(host, loaded));
        }
    }

    private void refilled(HostState host, List<FrontierStore.Stored> loaded) {
        lock.lock();
        try {
            queued -= host.queue.refilled(loaded);
            makeReadyIfEligible(host);
            wake();
        } finally {
            lock.unlock();
        }
    }

    private HostState newHost(String key) {
        return new HostState(key, nanoTime.getAsLong(), delayNanos, bounded);
    }

    @Override
    public List<Lease> lease(int max, Duration leaseTime) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = nanoTime.getAsLong();
                expireLeases(now);
                forgetIdleHosts(now);
                if (finished()) {
                    return List.of();
                }
                List<Lease> granted = grant(max, leaseTime, now);
                if (!granted.isEmpty()) {
                    return granted;
                }
                long wait = nanosUntilSomethingChanges(now);
                if (wait == Long.MAX_VALUE || leader != null) {
                    changed.await();
                } else {
                    Thread me = Thread.currentThread();
                    leader = me;
                    try {
                        changed.awaitNanos(wait);
                    } finally {
                        if (leader == me) {
                            leader = null;
                        }
                    }
                }
            }
        } finally {
            // Whoever leaves passes the watch on: more may be due, or someone must time the next host.
            if (leader == null && (!ready.isEmpty() || !leases.isEmpty())) {
                changed.signal();
            }
            lock.unlock();
        }
    }

    /**
     * Something changed that may let a waiting lease go on: one waiter wakes and times the next
     * due host afresh (each that leaves {@link #lease} wakes the next, so a hundred idle workers
     * are not all woken for one URL); all wake when the crawl is over.
     */
    private void wake() {
        if (finished()) {
            changed.signalAll();
        } else {
            leader = null;
            changed.signal();
        }
    }

    private List<Lease> grant(int max, Duration leaseTime, long now) {
        List<Lease> granted = new ArrayList<>();
        while (granted.size() < max
                && !ready.isEmpty()
                && ready.peek().nextAllowed <= now
                && (maxPages <= 0 || pages + leases.size() < maxPages)) {
            HostState host = ready.poll();
            host.inReadyHeap = false;
            Queued next = host.queue.next();
            CrawlRequest request = next.request();
            queued--;
            store.leased(next.id());
            host.inFlight++;
            host.unsent++;
            host.nextAllowed = host.computeNextAllowed();
            Lease lease = new Lease(leases.nextId(), request, host.key);
            leases.add(new Leased(lease, host, next.id(), now + leaseTime.toNanos()));
            granted.add(lease);
            makeReadyIfEligible(host);
        }
        return granted;
    }

    /** How long until a host becomes due or a lease expires; MAX_VALUE when only a signal can help. */
    private long nanosUntilSomethingChanges(long now) {
        long until = Long.MAX_VALUE;
        boolean budgetLeft = maxPages <= 0 || pages + leases.size() < maxPages;
        if (budgetLeft && !ready.isEmpty()) {
            until = Math.max(1, ready.peek().nextAllowed - now);
        }
        if (!leases.isEmpty()) {
            until = Math.min(until, Math.max(1, leases.nextDeadline() - now));
        }
        return until;
    }

    /** Forgets the idle hosts whose delay has passed (a host that got work meanwhile stays). */
    private void forgetIdleHosts(long now) {
        while (!idle.isEmpty() && idle.peek().nextAllowed <= now) {
            HostState host = idle.poll();
            if (host.queue.isEmpty() && host.inFlight == 0 && hosts.get(host.key) == host) {
                hosts.remove(host.key);
            }
        }
    }

    private void expireLeases(long now) {
        for (Leased expired = leases.pollExpired(now); expired != null; expired = leases.pollExpired(now)) {
            HostState host = expired.host;
            expired.end(now);
            refresh(host);
            putBack(host, expired.rowId, expired.lease.request());
            makeReadyIfEligible(host);
        }
    }

    /** A leased URL goes back to the front of its host's queue. */
    private void putBack(HostState host, long rowId, CrawlRequest request) {
        host.queue.putBack(rowId, request);
        queued++;
        store.requeued(rowId, request);
    }

    @Override
    public boolean complete(Lease lease, boolean countsAsPage) {
        return durably(giveBack(lease, countsAsPage ? FrontierStore.Outcome.PAGE : FrontierStore.Outcome.OTHER));
    }

    @Override
    public boolean fail(Lease lease) {
        return durably(giveBack(lease, FrontierStore.Outcome.FAILED));
    }

    /** Waits, outside the lock, until the store has written what was just done. */
    private boolean durably(boolean done) {
        if (done) {
            store.awaitDurable();
        }
        return done;
    }

    @Override
    public void sent(Lease lease) {
        lock.lock();
        try {
            Leased leased = leases.get(lease.id());
            if (leased == null || leased.sent) {
                return;
            }
            leased.sent = true;
            HostState host = leased.host;
            host.unsent--;
            host.contact(nanoTime.getAsLong());
            // Without a delay the host was due all along: no waiter needs waking for it.
            if (host.delay > 0) {
                refresh(host);
                wake();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void contacted(String hostKey) {
        lock.lock();
        try {
            HostState host = hosts.get(hostKey);
            if (host != null) {
                host.contact(nanoTime.getAsLong());
                refresh(host); // later, never sooner: no waiter needs waking
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean requeue(Lease lease, CrawlRequest request, Duration after) {
        lock.lock();
        try {
            Leased leased = leases.get(lease.id());
            if (leased == null) {
                return false;
            }
            HostState host = leased.host;
            putBack(host, leased.rowId, request);
            // giveBack recomputes the host's due time with it.
            host.notBefore = Math.max(host.notBefore, nanoTime.getAsLong() + after.toNanos());
            return giveBack(lease, null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void updateHost(String key, Duration delay, Duration pause) {
        lock.lock();
        try {
            HostState host = hosts.computeIfAbsent(key, this::newHost);
            long now = nanoTime.getAsLong();
            if (delay != null) {
                host.delay = delay.toNanos();
            }
            if (pause != null && !pause.isZero()) {
                host.pausedUntil = Math.max(host.pausedUntil, now + pause.toNanos());
                host.notBefore = Math.max(host.notBefore, host.pausedUntil);
            }
            refresh(host);
            wake();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean reservePage(String key) {
        return hostPages.take(key);
    }

    @Override
    public void releasePage(String key) {
        hostPages.giveBack(key);
    }

    @Override
    public List<CrawlRequest> giveUpHost(String key) {
        List<CrawlRequest> drained = new ArrayList<>();
        HostQueue.Emptied emptied;
        lock.lock();
        try {
            givenUp.add(key);
            HostState host = hosts.get(key);
            if (host == null) {
                return List.of();
            }
            queued -= host.queue.size();
            emptied = host.queue.empty();
            for (Queued q : emptied.head()) {
                drained.add(q.request());
                store.finished(q.id(), FrontierStore.Outcome.OTHER);
            }
            if (host.inReadyHeap) {
                ready.remove(host);
                host.inReadyHeap = false;
            }
            wake();
        } finally {
            lock.unlock();
        }
        // The store is read without the lock: other hosts go on meanwhile.
        if (emptied.spilled() > 0) {
            store.drain(key, emptied.spilledAfter()).forEach(s -> drained.add(s.request()));
        }
        return drained;
    }

    /** Recomputes a host's next allowed time, re-sorting the ready heap if it holds the host. */
    private void refresh(HostState host) {
        long next = host.computeNextAllowed();
        if (next != host.nextAllowed) {
            if (host.inReadyHeap) {
                ready.remove(host);
                host.nextAllowed = next;
                ready.add(host);
            } else {
                host.nextAllowed = next;
            }
        }
    }

    /** Ends a lease: done with {@code outcome}, or requeued already when it is null. */
    private boolean giveBack(Lease lease, FrontierStore.Outcome outcome) {
        lock.lock();
        try {
            Leased leased = leases.remove(lease.id());
            if (leased == null) {
                return false;
            }
            HostState host = leased.host;
            long now = nanoTime.getAsLong();
            leased.end(now);
            refresh(host);
            if (outcome == FrontierStore.Outcome.PAGE) {
                pages++;
            }
            if (outcome == FrontierStore.Outcome.FAILED) {
                failed++;
            }
            if (outcome != null) {
                store.finished(leased.rowId, outcome);
            }
            refillIfLow(host);
            if (host.queue.isEmpty() && host.inFlight == 0) {
                forget(host, now);
            } else {
                makeReadyIfEligible(host);
            }
            wake();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** An idle host is forgotten, at once or once its delay has passed (see {@link #forgetIdleHosts}). */
    private void forget(HostState host, long now) {
        if (host.nextAllowed <= now) {
            hosts.remove(host.key);
        } else {
            idle.add(host);
        }
    }

    private void makeReadyIfEligible(HostState host) {
        refillIfLow(host);
        if (!host.inReadyHeap && host.queue.hasNext() && host.inFlight < perHost) {
            host.inReadyHeap = true;
            ready.add(host);
        }
    }

    private boolean budgetSpent() {
        return maxPages > 0 && pages >= maxPages;
    }

    private boolean finished() {
        return closed || leases.isEmpty() && (queued == 0 || budgetSpent());
    }

    @Override
    public Politeness politeness() {
        return politeness;
    }

    @Override
    public FrontierStats stats() {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            int paused = 0;
            int delayed = 0;
            for (HostState h : ready) {
                if (h.pausedUntil > now) {
                    paused++;
                } else if (h.nextAllowed > now) {
                    delayed++;
                }
            }
            return new FrontierStats(seen.size(), queued, leases.size(), pages, failed, hosts.size(), delayed, paused);
        } finally {
            lock.unlock();
        }
    }

    /** Finishes the frontier; with a store, writes everything pending and closes the store. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            // A crawl stopped by its page limit is not finished: a larger limit resumes it.
            if (leases.isEmpty() && queued == 0) {
                store.markFinished();
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        store.close();
    }

    /** Builds an {@link InMemoryFrontier}. */
    public static final class Builder {
        private Politeness politeness = Politeness.defaults();
        private LongSupplier nanoTime = System::nanoTime;
        private FrontierStore store;

        private Builder() {}

        /** The limits to enforce (default {@link Politeness#defaults()}). */
        public Builder politeness(Politeness p) {
            this.politeness = p;
            return this;
        }

        /**
         * Writes through to a store and starts from what it holds (default: none, all in memory).
         * The frontier closes the store when it is closed.
         */
        public Builder store(FrontierStore s) {
            this.store = s;
            return this;
        }

        /** The clock, in nanoseconds, for due times and lease deadlines (default System.nanoTime). */
        public Builder clock(LongSupplier nanos) {
            this.nanoTime = nanos;
            return this;
        }

        /** The frontier. */
        public InMemoryFrontier build() {
            return new InMemoryFrontier(this);
        }
    }
}
