package dev.trawl.frontier;

import java.time.Duration;

/** The checks every frontier builder makes of its politeness limits, with one wording. */
public final class FrontierLimits {

    private FrontierLimits() {}

    /** Most leases of one host at once: at least 1. */
    public static int perHost(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("per-host concurrency must be at least 1");
        }
        return n;
    }

    /** Least time between two contacts with one host (see {@link Frontier#sent}): not negative. */
    public static Duration delay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return d;
    }

    /** A host's most pages, 0 for no limit: not negative. */
    public static long maxPagesPerHost(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("max pages per host must not be negative: " + n);
        }
        return n;
    }

    /** The page budget, 0 for none: not negative. */
    public static long maxPages(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("max pages must not be negative");
        }
        return n;
    }
}
