package dev.trawl;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of URLs not crawled, by reason: {@code scope}, {@code depth}, {@code trap},
 * {@code duplicate}, {@code robots}, {@code nofollow}, {@code host_limit}, {@code given_up},
 * {@code not_html}, {@code too_large}, {@code link_limit}.
 */
public final class Rejections {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts {@code n} URLs for {@code reason}. */
    public void add(String reason, long n) {
        if (n > 0) {
            counts.computeIfAbsent(reason, r -> new LongAdder()).add(n);
        }
    }

    /** The counts so far, by reason, in name order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((reason, n) -> out.put(reason, n.sum()));
        return out;
    }
}
