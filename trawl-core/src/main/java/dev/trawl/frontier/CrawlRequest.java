package dev.trawl.frontier;

import dev.trawl.url.WebUrl;
import java.util.List;

/**
 * A URL waiting to be crawled, with how it was reached.
 *
 * @param url the normalized URL to fetch
 * @param depth links followed from a seed (a seed is 0; a redirect keeps its source's depth)
 * @param referrer the page that linked to it, or {@code null} for a seed
 * @param redirects the URLs that redirected here, oldest first; empty unless this is a redirect hop
 * @param attempt which attempt at fetching {@code url} this is, from 1
 * @param sitemap whether {@code url} is a sitemap to read rather than a page
 */
public record CrawlRequest(
        WebUrl url, int depth, WebUrl referrer, List<WebUrl> redirects, int attempt, boolean sitemap) {

    /** A page's first attempt, without redirects. */
    public CrawlRequest(WebUrl url, int depth, WebUrl referrer) {
        this(url, depth, referrer, List.of(), 1, false);
    }

    /** A sitemap to read (from robots.txt, a sitemap index, or a start URL's host). */
    public static CrawlRequest sitemap(WebUrl url, int depth, WebUrl referrer) {
        return new CrawlRequest(url, depth, referrer, List.of(), 1, true);
    }

    /** Compact constructor: keeps an immutable copy of the redirect chain. */
    public CrawlRequest {
        redirects = List.copyOf(redirects);
    }

    /** A seed: depth 0, no referrer. */
    public static CrawlRequest seed(WebUrl url) {
        return new CrawlRequest(url, 0, null);
    }

    /** The same request, for its next attempt. */
    public CrawlRequest nextAttempt() {
        return new CrawlRequest(url, depth, referrer, redirects, attempt + 1, sitemap);
    }

    /** The URL the chain started from: the first redirect, or this request's URL. */
    public WebUrl origin() {
        return redirects.isEmpty() ? url : redirects.get(0);
    }
}
