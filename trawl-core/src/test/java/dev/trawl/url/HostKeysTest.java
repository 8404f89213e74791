package dev.trawl.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostKeysTest {

    @Test
    void keysByHostOrByRegisteredDomain() {
        assertThat(HostKeys.byHost().apply(WebUrl.parse("http://a.example.co.uk/")))
                .isEqualTo("a.example.co.uk");
        assertThat(HostKeys.byRegisteredDomain().apply(WebUrl.parse("http://a.example.co.uk/")))
                .isEqualTo("example.co.uk");
        assertThat(HostKeys.byRegisteredDomain().apply(WebUrl.parse("http://b.example.co.uk:8080/")))
                .isEqualTo("example.co.uk");
        assertThat(HostKeys.byRegisteredDomain().apply(WebUrl.parse("http://www.example.com/")))
                .isEqualTo("example.com");
        assertThat(HostKeys.byRegisteredDomain().apply(WebUrl.parse("http://127.0.0.2/")))
                .isEqualTo("127.0.0.2");
        assertThat(HostKeys.byRegisteredDomain().apply(WebUrl.parse("http://[::1]/")))
                .isEqualTo("[::1]");
        assertThat(HostKeys.byRegisteredDomain().apply(WebUrl.parse("http://localhost/")))
                .isEqualTo("localhost");
    }
}
