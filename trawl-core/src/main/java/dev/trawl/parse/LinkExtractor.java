package dev.trawl.parse;

import dev.trawl.url.WebUrl;

/**
 * Reads the links (and title, canonical URL, robots meta) of an HTML page. The tutorial's
 * {@code UrlParser}. Implementations must be thread-safe: workers share one.
 */
public interface LinkExtractor {

    /**
     * Parses a page.
     *
     * @param body the raw body bytes
     * @param declaredCharset the charset named by the Content-Type header, or {@code null}
     * @param pageUrl where the page really is (after redirects); relative links resolve against
     *     it, or against its {@code <base href>}
     */
    ParsedPage extract(byte[] body, String declaredCharset, WebUrl pageUrl);
}
