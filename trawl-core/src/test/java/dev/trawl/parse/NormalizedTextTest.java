package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/** The scanner's titles and link texts have jsoup's white space, whichever way it gets there. */
class NormalizedTextTest {

    @Test
    void agreesWithJsoupOnRandomTexts() {
        String[] pieces = {
            "a",
            "Z",
            "é",
            "日本",
            "\uD83D\uDE00",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\f",
            "\u00a0",
            "\u00ad",
            "\u200b",
            "\u0001",
            "\u007f",
            "\u2003",
            "-",
            "&"
        };
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            String raw = RandomPieces.of(random, pieces, 7);
            assertThat(HtmlScanner.normalized(raw))
                    .as("%s", raw.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(new TextNode(raw).text().trim());
        }
    }

    @Test
    void aPlainTextIsKept() {
        String plain = "Apache HTTP Server";
        assertThat(HtmlScanner.normalized(plain)).isSameAs(plain);
        assertThat(HtmlScanner.normalized(" Two  spaces\n")).isEqualTo("Two spaces");
    }
}
