package dev.trawl;

import dev.trawl.url.WebUrl;

/**
 * What an earlier pass of the crawl recorded, for a re-crawl that downloads only what changed
 * ({@link Crawler.Builder#previousPass}): each page it fetched is asked again with its ETag and
 * Last-Modified, and one the server says is unchanged (304) keeps the earlier record's links,
 * title and values without being downloaded or parsed. trawl-sqlite's {@code CrawlState} keeps
 * passes. Called from the workers, concurrently.
 */
@FunctionalInterface
public interface PreviousPass {

    /**
     * The earlier pass's record of the page fetched at this URL (its {@link PageRecord#finalUrl}),
     * with its links and items; {@code null} when that pass had no page there.
     */
    PageRecord find(WebUrl url);
}
