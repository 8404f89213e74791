package dev.trawl.redis;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.OfferResult;
import dev.trawl.internal.Fingerprint;
import dev.trawl.internal.FingerprintSet;
import dev.trawl.url.WebUrl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Offers URLs to their partitions, one offer.lua call per partition and all of them in one
 * round trip, remembering what this process has offered: that is in Redis's seen-set for good,
 * so it need not be asked again.
 */
final class Offering {

    private final UnifiedJedis redis;
    private final Partitions partitions;
    private final List<String> common;
    private final Function<WebUrl, String> hostKey;
    private final ReentrantLock knownLock = new ReentrantLock();
    private final FingerprintSet known = new FingerprintSet();

    Offering(UnifiedJedis redis, Partitions partitions, List<String> common, Function<WebUrl, String> hostKey) {
        this.redis = redis;
        this.partitions = partitions;
        this.common = common;
        this.hostKey = hostKey;
    }

    /** Offers the requests; each partition's {notify, earliest, ...} reply goes to {@code replied}. */
    OfferResult[] offer(List<CrawlRequest> requests, ObjIntConsumer<Object> replied) {
        OfferResult[] results = new OfferResult[requests.size()];
        long[] fingerprints = new long[results.length];
        for (int i = 0; i < results.length; i++) {
            fingerprints[i] = Fingerprint.of(requests.get(i).url().href());
        }
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
            int p = partitions.of(key);
            byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            List<String> a = args.computeIfAbsent(p, k -> new ArrayList<>(common));
            a.add(Long.toString(fingerprints[i]));
            a.add(key);
            a.add(RequestCodec.encode(r));
            a.add(r.redirects().isEmpty() ? "0" : "1");
        }
        if (byPartition.isEmpty()) {
            return results;
        }
        List<Integer> touched = new ArrayList<>(byPartition.keySet());
        List<Object> replies = Scripts.runAll(
                redis,
                touched.stream()
                        .map(p -> new Scripts.Call(Scripts.OFFER, partitions.key(p), args.get(p)))
                        .toList());
        for (int k = 0; k < touched.size(); k++) {
            int p = touched.get(k);
            List<?> out = (List<?>) replies.get(k);
            List<Integer> indexes = byPartition.get(p);
            for (int j = 0; j < indexes.size(); j++) {
                long added = Replies.number(out, 2 + j);
                results[indexes.get(j)] =
                        added == 1 ? OfferResult.ADDED : added == 2 ? OfferResult.GIVEN_UP : OfferResult.DUPLICATE;
            }
            replied.accept(out, p);
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
        return results;
    }
}
