package dev.trawl;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Validators;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.FrontierException;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.OfferResult;
import dev.trawl.internal.RetryAfter;
import dev.trawl.internal.RobotsRules;
import dev.trawl.internal.RobotsTag;
import dev.trawl.parse.Link;
import dev.trawl.parse.ParsedPage;
import dev.trawl.politeness.HostThrottle;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One of the crawl's workers, on its own virtual thread: the tutorial's {@code worker()} and
 * {@code process_one()}. It leases a URL and crawls it: robots.txt, the fetch (telling the
 * throttle how the host answered, retrying later what may work later), a redirect's next hop, or
 * the page's links; then the record. Each stage ends in a {@link Handback}, and the lease goes
 * back in one place, whatever happened.
 */
final class Worker implements Runnable {

    /** Longest redirect chain followed; a longer one ends with a recorded {@code bad_redirect}. */
    static final int MAX_REDIRECTS = 10;

    private final CrawlContext crawl;
    private final SitemapReader sitemaps;

    Worker(CrawlContext crawl) {
        this.crawl = crawl;
        this.sitemaps = new SitemapReader(crawl.scope(), crawl.skips());
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
        Handback handback = Handback.FAILED;
        try {
            handback = runStages(lease);
        } catch (FrontierException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // An interrupted worker is a stopping crawl, whatever broke on the way: not this page's outcome.
            if (!Thread.currentThread().isInterrupted()) {
                CrawlRequest r = lease.request();
                record(r, FetchResult.failed(r.url(), 0, FetchError.IO, "internal error: " + e), null);
            }
        } finally {
            handback.giveBack(crawl.frontier(), lease);
        }
    }

    /** The tutorial's {@code crawl()}: robots.txt, then get, parse links, on found links, done. */
    private Handback runStages(Lease lease) throws InterruptedException {
        CrawlRequest request = lease.request();
        if (crawl.robots() != null) {
            Handback refused = checkRobots(lease);
            if (refused != null) {
                return refused;
            }
        }
        if (request.sitemap()) {
            return readSitemap(lease);
        }
        if (!crawl.frontier().reservePage(lease.hostKey())) {
            crawl.skips().add(Skip.HOST_LIMIT, 1);
            return Handback.OTHER;
        }
        PageRecord before =
                crawl.previousPass() == null ? null : crawl.previousPass().find(request.url());
        FetchResult result = crawl.fetcher()
                .fetchIfChanged(request.url(), before == null ? null : before.validators(), () -> sent(lease));
        Handback notNow = notNow(lease, result);
        if (notNow != null || result.status() == 0) {
            crawl.frontier().releasePage(lease.hostKey());
            if (notNow != null) {
                return notNow;
            }
            record(request, result, null);
            return Handback.FAILED;
        }
        if (result.error() == FetchError.NOT_MODIFIED && before != null) {
            unchanged(request, result, before);
            return Handback.PAGE;
        }
        if (result.isRedirect()) {
            return followRedirect(request, result) ? Handback.PAGE : Handback.OTHER;
        }
        ParsedPage parsed = parseLinks(request, result);
        // A page cut at the size cap is read as it is: a browser would render half a page.
        Rendering.Plan plan = result.hasPage() && result.error() == null && crawl.rendering() != null
                ? crawl.rendering().plan(lease.hostKey())
                : Rendering.Plan.AS_SERVED;
        Read read = plan == Rendering.Plan.AS_SERVED
                ? new Read(parsed, result.hasBody() ? handle(request, result, parsed, false) : null, null)
                : render(lease.hostKey(), request, result, parsed, plan == Rendering.Plan.SAMPLE);
        if (read.parsed() != null || read.page() != null) {
            onFoundLinks(request, result, read.parsed(), read.page());
        }
        record(request, result, read.parsed(), read.page(), read.rendered());
        if (read.page() != null && read.page().stopsCrawl()) {
            crawl.stop().run();
        }
        return Handback.PAGE;
    }

    /** The request went out: the host's delay counts from now, for its pages and their own requests. */
    private void sent(Lease lease) {
        crawl.frontier().sent(lease);
        if (crawl.rendering() != null) {
            crawl.rendering().contacted(lease.hostKey());
        }
    }

    /**
     * What a page gave: its links, what the handler made of it, and how the browser did.
     *
     * @param rendered the browser's outcome, or {@code null} when the page was not sent to one
     */
    private record Read(ParsedPage parsed, Page page, Renderer.Rendered rendered) {}

