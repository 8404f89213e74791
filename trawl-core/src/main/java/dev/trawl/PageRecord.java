package dev.trawl;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.Validators;
import dev.trawl.parse.Link;
import dev.trawl.url.WebUrl;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded outcome of crawling one URL: what the tutorial's {@code done} set only hinted at.
 * A redirect chain gives one record, for the URL that started it. Made with {@link #builder}.
 *
 * @param url the URL as discovered (the start of a redirect chain)
 * @param finalUrl where the page really is: the last URL fetched
 * @param status the last HTTP status, or 0 when no answer came
 * @param httpVersion the last answer's protocol, {@code HTTP/1.1} or {@code HTTP/2}, or {@code null}
 * @param validators the last answer's ETag and Last-Modified, or {@code null}: what a re-crawl asks
 *     the page's change with
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
 * @param nofollow whether the page asks that its links not be followed (meta robots or X-Robots-Tag)
 * @param sitemap whether this URL was read as a sitemap rather than as a page
 * @param rendered whether the page's links, title and values are those of its DOM rendered in a
 *     browser ({@link Renderer}), not of the page as served
 * @param renderMillis how long the browser took, or {@code null} when the page was not sent to one
 * @param extracted the named values the page handler extracted ({@link Page#extract}), in the
 *     order set: plain JSON values (String, Number, Boolean, List, Map or null); empty for a URL
 *     that was not handled
 * @param items the items the page handler emitted ({@link Page#emit}), each as JSON text
 */
public record PageRecord(
        WebUrl url,
        WebUrl finalUrl,
        int status,
        String httpVersion,
        Validators validators,
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
        boolean nofollow,
        boolean sitemap,
        boolean rendered,
        Long renderMillis,
        Map<String, Object> extracted,
        List<String> items) {

    /** Compact constructor: keeps immutable copies of the lists and of the fields, in their order. */
    public PageRecord {
        redirects = List.copyOf(redirects);
        outlinks = List.copyOf(outlinks);
        extracted = Collections.unmodifiableMap(new LinkedHashMap<>(extracted));
        items = List.copyOf(items);
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

    /**
     * Whether the URL gave a usable answer: a 2xx or 3xx status and no error but "not HTML",
     * "not modified" (a re-crawl's unchanged page), or a render that failed (the page was read as
     * served).
     */
    public boolean ok() {
        return status >= 200
                && status < 400
                && (error == null
                        || error == FetchError.NOT_HTML
                        || error == FetchError.NOT_MODIFIED
                        || error == FetchError.RENDER_TIMEOUT
                        || error == FetchError.RENDER_FAILED);
    }

    /** Whether the last answer was a redirect: a 3xx, but not a re-crawl's 304 ("not modified"). */
    public boolean redirectAnswer() {
        return status >= 300 && status < 400 && error != FetchError.NOT_MODIFIED;
    }

    /** Starts a record of {@code url}: no answer yet, depth 0, one attempt, no links. */
    public static Builder builder(WebUrl url) {
        return new Builder(url);
    }

    /** Builds a {@link PageRecord}; every field but the URL has a default. */
    public static final class Builder {
        private final WebUrl url;
        private WebUrl finalUrl;
        private int status;
        private String httpVersion;
        private Validators validators;
        private String contentType;
        private int depth;
        private WebUrl referrer;
        private long bytes;
        private long elapsedMillis;
        private Instant fetchedAt = Instant.EPOCH;
        private String title;
        private List<Link> outlinks = List.of();
        private int attempts = 1;
        private FetchError error;
        private String detail;
        private List<WebUrl> redirects = List.of();
        private WebUrl canonical;
        private boolean noindex;
        private boolean nofollow;
        private boolean sitemap;
        private boolean rendered;
        private Long renderMillis;
        private Map<String, Object> extracted = Map.of();
        private List<String> items = List.of();

        private Builder(WebUrl url) {
            this.url = url;
            this.finalUrl = url;
        }

        /** Where the page really is: the last URL fetched (default: {@code url}). */
        public Builder finalUrl(WebUrl value) {
            this.finalUrl = value;
            return this;
        }

        /** The last answer's protocol, {@code HTTP/1.1} or {@code HTTP/2}. */
        public Builder httpVersion(String value) {
            this.httpVersion = value;
            return this;
        }

        /** The last answer's ETag and Last-Modified, or {@code null}. */
        public Builder validators(Validators value) {
            this.validators = value;
            return this;
        }

        /** The last HTTP status, or 0 when no answer came. */
        public Builder status(int value) {
            this.status = value;
            return this;
        }

        /** The Content-Type header, or {@code null}. */
        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        /** Links followed from a seed. */
        public Builder depth(int value) {
            this.depth = value;
            return this;
        }

        /** The page that linked to {@code url}, or {@code null} for a seed. */
        public Builder referrer(WebUrl value) {
            this.referrer = value;
            return this;
        }

        /** Body bytes read. */
        public Builder bytes(long value) {
            this.bytes = value;
            return this;
        }

        /** Time of the last fetch. */
        public Builder elapsedMillis(long value) {
            this.elapsedMillis = value;
            return this;
        }

        /** When the last fetch ended. */
        public Builder fetchedAt(Instant value) {
            this.fetchedAt = value;
            return this;
        }

        /** The page title, or {@code null}. */
        public Builder title(String value) {
            this.title = value;
            return this;
        }

        /** The page's distinct links (for a sitemap: the URLs it lists). */
        public Builder outlinks(List<Link> value) {
            this.outlinks = value;
            return this;
        }

        /** How many times the last URL was requested (default 1). */
        public Builder attempts(int value) {
            this.attempts = value;
            return this;
        }

        /** Why the URL gave no page to parse, or {@code null}. */
        public Builder error(FetchError value) {
            this.error = value;
            return this;
        }

        /** Why the error, or where a redirect chain ended; or {@code null}. */
        public Builder detail(String value) {
            this.detail = value;
            return this;
        }

        /** The URLs that redirected, in order. */
        public Builder redirects(List<WebUrl> value) {
            this.redirects = value;
            return this;
        }

        /** The page's {@code <link rel=canonical>} URL, or {@code null}. */
        public Builder canonical(WebUrl value) {
            this.canonical = value;
            return this;
        }

        /** Whether the page asks not to be indexed. */
        public Builder noindex(boolean value) {
            this.noindex = value;
            return this;
        }

        /** Whether the page asks that its links not be followed. */
        public Builder nofollow(boolean value) {
            this.nofollow = value;
            return this;
        }

        /** Whether this URL was read as a sitemap rather than as a page. */
        public Builder sitemap(boolean value) {
            this.sitemap = value;
            return this;
        }

        /** Whether the page was read as rendered in a browser. */
        public Builder rendered(boolean value) {
            this.rendered = value;
            return this;
        }

        /** How long the browser took; {@code null} (the default) when the page was not sent to one. */
        public Builder renderMillis(Long value) {
            this.renderMillis = value;
            return this;
        }

        /** The named values the page handler extracted, in order (values may be null). */
        public Builder extracted(Map<String, Object> value) {
            this.extracted = value;
            return this;
        }

        /** The items the page handler emitted, each as JSON text. */
        public Builder items(List<String> value) {
            this.items = value;
            return this;
        }

        /** The record. */
        public PageRecord build() {
            return new PageRecord(
                    url,
                    finalUrl,
                    status,
                    httpVersion,
                    validators,
                    contentType,
                    depth,
                    referrer,
                    bytes,
                    elapsedMillis,
                    fetchedAt,
                    title,
                    outlinks,
                    attempts,
                    error,
                    detail,
                    redirects,
                    canonical,
                    noindex,
                    nofollow,
                    sitemap,
                    rendered,
                    renderMillis,
                    extracted,
                    items);
        }
    }
}
