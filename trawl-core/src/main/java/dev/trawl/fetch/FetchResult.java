package dev.trawl.fetch;

import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of one HTTP request: a status, or an error, never both missing.
 *
 * @param url what was requested
 * @param status the HTTP status, or 0 when no answer came
 * @param httpVersion the answer's protocol, {@code HTTP/1.1} or {@code HTTP/2}, or {@code null} when no answer came
 * @param contentType the Content-Type header, or {@code null}
 * @param location the raw Location header of a redirect, or {@code null}
 * @param body the decoded body when it is HTML to parse, else empty
 * @param bytes body bytes read (after decoding)
 * @param elapsedMillis from sending the request to the end of the body
 * @param error why there is no page to parse, or {@code null}
 * @param detail a short human-readable explanation of the error, or {@code null}
 * @param headers the response headers, or none
 * @param exchange the HTTP messages as sent and received, when the fetcher keeps them (for WARC), else {@code null}
 */
public record FetchResult(
        WebUrl url,
        int status,
        String httpVersion,
        String contentType,
        String location,
        byte[] body,
        long bytes,
        long elapsedMillis,
        FetchError error,
        String detail,
        Headers headers,
        Exchange exchange) {

    /**
     * One HTTP exchange as it went over the wire, for archiving.
     *
     * @param requestHead the request line and headers sent, ending with an empty line
     * @param responseHead the status line and headers received (without Transfer-Encoding, since
     *     the body here is de-chunked), ending with an empty line
     * @param rawBody the body bytes as received, before any Content-Encoding is decoded
     * @param complete whether {@code rawBody} is the whole body (false when it was not read, or cut)
     * @param date when the response began
     */
    public record Exchange(String requestHead, String responseHead, byte[] rawBody, boolean complete, Instant date) {

        /** Equal when every part is, the body compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Exchange e
                    && complete == e.complete
                    && requestHead.equals(e.requestHead)
                    && responseHead.equals(e.responseHead)
                    && Arrays.equals(rawBody, e.rawBody)
                    && Objects.equals(date, e.date);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestHead, responseHead, Arrays.hashCode(rawBody), complete, date);
        }

        @Override
        public String toString() {
            return "Exchange[" + responseHead.lines().findFirst().orElse("") + ", " + rawBody.length + " raw bytes]";
        }
    }

    /**
     * The response's headers, as received.
     *
     * @param all every header's values by name (names in alphabetical order, each one's values in
     *     the order received); names are looked up without regard to case
     */
    public record Headers(Map<String, List<String>> all) {
        /** No headers. */
        public static final Headers NONE = new Headers(Map.of());

        /** Copies {@code all} into a map that finds names in any case. */
        public Headers {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.forEach((name, values) -> copy.merge(name, List.copyOf(values), Headers::concat));
            all = Collections.unmodifiableMap(copy);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }

        /** The header's first value, or {@code null}. */
        public String first(String name) {
            List<String> values = all.get(name);
            return values == null ? null : values.get(0);
        }

        /** The Retry-After header (seconds or an HTTP date), or {@code null}. */
        public String retryAfter() {
            return first("Retry-After");
        }

        /** The ETag and Last-Modified headers, or {@code null} when the answer has neither. */
        public Validators validators() {
            return Validators.of(first("ETag"), first("Last-Modified"));
        }

        /** The X-Robots-Tag headers, joined by commas, or {@code null}. */
        public String robotsTag() {
            List<String> values = all.get("X-Robots-Tag");
            return values == null ? null : String.join(", ", values);
        }
    }

    private static final byte[] NO_BODY = new byte[0];

    /** Equal when every component is, the body compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FetchResult r
                && status == r.status
                && Objects.equals(httpVersion, r.httpVersion)
                && bytes == r.bytes
                && elapsedMillis == r.elapsedMillis
                && url.equals(r.url)
                && Objects.equals(contentType, r.contentType)
                && Objects.equals(location, r.location)
                && Arrays.equals(body, r.body)
                && error == r.error
                && Objects.equals(detail, r.detail)
                && Objects.equals(headers, r.headers)
                && Objects.equals(exchange, r.exchange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                url, status, contentType, location, Arrays.hashCode(body), bytes, elapsedMillis, error, detail);
    }

    /** The result in words, with the body's length rather than its bytes. */
    @Override
    public String toString() {
        return "FetchResult[" + url + ", status " + status + (error == null ? "" : ", " + error.code()) + ", "
                + body.length + " body bytes]";
    }

    /** A request that got no HTTP answer. */
    public static FetchResult failed(WebUrl url, long elapsedMillis, FetchError error, String detail) {
        return new FetchResult(url, 0, null, null, null, NO_BODY, 0, elapsedMillis, error, detail, Headers.NONE, null);
    }

    /** This answer, without its body, with another error and note. */
    public FetchResult withNote(FetchError newError, String newDetail) {
        return new FetchResult(
                url,
                status,
                httpVersion,
                contentType,
                location,
                NO_BODY,
                0,
                elapsedMillis,
                newError,
                newDetail,
                headers,
                exchange);
    }

    /**
     * This answer with the DOM a browser rendered of it as its body: HTML in UTF-8, as its
     * Content-Type now says.
     */
    public FetchResult withRenderedBody(String html) {
        byte[] dom = html.getBytes(StandardCharsets.UTF_8);
        return new FetchResult(
                url,
                status,
                httpVersion,
                "text/html; charset=UTF-8",
                location,
                dom,
                dom.length,
                elapsedMillis,
                error,
                detail,
                headers,
                exchange);
    }

    /**
     * Whether trying again later may give another answer: a timeout, a refused or broken
     * connection, a failed TLS handshake (as a refused connection), a 5xx or a 429.
     */
    public boolean isRetryable() {
        return status == 0
                ? error == FetchError.TIMEOUT
                        || error == FetchError.CONNECT
                        || error == FetchError.TLS
                        || error == FetchError.PROXY
                        || error == FetchError.IO
                : status >= 500 || status == 429;
    }

    /** Whether the status is a redirect with a Location to follow. */
    public boolean isRedirect() {
        return status >= 300 && status < 400 && location != null;
    }

    /** Whether a body was read for parsing (2xx HTML, possibly truncated). */
    public boolean hasPage() {
        return status >= 200
                && status < 300
                && (error == null || error == FetchError.TOO_LARGE)
                && ContentTypes.isHtml(contentType);
    }

    /**
     * Whether a 2xx body was read: an HTML page's, or with {@link FetchOptions#readAllTypes} any
     * type's (those are recorded as {@code not_html}, or {@code too_large} when cut, and not
     * parsed).
     */
    public boolean hasBody() {
        return hasPage()
                || status >= 200
                        && status < 300
                        && (error == FetchError.NOT_HTML || error == FetchError.TOO_LARGE)
                        && body.length > 0;
    }

    /** The charset named in the Content-Type header, or {@code null}. */
    public String declaredCharset() {
        return ContentTypes.charset(contentType);
    }
}
