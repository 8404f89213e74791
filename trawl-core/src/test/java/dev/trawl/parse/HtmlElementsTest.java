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
                String found = HtmlElements.name(page, 1, page.length - 1);
                if (spelled.equalsIgnoreCase(name)) {
                    assertThat(found).isSameAs(name);
                } else {
                    assertThat(found).as(spelled).isNotEqualTo(name);
                }
            }
        }
    }

    @Test
    void anUnknownNameIsNone() {
        byte[] page = "<custom-element>".getBytes(StandardCharsets.US_ASCII);
        assertThat(HtmlElements.name(page, 1, page.length - 1)).isNull();
        assertThat(HtmlElements.name(page, 1, 1)).isNull();
    }
}
