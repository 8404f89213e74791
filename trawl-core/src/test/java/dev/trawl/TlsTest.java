package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchError;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.testing.TestCertificates;
import dev.trawl.testing.TestWeb.Site;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS at the far end: a certificate failure is an error of its own ({@code tls}) with the
 * reason, and fails the host at once (it used to read as an unreachable robots.txt, waited for a
 * minute per try); a CA given is trusted; {@code insecure} accepts anything.
 */
@Timeout(120)
class TlsTest extends CrawlTestSupport {

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static List<X509Certificate> ca;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
        try (InputStream in = Files.newInputStream(certs.caPem())) {
            ca = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c)
                    .toList();
        }
    }

    private Site site(int octet, String san, boolean expired) throws Exception {
        Site s = web.tlsSite(octet, certs.server("s" + octet, san, expired));
        s.page("/robots.txt", "User-agent: *\nAllow: /\n").linking("/", "/a").linking("/a");
        return s;
    }

    private Crawler.Builder crawler(Site s, FetchOptions.Builder fetch) {
        return Crawler.builder()
                .seeds(s.url("/"))
                .politeness(p -> p.delay(Duration.ZERO))
                .fetchOptions(fetch.timeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void anUnknownIssuerFailsTheHostAtOnceWithItsReason() throws Exception {
        Site s = site(2, "ip:127.0.0.2", false);

        long start = System.nanoTime();
        CrawlResult result = run(crawler(s, FetchOptions.builder()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.error()).isEqualTo(FetchError.TLS);
            assertThat(r.detail()).isEqualTo("unknown issuer");
            assertThat(r.attempts()).as("retried as a refused connection is").isEqualTo(3);
        });
        assertThat(result.ok()).isZero();
        assertThat(s.requests()).as("no request got through").isEmpty();
    }

    @Test
    void aCertificateAuthorityGivenIsTrustedBesidesTheJdks() throws Exception {
        Site s = site(3, "ip:127.0.0.3", false);

        CrawlResult result = run(crawler(s, FetchOptions.builder().trust(ca)));

        assertThat(result.ok()).isEqualTo(2);
        assertThat(s.paths()).containsExactlyInAnyOrder("/robots.txt", "/", "/a");
    }

    @Test
    void aCertificateForAnotherNameOrExpiredSaysSo() throws Exception {
        Site other = site(4, "dns:other.test", false);
        Site expired = site(5, "ip:127.0.0.5", true);

        run(crawler(other, FetchOptions.builder().trust(ca)).retries(0));
        run(crawler(expired, FetchOptions.builder().trust(ca)).retries(0));

        assertThat(byUrl().get(other.url("/")).detail()).startsWith("wrong name");
        assertThat(byUrl().get(expired.url("/")).detail()).isEqualTo("expired certificate");
        assertThat(records).allMatch(r -> r.error() == FetchError.TLS);
    }

    @Test
    void insecureAcceptsAnyCertificate() throws Exception {
        Site s = site(6, "dns:other.test", true);

        CrawlResult result = run(crawler(s, FetchOptions.builder().insecure(true)));

        assertThat(result.ok()).isEqualTo(2);
    }
}
