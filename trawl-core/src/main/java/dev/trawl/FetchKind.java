package dev.trawl;

/** What an HTTP exchange reported to {@link CrawlListener#onFetch} was for. */
public enum FetchKind {
    /** A page: its fetch, a retry of it, or a hop of its redirect chain. */
    PAGE,
    /** A host's robots.txt, or a hop of its redirects. */
    ROBOTS,
    /** A sitemap or sitemap index ({@code --sitemaps}). */
    SITEMAP,
    /** What a page rendered in a browser loads: a script, a stylesheet, an XHR ({@link Renderer}). */
    RESOURCE
}
