package dev.trawl.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UrlFilterTest {

    private static WebUrl u(String s) {
        return WebUrl.parse(s);
    }

    @Test
    void aDomainAllowsItselfAndItsSubdomainsOnAnyPortWhateverTheCase() {
        UrlFilter f = UrlFilter.builder().allowDomains(List.of("Example.COM")).build();
        assertThat(f.test(u("http://example.com/"))).isTrue();
        assertThat(f.test(u("https://EXAMPLE.com:8443/x"))).isTrue();
        assertThat(f.test(u("http://www.example.com/"))).isTrue();
        assertThat(f.test(u("http://a.b.example.com/"))).isTrue();
        assertThat(f.check(u("http://notexample.com/"))).isEqualTo(UrlFilter.Rejection.DOMAIN);
        assertThat(f.check(u("http://example.com.evil.test/"))).isEqualTo(UrlFilter.Rejection.DOMAIN);
    }

    @Test
    void whatAPageLoadsIsCheckedBySchemeDomainAndExcludesOnly() {
        UrlFilter f = UrlFilter.builder()
                .allowDomains(List.of("a.test"))
                .include(Pattern.compile("/docs/"))
                .exclude(Pattern.compile("/logout"))
                .noParent(List.of(u("http://a.test/docs/")))
                .build();
        assertThat(f.check(u("http://a.test/static/app.js"))).isNotNull();
        assertThat(f.checkResource(u("http://a.test/static/app.js"))).isNull();
        assertThat(f.checkResource(u("http://a.test/api/links.json"))).isNull();
        assertThat(f.checkResource(u("http://cdn.other.test/app.js"))).isEqualTo(UrlFilter.Rejection.DOMAIN);
        assertThat(f.checkResource(u("http://a.test/logout"))).isEqualTo(UrlFilter.Rejection.PATTERN);
    }

    @Test
    void includePatternsKeepOnlyWhatMatchesOneAndExcludePatternsLeaveOut() {
        UrlFilter f = UrlFilter.builder()
                .include(Pattern.compile("/docs/"))
                .include(Pattern.compile("[?&]page=\\d+$"))
                .exclude(Pattern.compile("\\.old\\b"))
                .build();
        assertThat(f.test(u("http://a.test/docs/intro.html"))).isTrue();
        assertThat(f.test(u("http://a.test/blog?page=2"))).isTrue();
        assertThat(f.check(u("http://a.test/blog?page=x"))).isEqualTo(UrlFilter.Rejection.PATTERN);
        assertThat(f.check(u("http://a.test/docs/intro.old.html"))).isEqualTo(UrlFilter.Rejection.PATTERN);
        // Matched against the normalized URL: the host in lower case, escapes of unreserved characters decoded.
        UrlFilter host = UrlFilter.builder()
                .include(Pattern.compile("^http://a\\.test/~me/"))
                .build();
        assertThat(host.test(UrlNormalizer.normalize("HTTP://A.test/%7Eme/x"))).isTrue();
    }

    @Test
    void noParentKeepsEachStartHostUnderItsStartDirectories() {
        UrlFilter f = UrlFilter.builder()
                .noParent(List.of(
                        u("http://a.test/docs/guide/index.html"), u("http://a.test/api/"), u("http://b.test:8080/x")))
                .build();
        assertThat(f.test(u("http://a.test/docs/guide/"))).isTrue();
        assertThat(f.test(u("http://a.test/docs/guide/part/2.html"))).isTrue();
        assertThat(f.test(u("http://a.test/api/v1"))).isTrue();
        assertThat(f.check(u("http://a.test/docs/"))).isEqualTo(UrlFilter.Rejection.PARENT);
        assertThat(f.check(u("http://a.test/docs/guidebook"))).isEqualTo(UrlFilter.Rejection.PARENT);
        assertThat(f.check(u("http://a.test/"))).isEqualTo(UrlFilter.Rejection.PARENT);
        assertThat(f.test(u("http://b.test:8080/y"))).isTrue();
        // The same site on another scheme, port or with www. (where redirects often go) is held too.
        assertThat(f.test(u("https://a.test/docs/guide/more.html"))).isTrue();
        assertThat(f.check(u("https://a.test/"))).isEqualTo(UrlFilter.Rejection.PARENT);
        assertThat(f.check(u("http://www.a.test:8443/blog/"))).isEqualTo(UrlFilter.Rejection.PARENT);
        assertThat(f.test(u("http://c.test/"))).as("a host without a start URL").isTrue();
    }

    @Test
    void allowsOnlyTheGivenSchemes() {
        assertThat(UrlFilter.allowAll().test(u("http://a.test/"))).isTrue();
        assertThat(UrlFilter.allowAll().check(u("ftp://a.test/"))).isEqualTo(UrlFilter.Rejection.SCHEME);
        UrlFilter httpsOnly = UrlFilter.builder().allowSchemes(List.of("HTTPS")).build();
        assertThat(httpsOnly.check(u("http://a.test/"))).isEqualTo(UrlFilter.Rejection.SCHEME);
        assertThat(httpsOnly.test(u("https://a.test/"))).isTrue();
    }

    @Test
    void allowsOnlyTheGivenFileTypesWithNoneForNoExtension() {
        UrlFilter f = UrlFilter.builder()
                .allowFileTypes(List.of("html", ".PHP", "none"))
                .build();
        assertThat(f.test(u("http://a.test/index.html"))).isTrue();
        assertThat(f.test(u("http://a.test/x.php?id=1"))).isTrue();
        assertThat(f.test(u("http://a.test/docs/"))).isTrue();
        assertThat(f.test(u("http://a.test/docs"))).isTrue();
        assertThat(f.test(u("http://a.test/v1.2/docs"))).isTrue();
        assertThat(f.check(u("http://a.test/a.pdf"))).isEqualTo(UrlFilter.Rejection.FILE_TYPE);
        assertThat(f.check(u("http://a.test/a.htm"))).isEqualTo(UrlFilter.Rejection.FILE_TYPE);
    }

    @Test
    void withoutFileTypesSkipsKnownNonPages() {
        UrlFilter f = UrlFilter.allowAll();
        for (String ext : List.of("png", "JPG", "mp4", "zip", "pdf", "css", "js", "woff2")) {
            assertThat(f.check(u("http://a.test/file." + ext))).as(ext).isEqualTo(UrlFilter.Rejection.FILE_TYPE);
        }
        assertThat(f.test(u("http://a.test/page.aspx"))).isTrue();
        assertThat(f.test(u("http://a.test/"))).isTrue();
    }

    @Test
    void takesAnyPredicate() {
        UrlFilter f = UrlFilter.builder()
                .and(url -> !url.path().startsWith("/private"))
                .build();
        assertThat(f.check(u("http://a.test/private/x"))).isEqualTo(UrlFilter.Rejection.CUSTOM);
        assertThat(f.test(u("http://a.test/public"))).isTrue();
    }

    @Test
    void refusesSomethingThatIsNotADomain() {
        assertThatThrownBy(() -> UrlFilter.builder().allowDomains(List.of("http://example.com")))
                .hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> UrlFilter.builder().allowDomains(List.of("exa mple.com")))
                .isInstanceOf(InvalidUrlException.class);
    }

    @Test
    void aStartUrlStandsForItsSiteWithoutWww() {
        assertThat(UrlFilter.siteDomain(u("https://www.example.com/docs"))).isEqualTo("example.com");
        assertThat(UrlFilter.siteDomain(u("https://docs.example.com/"))).isEqualTo("docs.example.com");
        assertThat(UrlFilter.siteDomain(u("http://www.com/"))).isEqualTo("www.com");
        assertThat(UrlFilter.siteDomain(u("http://127.0.0.2:8080/"))).isEqualTo("127.0.0.2");
    }
}
