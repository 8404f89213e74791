package dev.trawl;

import dev.trawl.url.TrapGuard;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.WebUrl;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Which discovered URLs the crawl takes: the filter, the depth limit, the trap guard, the
 * per-host page limit, and the hosts given up. Each refusal has a reason that is counted.
 */
final class Scope {

    private final UrlFilter filter;
    private final int maxDepth;
    private final TrapGuard traps;
    private final long maxPerHost;
    private final Function<WebUrl, String> hostKey;
    private final ConcurrentHashMap<String, AtomicLong> perHost = new ConcurrentHashMap<>();
    private final Set<String> givenUp = ConcurrentHashMap.newKeySet();

    Scope(UrlFilter filter, int maxDepth, TrapGuard traps, long maxPerHost, Function<WebUrl, String> hostKey) {
        this.filter = filter;
        this.maxDepth = maxDepth;
        this.traps = traps;
        this.maxPerHost = maxPerHost;
        this.hostKey = hostKey;
    }

    /** Why a link at this depth is not taken, or {@code null}. */
    Skip skip(WebUrl url, int depth) {
        if (maxDepth >= 0 && depth > maxDepth) {
            return Skip.DEPTH;
        }
        if (filter.check(url) != null) {
            return Skip.SCOPE;
        }
        if (traps.check(url) != null) {
            return Skip.TRAP;
        }
        if (givenUp.contains(hostKey.apply(url))) {
            return Skip.GIVEN_UP;
        }
        return null;
    }

    /** Why a redirect target is refused, or {@code null}; depth does not apply to a redirect. */
    String refuseRedirect(WebUrl url) {
        UrlFilter.Rejection r = filter.check(url);
        if (r != null) {
            return "out of scope (" + r.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        TrapGuard.Trap trap = traps.check(url);
        return trap != null ? "looks like a trap (" + trap.code() + ")" : null;
    }

    /** Reserves one page of the host's limit before a fetch; false when the host has had its share. */
    boolean reservePage(String key) {
        if (maxPerHost <= 0) {
            return true;
        }
        AtomicLong n = perHost.computeIfAbsent(key, k -> new AtomicLong());
        if (n.incrementAndGet() <= maxPerHost) {
            return true;
        }
        n.decrementAndGet();
        return false;
    }

    /** Gives back a reservation whose fetch got no page (no answer, retried later). */
    void releasePage(String key) {
        if (maxPerHost > 0) {
            perHost.get(key).decrementAndGet();
        }
    }

    void giveUp(String key) {
        givenUp.add(key);
    }
}
