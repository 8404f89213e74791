package dev.trawl.redis;

import dev.trawl.frontier.Politeness;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A shared crawl's frontier settings, fixed by the process that started it and kept in the
 * crawl's hash: every process that joins enforces these, not its own.
 *
 * @param politeness the fleet-wide limits; its host key is the reading process's own (a function
 *     is not stored), and must be the same in every process
 * @param partitions how many hash-tagged slots the hosts are spread over
 */
public record CrawlSettings(Politeness politeness, int partitions) {

    /** The settings as the crawl's hash holds them (a crawl started before per-host limits has none). */
    static CrawlSettings of(Map<String, String> stored, Function<WebUrl, String> hostKey) {
        return new CrawlSettings(
                Politeness.builder()
                        .perHost(Integer.parseInt(stored.get("perHost")))
                        .delay(Duration.ofMillis(Long.parseLong(stored.get("delay"))))
                        .maxPages(Long.parseLong(stored.get("maxPages")))
                        .maxPagesPerHost(Long.parseLong(stored.getOrDefault("maxPagesPerHost", "0")))
                        .hostKey(hostKey)
                        .build(),
                Integer.parseInt(stored.get("partitions")));
    }

    /** The settings as the (field, value) pairs of the crawl's hash. */
    List<String> fields() {
        return List.of(
                "perHost",
                String.valueOf(politeness.perHost()),
                "delay",
                String.valueOf(politeness.delay().toMillis()),
                "maxPages",
                String.valueOf(politeness.maxPages()),
                "maxPagesPerHost",
                String.valueOf(politeness.maxPagesPerHost()),
                "partitions",
                String.valueOf(partitions));
    }

    /** The settings in words: {@code per host 2, delay 250 ms, max pages none, max pages per host 5, 16 partitions}. */
    public String describe() {
        return politeness + ", " + partitions + " partitions";
    }

    /** What every script takes first (ARGV[1], ARGV[2]): the per-host limit and the delay in ms. */
    List<String> scriptArgs() {
        return List.of(
                String.valueOf(politeness.perHost()),
                String.valueOf(politeness.delay().toMillis()));
    }
}
