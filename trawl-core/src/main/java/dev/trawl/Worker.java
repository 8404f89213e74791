package dev.trawl;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.parse.Link;
import dev.trawl.parse.LinkExtractor;
import dev.trawl.parse.ParsedPage;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the crawl's workers, on its own virtual thread: the tutorial's {@code worker()} and
 * {@code process_one()}. It leases a URL, crawls it, offers the links it finds, records the
 * outcome, and always gives the lease back, whatever happened.
 */
final class Worker implements Runnable {

    /** Longest redirect chain followed; a longer one ends with a recorded {@code bad_redirect}. */
    static final int MAX_REDIRECTS = 10;

    private final Frontier frontier;
    private final Fetcher fetcher;
    private final LinkExtractor extractor;
    private final UrlFilter filter;
    private final int maxDepth;
    private final Duration leaseTime;
    private final Outcomes outcomes;

    /** Where a worker sends what it records; the crawler counts and forwards to listeners. */
    interface Outcomes {
        void record(PageRecord page);
    }

    Worker(Frontier frontier, Fetcher fetcher, LinkExtractor extractor, UrlFilter filter, int maxDepth,
           Duration leaseTime, Outcomes outcomes) {
        this.frontier = frontier;
        this.fetcher = fetcher;
        this.extractor = extractor;
        this.filter = filter;
        this.maxDepth = maxDepth;
        this.leaseTime = leaseTime;
        this.outcomes = outcomes;
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<Lease> leases = frontier.lease(1, leaseTime);
                if (leases.isEmpty()) {
                    return;
                }
                processOne(leases.get(0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Crawls one leased URL; the lease goes back in every case, so the crawl can always finish. */
    void processOne(Lease lease) throws InterruptedException {
        boolean returned = false;
        try {
            returned = crawl(lease);
        } catch (RuntimeException | StackOverflowError e) {
            CrawlRequest r = lease.request();
            outcomes.record(record(r, FetchResult.failed(r.url(), 0, FetchError.IO, "internal error: " + e), null));
        } finally {
            if (!returned) {
                frontier.fail(lease);
            }
        }
    }

    /** Fetches, follows or parses; returns whether the lease was given back. */
    private boolean crawl(Lease lease) throws InterruptedException {
        CrawlRequest request = lease.request();
        FetchResult result = fetcher.fetch(request.url());
        if (result.status() == 0) {
            outcomes.record(record(request, result, null));
            return false;
        }
        if (result.isRedirect()) {
            boolean chainEnds = followRedirect(request, result);
            frontier.complete(lease, chainEnds);
            return true;
        }
        ParsedPage page = null;
        if (result.hasPage()) {
            page = extractor.extract(result.body(), result.declaredCharset(), request.url());
            onFoundLinks(page.links(), request);
        }
        outcomes.record(record(request, result, page));
        frontier.complete(lease, true);
        return true;
    }

    /**
     * A redirect target is a URL like any other: normalized, scope-checked and deduplicated. The
     * chain is recorded once, when it ends, and counts as one page.
     *
     * @return whether the chain ends here
     */
    private boolean followRedirect(CrawlRequest request, FetchResult result) {
        WebUrl target = UrlNormalizer.resolve(request.url(), result.location());
        String problem = null;
        if (target == null) {
            problem = "redirect to an invalid or unsupported URL: " + result.location();
        } else if (request.redirects().size() >= MAX_REDIRECTS) {
            problem = "more than " + MAX_REDIRECTS + " redirects";
        } else if (filter.check(target) != null) {
            problem = "redirect out of scope (" + filter.check(target).name().toLowerCase() + "): " + target;
        }
        if (problem != null) {
            outcomes.record(record(request, result.withNote(FetchError.BAD_REDIRECT, problem), null));
            return true;
        }
        List<WebUrl> chain = new ArrayList<>(request.redirects());
        chain.add(request.url());
        CrawlRequest next = new CrawlRequest(target, request.depth(), request.referrer(), chain, 1);
        OfferResult offered = frontier.offer(List.of(next)).get(0);
        if (offered != OfferResult.ADDED) {
            // The target is crawled (or refused) on its own: this chain ends here.
            String note = offered == OfferResult.DUPLICATE ? "redirect to a URL already seen: " + target : null;
            outcomes.record(record(request, result.withNote(null, note), null));
            return true;
        }
        return false;
    }

    /** The tutorial's {@code on_found_links}: new links in scope and depth go to the frontier. */
    private void onFoundLinks(List<Link> links, CrawlRequest from) {
        int depth = from.depth() + 1;
        if (maxDepth >= 0 && depth > maxDepth) {
            return;
        }
        List<CrawlRequest> found = new ArrayList<>(links.size());
        for (Link link : links) {
            if (filter.test(link.url())) {
                found.add(new CrawlRequest(link.url(), depth, from.url()));
            }
        }
        if (!found.isEmpty()) {
            frontier.offer(found);
        }
    }

    private static PageRecord record(CrawlRequest request, FetchResult result, ParsedPage page) {
        return new PageRecord(request.origin(), request.url(), result.status(), result.contentType(), request.depth(),
                request.referrer(), result.bytes(), result.elapsedMillis(), Instant.now(),
                page == null ? null : page.title(), page == null ? 0 : page.links().size(), 1,
                result.error() == null ? null : result.error().code(), result.detail(), request.redirects());
    }
}
