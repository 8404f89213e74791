package dev.trawl;

import dev.trawl.fetch.FetchError;
import dev.trawl.parse.Link;
import dev.trawl.url.WebUrl;
import java.time.Instant;
import java.util.List;

/**
 * The recorded outcome of crawling one URL: what the tutorial's {@code done} set only hinted at.
 * A redirect chain gives one record, for the URL that started it.
 *
 * @param url the URL as discovered (the start of a redirect chain)
 * @param finalUrl where the page really is: the last URL fetched
 * @param status the last HTTP status, or 0 when no answer came
 * @param contentType the Content-Type header, or {@code null}
 * @param depth links followed from a seed
 * @param referrer the page that linked to {@code url}, or {@code null} for a seed
 * @param bytes body bytes read
 * @param elapsedMillis time of the last fetch
 * @param fetchedAt when the last fetch ended
 * @param title the page title, or {@code null} when the body was not parsed
 * @param outlinks the page's distinct links (for a sitemap: the URLs it lists)
 * @param attempts how many times the last URL was requested
 * @param error {@code null}, or why the URL gave no page to parse (written as {@link FetchError#code()})
 * @param detail a human-readable note: why the error, or where a redirect chain ended; or {@code null}
 * @param redirects the URLs that redirected, in order (empty when there was no redirect)
 * @param canonical the page's {@code <link rel=canonical>} URL, or {@code null}
 * @param noindex whether the page asks not to be indexed (meta robots or X-Robots-Tag)
 * @param sitemap whether this URL was read as a sitemap rather than as a page
 */
public record PageRecord(
        WebUrl url,
        WebUrl finalUrl,
        int status,
        String contentType,
        int depth,
        WebUrl referrer,
        long bytes,
        long elapsedMillis,
        Instant fetchedAt,
        String title,
        List<Link> outlinks,
        int attempts,
        FetchError error,
        String detail,
        List<WebUrl> redirects,
        WebUrl canonical,
        boolean noindex,
        boolean sitemap) {

    /** Compact constructor: keeps an immutable copy of the redirect chain. */
    public PageRecord {
        redirects = List.copyOf(redirects);
        outlinks = List.copyOf(outlinks);
    }

    /** How many distinct links the page has. */
    public int links() {
        return outlinks.size();
    }

    /**
     * Whether trawl tried to fetch this URL as a page: not a sitemap, not a URL robots.txt
     * forbade or whose host was given up (those are counted as skipped).
     */
    public boolean crawled() {
        return !sitemap && error != FetchError.ROBOTS && error != FetchError.HOST_GIVEN_UP;
    }

    /** Whether the URL gave a usable answer: a 2xx or 3xx status and no error but "not HTML". */
    public boolean ok() {
        return status >= 200 && status < 400 && (error == null || error == FetchError.NOT_HTML);
    }
}
