package dev.trawl.redis;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * A shared crawl's page budget ({@code -n}), kept in the crawl's own slot: a token per lease in
 * flight (reserve.lua), a page counted when a lease ends as one (settle.lua), so that pages done
 * plus tokens held never pass the budget, whichever process holds them.
 */
final class PageBudget {

    private final UnifiedJedis redis;
    private final CrawlKeys keys;
    private final List<String> common;
    private final long max;
    private volatile long pages;

    /**
     * @param common the arguments every script takes first
     * @param max the budget; 0 for none
     * @param pages the pages done when this process joined
     */
    PageBudget(UnifiedJedis redis, CrawlKeys keys, List<String> common, long max, long pages) {
        this.redis = redis;
        this.keys = keys;
        this.common = common;
        this.max = max;
        this.pages = pages;
    }

    /** Whether there is a budget at all. */
    boolean limited() {
        return max > 0;
    }

    /** Whether the pages done, as last seen, use the whole budget. */
    boolean spent() {
        return max > 0 && pages >= max;
    }

    /** Takes a token for each id, as far as the budget allows; all of them without a budget. */
    List<String> reserve(List<String> ids, long leaseMillis) {
        if (max == 0) {
            return ids;
        }
        List<String> args = new ArrayList<>(common);
        // A token outlives its lease a little, so that the budget never frees before the URL does.
        args.add(String.valueOf(leaseMillis + 1000));
        args.add(String.valueOf(max));
        args.addAll(ids);
        List<?> out = (List<?>) Scripts.RESERVE.run(redis, keys.meta(), args);
        pages = Replies.number(out, 1);
        return ids.subList(0, (int) Replies.number(out, 0));
    }

    /** Frees the tokens a lease round did not use. */
    void unused(List<String> ids) {
        if (max > 0 && !ids.isEmpty()) {
            redis.zrem(keys.budget(), ids.toArray(String[]::new));
        }
    }

    /**
     * A lease ended: frees its token, and counts a page. Returns whether the budget changed in a
     * way other processes must hear of (a token freed for another URL, or the budget spent).
     */
    boolean settle(long leaseId, GiveBack outcome) {
        if (max == 0) {
            return false;
        }
        List<String> args = new ArrayList<>(common);
        args.add(Long.toString(leaseId));
        args.add(outcome.word());
        pages = Replies.number((List<?>) Scripts.SETTLE.run(redis, keys.meta(), args), 0);
        return outcome != GiveBack.PAGE || spent();
    }

    /** Reads the pages done again; returns whether the budget is spent. */
    boolean refreshSpent() {
        pages = CrawlStatus.parse(redis.hget(keys.meta(), "pages"));
        return spent();
    }

    /** Moves the deadlines of these leases' tokens to {@code ttlMillis} from now. */
    void renew(long ttlMillis, List<String> ids) {
        if (max > 0 && !ids.isEmpty()) {
            List<String> args = new ArrayList<>(common);
            args.add(String.valueOf(ttlMillis));
            args.addAll(ids);
            Scripts.RENEW.run(redis, keys.meta(), args);
        }
    }
}
