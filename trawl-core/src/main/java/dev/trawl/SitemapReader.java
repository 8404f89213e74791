package dev.trawl;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fetched sitemap (or sitemap index) with crawler-commons: the URLs it lists go through
 * the same scope as found links; the sitemaps an index lists are read in turn.
 */
final class SitemapReader {

    /** Largest sitemap read (the sitemap protocol allows 50 MB uncompressed). */
    static final long MAX_BYTES = 50L << 20;

    private final Scope scope;
    private final Skips skips;

    SitemapReader(Scope scope, Skips skips) {
        this.scope = scope;
        this.skips = skips;
    }

    /**
     * What a sitemap gave.
     *
     * @param found the requests it lists that are in scope, to offer
     * @param outcome the fetch's result, with a note when the body was not a sitemap
     */
    record Read(List<CrawlRequest> found, FetchResult outcome) {}

    Read read(CrawlRequest request, FetchResult result) {
        if (result.status() < 200 || result.status() >= 300) {
            return new Read(List.of(), result);
        }
        List<CrawlRequest> found = new ArrayList<>();
        try {
            AbstractSiteMap map = new SiteMapParser(false)
                    .parseSiteMap(
                            result.contentType(),
                            result.body(),
                            request.url().toUri().toURL());
            if (map instanceof SiteMapIndex index) {
                for (AbstractSiteMap sub : index.getSitemaps()) {
                    WebUrl url =
                            UrlNormalizer.resolve(request.url(), sub.getUrl().toString());
                    if (url != null) {
                        found.add(CrawlRequest.sitemap(url, request.depth(), request.url()));
                    }
                }
            } else if (map instanceof SiteMap pages) {
                for (SiteMapURL entry : pages.getSiteMapUrls()) {
                    WebUrl url =
                            UrlNormalizer.resolve(request.url(), entry.getUrl().toString());
                    Skip skip = url == null ? Skip.SCOPE : scope.skip(url, request.depth() + 1);
                    if (skip != null) {
                        skips.add(skip, 1);
                    } else {
                        found.add(new CrawlRequest(url, request.depth() + 1, request.url()));
                    }
                }
            }
        } catch (UnknownFormatException | IOException | IllegalArgumentException e) {
            return new Read(List.of(), result.withNote(FetchError.BAD_ENCODING, "not a sitemap: " + e.getMessage()));
        }
        return new Read(found, result);
    }
}
