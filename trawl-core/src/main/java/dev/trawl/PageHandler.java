package dev.trawl;

/**
 * What a crawl does with each page it fetched: the tutorial's "save to a database or file
 * here", given the page itself. Set with {@link Crawler.Builder#handler}.
 *
 * <p>Called once for every fetched page with a 2xx answer and an HTML body (and, with {@link
 * dev.trawl.fetch.FetchOptions.Builder#readAllTypes}, a body of any other type; see {@link
 * Page#isHtml()}). Redirects are followed first: the page is where the chain ended. It runs on
 * the worker's own virtual thread, so
 * pages are handled concurrently; a handler that keeps state must make it thread-safe. What it
 * {@linkplain Page#emit emits} and {@linkplain Page#extract extracts} goes into the page's
 * {@link PageRecord}, which the crawl's listeners then receive in one order.
 *
 * <p>A handler that throws does not stop the crawl: the page's record gets the error {@code
 * handler_error} and the exception's message, its links are still followed, and the crawl goes
 * on. To end the crawl, call {@link Page#stopCrawl()}.
 */
@FunctionalInterface
public interface PageHandler {

    /** Handles one fetched page. */
    void handle(Page page) throws Exception;
}
