package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.JettyFetcher;
import dev.trawl.testing.Conformance;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.WebUrl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every URL that parses can be requested: it gets a status or a network error, never an
 * exception. Checked with every http(s) URL of the web-platform-tests URL data (their paths,
 * queries and user info sent to a loopback server, their hosts turned into requests without
 * sending them anywhere else), and with a crawl of a page whose file name holds a {@code %}.
 */
@Timeout(120)
class AnyUrlCanBeRequestedTest extends CrawlTestSupport {

    private static final FetchOptions OPTIONS = FetchOptions.builder()
            .timeout(Duration.ofSeconds(5))
            .userAgent("trawl/test")
            .build();

    /** Every http(s) URL the standard's test data parses to. */
    private static List<WebUrl> standardUrls() {
        List<WebUrl> urls = new ArrayList<>();
        for (JsonNode c : Conformance.load("urltestdata.json")) {
            if (!c.isObject() || !c.has("href") || !c.get("href").asText().startsWith("http")) {
                continue;
            }
            try {
                urls.add(
                        c.get("base").isNull()
                                ? WebUrl.parse(c.get("input").asText())
                                : WebUrl.parse(
                                        c.get("input").asText(),
                                        WebUrl.parse(c.get("base").asText())));
            } catch (InvalidUrlException e) {
                // A base of another scheme, or a result trawl refuses: not a URL it would request.
            }
        }
        return urls;
    }

    @Test
    void everyPathQueryAndUserInfoOfTheStandardsTestDataGetsAnAnswer() throws Exception {
        Site site = web.site(2);
        List<WebUrl> urls = standardUrls();
        assertThat(urls).hasSizeGreaterThan(200);
        try (JettyFetcher fetcher = new JettyFetcher(OPTIONS)) {
            for (WebUrl url : urls) {
                String userInfo = url.username().isEmpty()
                        ? ""
                        : url.username() + (url.password().isEmpty() ? "" : ":" + url.password()) + "@";
                WebUrl local = WebUrl.parse("http://" + userInfo + site.authority() + url.path()
                        + (url.query() == null ? "" : "?" + url.query()));
                FetchResult result = fetcher.fetch(local, () -> {});
                assertThat(result.status())
                        .as("%s: %s %s", url, result.error(), result.detail())
                        .isPositive();
            }
        }
        // A few (such as a path of "//") the JDK's server answers with 400 itself, before its handlers log them.
        assertThat(site.requests()).hasSizeGreaterThan(urls.size() - 10);
    }

    @Test
    void everyHostOfTheStandardsTestDataBecomesARequestOrARecordedError() throws Exception {
        int refused = 0;
        try (JettyFetcher fetcher = new JettyFetcher(OPTIONS)) {
            for (WebUrl url : standardUrls()) {
                URI uri;
                try {
                    uri = url.toUri();
                } catch (IllegalArgumentException e) {
                    uri = null;
                }
                if (uri != null && uri.getHost() != null) {
                    assertThat(uri.getHost()).as(url.href()).isEqualTo(url.host());
                    assertThat(uri.getPort()).as(url.href()).isEqualTo(url.port());
                } else {
                    // A host the standard allows and java.net.URI (so Jetty) does not, such as a name
                    // with an underscore: refused before any request is made, with the reason.
                    FetchResult result = fetcher.fetch(url, () -> {});
                    assertThat(result.error()).as(url.href()).isEqualTo(FetchError.BAD_URL);
                    assertThat(result.detail()).startsWith("cannot be requested");
                    refused++;
                }
            }
            assertThat(fetcher.fetch(WebUrl.parse("http://under_score.test/"), () -> {})
                            .error())
                    .isEqualTo(FetchError.BAD_URL);
        }
        assertThat(refused).as("hosts refused").isLessThan(10);
    }

    @Test
    void aLonePercentSignInAFileNameIsSentAsPercent25AndRecordedAsFound() throws Exception {
        Site a = web.site(2);
        a.linking("/", "operator%.html", "100%25.html", "/bad%zzescape");
        a.route(
                "/operator%25.html",
                ex -> TestWeb.send(ex, 200, "text/html", "<title>op</title>".getBytes(StandardCharsets.UTF_8)));
        a.route(
                "/100%25.html",
                ex -> TestWeb.send(ex, 200, "text/html", "<title>100</title>".getBytes(StandardCharsets.UTF_8)));

        run(Crawler.builder()
                .seeds(a.url("/"))
                .robots(false)
                .politeness(p -> p.delay(Duration.ZERO))
                .fetchOptions(OPTIONS));

        assertThat(a.paths()).containsExactlyInAnyOrder("/", "/operator%25.html", "/100%25.html", "/bad%25zzescape");
        PageRecord operator = byUrl().get(a.url("/operator%.html"));
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.title()).isEqualTo("op");
        assertThat(byUrl().get(a.url("/100%25.html")).status()).isEqualTo(200);
        assertThat(byUrl().get(a.url("/bad%zzescape")).status()).isEqualTo(404);
        assertThat(records).noneMatch(r -> r.detail() != null && r.detail().contains("internal error"));
    }
}
