package dev.trawl.redis;

import dev.trawl.url.WebUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a process learns as it opens a shared crawl.
 *
 * @param settings the crawl's: the ones asked for if this process started it, else the stored ones
 * @param joined whether this process started the crawl, joined it, or found it finished
 * @param clockOffset Redis's clock minus this machine's, in ms
 * @param pagesDone the pages the fleet had completed
 */
record Joining(CrawlSettings settings, RedisFrontier.Joined joined, long clockOffset, long pagesDone) {

    /** Joins the crawl, starting it with {@code wanted} if it is new. */
    static Joining join(
            UnifiedJedis redis,
            CrawlKeys keys,
            CrawlSettings wanted,
            Function<WebUrl, String> hostKey,
            String processId) {
        List<String> args = new ArrayList<>(wanted.scriptArgs());
        args.addAll(wanted.fields());
        args.add("starter");
        args.add(processId);
        Map<String, String> stored = Replies.pairs(Scripts.JOIN.run(redis, keys.meta(), args));
        RedisFrontier.Joined joined = "1".equals(stored.get("finished"))
                ? RedisFrontier.Joined.FINISHED
                : processId.equals(stored.get("starter")) ? RedisFrontier.Joined.STARTED : RedisFrontier.Joined.JOINED;
        return new Joining(
                CrawlSettings.of(stored, hostKey),
                joined,
                clockOffset(redis, keys),
                Long.parseLong(stored.getOrDefault("pages", "0")));
    }

    /**
     * From a warm call timed at both ends: a process whose idea of Redis time runs late wakes
     * late for every due host and loses each race for it.
     */
    private static long clockOffset(UnifiedJedis redis, CrawlKeys keys) {
        long before = System.currentTimeMillis();
        Map<String, String> reply = Replies.pairs(Scripts.JOIN.run(redis, keys.meta(), List.of("0", "0")));
        long after = System.currentTimeMillis();
        return Long.parseLong(reply.get("now")) - (before + after) / 2;
    }
}
