package dev.trawl;

import java.util.Locale;

/** Why a URL the crawl came across was not crawled, or a page's links not followed; counted in {@link CrawlResult#skipped()}. */
public enum Skip {
    /** Out of the crawl's scope: its scheme, domain or file type. */
    SCOPE,
    /** Deeper than the depth limit. */
    DEPTH,
    /** Looks like a crawler trap (see {@link dev.trawl.url.TrapGuard}). */
    TRAP,
    /** Found before. */
    DUPLICATE,
    /** Forbidden by robots.txt, or its robots.txt could not be read. */
    ROBOTS,
    /** A nofollow link, or the links of a page that says nofollow. */
    NOFOLLOW,
    /** Its host had fetched its most pages. */
    HOST_LIMIT,
    /** Its host was given up. */
    GIVEN_UP,
    /** Fetched, but not HTML: not parsed. */
    NOT_HTML,
    /** Fetched, but cut at the size cap. */
    TOO_LARGE,
    /** Links of a page beyond the most followed from one page. */
    LINK_LIMIT;

    /** The word used in summaries and reports: {@code scope}, {@code host_limit}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
