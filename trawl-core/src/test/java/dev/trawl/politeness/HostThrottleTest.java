package dev.trawl.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostThrottleTest {

    private final HostThrottle throttle = new HostThrottle(HostThrottle.Settings.defaults(Duration.ofMillis(100)));

    @Test
    void theDelayIsAtLeastTheConfiguredOneAndTheCrawlDelay() {
        assertThat(throttle.answered("a", 200, 10, null).delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(throttle.crawlDelay("a", Duration.ofSeconds(2)).delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.answered("a", 200, 10, null).delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.crawlDelay("b", Duration.ofMillis(10)).delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(throttle.crawlDelay("c", Duration.ofHours(1)).delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.cappedCrawlDelays()).isEqualTo(1);
    }

    @Test
    void growsWhenTheHostSlowsDownAndComesBackGradually() {
        Duration slow = throttle.answered("a", 200, 2000, null).delay();
        assertThat(slow).isEqualTo(Duration.ofSeconds(2));
        Duration previous = slow;
        int steps = 0;
        while (previous.compareTo(Duration.ofMillis(100)) > 0) {
            Duration next = throttle.answered("a", 200, 10, null).delay();
            assertThat(next)
                    .isLessThan(previous)
                    .isGreaterThanOrEqualTo(
                            previous.multipliedBy(4).dividedBy(5).minusMillis(1));
            previous = next;
            steps++;
        }
        assertThat(steps).isGreaterThan(5);
    }

    @Test
    void aZeroDelayCrawlIsNotSlowedDownByResponseTimes() {
        HostThrottle fast = new HostThrottle(HostThrottle.Settings.defaults(Duration.ZERO));
        assertThat(fast.answered("a", 200, 5000, null).delay()).isZero();
    }

    @Test
    void honoursRetryAfterAndBacksOffWithoutIt() {
        HostThrottle.Decision told = throttle.answered("a", 429, 10, Duration.ofSeconds(7));
        assertThat(told.pause()).isEqualTo(Duration.ofSeconds(7));
        assertThat(told.delay()).isGreaterThan(Duration.ofMillis(100));

        HostThrottle.Decision first = throttle.answered("b", 503, 10, null);
        HostThrottle.Decision second = throttle.answered("b", 503, 10, null);
        assertThat(first.pause()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(second.pause()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

        HostThrottle.Decision tooLong = throttle.answered("c", 503, 10, Duration.ofDays(1));
        assertThat(tooLong.giveUp()).contains("Retry-After");
    }

    @Test
    void pausesThenGivesUpAHostThatKeepsFailing() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.noAnswer("a").pause()).isZero();
        }
        HostThrottle.Decision paused = throttle.noAnswer("a");
        assertThat(paused.pause()).isEqualTo(Duration.ofMinutes(1));
        assertThat(paused.giveUp()).isNull();
        for (int i = 6; i <= 9; i++) {
            assertThat(throttle.answered("a", 500, 10, null).giveUp()).isNull();
        }
        assertThat(throttle.noAnswer("a").giveUp()).isEqualTo("10 failures in a row");
        assertThat(throttle.noAnswer("b").giveUp()).isNull();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        for (int i = 0; i < 4; i++) {
            throttle.noAnswer("a");
        }
        throttle.answered("a", 200, 10, null);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.noAnswer("a").pause()).isZero();
        }
    }
}
