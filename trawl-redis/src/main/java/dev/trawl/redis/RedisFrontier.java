package dev.trawl.redis;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Fingerprint;
import dev.trawl.frontier.FingerprintSet;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierException;
import dev.trawl.frontier.FrontierLimits;
import dev.trawl.frontier.FrontierStats;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@link Frontier} in Redis, shared by every process that opens the same crawl: one crawl,
 * many machines. Each state change is one Lua script, so it is atomic: an offer dedups and
 * enqueues in one step, a lease picks only hosts that are due and have a free slot.
 *
 * <p>Hosts are spread over {@link Settings#partitions()} hash-tagged partitions: all keys of a
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
 *         .perHost(2).delay(Duration.ofMillis(250)).build();
 * }</pre>
 */
public final class RedisFrontier implements Frontier {

    private static final long NONE = Long.MAX_VALUE;
    private static final int ID_BLOCK = 1024;
    private static final int MAX_BATCH = 256;

    private final UnifiedJedis redis;
    private final Settings settings;
    private final Joined joined;
    private final Function<WebUrl, String> hostKey;
    private final long ttlMillis;
    private final RedisTarget target;
    private final CrawlKeys keys;
    private final String processId;
    private final String[] partitionKeys;
    private final List<String> common;

    private final ReentrantLock knownLock = new ReentrantLock();
    private final FingerprintSet known = new FingerprintSet();
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Lease> buffer = new ArrayDeque<>();
    private final Map<Long, Held> held = new HashMap<>();
    /** Written under the lock; read without it on every call to Redis. */
    private volatile boolean closed;

    private boolean finished;
    private boolean dispatching;
    private boolean dirty;
    private boolean budgetBlocked;
    private int waiting;
    private int rotation;
    private long nextId;
    private long idLimit;

    /** Redis time (ms) from which each partition may have a due host, and its earliest lease deadline. */
    private final AtomicLongArray due;

    private final AtomicLongArray expiry;
    private final long clockOffset;
    private final PageBudget budget;
    private volatile FrontierStats last = new FrontierStats(0, 0, 0, 0, 0, 0, 0, 0);
    private final FleetNews news;
    private final Thread heartbeat;

    /**
     * A lease this process holds: renewed by the heartbeat until its holder's own lease time ends.
     * {@code waitsToSend}: its host waits to be told that the request went out.
     */
    private record Held(Lease lease, int partition, long holderDeadline, boolean waitsToSend) {}

    /**
     * The crawl's frontier settings, fixed by the process that started it.
     *
     * @param perHost most leases of one host at once, fleet-wide
     * @param delay least time between two contacts with one host, fleet-wide (see {@link Frontier#sent})
     * @param maxPages the fleet's page budget; 0 for none
     * @param maxPagesPerHost the most pages of one host, fleet-wide; 0 for no limit
     * @param partitions how many slots the hosts are spread over
     */
    public record Settings(int perHost, Duration delay, long maxPages, long maxPagesPerHost, int partitions) {

        /** The settings as the crawl's hash holds them (a crawl started before per-host limits has none). */
        static Settings of(Map<String, String> stored) {
            return new Settings(
                    Integer.parseInt(stored.get("perHost")),
                    Duration.ofMillis(Long.parseLong(stored.get("delay"))),
                    Long.parseLong(stored.get("maxPages")),
                    Long.parseLong(stored.getOrDefault("maxPagesPerHost", "0")),
                    Integer.parseInt(stored.get("partitions")));
        }

        /** The settings in words: {@code per host 2, delay 250 ms, max pages none, max pages per host 5}. */
        public String describe() {
            return "per host " + perHost + ", delay " + delay.toMillis() + " ms, max pages "
                    + (maxPages == 0 ? "none" : maxPages) + ", max pages per host "
                    + (maxPagesPerHost == 0 ? "none" : maxPagesPerHost);
        }

