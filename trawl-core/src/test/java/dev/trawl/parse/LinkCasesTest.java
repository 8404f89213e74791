package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.testing.Conformance;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's link-extraction cases (resources/conformance/link-cases.json, CC0). Expected
 * URLs are WHATWG serializations; the extractor gives normalized ones, so both sides are
 * compared after {@link UrlNormalizer}. Both extractors must pass.
 */
class LinkCasesTest {

    private final List<LinkExtractor> extractors = List.of(new JsoupLinkExtractor(), new StreamingLinkExtractor());

    static Stream<Named<JsonNode>> cases() {
        return Conformance.cases("link-cases.json");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void extractsLinksAsSpecified(JsonNode c) {
        for (LinkExtractor extractor : extractors) {
            ParsedPage page = extractor.extract(
                    c.get("html").asText().getBytes(StandardCharsets.UTF_8),
                    "utf-8",
                    WebUrl.parse(c.get("page_url").asText()));

            String name = extractor.getClass().getSimpleName();
            assertThat(hrefs(page.links(), false)).as(name).containsExactlyElementsOf(normalized(c.get("links")));
            assertThat(hrefs(page.links(), true)).as(name).containsExactlyElementsOf(normalized(c.get("nofollow")));
            String canonical = c.get("canonical").isNull()
                    ? null
                    : UrlNormalizer.normalize(c.get("canonical").asText()).href();
            assertThat(page.canonical() == null ? null : page.canonical().href())
                    .as(name)
                    .isEqualTo(canonical);
            assertThat(page.metaNofollow())
                    .as(name)
                    .isEqualTo(c.get("meta_nofollow").asBoolean());
        }
    }

    @Test
    void theCasesAreAllThere() {
        assertThat(cases()).hasSize(53);
    }

    private static List<String> hrefs(List<Link> links, boolean nofollow) {
        return links.stream()
                .filter(l -> l.nofollow() == nofollow)
                .map(l -> l.url().href())
                .toList();
    }

    private static List<String> normalized(JsonNode urls) {
        List<String> out = new ArrayList<>();
        urls.forEach(u -> out.add(UrlNormalizer.normalize(u.asText()).href()));
        return out;
    }
}
