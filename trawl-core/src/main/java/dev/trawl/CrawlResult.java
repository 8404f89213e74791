package dev.trawl;

import java.time.Duration;

/**
 * The totals of a finished crawl: the tutorial's closing lines.
 *
 * @param pages outcomes recorded (URLs crawled, with or without success)
 * @param ok outcomes with a 2xx or 3xx answer
 * @param failed outcomes with no answer, a 4xx or 5xx answer, or a bad redirect
 * @param found distinct URLs discovered (the seen-set)
 * @param elapsed wall-clock time of the crawl
 * @param stopped whether the crawl was stopped before it finished
 */
public record CrawlResult(long pages, long ok, long failed, long found, Duration elapsed, boolean stopped) {
}
