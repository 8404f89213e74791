package dev.trawl;

import dev.trawl.fetch.FetchOptions;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.JettyFetcher;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierStats;
import dev.trawl.frontier.FrontierStore;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Politeness;
import dev.trawl.internal.RobotsPolicy;
import dev.trawl.internal.RobotsRules;
import dev.trawl.parse.LinkExtractor;
import dev.trawl.parse.StreamingLinkExtractor;
import dev.trawl.politeness.HostThrottle;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.TrapGuard;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A web crawl: the tutorial's {@code Crawler(client, urls, filter_url, workers, limit)}.
 *
 * <p>{@link #run()} puts the seeds into the frontier, starts the workers on virtual threads and
 * returns when nothing is queued and nothing is in flight (or the page limit is reached). Every
 * crawled URL's outcome goes to the listeners as it happens.
 *
 * <pre>{@code
 * try (Crawler crawler = Crawler.builder()
 *         .seeds("https://example.com/")
 *         .politeness(Politeness.builder().maxPages(100).build())
 *         .listener(page -> System.out.println(page.finalUrl()))
 *         .build()) {
 *     CrawlResult result = crawler.run();
 * }
 * }</pre>
 */
public final class Crawler implements AutoCloseable {

    private final List<WebUrl> seeds;
    private final int workers;
    private final Frontier frontier;
    private final Fetcher fetcher;
    private final Renderer renderer;
    private final CrawlContext context;
    private final List<CrawlListener> listeners;
    private final Skips skips = new Skips();

    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<ListenerFailure> listenerFailure = new AtomicReference<>();
    private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();
    private final ReentrantLock listenerLock = new ReentrantLock();
    private volatile ExecutorService running;
    private volatile boolean stopped;
    private volatile boolean timeLimitReached;
    private final Duration maxTime;
    private volatile long startNanos;

    private Crawler(Builder b) {
        this.seeds = List.copyOf(b.seeds);
        this.workers = b.workers;
        UrlFilter filter = b.filter != null
                ? b.filter
                : UrlFilter.builder()
                        .allowDomains(seeds.stream().map(UrlFilter::siteDomain).toList())
                        .build();
        this.frontier = b.frontier != null
                ? b.frontier
                : InMemoryFrontier.builder()
                        .politeness(b.politeness)
                        .store(b.store)
                        .build();
        // The frontier's own limits: a shared crawl joined keeps the limits it was started with.
        Politeness politeness = frontier.politeness();
        Fetcher http = b.fetcher != null
                ? b.fetcher
                : new JettyFetcher(b.fetchOptions
                        .newBuilder()
                        .connectionsPerHost(politeness.perHost())
                        .build());
        this.fetcher = new ReportingFetcher(http, FetchKind.SITEMAP, this::fetched);
        String token = RobotsRules.productToken(b.fetchOptions.userAgent());
        HostThrottle throttle = new HostThrottle(b.throttle.apply(HostThrottle.Settings.defaults(politeness.delay())));
        RobotsPolicy robots = b.robots
                ? new RobotsPolicy(
                        new ReportingFetcher(http, FetchKind.ROBOTS, this::fetched),
                        b.fetchOptions.userAgent(),
                        Duration.ofHours(24),
                        b.robotsRetryWait,
                        politeness.delay(),
                        System::nanoTime)
                : null;
        this.maxTime = b.maxTime;
        this.listeners = List.copyOf(b.listeners);
        this.renderer = b.renderer;
        Scope scope = new Scope(filter, b.maxDepth, b.trapGuard);
        this.context = new CrawlContext(
                frontier,
                fetcher,
                b.extractor != null ? b.extractor : new StreamingLinkExtractor(token),
                scope,
                robots,
                throttle,
                b.retries,
                b.robotsRetryWait,
                token,
                b.followNofollow,
                b.sitemaps,
                b.maxLinksPerPage,
                b.fetchOptions.totalTimeout().multipliedBy(2).plusMinutes(1),
                skips,
                b.handlers.isEmpty() ? null : allOf(List.copyOf(b.handlers)),
                b.previousPass,
                b.renderer == null
                        ? null
                        : new Rendering(
                                b.renderer,
                                b.renderMode,
                                new ReportingFetcher(http, FetchKind.RESOURCE, this::fetched),
                                frontier,
                                scope,
                                robots,
                                throttle,
                                politeness.hostKey()),
                this::record,
                this::stop);
    }

    private static PageHandler allOf(List<PageHandler> handlers) {
        return handlers.size() == 1
                ? handlers.get(0)
                : page -> {
                    for (PageHandler h : handlers) {
                        h.handle(page);
                    }
                };
    }

    /** Starts describing a crawl. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Crawls until the frontier is finished or {@link #stop()} is called.
     *
     * @throws CrawlException if a listener failed; the crawl stopped at that point
     */
    public CrawlResult run() {
        startNanos = System.nanoTime();
        frontier.offer(seeds.stream().map(CrawlRequest::seed).toList());
        if (context.sitemaps()) {
            frontier.offer(seeds.stream()
                    .map(s -> CrawlRequest.sitemap(UrlNormalizer.resolve(s, "/sitemap.xml"), 0, null))
                    .toList());
        }
        Thread deadline = maxTime == null
                ? null
                : Thread.ofVirtual().name("trawl-deadline").start(this::stopAtDeadline);
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trawl-worker-", 0).factory())) {
            running = pool;
            for (int i = 0; i < workers && !stopped; i++) {
                Worker worker = new Worker(context);
                try {
                    pool.execute(() -> {
                        try {
                            worker.run();
                        } catch (Throwable t) {
                            // A worker that dies (out of memory, a bug) must not end the crawl as if it had finished.
                            if (workerFailure.compareAndSet(null, t)) {
                                stop();
                            }
                        }
                    });
                } catch (RejectedExecutionException e) {
                    break; // stopped (a worker died, a listener failed) before every worker started
                }
            }
            if (stopped) {
                pool.shutdownNow();
            }
        } finally {
            if (deadline != null) {
                deadline.interrupt();
            }
        }
        ListenerFailure failure = listenerFailure.get();
        if (failure != null) {
            throw new CrawlException(
                    "listener " + failure.listener().getClass().getName() + " failed: " + failure.describe(),
                    failure.error(),
                    failure.listener());
        }
        Throwable died = workerFailure.get();
        if (died != null) {
            throw new CrawlException("the crawl failed: " + died, died);
        }
        return new CrawlResult(
                pages.get(),
                ok.get(),
                failed.get(),
                frontier.stats().seen(),
                elapsed(),
                stopped,
                skips.snapshot(),
                context.throttle().cappedCrawlDelays(),
                timeLimitReached,
                context.rendering() == null ? List.of() : context.rendering().summary(),
                frontier.politeness().maxPages() > 0
                        && frontier.stats().pages() >= frontier.politeness().maxPages()
                        && frontier.stats().queued() > 0);
    }

    /** Waits out the crawl's time limit (interrupted when the crawl ends first), then stops it. */
    private void stopAtDeadline() {
        try {
            Thread.sleep(maxTime);
            timeLimitReached = true;
            stop();
        } catch (InterruptedException e) {
            // The crawl ended before its time limit.
        }
    }

    private void record(PageRecord page) {
        if (page.crawled()) {
            pages.incrementAndGet();
            (page.ok() ? ok : failed).incrementAndGet();
        }
        tellListeners(l -> l.onPage(page));
    }

    private void fetched(FetchResult fetch, FetchKind kind) {
        tellListeners(l -> l.onFetch(fetch, kind));
    }

    /**
     * One outcome at a time, so that every listener sees them in the same order (line n of the
     * JSON output is row n of the CSV). A listener that fails stops the crawl; the first failure
     * is reported by {@link #run()}.
     */
    private void tellListeners(ListenerCall call) {
        listenerLock.lock();
        try {
            for (CrawlListener listener : listeners) {
                try {
                    call.on(listener);
                } catch (Exception | Error e) {
                    if (listenerFailure.compareAndSet(null, new ListenerFailure(listener, e))) {
                        stop();
                    }
                }
            }
        } finally {
            listenerLock.unlock();
        }
    }

    private record ListenerFailure(CrawlListener listener, Throwable error) {
        String describe() {
            return error.getMessage() != null ? error.getMessage() : error.toString();
        }
    }

    private interface ListenerCall {
        void on(CrawlListener listener) throws Exception;
    }

    /**
     * Stops the crawl: no new URL is leased and fetches in flight are interrupted. {@link #run()}
     * then returns with what was recorded so far. Safe to call from any thread, e.g. a shutdown hook.
     */
    public void stop() {
        stopped = true;
        frontier.close();
        ExecutorService pool = running;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Live counters, for a progress display. */
    public CrawlStats stats() {
        FrontierStats f = frontier.stats();
        return new CrawlStats(
                pages.get(),
                failed.get(),
                f.seen(),
                f.queued(),
                f.inFlight(),
                elapsed(),
                f.hostsDelayed(),
                f.hostsPaused(),
                context.robots() == null ? 0 : context.robots().pending(),
                skips.snapshot());
    }

    private Duration elapsed() {
        return startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Releases the HTTP client, the frontier and the renderer. */
    @Override
    public void close() {
        frontier.close();
        fetcher.close();
        if (renderer != null) {
            renderer.close();
        }
    }

    /** Builds a {@link Crawler}; only the seeds are required. */
    public static final class Builder {
        private final Set<WebUrl> seeds = new LinkedHashSet<>();
        private UrlFilter filter;
        private int workers = 16;
        private Politeness politeness = Politeness.defaults();
        private boolean politenessGiven;
        private FrontierStore store;
        private int maxDepth = -1;
        private boolean robots = true;
        private Duration robotsRetryWait = Duration.ofMinutes(1);
        private boolean sitemaps;
        private boolean followNofollow;
        private int retries = 2;
        private Duration maxTime;
        private int maxLinksPerPage;
        private TrapGuard trapGuard = TrapGuard.defaults();
        private UnaryOperator<HostThrottle.Settings> throttle = UnaryOperator.identity();
        private FetchOptions fetchOptions = FetchOptions.defaults();
        private final List<CrawlListener> listeners = new ArrayList<>();
        private final List<PageHandler> handlers = new ArrayList<>();
        private Frontier frontier;
        private Fetcher fetcher;
        private LinkExtractor extractor;
        private PreviousPass previousPass;
        private Renderer renderer;
        private Renderer.Mode renderMode;

        private Builder() {}

        /**
         * The start URLs, normalized.
         *
         * @throws InvalidUrlException naming the first URL that is not a valid http(s) URL
         */
        public Builder seeds(String... urls) {
            return seeds(List.of(urls));
        }

        /** The start URLs, normalized; see {@link #seeds(String...)}. */
        public Builder seeds(List<String> urls) {
            for (String url : urls) {
                WebUrl seed;
                try {
                    seed = UrlNormalizer.normalize(url);
                } catch (InvalidUrlException e) {
                    throw new InvalidUrlException("invalid start URL '" + url + "': " + e.getMessage());
                }
                if (!seed.scheme().equals("http") && !seed.scheme().equals("https")) {
                    throw new InvalidUrlException("invalid start URL '" + url + "': only http and https are crawled");
                }
                seeds.add(seed);
            }
            return this;
        }

        /** Which discovered URLs are in scope (default: the seeds' {@linkplain UrlFilter#siteDomain sites}). */
        public Builder filter(UrlFilter f) {
            this.filter = f;
            return this;
        }

        /** Concurrent fetches in all (default 16): the number of worker threads. */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = n;
            return this;
        }

        /**
         * Fetches per host at once, the delay between them as the server sees them, the page
         * limits and what they count per (default {@link Politeness#defaults()}: 2 per host,
         * 250 ms, no page limit). With {@link #frontier}, the frontier's own apply instead.
         */
        public Builder politeness(Politeness p) {
            this.politeness = p;
            this.politenessGiven = true;
            return this;
        }

        /** Changes some of the politeness set so far: {@code .politeness(p -> p.delay(Duration.ofSeconds(1)))}. */
        public Builder politeness(UnaryOperator<Politeness.Builder> change) {
            return politeness(change.apply(politeness.newBuilder()).build());
        }

        /** Whether robots.txt is obeyed (default true). */
        public Builder robots(boolean obey) {
            this.robots = obey;
            return this;
        }

        /** How long an unreachable robots.txt (5xx, no answer) keeps its host waiting before it is asked again (default 1 min). */
        public Builder robotsRetryWait(Duration d) {
            this.robotsRetryWait = d;
            return this;
        }

        /** Whether sitemaps are read: {@code /sitemap.xml} of each start host and robots.txt's {@code Sitemap:} lines (default false). */
        public Builder sitemaps(boolean read) {
            this.sitemaps = read;
            return this;
        }

        /** Whether links marked nofollow (rel, meta robots, X-Robots-Tag) are followed anyway (default false). */
        public Builder followNofollow(boolean follow) {
            this.followNofollow = follow;
            return this;
        }

        /**
         * The longest the whole crawl may run; then it stops as {@link #stop()} does, fetches in
         * flight are interrupted, and what was recorded is kept (default: no limit).
         */
        public Builder maxTime(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("max time must be more than 0");
            }
            this.maxTime = d;
            return this;
        }

        /** How many times a timeout, broken connection, 5xx or 429 is tried again (default 2). */
        public Builder retries(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("retries must not be negative");
            }
            this.retries = n;
            return this;
        }

        /**
         * The most links followed from one page, in page order; the rest are counted as skipped
         * ({@code link_limit}) and still recorded with the page. 0, the default, for no limit:
         * real index pages hold tens of thousands.
         */
        public Builder maxLinksPerPage(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("max links per page must not be negative: " + n);
            }
            this.maxLinksPerPage = n;
            return this;
        }

        /** The trap guard for discovered URLs (default {@link TrapGuard#defaults()}). */
        public Builder trapGuard(TrapGuard guard) {
            this.trapGuard = guard;
            return this;
        }

        /** Adjusts the adaptive throttle's settings, which start from the delay given here. */
        public Builder throttle(UnaryOperator<HostThrottle.Settings> adjust) {
            this.throttle = adjust;
            return this;
        }

        /** Most links to follow from a seed; -1 (the default) means no limit, 0 only the seeds. */
        public Builder maxDepth(int n) {
            this.maxDepth = n;
            return this;
        }

        /** User agent, timeouts and body size cap for the default fetcher. */
        public Builder fetchOptions(FetchOptions options) {
            this.fetchOptions = options;
            return this;
        }

        /**
         * What to do with each fetched page (2xx, HTML): read it, emit items, extract fields,
         * follow more URLs. Called on the workers, concurrently; see {@link PageHandler}. May be
         * given more than once: the handlers are called in order, and one that throws ends the
         * page's handling.
         */
        public Builder handler(PageHandler h) {
            handlers.add(h);
            return this;
        }

        /**
         * Adds a receiver of every URL's outcome, fetched or not (robots.txt forbidden, host
         * given up), one at a time in one order; may be given more than once.
         */
        public Builder listener(CrawlListener l) {
            listeners.add(l);
            return this;
        }

        /**
         * Makes this crawl a new pass over an earlier one's pages (e.g. trawl-sqlite's {@code
         * CrawlState}): a page the earlier pass fetched is asked with If-None-Match and
         * If-Modified-Since, and when the server answers 304 it is recorded as {@code
         * not_modified} with the earlier record's title, links, values and items, and its links
         * are followed again, so the pass reaches the whole site without downloading what did
         * not change. The handler does not see an unchanged page, and what it asked of the page
         * before is not kept: URLs it gave {@link Page#follow} are not offered again, and links it
         * skipped ({@link Page#skipLinks}) are followed.
         */
        public Builder previousPass(PreviousPass pass) {
            this.previousPass = pass;
            return this;
        }

        /**
         * Renders HTML pages in a browser ({@code trawl-render}'s {@code ChromiumRenderer}), every
         * one or per host ({@link Renderer.Mode}): the rendered DOM's links are followed, and the
         * page handler and the record see it ({@link Page#rendered()}, {@link PageRecord#rendered()}).
         * The crawler closes the renderer when it is closed.
         */
        public Builder render(Renderer r, Renderer.Mode mode) {
            this.renderer = Objects.requireNonNull(r, "renderer");
            this.renderMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Keeps the frontier in a store and resumes what it holds (e.g. trawl-sqlite's {@code CrawlState}). */
        public Builder frontierStore(FrontierStore s) {
            this.store = s;
            return this;
        }

        /**
         * Replaces the frontier; its {@linkplain Frontier#politeness() politeness} is the crawl's,
         * so neither {@link #politeness} nor {@link #frontierStore} goes with it.
         */
        public Builder frontier(Frontier f) {
            this.frontier = f;
            return this;
        }

        /** Replaces the fetcher; the crawler closes it. */
        public Builder fetcher(Fetcher f) {
            this.fetcher = f;
            return this;
        }

        /** Replaces the link extractor. */
        public Builder linkExtractor(LinkExtractor e) {
            this.extractor = e;
            return this;
        }

        /**
         * The crawler, with its HTTP client started.
         *
         * @throws IllegalStateException if no seed was given, or a frontier together with
         *     politeness or a store that it would not use
         */
        public Crawler build() {
            if (seeds.isEmpty()) {
                throw new IllegalStateException("at least one start URL is needed");
            }
            if (frontier != null && (politenessGiven || store != null)) {
                throw new IllegalStateException(
                        "a frontier given has its own politeness and store: set them on the frontier's builder");
            }
            return new Crawler(this);
        }
    }
}
