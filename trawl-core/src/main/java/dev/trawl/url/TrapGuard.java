package dev.trawl.url;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses URLs that look like crawler traps: endless generated URL spaces that would keep a
 * crawl busy forever (very long URLs, a path that repeats itself, a query with many parameters).
 *
 * @param maxLength longest URL accepted, in characters
 * @param maxSegmentRepeats most times one path segment may appear ({@code /a/b/a/b/a/b} has {@code a} three times)
 * @param maxQueryParameters most {@code &}-separated query parameters
 */
public record TrapGuard(int maxLength, int maxSegmentRepeats, int maxQueryParameters) {

    /** 2,048 characters, a segment at most twice, 32 query parameters. */
    public static TrapGuard defaults() {
        return new TrapGuard(2048, 2, 32);
    }

    /** What makes a URL look like a trap. */
    public enum Trap {
        /** Longer than the longest accepted. */
        URL_TOO_LONG,
        /** A path segment appears too often. */
        REPEATED_SEGMENTS,
        /** Too many query parameters. */
        TOO_MANY_PARAMETERS;

        /** The word used in records: {@code url_too_long}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why the URL looks like a trap, or {@code null}. */
    public Trap check(WebUrl url) {
        if (url.href().length() > maxLength) {
            return Trap.URL_TOO_LONG;
        }
        List<String> segments = url.pathSegments();
        if (segments.size() > maxSegmentRepeats) {
            // Only a path with more segments than the limit can repeat one too often.
            Map<String, Integer> counts = new HashMap<>();
            for (String segment : segments) {
                if (!segment.isEmpty() && counts.merge(segment, 1, Integer::sum) > maxSegmentRepeats) {
                    return Trap.REPEATED_SEGMENTS;
                }
            }
        }
        if (url.query() != null && url.query().split("&", -1).length > maxQueryParameters) {
            return Trap.TOO_MANY_PARAMETERS;
        }
        return null;
    }
}
