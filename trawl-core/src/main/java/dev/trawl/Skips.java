package dev.trawl;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what the crawl skipped, by {@link Skip}; added to by every worker at once. */
final class Skips {

    private final Map<Skip, LongAdder> counts = new EnumMap<>(Skip.class);

    Skips() {
        for (Skip s : Skip.values()) {
            counts.put(s, new LongAdder());
        }
    }

    /** Counts {@code n} for {@code why}. */
    void add(Skip why, long n) {
        if (n > 0) {
            counts.get(why).add(n);
        }
    }

    /** The counts so far, the reasons with none left out. */
    Map<Skip, Long> snapshot() {
        Map<Skip, Long> out = new EnumMap<>(Skip.class);
        counts.forEach((why, n) -> {
            long sum = n.sum();
            if (sum > 0) {
                out.put(why, sum);
            }
        });
        return out;
    }
}
