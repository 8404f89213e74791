package dev.trawl.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTP://Example.COM/                 | http://example.com/",
                "http://example.com                  | http://example.com/",
                "http://example.com:80/a             | http://example.com/a",
                "https://example.com:443/a           | https://example.com/a",
                "http://example.com:8080/a           | http://example.com:8080/a",
                "http://example.com/a/./b/../c       | http://example.com/a/c",
                "http://example.com/a#section        | http://example.com/a",
                "http://example.com/%7euser/%41%2f   | http://example.com/~user/A%2F",
                "http://example.com/?q=%3d%2a%2D     | http://example.com/?q=%3D%2A-",
                "http://example.com/a b              | http://example.com/a%20b",
                "http://b\u00fccher.example/         | http://xn--bcher-kva.example/",
                "http://fa\u00df.de/                 | http://xn--fa-hia.de/",
                "http://0x7f.1/                      | http://127.0.0.1/",
                "http://[0:0::1]:80/                 | http://[::1]/",
            })
    void givesOneCanonicalFormPerPage(String input, String expected) {
        assertThat(UrlNormalizer.normalize(input).href()).isEqualTo(expected);
    }

    @Test
    void resolvesLinksAgainstTheBaseAndRefusesOtherSchemes() {
        WebUrl base = WebUrl.parse("http://example.com/dir/page.html");
        assertThat(UrlNormalizer.resolve(base, "../x.html#t").href()).isEqualTo("http://example.com/x.html");
        assertThat(UrlNormalizer.resolve(base, "//other.test").href()).isEqualTo("http://other.test/");
        assertThat(UrlNormalizer.resolve(base, "mailto:me@example.com")).isNull();
        assertThat(UrlNormalizer.resolve(base, "javascript:void(0)")).isNull();
        assertThat(UrlNormalizer.resolve(base, "http://[::1")).isNull();
    }

    @Test
    void saysWhyAUrlIsInvalid() {
        assertThatThrownBy(() -> UrlNormalizer.normalize("example.com")).hasMessage("relative URL without a base");
        assertThatThrownBy(() -> UrlNormalizer.normalize("http://a b/")).hasMessage("forbidden character in host");
        assertThatThrownBy(() -> UrlNormalizer.normalize("http://x:99999/")).hasMessage("port out of range");
    }

    @Test
    void givesHttpClientsAUriThatJavaAccepts() {
        WebUrl url = UrlNormalizer.normalize("http://a.test/p|q?x={a|b}&y=`^`[1]");
        assertThat(url.href()).isEqualTo("http://a.test/p|q?x={a|b}&y=`^`[1]");
        assertThat(url.toUri().toString()).isEqualTo("http://a.test/p%7Cq?x=%7Ba%7Cb%7D&y=%60%5E%60%5B1%5D");
        assertThat(UrlNormalizer.normalize("http://[::1]:8080/").toUri().getPort())
                .isEqualTo(8080);
    }
}
