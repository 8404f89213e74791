package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestCertificates;
import dev.trawl.testing.TestWeb;
import dev.trawl.testing.TestWeb.Site;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    void resolveConnectsANameToAnAddressWhileTheNameStaysInTheUrlHostAndCertificate() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Site s = web.tlsSite(6, certs.server("shop", "dns:shop.test", false));
        int port = Integer.parseInt(s.authority().substring(s.authority().indexOf(':') + 1));
        List<String> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String path : List.of("/robots.txt", "/", "/next")) {
            s.route(path, ex -> {
                hosts.add(path + " " + ex.getRequestHeaders().getFirst("Host"));
                TestWeb.send(ex, 200, "text/html", "<a href=/next>next</a>".getBytes(StandardCharsets.UTF_8));
            });
        }
        String start = "https://shop.test:" + port + "/";

        assertThat(trawl(
                        "-q",
                        "--delay",
                        "0",
                        "--ca-cert",
                        certs.caPem().toString(),
                        "--resolve",
                        "shop.test:" + port + ":127.0.0.6",
                        start))
                .as(this::stderr)
                .isZero();

        assertThat(stdout().lines()).containsExactlyInAnyOrder(start, start + "next");
        assertThat(hosts)
                .containsExactlyInAnyOrder(
                        "/robots.txt shop.test:" + port, "/ shop.test:" + port, "/next shop.test:" + port);
        for (String bad :
                List.of("shop.test:" + port, "shop.test:x:127.0.0.6", "shop.test:80:not-an-ip", ":80:127.0.0.1")) {
            assertThat(trawl("--resolve", bad, start)).as(bad).isEqualTo(2);
            assertThat(stderr()).as(bad).startsWith("trawl: --resolve wants HOST:PORT:ADDRESS");
        }
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
