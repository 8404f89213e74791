package dev.trawl.url;

import crawlercommons.domains.EffectiveTldFinder;
import java.util.function.Function;

/**
 * What per-host politeness is counted per: the host name, or its registered domain (so that
 * {@code a.example.co.uk} and {@code b.example.co.uk} share one budget of connections and delay).
 */
public final class HostKeys {

    private HostKeys() {}

    /** The host name, as in the URL. */
    public static Function<WebUrl, String> byHost() {
        return WebUrl::host;
    }

    /** The registered domain by the public suffix list (an IP address or unknown suffix: the host). */
    public static Function<WebUrl, String> byRegisteredDomain() {
        return url -> {
            String host = url.host();
            if (host.startsWith("[") || Character.isDigit(host.charAt(host.length() - 1))) {
                return host;
            }
            String domain = EffectiveTldFinder.getAssignedDomain(host, true, false);
            return domain == null || domain.isEmpty() ? host : domain;
        };
    }
}
