package dev.trawl;

import dev.trawl.fetch.FetchOptions;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.JettyFetcher;
import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierStats;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.parse.JsoupLinkExtractor;
import dev.trawl.parse.LinkExtractor;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
 *         .maxPages(100)
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
    private final LinkExtractor extractor;
    private final UrlFilter filter;
    private final int maxDepth;
    private final Duration leaseTime;
    private final List<CrawlListener> listeners;

    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> listenerFailure = new AtomicReference<>();
    private volatile ExecutorService running;
    private volatile boolean stopped;
    private volatile long startNanos;

    private Crawler(Builder b) {
        this.seeds = List.copyOf(b.seeds);
        this.workers = b.workers;
        this.filter = b.filter != null ? b.filter
                : UrlFilter.builder().allowDomains(seeds.stream().map(UrlFilter::siteDomain).toList()).build();
        this.frontier = b.frontier != null ? b.frontier
                : b.politeness.build();
        this.fetcher = b.fetcher != null ? b.fetcher
                : new JettyFetcher(b.fetchOptions.withConnectionsPerHost(b.perHost));
        this.extractor = b.extractor;
        this.maxDepth = b.maxDepth;
        this.leaseTime = b.fetchOptions.totalTimeout().multipliedBy(2).plusMinutes(1);
        this.listeners = List.copyOf(b.listeners);
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
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trawl-worker-", 0).factory())) {
            running = pool;
            for (int i = 0; i < workers; i++) {
                pool.execute(new Worker(frontier, fetcher, extractor, filter, maxDepth, leaseTime, this::record));
            }
            if (stopped) {
                pool.shutdownNow();
            }
        }
        Throwable failure = listenerFailure.get();
        if (failure != null) {
            throw new CrawlException("output failed: " + failure.getMessage(), failure);
        }
        return new CrawlResult(pages.get(), ok.get(), failed.get(), frontier.stats().seen(), elapsed(),
                stopped);
    }

    private void record(PageRecord page) {
        pages.incrementAndGet();
        (page.ok() ? ok : failed).incrementAndGet();
        for (CrawlListener listener : listeners) {
            try {
                listener.onPage(page);
            } catch (Exception | Error e) {
                if (listenerFailure.compareAndSet(null, e)) {
                    stop();
                }
            }
        }
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
        return new CrawlStats(pages.get(), failed.get(), f.seen(), f.queued(), f.inFlight(), elapsed());
    }

    private Duration elapsed() {
        return startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Releases the HTTP client and the frontier. */
    @Override
    public void close() {
        frontier.close();
        fetcher.close();
    }

    /** Builds a {@link Crawler}; only the seeds are required. */
    public static final class Builder {
        private final Set<WebUrl> seeds = new LinkedHashSet<>();
        private UrlFilter filter;
        private int workers = 16;
        private int perHost = 2;
        private final InMemoryFrontier.Builder politeness =
                InMemoryFrontier.builder().perHost(perHost).delay(Duration.ofMillis(250));
        private int maxDepth = -1;
        private FetchOptions fetchOptions = FetchOptions.defaults();
        private final List<CrawlListener> listeners = new ArrayList<>();
        private Frontier frontier;
        private Fetcher fetcher;
        private LinkExtractor extractor = new JsoupLinkExtractor();

        private Builder() {
        }

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

        /** Concurrent fetches per host (default 2). */
        public Builder perHost(int n) {
            politeness.perHost(n);
            this.perHost = n;
            return this;
        }

        /** Least time between request starts to one host (default 250 ms). */
        public Builder delay(Duration d) {
            politeness.delay(d);
            return this;
        }

        /** Most pages to fetch; 0 (the default) means no limit. Failed connections do not count. */
        public Builder maxPages(long n) {
            politeness.maxPages(n);
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

        /** Adds a receiver of every outcome. */
        public Builder listener(CrawlListener l) {
            listeners.add(l);
            return this;
        }

        /** Replaces the frontier (then per-host, delay and max pages are the frontier's own). */
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
         * @throws IllegalStateException if no seed was given
         */
        public Crawler build() {
            if (seeds.isEmpty()) {
                throw new IllegalStateException("at least one start URL is needed");
            }
            return new Crawler(this);
        }
    }
}
