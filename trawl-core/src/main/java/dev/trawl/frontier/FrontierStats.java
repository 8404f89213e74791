package dev.trawl.frontier;

/**
 * A snapshot of a frontier's counters.
 *
 * @param seen distinct URLs ever offered and accepted
 * @param queued URLs waiting to be leased
 * @param inFlight leases handed out and not yet given back
 * @param pages leases completed as fetched pages (what the page limit counts)
 * @param failed leases given back with {@link Frontier#fail}
 * @param hosts hosts known to the frontier
 * @param hostsDelayed hosts with queued URLs waiting for their delay to pass
 * @param hostsPaused hosts with queued URLs paused (backing off after errors)
 */
public record FrontierStats(
        long seen, long queued, long inFlight, long pages, long failed, int hosts, int hostsDelayed, int hostsPaused) {}
