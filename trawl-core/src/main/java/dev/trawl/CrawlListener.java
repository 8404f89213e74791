package dev.trawl;

import dev.trawl.fetch.FetchResult;

/**
 * Receives every outcome as it happens: the tutorial's "save to a database or file here".
 * Called from worker threads, one outcome at a time: every listener sees the outcomes in the
 * same order. An exception
 * thrown here stops the crawl, and {@link Crawler#run()} reports it, so that no output is lost
 * silently.
 */
@FunctionalInterface
public interface CrawlListener {

    /**
     * One URL has its final outcome: fetched, or not (forbidden by robots.txt, its host given
     * up: {@link PageRecord#crawled()} tells), or a sitemap read.
     */
    void onPage(PageRecord page) throws Exception;

    /**
     * One HTTP exchange ended: every fetch, including robots.txt, sitemaps, redirect hops and
     * retries; {@code kind} says which. Its {@link FetchResult#exchange()} is there when the
     * fetcher keeps exchanges.
     */
    default void onFetch(FetchResult fetch, FetchKind kind) throws Exception {}
}