    /**
     * Renders a page and reads its DOM as a page: links, handler. A page that does not render is
     * read as served. A page that {@link Renderer.Mode#AUTO} samples is read both ways, as served
     * first, so that what the handler keeps of the rendered one (a saved file) comes last.
     */
    private Read render(String host, CrawlRequest request, FetchResult result, ParsedPage parsed, boolean sample)
            throws InterruptedException {
        try {
            return renderAndRead(host, request, result, parsed, sample);
        } finally {
            if (sample) {
                crawl.rendering().sampleEnded(host);
            }
        }
    }

    private Read renderAndRead(String host, CrawlRequest request, FetchResult result, ParsedPage parsed, boolean sample)
            throws InterruptedException {
        Renderer.Rendered rendered = crawl.rendering().render(request.url(), result);
        if (rendered.html() == null) {
            if (sample) {
                crawl.rendering().sampleFailed(host, request.url());
            }
            return new Read(parsed, handle(request, result, parsed, false), rendered);
        }
        Page served = sample ? handle(request, result, parsed, false) : null;
        FetchResult dom = result.withRenderedBody(rendered.html());
        ParsedPage read = crawl.extractor().extract(dom.body(), dom.declaredCharset(), request.url());
        // What the page as served asks of robots stands, even where a script removed it.
        ParsedPage fromDom = new ParsedPage(
                read.title(),
                read.links(),
                read.canonical(),
                read.metaNofollow() || parsed.metaNofollow(),
                read.metaNoindex() || parsed.metaNoindex());
        Page page = handle(request, dom, fromDom, true);
        if (sample) {
            crawl.rendering().sampled(host, request.url(), parsed, served, fromDom, page);
        }
        return new Read(fromDom, page, rendered);
    }

    /**
     * A page the server says has not changed since the previous pass: its earlier title, links,
     * values and items stand, and its links are followed again, so that the pass reaches what
     * only this page links to.
     */
    private void unchanged(CrawlRequest request, FetchResult result, PageRecord before) {
        onFoundLinks(
                request,
                result,
                new ParsedPage(
                        before.title(), before.outlinks(), before.canonical(), before.nofollow(), before.noindex()),
                null);
        crawl.outcomes()
                .record(toRecord(
                                request,
                                result,
                                before.title(),
                                before.outlinks(),
                                before.canonical(),
                                before.noindex(),
                                false)
                        .nofollow(before.nofollow())
                        .validators(latest(result.headers().validators(), before.validators()))
                        .contentType(before.contentType())
                        .extracted(before.extracted())
                        .items(before.items())
                        .build());
    }

    /** The validators of a 304, each one that it lacks kept from before. */
    private static Validators latest(Validators now, Validators before) {
        if (now == null) {
            return before;
        }
        return new Validators(
                now.etag() != null ? now.etag() : before.etag(),
                now.lastModified() != null ? now.lastModified() : before.lastModified());
    }

    /**
     * Asks robots.txt about the leased URL, fetching it first if its rules are not known. Returns
     * what to do with the lease when the URL is not to be fetched now, or {@code null} to go on.
     */
    private Handback checkRobots(Lease lease) throws InterruptedException {
        CrawlRequest request = lease.request();
        RobotsRules rules = crawl.robots().cached(request.url());
        if (rules == null) {
            // Fetching robots.txt was this host's request: the page waits for its next turn.
            onRobots(lease.hostKey(), request, crawl.robots().rules(request.url()));
            return new Handback.Again(request, Duration.ZERO);
        }
        FetchResult unanswered = rules.failure();
        if (unanswered != null && unanswered.error().hostUnreachable()) {
            // The host cannot be reached at all: that is this URL's outcome, retried as any other.
            FetchResult failed = FetchResult.failed(request.url(), 0, unanswered.error(), unanswered.detail());
            Handback notNow = notNow(lease, failed);
            if (notNow != null) {
                return notNow;
            }
            record(request, failed, null);
            return Handback.FAILED;
        }
        if (rules.source() == RobotsRules.Source.UNREACHABLE) {
            return robotsUnreachable(lease);
        }
        if (!rules.allows(request.url())) {
            crawl.skips().add(Skip.ROBOTS, 1);
            record(request, FetchResult.failed(request.url(), 0, FetchError.ROBOTS, "disallowed by robots.txt"), null);
            return Handback.OTHER;
        }
        return null;
    }

