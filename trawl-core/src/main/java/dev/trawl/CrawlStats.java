package dev.trawl;

import java.time.Duration;

/**
 * Live counters of a running crawl.
 *
 * @param pages outcomes recorded so far
 * @param failed of which failed
 * @param found distinct URLs discovered
 * @param queued URLs waiting
 * @param inFlight fetches under way
 * @param elapsed time since the crawl started
 */
public record CrawlStats(long pages, long failed, long found, long queued, long inFlight, Duration elapsed) {

    /** Pages recorded per second since the start. */
    public double pagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : pages / seconds;
    }
}
