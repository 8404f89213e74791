package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestCertificates;
import dev.trawl.testing.TestWeb.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTPS from the command line: a certificate failure in seconds and in words, --ca-cert, --insecure. */
@Timeout(120)
class TlsOptionsTest extends CliTestSupport {

    @Test
    void anUntrustedCertificateIsAFatalErrorInSecondsAndTheCaOrInsecureLetsTheCrawlThrough() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Site s = web.tlsSite(4, certs.server("site", "ip:127.0.0.4", false));
        s.page("/robots.txt", "User-agent: *\nAllow: /\n").linking("/");

        long start = System.nanoTime();
        assertThat(trawl("--delay", "0", s.url("/"))).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(stderr().strip().lines().reduce((a, b) -> b).orElse(""))
                .isEqualTo("trawl: no start URL could be crawled: " + s.url("/") + " tls (unknown issuer)");

        assertThat(trawl("-q", "--delay", "0", "--ca-cert", certs.caPem().toString(), s.url("/")))
                .isZero();
        assertThat(stdout()).contains(s.url("/"));

        assertThat(trawl("--delay", "0", "--insecure", "--debug", s.url("/"))).isZero();
        assertThat(stderr()).startsWith("trawl: warning: --insecure");
        assertThat(stderr()).contains("[debug] robots.txt " + s.url("/robots.txt") + " 200");
        assertThat(stderr()).contains("[debug] page " + s.url("/") + " 200");
    }

    @Test
    void aCaFileThatHoldsNoCertificateIsAUsageError() throws Exception {
        Path notPem = dir.resolve("notes.txt");
        Files.writeString(notPem, "not a certificate");

        assertThat(trawl("--ca-cert", notPem.toString(), "https://127.0.0.9:1/"))
                .isEqualTo(2);
        assertThat(stderr()).startsWith("trawl: --ca-cert: ");
        assertThat(trawl("--ca-cert", dir.resolve("missing.pem").toString(), "https://127.0.0.9:1/"))
                .isEqualTo(2);
        assertThat(stderr().lines()).singleElement().asString().contains("cannot read certificates");
    }
}