    /** The tutorial's {@code parse_links}: a page's links, or {@code null} when the answer is no page. */
    private ParsedPage parseLinks(CrawlRequest request, FetchResult result) {
        if (result.error() == FetchError.TOO_LARGE) {
            crawl.skips().add(Skip.TOO_LARGE, 1);
        }
        if (!result.hasPage()) {
            if (result.error() == FetchError.NOT_HTML) {
                crawl.skips().add(Skip.NOT_HTML, 1);
            }
            return null;
        }
        return crawl.extractor().extract(result.body(), result.declaredCharset(), request.url());
    }

    /**
     * The user's page handler, if there is one: what it emits, extracts and follows stays with
     * the page; what it throws becomes the page's {@code handler_error}.
     */
    private Page handle(CrawlRequest request, FetchResult result, ParsedPage parsed, boolean rendered) {
        if (crawl.handler() == null) {
            return null;
        }
        Page page = new Page(request, result, parsed == null ? List.of() : parsed.links(), rendered);
        try {
            crawl.handler().handle(page);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e; // out of memory: the crawl fails, as a dying worker does
            }
            if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                // The crawl is stopping: not this page's outcome; its lease stays for a resume.
                Thread.currentThread().interrupt();
                throw new CancellationException("the crawl stopped while its handler ran");
            }
            page.failed(e);
        }
        return page;
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
    private Handback robotsUnreachable(Lease lease) {
        CrawlRequest request = lease.request();
        HostThrottle.Decision d = crawl.throttle().noAnswer(lease.hostKey());
        applyToHost(lease.hostKey(), d);
        if (d.giveUp() == null && request.attempt() <= crawl.retries()) {
            return new Handback.Again(request.nextAttempt(), crawl.robotsRetryWait());
        }
        crawl.skips().add(Skip.ROBOTS, 1);
        record(request, FetchResult.failed(request.url(), 0, FetchError.ROBOTS, "robots.txt unreachable"), null);
        return Handback.OTHER;
    }

    /**
     * Whether the answer ends the lease before it is read: the host given up (then the URL is
     * recorded with the others), or a try again later. {@code null} to go on.
     */
    private Handback notNow(Lease lease, FetchResult result) {
        if (throttle(lease, result)) {
            record(lease.request(), result, null);
            return result.status() != 0 ? Handback.PAGE : Handback.OTHER;
        }
        return retry(lease.request(), result);
    }

    /** Tells the throttle how the host answered and applies its decision; returns whether the host was given up. */
    private boolean throttle(Lease lease, FetchResult result) {
        HostThrottle throttle = crawl.throttle();
        HostThrottle.Decision d = result.status() == 0
                ? throttle.noAnswer(lease.hostKey())
                : throttle.answered(
                        lease.hostKey(),
                        result.status(),
                        result.elapsedMillis(),
                        RetryAfter.parse(result.headers().retryAfter(), Instant.now()));
        applyToHost(lease.hostKey(), d);
        return d.giveUp() != null;
    }

    private void applyToHost(String hostKey, HostThrottle.Decision d) {
        crawl.frontier().updateHost(hostKey, d.delay(), d.pause());
        if (d.giveUp() != null) {
            List<CrawlRequest> dropped = crawl.frontier().giveUpHost(hostKey);
            crawl.skips().add(Skip.GIVEN_UP, dropped.size());
            for (CrawlRequest r : dropped) {
                record(
                        r,
                        FetchResult.failed(r.url(), 0, FetchError.HOST_GIVEN_UP, "host given up: " + d.giveUp()),
                        null);
            }
        }
    }

    /** What may work later is tried again, later, through the frontier, a few times; {@code null} otherwise. */
    private Handback retry(CrawlRequest request, FetchResult result) {
        if (!result.isRetryable() || request.attempt() > crawl.retries()) {
            return null;
        }
        return new Handback.Again(request.nextAttempt(), crawl.throttle().retryWait(request.attempt()));
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

    /**
     * The tutorial's {@code on_found_links}: the page's links (unless it says nofollow, or the
     * handler said to skip them) and those the handler asked for go through scope to the frontier.
     */
    private void onFoundLinks(CrawlRequest from, FetchResult result, ParsedPage parsed, Page page) {
        boolean nofollow = !crawl.followNofollow() && asksNofollow(parsed, result);
        List<Link> found = parsed == null ? List.of() : parsed.links();
        if (nofollow) {
            crawl.skips().add(Skip.NOFOLLOW, found.size());
            found = List.of();
        }
        int max = crawl.maxLinksPerPage();
        if (max > 0 && found.size() > max) {
            crawl.skips().add(Skip.LINK_LIMIT, found.size() - max);
            found = found.subList(0, max);
        }
        List<Link> links = new ArrayList<>(page == null || page.followsLinks() ? found : List.of());
        if (page != null) {
            links.addAll(page.follows());
        }
        int depth = from.depth() + 1;
        List<CrawlRequest> toOffer = new ArrayList<>(links.size());
        for (Link link : links) {
            Skip skip = link.nofollow() && !crawl.followNofollow()
                    ? Skip.NOFOLLOW
                    : crawl.scope().skip(link.url(), depth);
            if (skip != null) {
                crawl.skips().add(skip, 1);
            } else {
                toOffer.add(new CrawlRequest(link.url(), depth, from.url()));
            }
        }
        offer(toOffer);
    }

    /** Whether the page asks that its links not be followed: meta robots, or X-Robots-Tag. */
    private boolean asksNofollow(ParsedPage parsed, FetchResult result) {
        return parsed != null
                && (parsed.metaNofollow()
                        || RobotsTag.says(result.headers().robotsTag(), crawl.productToken(), "nofollow"));
    }

    private void offer(List<CrawlRequest> found) {
        if (!found.isEmpty()) {
            for (OfferResult r : crawl.frontier().offer(found)) {
                if (r == OfferResult.DUPLICATE) {
                    crawl.skips().add(Skip.DUPLICATE, 1);
                } else if (r == OfferResult.GIVEN_UP) {
                    crawl.skips().add(Skip.GIVEN_UP, 1);
                }
            }
        }
    }

    /** A sitemap (or sitemap index) lists URLs: they go through the same scope, seen-set and budget. */
    private Handback readSitemap(Lease lease) throws InterruptedException {
        CrawlRequest request = lease.request();
        FetchResult result = crawl.fetcher().fetchFile(request.url(), SitemapReader.MAX_BYTES, () -> sent(lease));
        Handback notNow = notNow(lease, result);
        if (notNow != null) {
            return notNow;
        }
        SitemapReader.Read read = sitemaps.read(request, result);
        offer(read.found());
        List<Link> listed =
                read.found().stream().map(r -> new Link(r.url(), "", false)).toList();
        crawl.outcomes()
                .record(toRecord(request, read.outcome(), null, listed, null, false, true)
                        .build());
        return Handback.OTHER;
    }

    private void record(CrawlRequest request, FetchResult result, ParsedPage parsed) {
        record(request, result, parsed, null, null);
    }

    private void record(
            CrawlRequest request, FetchResult result, ParsedPage parsed, Page page, Renderer.Rendered rendered) {
        boolean noindex = parsed != null && parsed.metaNoindex()
                || RobotsTag.says(result.headers().robotsTag(), crawl.productToken(), "noindex");
        PageRecord.Builder record = toRecord(
                request,
                result,
                parsed == null ? null : parsed.title(),
                parsed == null ? List.of() : parsed.links(),
                parsed == null ? null : parsed.canonical(),
                noindex,
                false);
        record.nofollow(asksNofollow(parsed, result));
        if (rendered != null) {
            record.rendered(rendered.html() != null).renderMillis(rendered.millis());
            if (rendered.html() == null) {
                record.error(rendered.timedOut() ? FetchError.RENDER_TIMEOUT : FetchError.RENDER_FAILED)
                        .detail(rendered.failure());
            }
        }
        if (page != null) {
            record.extracted(page.extracted()).items(page.items());
            if (page.failure() != null) {
                record.error(FetchError.HANDLER_ERROR).detail(page.failure());
            }
        }
        crawl.outcomes().record(record.build());
    }

    private static PageRecord.Builder toRecord(
            CrawlRequest request,
            FetchResult result,
            String title,
            List<Link> links,
            WebUrl canonical,
            boolean noindex,
            boolean sitemap) {
        return PageRecord.builder(request.origin())
                .finalUrl(request.url())
                .status(result.status())
                .httpVersion(result.httpVersion())
                .validators(result.headers().validators())
                .contentType(result.contentType())
                .depth(request.depth())
                .referrer(request.referrer())
                .bytes(result.bytes())
                .elapsedMillis(result.elapsedMillis())
                .fetchedAt(Instant.now())
                .title(title)
                .outlinks(links)
                .attempts(request.attempt())
                .error(result.error())
                .detail(result.detail())
                .redirects(request.redirects())
                .canonical(canonical)
                .noindex(noindex)
                .sitemap(sitemap);
    }

    /** Where a worker sends what it records; the crawler counts and forwards to listeners. */
    interface Outcomes {
        void record(PageRecord page);
    }
}
