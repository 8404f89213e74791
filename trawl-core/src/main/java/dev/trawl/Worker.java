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
import dev.trawl.frontier.FrontierException;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.parse.Link;
import dev.trawl.parse.ParsedPage;
import dev.trawl.politeness.HostThrottle;
import dev.trawl.politeness.RetryAfter;
import dev.trawl.politeness.RobotsRules;
import dev.trawl.politeness.RobotsTag;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the crawl's workers, on its own virtual thread: the tutorial's {@code worker()} and
 * {@code process_one()}. It leases a URL, asks robots.txt, crawls it, tells the throttle how
 * the host answered, retries or records the outcome, offers the links it finds, and always
 * gives the lease back, whatever happened.
 */
final class Worker implements Runnable {

    /** Longest redirect chain followed; a longer one ends with a recorded {@code bad_redirect}. */
    static final int MAX_REDIRECTS = 10;
    /** Largest sitemap read (the sitemap protocol allows 50 MB uncompressed). */
    static final long MAX_SITEMAP_BYTES = 50L << 20;

    private final CrawlContext crawl;

    Worker(CrawlContext crawl) {
        this.crawl = crawl;
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<Lease> leases = crawl.frontier().lease(1, crawl.leaseTime());
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
        } catch (FrontierException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // An interrupted worker is a stopping crawl, whatever broke on the way: not this page's outcome.
            if (!Thread.currentThread().isInterrupted()) {
                CrawlRequest r = lease.request();
                record(r, FetchResult.failed(r.url(), 0, FetchError.IO, "internal error: " + e), null);
            }
        } finally {
            if (!returned) {
                crawl.frontier().fail(lease);
            }
        }
    }

    /** Asks robots.txt, then fetches; returns whether the lease was given back. */
    private boolean crawl(Lease lease) throws InterruptedException {
        CrawlRequest request = lease.request();
        if (crawl.robots() != null) {
            RobotsRules rules = crawl.robots().cached(request.url());
            if (rules == null) {
                // Fetching robots.txt was this host's request: the page waits for its next turn.
                onRobots(lease.hostKey(), request, crawl.robots().rules(request.url()));
                crawl.frontier().requeue(lease, request, Duration.ZERO);
                return true;
            }
            FetchResult unanswered = rules.failure();
            if (unanswered != null && (unanswered.error() == FetchError.CONNECT || unanswered.error() == FetchError.DNS
                    || unanswered.error() == FetchError.DENIED || unanswered.error() == FetchError.BAD_URL)) {
                // The host cannot be reached at all: that is this URL's outcome, retried as any other.
                FetchResult failed = FetchResult.failed(request.url(), 0, unanswered.error(), unanswered.detail());
                if (!throttle(lease, failed) && !retry(lease, request, failed)) {
                    record(request, failed, null);
                    return false;
                }
                return true;
            }
            if (rules.source() == RobotsRules.Source.UNREACHABLE) {
                return robotsUnreachable(lease, request);
            }
            if (!rules.allows(request.url())) {
                crawl.rejections().add("robots", 1);
                record(request, FetchResult.failed(request.url(), 0, FetchError.ROBOTS, "disallowed by robots.txt"), null);
                crawl.frontier().complete(lease, false);
                return true;
            }
        }
        if (request.sitemap()) {
            return readSitemap(lease, request);
        }
        if (!crawl.scope().reservePage(lease.hostKey())) {
            crawl.rejections().add("host_limit", 1);
            crawl.frontier().complete(lease, false);
            return true;
        }
        FetchResult result = crawl.fetcher().fetch(request.url(), () -> crawl.frontier().sent(lease));
        if (throttle(lease, result) || retry(lease, request, result)) {
            crawl.scope().releasePage(lease.hostKey());
            return true;
        }
        if (result.status() == 0) {
            crawl.scope().releasePage(lease.hostKey());
            record(request, result, null);
            return false;
        }
        if (result.isRedirect()) {
            boolean chainEnds = followRedirect(request, result);
            crawl.frontier().complete(lease, chainEnds);
            return true;
        }
        ParsedPage page = null;
        if (result.hasPage()) {
            page = crawl.extractor().extract(result.body(), result.declaredCharset(), request.url());
            boolean nofollow = page.metaNofollow()
                    || RobotsTag.says(result.headers().robotsTag(), crawl.productToken(), "nofollow");
            onFoundLinks(page.links(), request, nofollow && !crawl.followNofollow());
        } else if (result.error() == FetchError.NOT_HTML) {
            crawl.rejections().add("not_html", 1);
        }
        if (result.error() == FetchError.TOO_LARGE) {
            crawl.rejections().add("too_large", 1);
        }
        record(request, result, page);
        crawl.frontier().complete(lease, true);
        return true;
    }

    /** robots.txt was just fetched: apply its Crawl-delay, queue its sitemaps. */
    private void onRobots(String hostKey, CrawlRequest request, RobotsRules rules) {
        if (rules.crawlDelay() != null) {
            HostThrottle.Decision d = crawl.throttle().crawlDelay(hostKey, rules.crawlDelay());
            crawl.frontier().updateHost(hostKey, d.delay(), null);
        }
        if (crawl.sitemaps()) {
            List<CrawlRequest> maps = new ArrayList<>();
            for (String s : rules.sitemaps()) {
                WebUrl url = UrlNormalizer.resolve(request.url(), s);
                if (url != null) {
                    maps.add(CrawlRequest.sitemap(url, 0, null));
                }
            }
            crawl.frontier().offer(maps);
        }
    }

    /** 5xx or no answer for robots.txt: nothing of the host is fetched now; ask again later, a few times. */
    private boolean robotsUnreachable(Lease lease, CrawlRequest request) {
        HostThrottle.Decision d = crawl.throttle().noAnswer(lease.hostKey());
        applyToHost(lease.hostKey(), d);
        if (d.giveUp() == null && request.attempt() <= crawl.retries()) {
            crawl.frontier().requeue(lease, request.nextAttempt(), crawl.robotsRetryWait());
            return true;
        }
        crawl.rejections().add("robots", 1);
        record(request, FetchResult.failed(request.url(), 0, FetchError.ROBOTS, "robots.txt unreachable"), null);
        crawl.frontier().complete(lease, false);
        return true;
    }

    /**
     * Tells the throttle how the host answered and applies its decision. Returns true when the
     * host was given up: this URL then is recorded with the others and the lease given back.
     */
    private boolean throttle(Lease lease, FetchResult result) {
        HostThrottle throttle = crawl.throttle();
        HostThrottle.Decision d = result.status() == 0 ? throttle.noAnswer(lease.hostKey())
                : throttle.answered(lease.hostKey(), result.status(), result.elapsedMillis(),
                        RetryAfter.parse(result.headers().retryAfter(), Instant.now()));
        applyToHost(lease.hostKey(), d);
        if (d.giveUp() == null) {
            return false;
        }
        record(lease.request(), result, null);
        crawl.frontier().complete(lease, result.status() != 0);
        return true;
    }

    private void applyToHost(String hostKey, HostThrottle.Decision d) {
        crawl.frontier().updateHost(hostKey, d.delay(), d.pause());
        if (d.giveUp() != null) {
            crawl.scope().giveUp(hostKey);
            List<CrawlRequest> dropped = crawl.frontier().drainHost(hostKey);
            crawl.rejections().add("given_up", dropped.size());
            for (CrawlRequest r : dropped) {
                record(r, FetchResult.failed(r.url(), 0, FetchError.HOST_GIVEN_UP, "host given up: " + d.giveUp()), null);
            }
        }
    }

    /** Timeouts, broken connections, 5xx and 429 are tried again, later, through the frontier. */
    private boolean retry(Lease lease, CrawlRequest request, FetchResult result) {
        boolean retryable = result.status() == 0
                ? result.error() == FetchError.TIMEOUT || result.error() == FetchError.CONNECT || result.error() == FetchError.IO
                : result.status() >= 500 || result.status() == 429;
        if (!retryable || request.attempt() > crawl.retries()) {
            return false;
        }
        crawl.frontier().requeue(lease, request.nextAttempt(), crawl.throttle().retryWait(request.attempt()));
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
        } else if (target.equals(request.url()) || request.redirects().contains(target)) {
            problem = "redirect loop back to " + target;
        } else if (request.redirects().size() >= MAX_REDIRECTS) {
            problem = "more than " + MAX_REDIRECTS + " redirects";
        } else {
            String refused = crawl.scope().refuseRedirect(target);
            problem = refused == null ? null : "redirect " + refused + ": " + target;
        }
        if (problem != null) {
            record(request, result.withNote(FetchError.BAD_REDIRECT, problem), null);
            return true;
        }
        List<WebUrl> chain = new ArrayList<>(request.redirects());
        chain.add(request.url());
        CrawlRequest next = new CrawlRequest(target, request.depth(), request.referrer(), chain, 1, false);
        OfferResult offered = crawl.frontier().offer(List.of(next)).get(0);
        if (offered != OfferResult.ADDED) {
            // The target is crawled (or refused) on its own: this chain ends here.
            String note = offered == OfferResult.DUPLICATE ? "redirect to a URL already seen: " + target : null;
            record(request, result.withNote(null, note), null);
            return true;
        }
        return false;
    }

    /** The tutorial's {@code on_found_links}: new links in scope go to the frontier. */
    private void onFoundLinks(List<Link> found, CrawlRequest from, boolean pageNofollow) {
        if (pageNofollow) {
            crawl.rejections().add("nofollow", found.size());
            return;
        }
        List<Link> links = found;
        int max = crawl.maxLinksPerPage();
        if (max > 0 && found.size() > max) {
            crawl.rejections().add("link_limit", found.size() - max);
            links = found.subList(0, max);
        }
        int depth = from.depth() + 1;
        List<CrawlRequest> toOffer = new ArrayList<>(links.size());
        for (Link link : links) {
            String refused = link.nofollow() && !crawl.followNofollow() ? "nofollow" : crawl.scope().refuse(link.url(), depth);
            if (refused != null) {
                crawl.rejections().add(refused, 1);
            } else {
                toOffer.add(new CrawlRequest(link.url(), depth, from.url()));
            }
        }
        offer(toOffer);
    }

    private void offer(List<CrawlRequest> found) {
        if (!found.isEmpty()) {
            long duplicates = crawl.frontier().offer(found).stream().filter(r -> r == OfferResult.DUPLICATE).count();
            crawl.rejections().add("duplicate", duplicates);
        }
    }

    /** A sitemap (or sitemap index) lists URLs: they go through the same scope, seen-set and budget. */
    private boolean readSitemap(Lease lease, CrawlRequest request) throws InterruptedException {
        FetchResult result = crawl.fetcher().fetchFile(request.url(), MAX_SITEMAP_BYTES, () -> crawl.frontier().sent(lease));
        if (throttle(lease, result) || retry(lease, request, result)) {
            return true;
        }
        List<Link> listed = new ArrayList<>();
        FetchResult outcome = result;
        if (result.status() >= 200 && result.status() < 300) {
            try {
                AbstractSiteMap map = new SiteMapParser(false).parseSiteMap(result.contentType(), result.body(),
                        request.url().toUri().toURL());
                List<CrawlRequest> found = new ArrayList<>();
                if (map instanceof SiteMapIndex index) {
                    for (AbstractSiteMap sub : index.getSitemaps()) {
                        WebUrl url = UrlNormalizer.resolve(request.url(), sub.getUrl().toString());
                        if (url != null) {
                            found.add(CrawlRequest.sitemap(url, request.depth(), request.url()));
                        }
                    }
                } else if (map instanceof SiteMap pages) {
                    for (SiteMapURL entry : pages.getSiteMapUrls()) {
                        WebUrl url = UrlNormalizer.resolve(request.url(), entry.getUrl().toString());
                        String refused = url == null ? "scope" : crawl.scope().refuse(url, request.depth() + 1);
                        if (refused != null) {
                            crawl.rejections().add(refused, 1);
                        } else {
                            found.add(new CrawlRequest(url, request.depth() + 1, request.url()));
                        }
                    }
                }
                found.forEach(r -> listed.add(new Link(r.url(), "", false)));
                offer(found);
            } catch (UnknownFormatException | IOException | IllegalArgumentException e) {
                outcome = result.withNote(FetchError.BAD_ENCODING, "not a sitemap: " + e.getMessage());
            }
        }
        crawl.outcomes().record(toRecord(request, outcome, null, listed, null, false, true));
        crawl.frontier().complete(lease, false);
        return true;
    }

    private void record(CrawlRequest request, FetchResult result, ParsedPage page) {
        boolean noindex = page != null && page.metaNoindex()
                || RobotsTag.says(result.headers().robotsTag(), crawl.productToken(), "noindex");
        crawl.outcomes().record(toRecord(request, result, page == null ? null : page.title(),
                page == null ? List.of() : page.links(), page == null ? null : page.canonical(), noindex, false));
    }

    private static PageRecord toRecord(CrawlRequest request, FetchResult result, String title, List<Link> links,
                                       WebUrl canonical, boolean noindex, boolean sitemap) {
        return new PageRecord(request.origin(), request.url(), result.status(), result.contentType(), request.depth(),
                request.referrer(), result.bytes(), result.elapsedMillis(), Instant.now(), title, links,
                request.attempt(), result.error() == null ? null : result.error().code(), result.detail(),
                request.redirects(), canonical, noindex, sitemap);
    }

    /** Where a worker sends what it records; the crawler counts and forwards to listeners. */
    interface Outcomes {
        void record(PageRecord page);
    }
}
