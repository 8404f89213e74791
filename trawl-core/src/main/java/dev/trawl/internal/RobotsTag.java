package dev.trawl.internal;

import java.util.Locale;

/**
 * The X-Robots-Tag header: directives such as {@code noindex, nofollow}, for every crawler or,
 * after {@code name:}, for the named one only ({@code otherbot: noindex}).
 */
public final class RobotsTag {

    private RobotsTag() {}

    /** Whether the header gives {@code directive} (or {@code none}, which means both) to {@code productToken}. */
    public static boolean says(String header, String productToken, String directive) {
        if (header == null) {
            return false;
        }
        String agent = null;
        for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon > 0 && !p.substring(0, colon).contains(" ") && !p.startsWith("unavailable_after")) {
                agent = p.substring(0, colon).strip();
                p = p.substring(colon + 1).strip();
            }
            boolean forUs = agent == null || agent.equals(productToken.toLowerCase(Locale.ROOT));
            if (forUs && (p.equals(directive) || p.equals("none"))) {
                return true;
            }
        }
        return false;
    }
}
