package dev.trawl.redis;

import dev.trawl.frontier.CrawlRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The scripts that run on one partition, as typed calls: each builds its script's arguments
 * (the crawl's common ones first) and decodes its reply (the layout is each script's header).
 */
final class PartitionCalls {

    private final UnifiedJedis redis;
    private final Partitions partitions;
    private final List<String> common;

    PartitionCalls(UnifiedJedis redis, Partitions partitions, List<String> common) {
        this.redis = redis;
        this.partitions = partitions;
        this.common = common;
    }

    /** lease.lua: hands back p's expired leases and grants up to one lease per id given. */
    Replies.LeaseRound lease(int p, long leaseMillis, List<String> ids) {
        List<String> args = args(String.valueOf(leaseMillis));
        args.addAll(ids);
        return Replies.LeaseRound.of(Scripts.LEASE.run(redis, partitions.key(p), args));
    }

    /** renew.lua: moves the deadlines of these leases of p to {@code ttlMillis} from now. */
    void renew(int p, long ttlMillis, List<String> ids) {
        List<String> args = args(String.valueOf(ttlMillis));
        args.addAll(ids);
        Scripts.RENEW.run(redis, partitions.key(p), args);
    }

    /** sent.lua: the lease's request went out, so its host counts its delay from now. */
    Replies.Earlier sent(int p, long leaseId) {
        return Replies.Earlier.of(Scripts.SENT.run(redis, partitions.key(p), args(Long.toString(leaseId))));
    }

    /** contacted.lua: a host was contacted outside a lease's request; its delay counts from now. */
    void contacted(String hostKey) {
        Scripts.CONTACTED.run(redis, partitions.key(partitions.of(hostKey)), args(hostKey));
    }

    /** giveback.lua: ends a lease with this outcome; {@code again} is re-queued after {@code after}. */
    Replies.GiveBackDone giveBack(int p, long leaseId, GiveBack outcome, CrawlRequest again, Duration after) {
        List<String> args = args(
                Long.toString(leaseId),
                outcome.word(),
                again == null ? "" : RequestCodec.encode(again),
                String.valueOf(after.toMillis()));
        return Replies.GiveBackDone.of(Scripts.GIVEBACK.run(redis, partitions.key(p), args));
    }

    /** host.lua: a host's new delay (null: unchanged) and pause (null or zero: none). */
    Replies.Earlier changeHost(String hostKey, Duration delay, Duration pause) {
        List<String> args = args(
                hostKey,
                delay == null ? "" : String.valueOf(delay.toMillis()),
                pause == null ? "0" : String.valueOf(pause.toMillis()));
        return Replies.Earlier.of(Scripts.HOST.run(redis, partitions.key(partitions.of(hostKey)), args));
    }

    /** hostpage.lua: takes ({@code change} 1) or gives back (-1) one of a host's pages; true when taken. */
    boolean hostPage(String hostKey, int change, long maxPagesPerHost) {
        List<String> args = args(hostKey, Integer.toString(change), Long.toString(maxPagesPerHost));
        return (Long) Scripts.HOSTPAGE.run(redis, partitions.key(partitions.of(hostKey)), args) == 1;
    }

    /** drain.lua: gives the host up, returning what it had queued. */
    List<CrawlRequest> drain(String hostKey) {
        List<?> out = (List<?>) Scripts.DRAIN.run(redis, partitions.key(partitions.of(hostKey)), args(hostKey));
        List<CrawlRequest> drained = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            drained.add(RequestCodec.decode(Replies.text(out, i)));
        }
        return drained;
    }

    private List<String> args(String... own) {
        List<String> args = new ArrayList<>(common.size() + own.length);
        args.addAll(common);
        args.addAll(List.of(own));
        return args;
    }
}
