package dev.trawl.internal;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.trawl.fetch.FetchResult;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one host's robots.txt says to trawl, read with crawler-commons' RFC 9309 parser.
 *
 * <pre>{@code
 * RobotsRules rules = RobotsRules.parse(200, body, "trawl");
 * rules.allows(WebUrl.parse("https://example.com/private/x"));
 * }</pre>
 */
public final class RobotsRules {

    /** How the rules were obtained. */
    public enum Source {
        /** A robots.txt was read (2xx). */
        FILE,
        /** There is none (4xx, or too many redirects): everything is allowed. */
        NONE,
        /** It could not be read (5xx, 429, no answer): nothing is allowed for now; ask again later. */
        UNREACHABLE
    }

    private static final Pattern PRODUCT_TOKEN = Pattern.compile("[A-Za-z_-]+");

    private final BaseRobotRules rules;
    private final Source source;
    private final FetchResult failure;

    private RobotsRules(BaseRobotRules rules, Source source, FetchResult failure) {
        this.rules = rules;
        this.source = source;
        this.failure = failure;
    }

    /** Rules of a host whose robots.txt got no answer at all: unreachable, with the fetch that failed. */
    static RobotsRules noAnswer(FetchResult failed) {
        return new RobotsRules(new SimpleRobotRulesParser().failedFetch(503), Source.UNREACHABLE, failed);
    }

    /** The robots.txt fetch that got no answer (refused, timed out), or {@code null}. */
    public FetchResult failure() {
        return failure;
    }

    /**
     * Rules from a robots.txt fetch.
     *
     * @param status the HTTP status of the fetch, 0 when no answer came
     * @param body the body when the status is 2xx (the first 500 KiB are enough)
     * @param productToken the crawler's name, matched against {@code User-agent:} lines
     */
    public static RobotsRules parse(int status, byte[] body, String productToken) {
        // crawler-commons disallows everything past its own Crawl-delay cap; trawl caps it itself.
        SimpleRobotRulesParser parser =
                new SimpleRobotRulesParser(Long.MAX_VALUE, SimpleRobotRulesParser.DEFAULT_MAX_WARNINGS);
        if (status >= 200 && status < 300) {
            return new RobotsRules(
                    parser.parseContent("robots.txt", body, "text/plain", (Collection<String>)
                            List.of(productToken.toLowerCase(Locale.ROOT))),
                    Source.FILE,
                    null);
        }
        if (status >= 400 && status < 500 && status != 429) {
            return new RobotsRules(parser.failedFetch(status), Source.NONE, null);
        }
        return new RobotsRules(parser.failedFetch(503), Source.UNREACHABLE, null);
    }

    /** Rules that allow everything (robots.txt not consulted). */
    public static RobotsRules allowAll() {
        return new RobotsRules(new SimpleRobotRulesParser().failedFetch(404), Source.NONE, null);
    }

    /**
     * The robots.txt product token of a User-Agent: its first word of letters, '-' and '_'
     * ({@code trawl} for {@code trawl/0.1 (+https://...)}).
     */
    public static String productToken(String userAgent) {
        Matcher m = PRODUCT_TOKEN.matcher(userAgent);
        return m.find() ? m.group() : "trawl";
    }

    /** Whether the URL may be fetched. {@code /robots.txt} itself always may. */
    public boolean allows(WebUrl url) {
        if (url.path().equals("/robots.txt")) {
            return true;
        }
        return rules.isAllowed(url.href());
    }

    /** How these rules were obtained. */
    public Source source() {
        return source;
    }

    /** The Crawl-delay for trawl, or {@code null} when none (or a negative one) is given. */
    public Duration crawlDelay() {
        long millis = rules.getCrawlDelay();
        return millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis < 0 ? null : Duration.ofMillis(millis);
    }

    /** The {@code Sitemap:} URLs, as written. */
    public List<String> sitemaps() {
        return List.copyOf(rules.getSitemaps());
    }
}
