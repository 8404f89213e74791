package dev.trawl.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrapGuardTest {

    private final TrapGuard guard = TrapGuard.defaults();

    @Test
    void refusesLongRepeatingAndParameterHeavyUrls() {
        assertThat(guard.check(WebUrl.parse("http://a.test/" + "x".repeat(3000))))
                .isEqualTo(TrapGuard.Trap.URL_TOO_LONG);
        assertThat(guard.check(WebUrl.parse("http://a.test/a/b/a/b/a/b"))).isEqualTo(TrapGuard.Trap.REPEATED_SEGMENTS);
        assertThat(guard.check(WebUrl.parse("http://a.test/cal?" + "d=1&".repeat(40))))
                .isEqualTo(TrapGuard.Trap.TOO_MANY_PARAMETERS);
    }

    @Test
    void letsOrdinaryUrlsThrough() {
        assertThat(guard.check(WebUrl.parse("http://a.test/docs/docs/intro"))).isNull();
        assertThat(guard.check(WebUrl.parse("http://a.test/search?q=x&page=2&sort=asc")))
                .isNull();
        assertThat(guard.check(WebUrl.parse("http://a.test/"))).isNull();
    }
}
