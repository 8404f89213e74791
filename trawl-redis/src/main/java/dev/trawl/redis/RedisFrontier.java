package dev.trawl.redis;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierException;
import dev.trawl.frontier.FrontierStats;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.frontier.Politeness;
import dev.trawl.redis.HeldLeases.Held;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@link Frontier} in Redis, shared by every process that opens the same crawl: one crawl,
 * many machines. Each state change is one Lua script, so it is atomic: an offer dedups and
 * enqueues in one step, a lease picks only hosts that are due and have a free slot.
 *
 * <p>Hosts are spread over {@link CrawlSettings#partitions()} hash-tagged partitions: all keys of a
 * host (its queue, politeness, seen-set share, leases, and the partition's counters) live in one
 * slot, so each script touches one slot and the same code runs on Redis Cluster. The crawl's own
 * slot holds its settings, the lease id counter and the page budget's tokens.
 *
 * <p>A lease lives in Redis for a short time ({@link Builder#leaseTtl}) that a heartbeat renews
 * while its process lives: the leases of a process that dies come back to the others once their
 * deadline passes. Processes wake each other through a pub/sub channel when a host becomes due
 * earlier, a partition empties or the budget frees up; waits are otherwise timed to the next due
 * host. Whether the crawl is over is read from every partition twice, comparing change counters,
 * so that a URL moving between partitions is never missed.
 *
 * <pre>{@code
 * Frontier frontier = RedisFrontier.builder(RedisTarget.parse("redis://127.0.0.1:6379/my-crawl"))
 *         .politeness(Politeness.builder().perHost(2).maxPages(10_000).build())
 *         .build();
 * }</pre>
 */
public final class RedisFrontier implements Frontier {

    private static final long NONE = Partitions.NONE;
    private static final int MAX_BATCH = 256;

    private final UnifiedJedis redis;
    private final CrawlSettings settings;
    private final Joined joined;
    private final long ttlMillis;
    private final RedisTarget target;
    private final CrawlKeys keys;
    private final String processId;
    private final Partitions partitions;
    private final List<String> common;
    private final Offering offering;
    private final PartitionCalls scripts;
    private final LeaseRounds rounds;

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Lease> buffer = new ArrayDeque<>();
    private final HeldLeases held = new HeldLeases();
    /** Written under the lock; read without it on every call to Redis. */
    private volatile boolean closed;

    private boolean finished;
    private boolean dispatching;
    private boolean dirty;
    private boolean budgetBlocked;
    private int waiting;

    private final long clockOffset;
    private final PageBudget budget;
    private volatile FrontierStats last = new FrontierStats(0, 0, 0, 0, 0, 0, 0, 0);
    private final FleetNews news;
    private final Thread heartbeat;

    /** What this process found when it opened the crawl. */
    public enum Joined {
        /** Nothing: this process started the crawl. */
        STARTED,
        /** A crawl under way (or stopped): this process joined it. */
        JOINED,
        /** A crawl that a process already found over. */
        FINISHED
    }

    private RedisFrontier(Builder b) {
        this.redis = b.target.connect();
        this.ttlMillis = b.leaseTtl.toMillis();
        this.target = b.target;
        this.keys = new CrawlKeys(b.target.crawl());
        this.processId = ProcessHandle.current().pid() + "@"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        FleetNews subscribed = null;
        try {
            Joining joining = Joining.join(
                    redis, keys, new CrawlSettings(b.politeness, b.partitions), b.politeness.hostKey(), processId);
            this.settings = joining.settings();
            this.joined = joining.joined();
            this.clockOffset = joining.clockOffset();
            this.common = settings.scriptArgs();
            this.budget =
                    new PageBudget(redis, keys, common, settings.politeness().maxPages(), joining.pagesDone());
            this.partitions = new Partitions(keys, settings.partitions());
            this.offering = new Offering(
                    redis, partitions, common, settings.politeness().hostKey());
            this.scripts = new PartitionCalls(redis, partitions, common);
            subscribed = new FleetNews(redis, b.target, keys.channel(), new NewsListener());
            this.news = subscribed;
            this.rounds = new LeaseRounds(redis, keys, partitions, scripts, budget, held, news, this::redisNow);
            redis.zadd(keys.processes(), redisNow() + ttlMillis, processId);
            this.heartbeat = Thread.ofVirtual().name("trawl-redis-heartbeat").start(this::beat);
        } catch (RuntimeException | Error e) {
            if (subscribed != null) {
                subscribed.stop();
            }
            redis.close();
            throw e;
        }
    }

    /** Starts describing a frontier on {@code target}: the {@linkplain Politeness#defaults() default politeness}, 16 partitions. */
    public static Builder builder(RedisTarget target) {
        return new Builder(target);
    }

    /** Whether this process started the crawl, joined it, or found it finished. */
    public Joined joined() {
        return joined;
    }

    /** The crawl this frontier is part of. */
    public RedisTarget target() {
        return target;
    }

    /** The settings in force: the ones given, or the stored ones when this process joined a crawl. */
    public CrawlSettings settings() {
        return settings;
    }

    @Override
    public Politeness politeness() {
        return settings.politeness();
    }

    // ---- offering ----

    @Override
    public List<OfferResult> offer(List<CrawlRequest> requests) {
        return guarded(() -> offerTo(requests), () -> Collections.nCopies(requests.size(), OfferResult.REJECTED));
    }

    private List<OfferResult> offerTo(List<CrawlRequest> requests) {
        if (isClosed() || budget.spent()) {
            return Collections.nCopies(requests.size(), OfferResult.REJECTED);
        }
        return List.of(offering.offer(requests, (reply, p) -> notifyIfEarlier(p, Replies.Earlier.of(reply))));
    }

    // ---- leasing ----

    @Override
    public List<Lease> lease(int max, Duration leaseTime) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            waiting++;
            while (true) {
                if (closed) {
                    return List.of();
                }
                if (!buffer.isEmpty()) {
                    List<Lease> taken = new ArrayList<>();
                    while (taken.size() < max && !buffer.isEmpty()) {
                        taken.add(buffer.poll());
                    }
                    return taken;
                }
                if (finished) {
                    return List.of();
                }
                if (dispatching) {
                    changed.await();
                    continue;
                }
                long wakeAt = dispatchUnlocked(Math.min(MAX_BATCH, waiting * max), leaseTime);
                if (buffer.isEmpty() && !finished && !closed && !dirty) {
                    long wait = wakeAt == NONE ? NONE : wakeAt - redisNow();
                    if (wait == NONE) {
                        changed.await();
                    } else if (wait > 0) {
                        changed.await(wait, TimeUnit.MILLISECONDS);
                    }
                }
            }
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    /**
     * One round of asking Redis for leases, done without the lock (others keep giving leases
     * back) but by one thread at a time. Returns when to look again if nothing was granted.
     */
    private long dispatchUnlocked(int want, Duration leaseTime) {
        dispatching = true;
        dirty = false;
        boolean blocked = budgetBlocked;
        int localHeld = held.size();
        long holderDeadline = System.nanoTime() + leaseTime.toNanos();
        lock.unlock();
        LeaseRounds.Round round;
        try {
            round = guarded(
                    () -> rounds.ask(
                            want, Math.min(ttlMillis, leaseTime.toMillis()), blocked, localHeld, holderDeadline),
                    () -> new LeaseRounds.Round(List.of(), false, false, NONE));
        } finally {
            lock.lock();
            dispatching = false;
            changed.signalAll();
        }
        buffer.addAll(round.leases());
        budgetBlocked = round.budgetBlocked() && !dirty;
        if (round.finished()) {
            finished = true;
        }
        return round.wakeAt();
    }

    // ---- giving back ----

    @Override
    public boolean complete(Lease lease, boolean countsAsPage) {
        return giveBack(lease, countsAsPage ? GiveBack.PAGE : GiveBack.OTHER, null, Duration.ZERO);
    }

    @Override
    public boolean fail(Lease lease) {
        return giveBack(lease, GiveBack.FAILED, null, Duration.ZERO);
    }

    @Override
    public void sent(Lease lease) {
        guarded(
                () -> {
                    Held h = held.get(lease);
                    if (h != null && h.waitsToSend()) {
                        notifyIfEarlier(h.partition(), scripts.sent(h.partition(), lease.id()));
                    }
                    return null;
                },
                () -> null);
    }

    @Override
    public boolean requeue(Lease lease, CrawlRequest request, Duration after) {
        return giveBack(lease, GiveBack.REQUEUE, request, after);
    }

    private boolean giveBack(Lease lease, GiveBack outcome, CrawlRequest again, Duration after) {
        // Taken from the held leases inside the guarded call: either close() waits for this give
        // back, or it finds the lease still held and gives it back itself.
        return guarded(
                () -> {
                    Held h = held.take(lease);
                    return h != null && giveBack(h, outcome, again, after);
                },
                () -> false);
    }

    private boolean giveBack(Held h, GiveBack outcome, CrawlRequest again, Duration after) {
        Replies.GiveBackDone done = scripts.giveBack(h.partition(), h.lease().id(), outcome, again, after);
        boolean wake = false;
        if (done.earlier() || done.emptied()) {
            sawDue(h.partition(), done.earliest());
            news.partition(h.partition());
            wake = true;
        }
        if (!done.givenBack()) {
            return false;
        }
        boolean budgetMoved = budget.settle(h.lease().id(), outcome);
        if (budgetMoved) {
            news.budget();
        }
        if (wake || budgetMoved) {
            wake(budgetMoved);
        }
        return true;
    }

    @Override
    public void contacted(String hostKey) {
        guarded(
                () -> {
                    scripts.contacted(hostKey);
                    return null;
                },
                () -> null);
    }

    @Override
    public void updateHost(String key, Duration delay, Duration pause) {
        guarded(
                () -> {
                    notifyIfEarlier(partitions.of(key), scripts.changeHost(key, delay, pause));
                    return null;
                },
                () -> null);
    }

    /** A script's reply {notify, earliest}: when a host of partition p became due earlier, the others are told. */
    private void notifyIfEarlier(int p, Replies.Earlier e) {
        if (e.earlier()) {
            sawDue(p, e.earliest());
            news.partition(p);
        }
    }

    @Override
    public List<CrawlRequest> giveUpHost(String key) {
        return guarded(() -> scripts.drain(key), List::of);
    }

    @Override
    public boolean reservePage(String key) {
        long most = settings.politeness().maxPagesPerHost();
        return most <= 0 || guarded(() -> scripts.hostPage(key, 1, most), () -> false);
    }

    @Override
    public void releasePage(String key) {
        long most = settings.politeness().maxPagesPerHost();
        if (most > 0) {
            guarded(() -> scripts.hostPage(key, -1, most), () -> false);
        }
    }

    // ---- watching ----

    @Override
    public FrontierStats stats() {
        if (isClosed()) {
            return last;
        }
        FrontierStats s = guarded(() -> CrawlStatus.counters(redis, keys, settings), () -> last);
        last = s;
        return s;
    }

    /**
     * Leaves the crawl: leases this process holds go back to the queue at once (other processes
     * carry on with them), and the connection closes. The crawl itself stays in Redis.
     */
    @Override
    public void close() {
        List<Held> giveBack;
        // Calls to Redis in progress end first (a lease being granted, a lease being given back);
        // calls after this one find the frontier closed.
        calls.writeLock().lock();
        try {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                try {
                    stats();
                } catch (FrontierException e) {
                    // The last counters seen stay the answer.
                }
                closed = true;
                giveBack = held.takeAll();
                buffer.clear();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            calls.writeLock().unlock();
        }
        try {
            for (Held h : giveBack) {
                giveBack(h, GiveBack.REQUEUE, h.lease().request(), Duration.ZERO);
            }
            redis.zrem(keys.processes(), processId);
        } catch (JedisException | FrontierException e) {
            // Redis is gone: the leases come back by themselves when their deadline passes.
        } finally {
            stopThreads();
            try {
                news.join(Duration.ofSeconds(5));
                heartbeat.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redis.close();
        }
    }

    /**
     * Runs a call on Redis. A failure once this frontier is closed is the stop racing a worker
     * (an interrupted worker's socket closes): the closed frontier's answer. Before, it is a
     * {@link FrontierException}: the crawl cannot go on.
     */
    private <T> T guarded(Supplier<T> call, Supplier<T> whenClosed) {
        calls.readLock().lock();
        try {
            return isClosed() ? whenClosed.get() : call.get();
        } catch (JedisException e) {
            if (isClosed()) {
                return whenClosed.get();
            }
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new FrontierException("Redis at " + target + ": " + root.getMessage(), e);
        } finally {
            calls.readLock().unlock();
        }
    }

    /** Stops as {@code kill -9} would: nothing given back, the threads and connections just end. */
    void crash() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        stopThreads();
        redis.close();
    }

    private void stopThreads() {
        news.stop();
        heartbeat.interrupt();
    }

    private boolean isClosed() {
        return closed;
    }

    // ---- the two background threads ----
    /** The fleet's news, applied to what this process knows. */
    private final class NewsListener implements FleetNews.Listener {
        @Override
        public void partition(int p) {
            partitions.mayBeDue(p);
            wake(false);
        }

        @Override
        public void budget(boolean room) {
            wake(room);
        }

        @Override
        public void lost() {
            for (int p = 0; p < partitions.count(); p++) {
                partitions.mayBeDue(p);
            }
            wake(true);
        }
    }

    /** Wakes the waiting leasers to look again; {@code budget} when the page budget may have room. */
    private void wake(boolean budget) {
        lock.lock();
        try {
            dirty = true;
            if (budget) {
                budgetBlocked = false;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every third of the lease time: renews the leases this process holds, hands back expired
     * leases of every partition (a dead process's), and says this process is alive.
     */
    private void beat() {
        long period = Math.max(1, ttlMillis / 3);
        while (!isClosed()) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            try {
                renewHeld();
                for (int p = 0; p < partitions.count(); p++) {
                    rounds.leaseRound(p, ttlMillis, List.of());
                }
                redis.zadd(keys.processes(), redisNow() + ttlMillis, processId);
                if (partitions.anyDue(redisNow())) {
                    wake(false);
                }
            } catch (JedisException e) {
                // Redis unreachable for a beat: the workers will meet the same error and report it.
            }
        }
    }

    private void renewHeld() {
        Map<Integer, List<String>> byPartition = held.renewable(System.nanoTime());
        byPartition.forEach((p, ids) -> scripts.renew(p, ttlMillis, ids));
        budget.renew(
                ttlMillis + 1000,
                byPartition.values().stream().flatMap(List::stream).toList());
    }

    // ---- small helpers ----

    private void sawDue(int p, long earliest) {
        if (partitions.sawDue(p, earliest)) {
            wake(false);
        }
    }

    private long redisNow() {
        return System.currentTimeMillis() + clockOffset;
    }

    /** Builds a {@link RedisFrontier}; the settings apply when this process starts the crawl. */
    public static final class Builder {
        private final RedisTarget target;
        private Politeness politeness = Politeness.defaults();
        private int partitions = 16;
        private Duration leaseTtl = Duration.ofSeconds(30);

        private Builder(RedisTarget target) {
            this.target = target;
        }

        /**
         * The fleet-wide limits, kept when this process starts the crawl (default
         * {@link Politeness#defaults()}). Its host key is this process's own: every process of
         * the crawl must count per the same.
         */
        public Builder politeness(Politeness p) {
            this.politeness = p;
            return this;
        }

        /** How many hash-tagged partitions the hosts are spread over (default 16). */
        public Builder partitions(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("partitions must be 1 to 1024");
            }
            this.partitions = n;
            return this;
        }

        /**
         * How long a lease lives in Redis without renewal (default 30 s): how soon the URLs of a
         * process that died go to the others. The heartbeat renews it every third of that.
         */
        public Builder leaseTtl(Duration ttl) {
            if (ttl.toMillis() < 300) {
                throw new IllegalArgumentException("lease time must be at least 300 ms");
            }
            this.leaseTtl = ttl;
            return this;
        }

        /**
         * Connects and joins the crawl, starting it if it is new.
         *
         * @throws JedisException when Redis cannot be reached
         */
        public RedisFrontier build() {
            return new RedisFrontier(this);
        }
    }
}
