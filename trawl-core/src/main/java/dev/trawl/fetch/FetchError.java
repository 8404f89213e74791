package dev.trawl.fetch;

import java.util.Locale;

/** Why a fetch did not give a page to parse; recorded as a short lower-case word. */
public enum FetchError {
    /** No answer, or the answer was too slow, within the timeouts. */
    TIMEOUT,
    /** The connection could not be made (refused, unreachable). */
    CONNECT,
    /**
     * The TLS handshake failed: the certificate is not trusted (unknown issuer), is for another
     * name, has expired, or the server speaks no TLS the client accepts; the detail says which.
     */
    TLS,
    /**
     * The proxy could not be reached, refused the tunnel to the site, or its SOCKS5 handshake
     * failed; the detail says which.
     */
    PROXY,
    /** The host name did not resolve. */
    DNS,
    /** The host resolves only to private or local addresses, and those are refused ({@code --deny-private}). */
    DENIED,
    /** The connection broke, or the server sent something that is not HTTP. */
    IO,
    /**
     * The URL cannot be sent as an HTTP request: the HTTP client refuses a host that the URL
     * standard allows (a name with an underscore).
     */
    BAD_URL,
    /** The body was longer than the size cap; what came before the cap was kept. */
    TOO_LARGE,
    /** The answer is not HTML, so it was not read. */
    NOT_HTML,
    /** The status is 4xx or 5xx (or a redirect without a usable Location). */
    HTTP_STATUS,
    /**
     * Asked with the validators of a previous pass, the server said the page has not changed
     * (304): nothing was downloaded, and the previous pass's links, title and values stand.
     */
    NOT_MODIFIED,
    /** The body used a Content-Encoding that could not be decoded. */
    BAD_ENCODING,
    /** A redirect went to a URL that cannot be crawled, or the chain was too long. */
    BAD_REDIRECT,
    /** robots.txt forbids it (or could not be read, retries included): not fetched. */
    ROBOTS,
    /** Its host failed too often and was given up: not fetched. */
    HOST_GIVEN_UP,
    /**
     * The page was fetched, but the crawl's page handler threw on it (the detail says what); its
     * links were still followed, and what the handler emitted before it threw was kept.
     */
    HANDLER_ERROR,
    /**
     * The page was rendered in a browser ({@link dev.trawl.Renderer}) but did not settle in time
     * (an endless spinner, timers, a socket held open): it was read as served.
     */
    RENDER_TIMEOUT,
    /** The browser failed on the page (it crashed, or could not load it): it was read as served. */
    RENDER_FAILED;

    /**
     * Whether no server of the host could be talked to at all (refused, no name, a failed TLS
     * handshake, a failing proxy, a refused address, a host the client cannot request): the
     * host's URLs fail at once rather than wait for its robots.txt.
     */
    public boolean hostUnreachable() {
        return this == CONNECT || this == TLS || this == PROXY || this == DNS || this == DENIED || this == BAD_URL;
    }

    /** The word used in output records: {@code timeout}, {@code not_html}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The error a record's word names; {@code null} for {@code null}.
     *
     * @throws IllegalArgumentException for a word that names none
     */
    public static FetchError ofCode(String code) {
        return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
    }
}
