package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FetchResultTest {

    private static final WebUrl URL = WebUrl.parse("http://a.test/");
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private static FetchResult page(String body, String rawBody) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new FetchResult(
                URL,
                200,
                "HTTP/1.1",
                "text/html",
                null,
                bytes,
                bytes.length,
                5,
                null,
                null,
                FetchResult.Headers.NONE,
                new FetchResult.Exchange(
                        "GET / HTTP/1.1\r\n\r\n",
                        "HTTP/1.1 200 OK\r\n\r\n",
                        rawBody.getBytes(StandardCharsets.UTF_8),
                        true,
                        AT));
    }

    @Test
    void twoResultsWithTheSameBodiesAreEqualAndOtherBodiesAreNot() {
        // Records compare arrays by identity: these bodies are equal copies, not the same array.
        assertThat(page("<p>hi</p>", "raw")).isEqualTo(page("<p>hi</p>", "raw"));
        assertThat(page("<p>hi</p>", "raw")).hasSameHashCodeAs(page("<p>hi</p>", "raw"));
        assertThat(page("<p>hi</p>", "raw")).isNotEqualTo(page("<p>ho</p>", "raw"));
        assertThat(page("<p>hi</p>", "raw")).isNotEqualTo(page("<p>hi</p>", "gzip"));
    }

    @Test
    void itsTextGivesTheBodysLengthNotItsBytes() {
        assertThat(page("<p>hi</p>", "raw").toString())
                .contains("http://a.test/", "200", "9 body bytes")
                .doesNotContain("[B@");
    }
}
