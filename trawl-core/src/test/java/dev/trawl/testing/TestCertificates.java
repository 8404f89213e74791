package dev.trawl.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates for HTTPS test servers, made by the JDK's own keytool: a test CA, and server
 * certificates it signs, for a name or address, valid or expired.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private final Path dir;

    /** Makes a CA in {@code dir}. */
    public TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-dname",
                "CN=trawl test CA",
                "-ext",
                "bc:c",
                "-validity",
                "30",
                "-keystore",
                store("ca"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", caPem().toString());
    }

    /** The CA's certificate, in PEM (what {@code --ca-cert} reads). */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /**
     * A server's TLS context with a certificate signed by the CA.
     *
     * @param san the subject alternative name, as keytool writes it: {@code ip:127.0.0.2}, {@code dns:a.test}
     * @param expired whether the certificate ended yesterday
     */
    public SSLContext server(String name, String san, boolean expired) throws Exception {
        String store = store(name);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=" + name, "-keystore", store);
        Path csr = dir.resolve(name + ".csr");
        Path crt = dir.resolve(name + ".crt");
        keytool("-certreq", "-alias", "server", "-keystore", store, "-file", csr.toString());
        List<String> sign = new ArrayList<>(List.of(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                store("ca"),
                "-infile",
                csr.toString(),
                "-outfile",
                crt.toString(),
                "-rfc",
                "-ext",
                "san=" + san));
        sign.addAll(expired ? List.of("-startdate", "-3d", "-validity", "1") : List.of("-validity", "30"));
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem().toString(), "-keystore", store);
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", crt.toString(), "-keystore", store);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
        }
    }
}
