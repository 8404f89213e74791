package dev.trawl;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The totals of a finished crawl: the tutorial's closing lines.
 *
 * @param pages URLs crawled as pages, with or without success ({@link PageRecord#crawled()})
 * @param ok of which gave a 2xx or 3xx answer
 * @param failed of which gave no answer, a 4xx or 5xx answer, or a bad redirect
 * @param found distinct URLs discovered (the seen-set)
 * @param elapsed wall-clock time of the crawl
 * @param stopped whether the crawl was stopped before it finished
 * @param skipped URLs not crawled and links not followed, by reason
 * @param cappedCrawlDelays hosts whose Crawl-delay was longer than the cap, and cut to it
 * @param timeLimitReached whether the crawl was stopped by its time limit ({@code stopped} is then true too)
 * @param rendering what rendering did, in lines for a summary (empty when no page was rendered):
 *     each host's choice in {@link Renderer.Mode#AUTO}, and the rendered pages' own requests
 * @param pageLimitReached whether the crawl's page limit ({@link dev.trawl.frontier.Politeness#maxPages()})
 *     was reached: URLs may be left unfetched
 */
public record CrawlResult(
        long pages,
        long ok,
        long failed,
        long found,
        Duration elapsed,
        boolean stopped,
        Map<Skip, Long> skipped,
        int cappedCrawlDelays,
        boolean timeLimitReached,
        List<String> rendering,
        boolean pageLimitReached) {

    /** Compact constructor: keeps an immutable copy of the counts. */
    public CrawlResult {
        skipped = Map.copyOf(skipped);
        rendering = List.copyOf(rendering);
    }
}
