package dev.trawl.politeness;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adaptive politeness per host: the delay between requests is at least the configured
 * delay and the host's Crawl-delay, grows when the host answers slowly, and backs off on
 * 429/503 (honouring Retry-After) and failures; it comes down gradually while the host is
 * healthy. After {@code pauseAfter} consecutive failures the host is paused (a circuit breaker),
 * after {@code giveUpAfter} it is given up. Each call returns what the frontier should do.
 */
public final class HostThrottle {

    /**
     * The throttle's settings.
     *
     * @param minDelay the least delay between requests (the CLI's {@code --delay})
     * @param maxCrawlDelay a longer Crawl-delay is cut to this
     * @param slowFactor the delay is at least this many times the host's recent response time
     * @param maxDelay the delay never grows past this by itself
     * @param backoff the first back-off after a 429/503 without Retry-After; doubles each time
     * @param maxBackoff the longest back-off; a longer Retry-After gives the host up
     * @param pauseAfter consecutive failures that pause the host
     * @param pause how long a paused host waits
     * @param giveUpAfter consecutive failures that give the host up
     */
    public record Settings(
            Duration minDelay,
            Duration maxCrawlDelay,
            double slowFactor,
            Duration maxDelay,
            Duration backoff,
            Duration maxBackoff,
            int pauseAfter,
            Duration pause,
            int giveUpAfter) {

        /**
         * Crawl-delay cut at 30 s; the delay at least the response time, unless {@code minDelay}
         * is zero (a crawl that asked for no delay is not slowed down, but still backs off);
         * back-off from 1 s to 5 min; pause after 5 failures in a row for a minute; give up after 10.
         */
        public static Settings defaults(Duration minDelay) {
            return new Settings(
                    minDelay,
                    Duration.ofSeconds(30),
                    minDelay.isZero() ? 0 : 1.0,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5),
                    5,
                    Duration.ofMinutes(1),
                    10);
        }

        /** A copy with other circuit-breaker and back-off times (tests use short ones). */
        public Settings withTimes(Duration newBackoff, Duration newMaxBackoff, Duration newPause) {
            return new Settings(
                    minDelay,
                    maxCrawlDelay,
                    slowFactor,
                    maxDelay,
                    newBackoff,
                    newMaxBackoff,
                    pauseAfter,
                    newPause,
                    giveUpAfter);
        }

        /** A copy with another Crawl-delay cap. */
        public Settings withMaxCrawlDelay(Duration d) {
            return new Settings(minDelay, d, slowFactor, maxDelay, backoff, maxBackoff, pauseAfter, pause, giveUpAfter);
        }
    }

    /**
     * What to do with a host now.
     *
     * @param delay its delay between requests from now on
     * @param pause how long nothing of it may start, or zero
     * @param giveUp why the host is given up, or {@code null} to go on
     */
    public record Decision(Duration delay, Duration pause, String giveUp) {}

    private static final class Host {
        final ReentrantLock lock = new ReentrantLock();
        long base;
        long current;
        double recentMillis = -1;
        int failures;
        int overloads;
    }

    private final Settings settings;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> cappedCrawlDelays = new ConcurrentHashMap<>();

    /** A throttle with these settings. */
    public HostThrottle(Settings settings) {
        this.settings = settings;
    }

    private Host host(String key) {
        return hosts.computeIfAbsent(key, k -> {
            Host h = new Host();
            h.base = settings.minDelay().toNanos();
            h.current = h.base;
            return h;
        });
    }

    /** The host's delay now: the least one, its Crawl-delay, or more after slow or failing answers. */
    public Duration delay(String key) {
        Host h = host(key);
        h.lock.lock();
        try {
            return Duration.ofNanos(h.current);
        } finally {
            h.lock.unlock();
        }
    }

    /** The host's robots.txt asks for this Crawl-delay (cut at the cap, which is then counted). */
    public Decision crawlDelay(String key, Duration crawlDelay) {
        Duration d = crawlDelay;
        if (d.compareTo(settings.maxCrawlDelay()) > 0) {
            cappedCrawlDelays.put(key, Boolean.TRUE);
            d = settings.maxCrawlDelay();
        }
        Host h = host(key);
        h.lock.lock();
        try {
            h.base = Math.max(settings.minDelay().toNanos(), d.toNanos());
            h.current = Math.max(h.current, h.base);
            return decision(h, Duration.ZERO, null);
        } finally {
            h.lock.unlock();
        }
    }

    /** The host answered with {@code status} after {@code elapsedMillis}. */
    public Decision answered(String key, int status, long elapsedMillis, Duration retryAfter) {
        Host h = host(key);
        h.lock.lock();
        try {
            if (status == 429 || status == 503) {
                h.overloads++;
                h.failures++;
                h.current = Math.min(settings.maxDelay().toNanos(), Math.max(h.current * 2, h.base));
                Duration wait = retryAfter != null ? retryAfter : jittered(backoff(h.overloads));
                if (wait.compareTo(settings.maxBackoff()) > 0) {
                    return decision(h, Duration.ZERO, "asked to wait " + wait.toSeconds() + " s (Retry-After)");
                }
                return failed(h, wait);
            }
            if (status >= 500) {
                h.failures++;
                return failed(h, Duration.ZERO);
            }
            h.failures = 0;
            h.overloads = 0;
            h.recentMillis = h.recentMillis < 0 ? elapsedMillis : 0.7 * h.recentMillis + 0.3 * elapsedMillis;
            long target = Math.max(h.base, Math.min(settings.maxDelay().toNanos(), (long)
                    (settings.slowFactor() * h.recentMillis * 1_000_000)));
            // Up at once when the host slows down, down by a fifth at a time when it recovers.
            h.current = target >= h.current ? target : Math.max(target, h.current * 4 / 5);
            return decision(h, Duration.ZERO, null);
        } finally {
            h.lock.unlock();
        }
    }

    /** The host gave no answer (timeout, refused, reset). */
    public Decision noAnswer(String key) {
        Host h = host(key);
        h.lock.lock();
        try {
            h.failures++;
            return failed(h, Duration.ZERO);
        } finally {
            h.lock.unlock();
        }
    }

    private Decision failed(Host h, Duration wait) {
        if (h.failures >= settings.giveUpAfter()) {
            return decision(h, Duration.ZERO, h.failures + " failures in a row");
        }
        if (h.failures >= settings.pauseAfter()) {
            wait = wait.compareTo(settings.pause()) > 0 ? wait : settings.pause();
        }
        return decision(h, wait, null);
    }

    private Duration backoff(int times) {
        long base = settings.backoff().toNanos();
        long nanos = times >= 30 ? Long.MAX_VALUE : base << Math.min(times - 1, 30);
        return Duration.ofNanos(Math.min(
                nanos < 0 ? Long.MAX_VALUE : nanos, settings.maxBackoff().toNanos()));
    }

    /** Between half and the whole of {@code d}, so that hosts and retries do not move in lockstep. */
    private static Duration jittered(Duration d) {
        return Duration.ofNanos(
                (long) (d.toNanos() * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble())));
    }

    private static Decision decision(Host h, Duration pause, String giveUp) {
        return new Decision(Duration.ofNanos(h.current), pause, giveUp);
    }

    /** The retry wait of a URL's {@code attempt}-th failure: the back-off, doubled each time, with jitter. */
    public Duration retryWait(int attempt) {
        return jittered(backoff(attempt));
    }

    /** How many hosts asked for a Crawl-delay longer than the cap. */
    public int cappedCrawlDelays() {
        return cappedCrawlDelays.size();
    }
}
