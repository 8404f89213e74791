package dev.trawl;

import dev.trawl.url.TrapGuard;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.WebUrl;

/**
 * Which discovered URLs the crawl takes: the filter, the depth limit and the trap guard. Each
 * refusal has a reason that is counted. (The per-host page limit and the hosts given up are the
 * frontier's, so that they hold for a whole fleet.)
 */
final class Scope {

    private final UrlFilter filter;
    private final int maxDepth;
    private final TrapGuard traps;

    Scope(UrlFilter filter, int maxDepth, TrapGuard traps) {
        this.filter = filter;
        this.maxDepth = maxDepth;
        this.traps = traps;
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
        return null;
    }

    /** Whether a rendered page may load this URL ({@link UrlFilter#checkResource}). */
    boolean allowsResource(WebUrl url) {
        return filter.checkResource(url) == null;
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
}
