package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HtmlElementsTest {

    @Test
    void aKnownNameInAnyCaseIsTheOneCopyOfIt() {
        for (String name : List.of("a", "svg", "blockquote", "tbody", "textarea", "noscript", "wbr")) {
            for (String spelled : List.of(name, name.toUpperCase(Locale.ROOT), "x" + name.substring(1))) {
                byte[] page = ("<" + spelled + ">").getBytes(StandardCharsets.US_ASCII);
                int found = HtmlElements.find(page, 1, page.length - 1);
                if (spelled.equalsIgnoreCase(name)) {
                    assertThat(HtmlElements.name(found)).isSameAs(name);
                } else if (found >= 0) {
                    assertThat(HtmlElements.name(found)).as(spelled).isNotEqualTo(name);
                }
            }
        }
    }

    @Test
    void anUnknownNameIsNone() {
        byte[] page = "<custom-element>".getBytes(StandardCharsets.US_ASCII);
        assertThat(HtmlElements.find(page, 1, page.length - 1)).isNegative();
        assertThat(HtmlElements.find(page, 1, 1)).isNegative();
    }

    @Test
    void aNameHasTheKindsOfEveryListItIsIn() {
        assertThat(kinds("p")).isEqualTo(HtmlElements.CLOSES_PARAGRAPH);
        assertThat(kinds("B")).isEqualTo(HtmlElements.PLAIN_INLINE | HtmlElements.FORMATTING);
        assertThat(kinds("link")).isEqualTo(HtmlElements.VOID | HtmlElements.HEAD);
        assertThat(kinds("noframes")).isEqualTo(HtmlElements.HEAD | HtmlElements.RAW_TEXT);
        assertThat(kinds("svg")).isZero();
    }

    private static int kinds(String name) {
        byte[] page = name.getBytes(StandardCharsets.US_ASCII);
        return HtmlElements.kinds(HtmlElements.find(page, 0, page.length));
    }
}
