package dev.trawl.frontier;

import dev.trawl.url.HostKeys;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.function.Function;

/**
 * How hard a crawl may press on each host, and how much it fetches: the limits a {@link Frontier}
 * enforces. Given once, to the crawler's builder or to the frontier's; the crawler reads the
 * frontier's own ({@link Frontier#politeness()}) for its fetcher's connections and its throttle.
 * Immutable; made by a {@link Builder}, and changed by copying:
 * {@code politeness.newBuilder().delay(Duration.ofSeconds(1)).build()}.
 *
 * <pre>{@code
 * Politeness politeness = Politeness.builder().perHost(4).delay(Duration.ofMillis(500)).maxPages(1000).build();
 * }</pre>
 */
public final class Politeness {

    private final int perHost;
    private final Duration delay;
    private final long maxPages;
    private final long maxPagesPerHost;
    private final Function<WebUrl, String> hostKey;

    private Politeness(Builder b) {
        this.perHost = b.perHost;
        this.delay = b.delay;
        this.maxPages = b.maxPages;
        this.maxPagesPerHost = b.maxPagesPerHost;
        this.hostKey = b.hostKey;
    }

    /** Defaults: 2 at once per host, 250 ms between contacts, no page limits, counted per host name. */
    public static Politeness defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these limits, to make a changed copy. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Most fetches of one host key at once. */
    public int perHost() {
        return perHost;
    }

    /** Least time between two contacts with one host key, as the server sees them (see {@link Frontier#sent}). */
    public Duration delay() {
        return delay;
    }

    /** Most pages of the whole crawl; 0 for no limit. Failed connections and redirect hops do not count. */
    public long maxPages() {
        return maxPages;
    }

    /** Most pages of one host key ({@link Frontier#reservePage}); 0 for no limit. */
    public long maxPagesPerHost() {
        return maxPagesPerHost;
    }

    /** What the limits count per: a URL's host, or e.g. its registered domain ({@link HostKeys}). */
    public Function<WebUrl, String> hostKey() {
        return hostKey;
    }

    /** The limits in words: {@code per host 2, delay 250 ms, max pages none, max pages per host 5}. */
    @Override
    public String toString() {
        return "per host " + perHost + ", delay " + delay.toMillis() + " ms, max pages "
                + (maxPages == 0 ? "none" : maxPages) + ", max pages per host "
                + (maxPagesPerHost == 0 ? "none" : maxPagesPerHost);
    }

    /** Builds {@link Politeness}; each setter checks its value at once. */
    public static final class Builder {
        private int perHost = 2;
        private Duration delay = Duration.ofMillis(250);
        private long maxPages;
        private long maxPagesPerHost;
        private Function<WebUrl, String> hostKey = HostKeys.byHost();

        private Builder() {}

        private Builder(Politeness p) {
            this.perHost = p.perHost;
            this.delay = p.delay;
            this.maxPages = p.maxPages;
            this.maxPagesPerHost = p.maxPagesPerHost;
            this.hostKey = p.hostKey;
        }

        /** Most fetches of one host key at once (default 2): at least 1. */
        public Builder perHost(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("per-host concurrency must be at least 1");
            }
            this.perHost = n;
            return this;
        }

        /** Least time between two contacts with one host key (default 250 ms): not negative. */
        public Builder delay(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
            this.delay = d;
            return this;
        }

        /** Most pages of the whole crawl; 0, the default, for no limit. */
        public Builder maxPages(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("max pages must not be negative");
            }
            this.maxPages = n;
            return this;
        }

        /** Most pages of one host key; 0, the default, for no limit. */
        public Builder maxPagesPerHost(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("max pages per host must not be negative: " + n);
            }
            this.maxPagesPerHost = n;
            return this;
        }

        /**
         * What the limits count per (default: the host name; {@link HostKeys#byRegisteredDomain()}
         * shares them within a domain). In a fleet, every process must use the same.
         */
        public Builder hostKey(Function<WebUrl, String> key) {
            this.hostKey = key;
            return this;
        }

        /** The limits. */
        public Politeness build() {
            return new Politeness(this);
        }
    }
}
