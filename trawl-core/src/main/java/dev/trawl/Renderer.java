package dev.trawl;

import dev.trawl.fetch.FetchResult;
import dev.trawl.url.WebUrl;
import java.time.Duration;

/**
 * Renders fetched pages in a browser, so that links and content a page's scripts write are
 * crawled too. trawl fetches each page itself, with its politeness, and gives the browser that
 * answer instead of letting it fetch the page again; what the page loads besides (scripts, CSS,
 * XHR) the browser asks of {@link Resources}, which obeys the crawl's robots.txt, scope and
 * delays. The {@code trawl-render} module has one in a headless Chromium. Implementations are
 * thread-safe: every worker renders through the same one.
 *
 * <pre>{@code
 * try (Crawler crawler = Crawler.builder()
 *         .seeds("https://app.example/")
 *         .render(ChromiumRenderer.builder().tabs(4).build(), Renderer.Mode.AUTO)
 *         .build()) {
 *     crawler.run();
 * }
 * }</pre>
 */
public interface Renderer extends AutoCloseable {

    /**
     * Renders one page: loads {@code page}'s body as the document at {@code url}, lets its
     * scripts run until it settles, and returns the DOM then.
     *
     * @param page the answer trawl fetched (2xx HTML, whole): what the browser is given for {@code url}
     * @param resources what the page's own requests are answered with
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Rendered render(WebUrl url, FetchResult page, Resources resources) throws InterruptedException;

    /** Ends the browser and every process it started. */
    @Override
    void close();

    /** Which pages a crawl renders. */
    enum Mode {
        /** Every HTML page. */
        ALWAYS,
        /**
         * Per host, where it matters: a host's first pages are rendered and read both ways, and
         * when the rendered page has links or extracted values that the page as served lacks, the
         * host's pages are rendered; else they are read as served. While a page is one of those
         * samples, the crawl's page handler sees it both ways (only the rendered one's results are
         * kept).
         */
        AUTO
    }

    /** Answers the requests a page makes while it renders; thread-safe. */
    interface Resources {
        /**
         * Fetches what the page asks for as the crawl fetches its pages (politeness, the crawl's
         * headers and cookies, proxy, address rules), or refuses it. The browser's own request
         * headers and body are not sent: a resource is a GET as trawl would make it.
         *
         * @param within how long the page has left: a request that would wait longer for its
         *     host's turn is refused
         * @return the answer, any content type, or {@code null} when the crawl refuses the URL
         *     (robots.txt, scope, no time left) or it got no answer
         * @throws InterruptedException if the calling thread is interrupted while waiting
         */
        FetchResult get(WebUrl url, Duration within) throws InterruptedException;
    }

    /**
     * What rendering gave.
     *
     * @param html the DOM as HTML after the page settled, or {@code null} when there is none
     *     (cut at the timeout, or the browser failed)
     * @param millis how long it took
     * @param timedOut whether the page did not settle within the renderer's timeout
     * @param failure why there is no DOM, in words, or {@code null}
     */
    record Rendered(String html, long millis, boolean timedOut, String failure) {

        /** A page that settled. */
        public static Rendered of(String html, long millis) {
            return new Rendered(html, millis, false, null);
        }

        /** A page cut at the timeout. */
        public static Rendered timedOut(long millis, String detail) {
            return new Rendered(null, millis, true, detail);
        }

        /** A page the browser failed on. */
        public static Rendered failed(long millis, String detail) {
            return new Rendered(null, millis, false, detail);
        }
    }
}
