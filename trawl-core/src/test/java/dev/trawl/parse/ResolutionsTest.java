package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.testing.Conformance;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Remembered resolutions are the ones the normalizer gives, whatever page of the directory asked first. */
class ResolutionsTest {

    @Test
    void aLinkFirstResolvedOnAnotherPageOfTheDirectoryResolvesAsOnThisOne() {
        int checked = 0;
        for (JsonNode c : Conformance.load("urltestdata.json")) {
            if (!c.isObject()
                    || c.get("base").isNull()
                    || !c.get("base").asText().startsWith("http")) {
                continue;
            }
            WebUrl base = WebUrl.tryParse(c.get("base").asText(), null);
            if (base == null) {
                continue;
            }
            String input = c.get("input").asText();
            String path = base.path();
            WebUrl sibling = WebUrl.parse(base.scheme() + "://" + base.host() + ":" + base.effectivePort()
                    + path.substring(0, path.lastIndexOf('/') + 1) + "other.html?z=1#f");
            assertThat(new Resolutions(sibling).resolve(input))
                    .as("%s against %s", input, sibling)
                    .isEqualTo(UrlNormalizer.resolve(sibling, input));
            assertThat(new Resolutions(base).resolve(input))
                    .as("%s against %s", input, base)
                    .isEqualTo(UrlNormalizer.resolve(base, input));
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void everyLinkOfOnlyAFragmentIsThePageItselfResolvedOnce() {
        for (String page : List.of(
                "http://h.test/a/x.html",
                "https://h.test/a/x.html?q=1#top",
                "http://h.test/",
                "http://h.test/a%2fb/")) {
            Resolutions links = new Resolutions(WebUrl.parse(page));
            WebUrl first = links.resolve("#intro");
            for (String href :
                    List.of("#", "#intro", "#a b", "#\t/x", "#%zz", "#\u00e9", "##", "#?q", "#//other.test/")) {
                WebUrl resolved = links.resolve(href);
                assertThat(resolved)
                        .as("%s on %s", href, page)
                        .isEqualTo(UrlNormalizer.resolve(WebUrl.parse(page), href));
                assertThat(resolved).as("%s on %s", href, page).isSameAs(first);
            }
        }
    }

    @Test
    void aLinkResolvedOnOnePageIsRememberedForTheNextOfItsDirectory() {
        WebUrl first = new Resolutions(WebUrl.parse("http://h.test/docs/a.html")).resolve("guide/p.html");
        WebUrl again = new Resolutions(WebUrl.parse("http://h.test/docs/b.html?x")).resolve("guide/p.html");
        assertThat(again).hasToString("http://h.test/docs/guide/p.html").isSameAs(first);
    }

    /** In order, so that each is resolved after the one before it remembered its own. */
    @ParameterizedTest
    @CsvSource({
        "http://h.test/a/x.html, ../up/p.html, http://h.test/up/p.html",
        "http://h.test/a/b/x.html, ../up/p.html, http://h.test/a/up/p.html",
        "http://other.test/a/x.html, ../up/p.html, http://other.test/up/p.html",
        "http://h.test/a/x.html?q, ?r, http://h.test/a/x.html?r",
        "http://h.test/a/y.html, ?r, http://h.test/a/y.html?r",
        "http://h.test/a/y.html, http:, http://h.test/a/y.html"
    })
    void theSameLinkElsewhereIsResolvedThere(String page, String href, String resolved) {
        assertThat(new Resolutions(WebUrl.parse(page)).resolve(href)).hasToString(resolved);
    }
}
