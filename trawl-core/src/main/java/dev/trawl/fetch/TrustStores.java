package dev.trawl.fetch;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A trust store of the JDK's trusted issuers (as configured: {@code javax.net.ssl.trustStore}) and some more. */
final class TrustStores {

    private TrustStores() {}

    /**
     * The JDK's trusted certificates and these.
     *
     * @throws IllegalStateException if the JDK's trust store cannot be read
     */
    static KeyStore withDefaults(List<X509Certificate> extra) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    for (X509Certificate c : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            for (X509Certificate c : extra) {
                store.setCertificateEntry("given-" + n++, c);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the JDK's trust store: " + e.getMessage(), e);
        }
    }
}