        /** What every script takes first (ARGV[1], ARGV[2]): the per-host limit and the delay in ms. */
        List<String> scriptArgs() {
            return List.of(String.valueOf(perHost), String.valueOf(delay.toMillis()));
        }
    }

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
        this.hostKey = b.hostKey;
        this.ttlMillis = b.leaseTtl.toMillis();
        this.target = b.target;
        this.keys = new CrawlKeys(b.target.crawl());
        this.processId = ProcessHandle.current().pid() + "@"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        FleetNews subscribed = null;
        try {
            Map<String, String> stored = Replies.pairs(Scripts.JOIN.run(
                    redis,
                    keys.meta(),
                    List.of(
                            String.valueOf(b.perHost),
                            String.valueOf(b.delay.toMillis()),
                            "perHost",
                            String.valueOf(b.perHost),
                            "delay",
                            String.valueOf(b.delay.toMillis()),
                            "maxPages",
                            String.valueOf(b.maxPages),
                            "maxPagesPerHost",
                            String.valueOf(b.maxPagesPerHost),
                            "partitions",
                            String.valueOf(b.partitions),
                            "starter",
                            processId)));
            this.settings = Settings.of(stored);
            this.clockOffset = clockOffset(keys);
            long pagesDone = Long.parseLong(stored.getOrDefault("pages", "0"));
            this.joined = "1".equals(stored.get("finished"))
                    ? Joined.FINISHED
                    : processId.equals(stored.get("starter")) ? Joined.STARTED : Joined.JOINED;
            this.common = settings.scriptArgs();
            this.budget = new PageBudget(redis, keys, common, settings.maxPages(), pagesDone);
            this.partitionKeys = new String[settings.partitions];
            for (int p = 0; p < partitionKeys.length; p++) {
                partitionKeys[p] = keys.partition(p);
            }
            this.due = new AtomicLongArray(settings.partitions);
            this.expiry = new AtomicLongArray(settings.partitions);
            subscribed = new FleetNews(redis, b.target, keys.channel(), new NewsListener());
            this.news = subscribed;
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

    /** Starts describing a frontier on {@code target}: 2 per host, no delay, no page limit, 16 partitions. */
    public static Builder builder(RedisTarget target) {
        return new Builder(target);
    }

    /** Whether this process started the crawl, joined it, or found it finished. */
    public Joined joined() {
        return joined;
    }

    /**
     * Redis's clock minus this machine's, from a warm call timed at both ends: a process whose
     * idea of Redis time runs late wakes late for every due host and loses each race for it.
     */
    private long clockOffset(CrawlKeys keys) {
        long before = System.currentTimeMillis();
        Map<String, String> reply = Replies.pairs(Scripts.JOIN.run(redis, keys.meta(), List.of("0", "0")));
        long after = System.currentTimeMillis();
        return Long.parseLong(reply.get("now")) - (before + after) / 2;
    }

    /** The crawl this frontier is part of. */
    public RedisTarget target() {
        return target;
    }

    /** The settings in force: the ones given, or the stored ones when this process joined a crawl. */
    public Settings settings() {
        return settings;
    }

    // ---- offering ----

    @Override
    public List<OfferResult> offer(List<CrawlRequest> requests) {
        return guarded(() -> offerTo(requests), () -> Collections.nCopies(requests.size(), OfferResult.REJECTED));
    }

    private List<OfferResult> offerTo(List<CrawlRequest> requests) {
        OfferResult[] results = new OfferResult[requests.size()];
        if (isClosed() || budget.spent()) {
            Arrays.fill(results, OfferResult.REJECTED);
            return List.of(results);
        }
        long[] fingerprints = new long[results.length];
        for (int i = 0; i < results.length; i++) {
            fingerprints[i] = Fingerprint.of(requests.get(i).url().href());
        }
        // What this process has seen offered is in Redis's seen-set for good: no need to ask.
        knownLock.lock();
        try {
            for (int i = 0; i < results.length; i++) {
                if (known.contains(fingerprints[i])) {
                    results[i] = OfferResult.DUPLICATE;
                }
            }
        } finally {
            knownLock.unlock();
        }
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        Map<Integer, List<String>> args = new HashMap<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null) {
                continue;
            }
            CrawlRequest r = requests.get(i);
            String key = hostKey.apply(r.url());
            int p = partition(key);
            byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            List<String> a = args.computeIfAbsent(p, k -> new ArrayList<>(common));
            a.add(Long.toString(fingerprints[i]));
            a.add(key);
            a.add(RequestCodec.encode(r));
            a.add(r.redirects().isEmpty() ? "0" : "1");
        }
        if (byPartition.isEmpty()) {
            return List.of(results);
        }
        List<Integer> partitions = new ArrayList<>(byPartition.keySet());
        List<Object> replies = Scripts.runAll(
                redis,
                partitions.stream()
                        .map(p -> new Scripts.Call(Scripts.OFFER, partitionKeys[p], args.get(p)))
                        .toList());
        for (int k = 0; k < partitions.size(); k++) {
            int p = partitions.get(k);
            List<?> out = (List<?>) replies.get(k);
            List<Integer> indexes = byPartition.get(p);
            for (int j = 0; j < indexes.size(); j++) {
                long added = Replies.number(out, 2 + j);
                results[indexes.get(j)] =
                        added == 1 ? OfferResult.ADDED : added == 2 ? OfferResult.GIVEN_UP : OfferResult.DUPLICATE;
            }
            notifyIfEarlier(p, out);
        }
        knownLock.lock();
        try {
            // A URL of a given-up host is not in the seen-set: it is told apart again next time.
            byPartition
                    .values()
                    .forEach(indexes -> indexes.stream()
                            .filter(i -> results[i] != OfferResult.GIVEN_UP)
                            .forEach(i -> known.add(fingerprints[i])));
        } finally {
            knownLock.unlock();
        }
        return List.of(results);
    }

    private int partition(String key) {
        return Math.floorMod(Fingerprint.of(key), settings.partitions);
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
        Round round;
        try {
            round = guarded(
                    () -> dispatch(want, Math.min(ttlMillis, leaseTime.toMillis()), blocked, localHeld, holderDeadline),
                    () -> new Round(List.of(), false, false, NONE));
        } finally {
            lock.lock();
            dispatching = false;
            changed.signalAll();
        }
        buffer.addAll(round.leases);
        budgetBlocked = round.budgetBlocked && !dirty;
        if (round.finished) {
            finished = true;
        }
        return round.wakeAt;
    }

    private record Round(List<Lease> leases, boolean finished, boolean budgetBlocked, long wakeAt) {}

    private Round dispatch(int want, long leaseMillis, boolean budgetWasBlocked, int localHeld, long holderDeadline) {
        long now = redisNow();
        List<Integer> candidates = new ArrayList<>();
        int start = Math.floorMod(rotation++, settings.partitions);
        for (int k = 0; k < settings.partitions; k++) {
            int p = (start + k) % settings.partitions;
            if (expiry.get(p) <= now || !budgetWasBlocked && due.get(p) <= now) {
                candidates.add(p);
            }
        }
        List<Lease> granted = new ArrayList<>();
        Set<Long> waitingToSend = new HashSet<>();
        boolean blocked = false;
        if (!candidates.isEmpty()) {
            List<String> ids = budgetWasBlocked ? List.of() : budget.reserve(newIds(want), leaseMillis);
            blocked = !budgetWasBlocked && ids.isEmpty() && budget.limited();
            budgetWasBlocked |= blocked;
            int used = 0;
            for (int p : candidates) {
                if (used == ids.size() && expiry.get(p) > now) {
                    continue;
                }
                for (Replies.Grant g : leaseRound(p, leaseMillis, ids.subList(used, ids.size()))
                        .grants()) {
                    granted.add(g.lease());
                    if (g.waitsToSend()) {
                        waitingToSend.add(g.lease().id());
                    }
                    used++;
                }
            }
            budget.unused(ids.subList(used, ids.size()));
        }
        // Held from here on, still inside the guarded call: a close that begins now gives them back.
        lock.lock();
        try {
            granted.forEach(l -> held.put(
                    l.id(), new Held(l, partition(l.hostKey()), holderDeadline, waitingToSend.contains(l.id()))));
        } finally {
            lock.unlock();
        }
        boolean over = false;
        if (granted.isEmpty() && localHeld == 0 && (nothingKnownDue() || budget.spent())) {
            over = crawlIsOver();
        }
        return new Round(granted, over, budgetWasBlocked, over ? NONE : wakeAt(budgetWasBlocked));
    }

    /**
     * Runs the lease script on partition p with these lease ids (none: it only hands back expired
     * leases), notes when the partition is next due, and tells the others when leases came back.
     */
    private Replies.LeaseRound leaseRound(int p, long leaseMillis, List<String> ids) {
        List<String> args = new ArrayList<>(common);
        args.add(String.valueOf(leaseMillis));
        args.addAll(ids);
        Replies.LeaseRound round = Replies.LeaseRound.of(Scripts.LEASE.run(redis, partitionKeys[p], args));
        saw(p, round.earliest(), round.earliestDeadline());
        if (round.reaped() > 0) {
            news.partition(p);
        }
        return round;
    }

    private List<String> newIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (nextId == idLimit) {
                idLimit = redis.hincrBy(keys.meta(), "nextId", ID_BLOCK);
                nextId = idLimit - ID_BLOCK;
            }
            ids.add(Long.toString(++nextId));
        }
        return ids;
    }

    private boolean nothingKnownDue() {
        for (int p = 0; p < settings.partitions; p++) {
            if (due.get(p) != NONE) {
                return false;
            }
        }
        return true;
    }

    /** The Redis time at which something may change: a host comes due or a lease expires. */
    private long wakeAt(boolean budgetBlocked) {
        long at = NONE;
        for (int p = 0; p < settings.partitions; p++) {
            at = Math.min(at, expiry.get(p));
            if (!budgetBlocked) {
                at = Math.min(at, due.get(p));
            }
        }
        return at;
    }

    /**
     * Whether the crawl is over: nothing queued (or the budget spent) and nothing in flight in
     * any partition. The partitions are read one after another, so they are read twice: a URL
     * offered into a partition already read bumps its change counter.
     */
    private boolean crawlIsOver() {
        long[] first = counters();
        if (first == null) {
            return false;
        }
        long[] second = counters();
        if (second == null || !Arrays.equals(first, second)) {
            return false;
        }
        redis.hset(keys.meta(), "finished", "1");
        news.done();
        return true;
    }

    /** Every partition's change counter, or null when something is queued or in flight. */
    private long[] counters() {
        long[] gens = new long[settings.partitions];
        long queued = 0;
        for (int p = 0; p < settings.partitions; p++) {
            List<String> c = redis.hmget(partitionKeys[p], "queued", "inflight", "gen");
            if (CrawlStatus.parse(c.get(1)) != 0) {
                return null;
            }
            queued += CrawlStatus.parse(c.get(0));
            gens[p] = CrawlStatus.parse(c.get(2));
        }
        if (queued != 0) {
            if (!budget.refreshSpent()) {
                return null;
            }
        }
        return gens;
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
                    Held h = held(lease, false);
                    if (h != null && h.waitsToSend) {
                        List<String> args = new ArrayList<>(common);
                        args.add(Long.toString(lease.id()));
                        notifyIfEarlier(h.partition, Scripts.SENT.run(redis, partitionKeys[h.partition], args));
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
                    Held h = held(lease, true);
                    return h != null && giveBack(h, outcome, again, after);
                },
                () -> false);
    }

    /** The lease as this process holds it, taken from the held ones when {@code remove}; null if not held. */
    private Held held(Lease lease, boolean remove) {
        lock.lock();
        try {
            return remove ? held.remove(lease.id()) : held.get(lease.id());
        } finally {
            lock.unlock();
        }
    }

    private boolean giveBack(Held h, GiveBack outcome, CrawlRequest again, Duration after) {
        List<String> args = new ArrayList<>(common);
        args.add(Long.toString(h.lease.id()));
        args.add(outcome.word());
        args.add(again == null ? "" : RequestCodec.encode(again));
        args.add(String.valueOf(after.toMillis()));
        Replies.GiveBackDone done =
                Replies.GiveBackDone.of(Scripts.GIVEBACK.run(redis, partitionKeys[h.partition], args));
        boolean wake = false;
        if (done.earlier() || done.emptied()) {
            sawDue(h.partition, done.earliest());
            news.partition(h.partition);
            wake = true;
        }
        if (!done.givenBack()) {
            return false;
        }
        boolean budgetMoved = budget.settle(h.lease.id(), outcome);
        if (budgetMoved) {
            news.budget();
        }
        if (wake || budgetMoved) {
            wake(budgetMoved);
        }
        return true;
    }

    @Override
    public void updateHost(String key, Duration delay, Duration pause) {
        guarded(
                () -> {
                    changeHost(key, delay, pause);
                    return null;
                },
                () -> null);
    }

    private void changeHost(String key, Duration delay, Duration pause) {
        int p = partition(key);
        List<String> args = new ArrayList<>(common);
        args.add(key);
        args.add(delay == null ? "" : String.valueOf(delay.toMillis()));
        args.add(pause == null ? "0" : String.valueOf(pause.toMillis()));
        notifyIfEarlier(p, Scripts.HOST.run(redis, partitionKeys[p], args));
    }

    /** A script's reply {notify, earliest}: when a host of partition p became due earlier, the others are told. */
    private void notifyIfEarlier(int p, Object reply) {
        Replies.Earlier e = Replies.Earlier.of(reply);
        if (e.earlier()) {
            sawDue(p, e.earliest());
            news.partition(p);
        }
    }

    @Override
    public List<CrawlRequest> giveUpHost(String key) {
        return guarded(() -> drain(key), List::of);
    }

    @Override
    public boolean reservePage(String key) {
        return settings.maxPagesPerHost <= 0 || guarded(() -> hostPage(key, 1) == 1, () -> false);
    }

    @Override
    public void releasePage(String key) {
        if (settings.maxPagesPerHost > 0) {
            guarded(() -> hostPage(key, -1), () -> 0L);
        }
    }

    /** Takes ({@code change} 1) or gives back (-1) one of a host's pages; returns 1 when taken. */
    private long hostPage(String key, int change) {
        List<String> args = new ArrayList<>(common);
        args.add(key);
        args.add(Integer.toString(change));
        args.add(Long.toString(settings.maxPagesPerHost));
        return (Long) Scripts.HOSTPAGE.run(redis, partitionKeys[partition(key)], args);
    }

    private List<CrawlRequest> drain(String key) {
        List<String> args = new ArrayList<>(common);
        args.add(key);
        List<?> out = (List<?>) Scripts.DRAIN.run(redis, partitionKeys[partition(key)], args);
        List<CrawlRequest> drained = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            drained.add(RequestCodec.decode(Replies.text(out, i)));
        }
        return drained;
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
                giveBack = new ArrayList<>(held.values());
                held.clear();
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
                giveBack(h, GiveBack.REQUEUE, h.lease.request(), Duration.ZERO);
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
            due.set(p, 0);
            wake(false);
        }

        @Override
        public void budget(boolean room) {
            wake(room);
        }

        @Override
        public void lost() {
            for (int p = 0; p < settings.partitions; p++) {
                due.set(p, 0);
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
                long now = redisNow();
                boolean anyDue = false;
                for (int p = 0; p < settings.partitions; p++) {
                    leaseRound(p, ttlMillis, List.of());
                    anyDue |= due.get(p) <= now;
                }
                redis.zadd(keys.processes(), redisNow() + ttlMillis, processId);
                if (anyDue) {
                    wake(false);
                }
            } catch (JedisException e) {
                // Redis unreachable for a beat: the workers will meet the same error and report it.
            }
        }
    }

    private void renewHeld() {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        List<String> tokens = new ArrayList<>(common);
        tokens.add(String.valueOf(ttlMillis + 1000));
        long nowNanos = System.nanoTime();
        lock.lock();
        try {
            for (Held h : held.values()) {
                if (h.holderDeadline - nowNanos > 0) {
                    byPartition
                            .computeIfAbsent(h.partition, p -> {
                                List<String> a = new ArrayList<>(common);
                                a.add(String.valueOf(ttlMillis));
                                return a;
                            })
                            .add(Long.toString(h.lease.id()));
                    tokens.add(Long.toString(h.lease.id()));
                }
            }
        } finally {
            lock.unlock();
        }
        byPartition.forEach((p, args) -> Scripts.RENEW.run(redis, partitionKeys[p], args));
        budget.renew(tokens, tokens.size() - common.size() - 1);
    }

    // ---- small helpers ----

    private void saw(int p, long earliest, long earliestDeadline) {
        due.set(p, earliest < 0 ? NONE : earliest);
        expiry.set(p, earliestDeadline < 0 ? NONE : earliestDeadline);
    }

    private void sawDue(int p, long earliest) {
        if (earliest >= 0) {
            due.accumulateAndGet(p, earliest, Math::min);
            wake(false);
        }
    }

    private long redisNow() {
        return System.currentTimeMillis() + clockOffset;
    }

    /** Builds a {@link RedisFrontier}; the settings apply when this process starts the crawl. */
    public static final class Builder {
        private final RedisTarget target;
        private int perHost = 2;
        private Duration delay = Duration.ZERO;
        private long maxPages;
        private long maxPagesPerHost;
        private int partitions = 16;
        private Duration leaseTtl = Duration.ofSeconds(30);
        private Function<WebUrl, String> hostKey = WebUrl::host;

        private Builder(RedisTarget target) {
            this.target = target;
        }

        /** Most leases one host key may have at once, fleet-wide (default 2). */
        public Builder perHost(int n) {
            this.perHost = FrontierLimits.perHost(n);
            return this;
        }

        /** Least time between two contacts with one host key, fleet-wide (see {@link Frontier#sent}). */
        public Builder delay(Duration d) {
            this.delay = FrontierLimits.delay(d);
            return this;
        }

        /** Most pages the whole fleet completes; 0 means no limit. */
        public Builder maxPages(long n) {
            this.maxPages = FrontierLimits.maxPages(n);
            return this;
        }

        /** Most pages of one host key the whole fleet fetches; 0 means no limit. */
        public Builder maxPagesPerHost(long n) {
            this.maxPagesPerHost = FrontierLimits.maxPagesPerHost(n);
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

        /** What politeness is counted per (default: the URL's host); must be the same in every process. */
        public Builder hostKey(Function<WebUrl, String> key) {
            this.hostKey = key;
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
