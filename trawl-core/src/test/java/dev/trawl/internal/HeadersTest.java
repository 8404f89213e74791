package dev.trawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retry-After and X-Robots-Tag. */
class HeadersTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isZero();
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 12:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 11:00:00 GMT", NOW)).isZero();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
    }

    @Test
    void readsXRobotsTagForEveryoneOrForTrawl() {
        assertThat(RobotsTag.says("noindex, nofollow", "trawl", "nofollow")).isTrue();
        assertThat(RobotsTag.says("NONE", "trawl", "noindex")).isTrue();
        assertThat(RobotsTag.says("otherbot: nofollow", "trawl", "nofollow")).isFalse();
        assertThat(RobotsTag.says("otherbot: noindex, trawl: nofollow", "trawl", "nofollow"))
                .isTrue();
        assertThat(RobotsTag.says("otherbot: noindex, trawl: nofollow", "trawl", "noindex"))
                .isFalse();
        assertThat(RobotsTag.says("unavailable_after: 25 Jun 2010 15:00:00 PST", "trawl", "noindex"))
                .isFalse();
        assertThat(RobotsTag.says(null, "trawl", "noindex")).isFalse();
    }
}
