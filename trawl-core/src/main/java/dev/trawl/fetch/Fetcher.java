package dev.trawl.fetch;

import dev.trawl.url.WebUrl;

/**
 * Fetches one URL: the tutorial's {@code client.get}, without following redirects (each hop goes
 * back through the frontier). Implementations are thread-safe and shared by all workers.
 */
public interface Fetcher extends AutoCloseable {

    /**
     * Sends a GET and reads the answer. Network failures are returned as a result with an
     * {@link FetchError}, never thrown.
     *
     * @param sent run once, on the calling thread, when the request has been written to the
     *     server and before the answer is read; not run when it never went out. Politeness counts
     *     a host's delay from it (a fetcher that never runs it makes the host wait for the whole
     *     exchange instead).
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    FetchResult fetch(WebUrl url, Runnable sent) throws InterruptedException;

    /**
     * Sends a conditional GET, with what an earlier answer said of the page ({@code known}), so
     * that a page unchanged since is answered 304 without its body: a result with {@link
     * FetchError#NOT_MODIFIED}. Without {@code known} ({@code null}) it is {@link #fetch}. A
     * fetcher that cannot ask so fetches the page whole, as this default does.
     *
     * @param sent as for {@link #fetch}
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    default FetchResult fetchIfChanged(WebUrl url, Validators known, Runnable sent) throws InterruptedException {
        return fetch(url, sent);
    }

    /**
     * Fetches a file the crawler reads itself (robots.txt, a sitemap): any content type is read,
     * up to {@code maxBytes}, beyond which the body is cut and flagged {@link FetchError#TOO_LARGE}.
     *
     * @param sent as for {@link #fetch}
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    FetchResult fetchFile(WebUrl url, long maxBytes, Runnable sent) throws InterruptedException;

    /** Releases connections and threads. */
    @Override
    void close();
}
