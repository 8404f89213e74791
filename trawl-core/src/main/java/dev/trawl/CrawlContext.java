package dev.trawl;

import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.Frontier;
import dev.trawl.internal.RobotsPolicy;
import dev.trawl.parse.LinkExtractor;
import dev.trawl.politeness.HostThrottle;
import java.time.Duration;

/**
 * The parts of one crawl that every worker shares.
 *
 * @param robots robots.txt rules, or {@code null} when robots.txt is not consulted
 * @param retries how many times a failed fetch is tried again
 * @param robotsRetryWait how long an unreachable robots.txt keeps its host waiting
 * @param productToken the crawler's name in robots.txt, meta tags and X-Robots-Tag
 * @param followNofollow whether nofollow links are followed anyway
 * @param sitemaps whether sitemaps are read
 * @param maxLinksPerPage the most links followed from one page; 0 for no limit
 * @param handler what is done with each fetched page, or {@code null}
 * @param previousPass what an earlier pass recorded, for a re-crawl; or {@code null}
 * @param rendering which pages are rendered in a browser, or {@code null} for none
 * @param stop stops the crawl
 */
record CrawlContext(
        Frontier frontier,
        Fetcher fetcher,
        LinkExtractor extractor,
        Scope scope,
        RobotsPolicy robots,
        HostThrottle throttle,
        int retries,
        Duration robotsRetryWait,
        String productToken,
        boolean followNofollow,
        boolean sitemaps,
        int maxLinksPerPage,
        Duration leaseTime,
        Skips skips,
        PageHandler handler,
        PreviousPass previousPass,
        Rendering rendering,
        Worker.Outcomes outcomes,
        Runnable stop) {}
