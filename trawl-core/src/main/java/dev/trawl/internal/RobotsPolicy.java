package dev.trawl.internal;

import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * robots.txt for every host of a crawl: fetched once per origin (scheme, host, port) before its
 * first page, kept for a while, fetched again when it expires. Concurrent asks for one origin
 * share one fetch. Unreachable rules are kept only briefly, so that they are asked for again.
 */
public final class RobotsPolicy {

    /** RFC 9309: at least 500 KiB must be parsed; the rest may be ignored. */
    static final int MAX_BYTES = 500 * 1024;
    /** RFC 9309: at least five consecutive redirects must be followed. */
    static final int MAX_REDIRECTS = 5;

    private final Fetcher fetcher;
    private final String productToken;
    private final long ttlNanos;
    private final long unreachableTtlNanos;
    private final Duration hopDelay;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    /** One origin's rules, being fetched or fetched, and when they expire. */
    private static final class Entry {
        final CompletableFuture<RobotsRules> rules = new CompletableFuture<>();
        volatile long expiresAt = Long.MAX_VALUE;

        boolean expired(long now) {
            return rules.isDone() && now - expiresAt > 0;
        }
    }

    /**
     * @param fetcher fetches robots.txt files
     * @param userAgent the crawler's User-Agent, whose first word is matched against robots.txt groups
     * @param ttl how long rules are kept (RFC 9309: at most a day should be usual)
     * @param unreachableTtl how long "unreachable" is believed before asking again
     * @param hopDelay the wait between a redirect and the request to its target
     */
    public RobotsPolicy(
            Fetcher fetcher,
            String userAgent,
            Duration ttl,
            Duration unreachableTtl,
            Duration hopDelay,
            LongSupplier nanoTime) {
        this.fetcher = fetcher;
        this.productToken = RobotsRules.productToken(userAgent);
        this.ttlNanos = ttl.toNanos();
        this.unreachableTtlNanos = unreachableTtl.toNanos();
        this.hopDelay = hopDelay;
        this.nanoTime = nanoTime;
    }

    /** The rules known for the URL's origin, or {@code null} when they must be fetched first. */
    public RobotsRules cached(WebUrl url) {
        Entry e = cache.get(origin(url));
        if (e == null || !e.rules.isDone() || e.expired(nanoTime.getAsLong())) {
            return null;
        }
        return e.rules.getNow(null);
    }

    /**
     * The rules for the URL's origin, fetching robots.txt if they are not known or expired.
     * Blocks (a virtual thread parks) while another thread fetches the same file.
     */
    public RobotsRules rules(WebUrl url) throws InterruptedException {
        String origin = origin(url);
        while (true) {
            Entry fresh = new Entry();
            Entry e = cache.compute(origin, (k, old) -> old == null || old.expired(nanoTime.getAsLong()) ? fresh : old);
            if (e == fresh) {
                return fetchInto(url, fresh);
            }
            try {
                return e.rules.get();
            } catch (ExecutionException ex) {
                cache.remove(origin, e);
            }
        }
    }

    private RobotsRules fetchInto(WebUrl url, Entry entry) throws InterruptedException {
        pending.incrementAndGet();
        try {
            RobotsRules rules = fetch(url);
            long ttl = rules.source() == RobotsRules.Source.UNREACHABLE ? unreachableTtlNanos : ttlNanos;
            entry.expiresAt = nanoTime.getAsLong() + ttl;
            entry.rules.complete(rules);
            return rules;
        } catch (InterruptedException | RuntimeException e) {
            entry.rules.completeExceptionally(e);
            throw e;
        } finally {
            pending.decrementAndGet();
        }
    }

    private RobotsRules fetch(WebUrl url) throws InterruptedException {
        WebUrl target = UrlNormalizer.resolve(url, "/robots.txt");
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (hop > 0) {
                // A redirect hop is a request to the host too, and this lease makes them all.
                Thread.sleep(hopDelay);
            }
            // Not told when it is sent: no other request of the host goes out before robots.txt is read.
            FetchResult r = fetcher.fetchFile(target, MAX_BYTES, () -> {});
            if (r.status() == 0) {
                return RobotsRules.noAnswer(r);
            }
            if (!r.isRedirect()) {
                return RobotsRules.parse(r.status(), r.body(), productToken);
            }
            target = UrlNormalizer.resolve(target, r.location());
            if (target == null
                    || !(target.scheme().equals("http") || target.scheme().equals("https"))) {
                break;
            }
        }
        // Too many redirects, or to nowhere: RFC 9309 lets the file be taken as unavailable.
        return RobotsRules.parse(404, new byte[0], productToken);
    }

    /** How many robots.txt files are being fetched right now. */
    public int pending() {
        return pending.get();
    }

    private static String origin(WebUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.effectivePort();
    }
}
