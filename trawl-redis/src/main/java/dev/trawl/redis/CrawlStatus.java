package dev.trawl.redis;

import dev.trawl.frontier.FrontierStats;
import dev.trawl.url.HostKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A shared crawl's progress as stored in Redis, read without joining it ({@code trawl status}).
 *
 * @param target where the crawl lives
 * @param settings its frontier settings (the host key not among them: it is not stored)
 * @param counters the whole fleet's counters
 * @param finished whether a process found the crawl over
 * @param processes the processes whose heartbeat is recent: pid@id
 */
public record CrawlStatus(
        RedisTarget target, CrawlSettings settings, FrontierStats counters, boolean finished, List<String> processes) {

    /**
     * Reads the crawl's status; empty when no crawl of that name exists.
     *
     * @throws JedisException when Redis cannot be reached
     */
    public static Optional<CrawlStatus> read(RedisTarget target) {
        CrawlKeys keys = new CrawlKeys(target.crawl());
        try (UnifiedJedis redis = target.connect()) {
            Map<String, String> meta = redis.hgetAll(keys.meta());
            if (meta.isEmpty()) {
                return Optional.empty();
            }
            CrawlSettings settings = CrawlSettings.of(meta, HostKeys.byHost());
            // Each process's score is when it counts as gone unless it beats again.
            List<String> alive = redis.zrangeByScore(keys.processes(), System.currentTimeMillis(), Double.MAX_VALUE);
            return Optional.of(new CrawlStatus(
                    target, settings, counters(redis, keys, settings), "1".equals(meta.get("finished")), alive));
        }
    }

    /** The fleet's counters: every partition's, summed. */
    static FrontierStats counters(UnifiedJedis redis, CrawlKeys keys, CrawlSettings settings) {
        List<String> common = settings.scriptArgs();
        long[] sum = new long[9];
        for (int p = 0; p < settings.partitions(); p++) {
            List<?> out = (List<?>) Scripts.STATS.run(redis, keys.partition(p), common);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += ((Number) out.get(i)).longValue();
            }
        }
        return new FrontierStats(sum[0], sum[1], sum[2], sum[7], sum[8], (int) sum[4], (int) sum[5], (int) sum[6]);
    }

    static long parse(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }
}
