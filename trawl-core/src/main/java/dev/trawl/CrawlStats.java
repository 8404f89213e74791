package dev.trawl;

import java.time.Duration;
import java.util.Map;

/**
 * Live counters of a running crawl.
 *
 * @param pages URLs crawled as pages so far
 * @param failed of which failed
 * @param found distinct URLs discovered
 * @param queued URLs waiting
 * @param inFlight fetches under way
 * @param elapsed time since the crawl started
 * @param hostsDelayed hosts with URLs waiting for their delay (or Crawl-delay) to pass
 * @param hostsBackingOff hosts with URLs paused after errors, 429 or 503
 * @param robotsPending robots.txt files being fetched
 * @param skipped URLs not crawled and links not followed so far, by reason
 */
public record CrawlStats(
        long pages,
        long failed,
        long found,
        long queued,
        long inFlight,
        Duration elapsed,
        int hostsDelayed,
        int hostsBackingOff,
        int robotsPending,
        Map<Skip, Long> skipped) {

    /** Pages recorded per second since the start. */
    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : pages / seconds;
    }
}
