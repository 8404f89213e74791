package dev.trawl.redis;

import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Tells whether the whole crawl is over: nothing queued (or the budget spent) and nothing in
 * flight in any partition. The partitions are read one after another, so they are read twice: a
 * URL offered into a partition already read bumps its change counter.
 */
final class CrawlEnd {

    private final UnifiedJedis redis;
    private final CrawlKeys keys;
    private final Partitions partitions;
    private final PageBudget budget;

    CrawlEnd(UnifiedJedis redis, CrawlKeys keys, Partitions partitions, PageBudget budget) {
        this.redis = redis;
        this.keys = keys;
        this.partitions = partitions;
        this.budget = budget;
    }

    /** Whether the crawl is over; if so, it is marked finished for every process. */
    boolean reached() {
        long[] first = counters();
        if (first == null) {
            return false;
        }
        long[] second = counters();
        if (second == null || !Arrays.equals(first, second)) {
            return false;
        }
        redis.hset(keys.meta(), "finished", "1");
        return true;
    }

    /** Every partition's change counter, or null when something is queued or in flight. */
    private long[] counters() {
        long[] gens = new long[partitions.count()];
        long queued = 0;
        for (int p = 0; p < gens.length; p++) {
            List<String> c = redis.hmget(partitions.key(p), "queued", "inflight", "gen");
            if (CrawlStatus.parse(c.get(1)) != 0) {
                return null;
            }
            queued += CrawlStatus.parse(c.get(0));
            gens[p] = CrawlStatus.parse(c.get(2));
        }
        if (queued != 0 && !budget.refreshSpent()) {
            return null;
        }
        return gens;
    }
}
