package dev.trawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.testing.Conformance;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The project's RFC 9309 cases (resources/conformance/robots-cases.json, CC0). */
class RobotsCasesTest {

    static Stream<Named<JsonNode>> cases() {
        return Conformance.cases("robots-cases.json");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decidesAsTheRfcSays(JsonNode c) {
        byte[] body = c.get("robots_txt").isNull()
                ? new byte[0]
                : c.get("robots_txt").asText().getBytes(StandardCharsets.UTF_8);
        RobotsRules rules = RobotsRules.parse(
                c.get("status").asInt(), body, c.get("user_agent").asText());

        WebUrl url = WebUrl.parse("http://example.com" + c.get("path").asText());
        assertThat(rules.allows(url)).isEqualTo(c.get("allowed").asBoolean());
        if (c.has("crawl_delay")) {
            Duration expected = c.get("crawl_delay").isNull()
                    ? null
                    : Duration.ofMillis(Math.round(c.get("crawl_delay").asDouble() * 1000));
            assertThat(rules.crawlDelay()).isEqualTo(expected);
        }
    }

    @Test
    void allEightyCasesAreThere() {
        assertThat(cases()).hasSize(80);
    }

    @Test
    void theProductTokenIsTheUserAgentsFirstWord() {
        assertThat(RobotsRules.productToken("trawl/0.1 (+https://example.org)")).isEqualTo("trawl");
        assertThat(RobotsRules.productToken("My-Bot_2/1.0")).isEqualTo("My-Bot_");
        assertThat(RobotsRules.productToken("   ")).isEqualTo("trawl");
    }
}
