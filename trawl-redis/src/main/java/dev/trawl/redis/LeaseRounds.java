package dev.trawl.redis;

import dev.trawl.frontier.Lease;
import dev.trawl.redis.HeldLeases.Held;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Asks the partitions for leases: the partitions worth asking, in turn from a rotating start,
 * each given lease ids that hold a page-budget token; and, when nothing came, whether the crawl
 * is over. Used by one thread at a time.
 */
final class LeaseRounds {

    private static final long NONE = Partitions.NONE;
    private static final int ID_BLOCK = 1024;

    private final UnifiedJedis redis;
    private final CrawlKeys keys;
    private final Partitions partitions;
    private final PartitionCalls scripts;
    private final PageBudget budget;
    private final HeldLeases held;
    private final CrawlEnd end;
    private final FleetNews news;
    private final LongSupplier redisNow;
    private int rotation;
    /** The lease ids this process may hand out: (nextId, idLimit], a block taken from Redis. */
    private long nextId;

    private long idLimit;

    LeaseRounds(
            UnifiedJedis redis,
            CrawlKeys keys,
            Partitions partitions,
            PartitionCalls scripts,
            PageBudget budget,
            HeldLeases held,
            FleetNews news,
            LongSupplier redisNow) {
        this.redis = redis;
        this.keys = keys;
        this.partitions = partitions;
        this.scripts = scripts;
        this.budget = budget;
        this.held = held;
        this.end = new CrawlEnd(redis, keys, partitions, budget);
        this.news = news;
        this.redisNow = redisNow;
    }

    /**
     * What one round gave.
     *
     * @param leases the leases granted, now held
     * @param finished whether the whole crawl is over
     * @param budgetBlocked whether the page budget had no room
     * @param wakeAt the Redis time at which to ask again, if nothing was granted
     */
    record Round(List<Lease> leases, boolean finished, boolean budgetBlocked, long wakeAt) {}

    Round ask(int want, long leaseMillis, boolean budgetWasBlocked, int localHeld, long holderDeadline) {
        long now = redisNow.getAsLong();
        List<Integer> candidates = new ArrayList<>();
        int start = Math.floorMod(rotation++, partitions.count());
        for (int k = 0; k < partitions.count(); k++) {
            int p = (start + k) % partitions.count();
            if (partitions.worthAsking(p, now, budgetWasBlocked)) {
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
                if (used == ids.size() && !partitions.expired(p, now)) {
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
        held.add(granted.stream()
                .map(l -> new Held(l, partitions.of(l.hostKey()), holderDeadline, waitingToSend.contains(l.id())))
                .toList());
        boolean over = false;
        if (granted.isEmpty() && localHeld == 0 && (partitions.nothingKnownDue() || budget.spent())) {
            over = end.reached();
            if (over) {
                news.done();
            }
        }
        return new Round(granted, over, budgetWasBlocked, over ? NONE : partitions.wakeAt(budgetWasBlocked));
    }

    /**
     * Runs the lease script on partition p with these lease ids (none: it only hands back expired
     * leases), notes when the partition is next due, and tells the others when leases came back.
     */
    Replies.LeaseRound leaseRound(int p, long leaseMillis, List<String> ids) {
        Replies.LeaseRound round = scripts.lease(p, leaseMillis, ids);
        partitions.saw(p, round.earliest(), round.earliestDeadline());
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
}
