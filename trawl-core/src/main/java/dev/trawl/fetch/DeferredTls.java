package dev.trawl.fetch;

import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The client's TLS settings, made ready at the first TLS connection rather than when the client
 * starts: reading the JDK's trust store and building the context cost a tenth of a second of
 * CPU, which a crawl of {@code http://} pages never needs. A failure is kept and given again to
 * every later connection, each recorded as a TLS error.
 */
final class DeferredTls extends SslContextFactory.Client {

    /** The TLS settings could not be made; thrown at each TLS connection. */
    static final class SetupFailed extends IllegalStateException {
        SetupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ReentrantLock loading = new ReentrantLock();
    private volatile boolean loaded;
    private volatile SetupFailed failed;

    @Override
    protected void doStart() {
        // Not yet: see ready().
    }

    @Override
    protected void doStop() throws Exception {
        loading.lock();
        try {
            if (loaded) {
                super.doStop();
            }
            loaded = false;
            failed = null;
        } finally {
            loading.unlock();
        }
    }

    @Override
    public SSLContext getSslContext() {
        if (isStarted()) {
            ready();
        }
        return super.getSslContext();
    }

    @Override
    public SSLEngine newSSLEngine() {
        ready();
        return super.newSSLEngine();
    }

    @Override
    public SSLEngine newSSLEngine(String host, int port) {
        ready();
        return super.newSSLEngine(host, port);
    }

    private void ready() {
        if (loaded) {
            return;
        }
        loading.lock();
        try {
            if (!loaded && failed == null) {
                try {
                    super.doStart();
                    loaded = true;
                } catch (Exception e) {
                    failed = new SetupFailed("cannot set up TLS: " + e.getMessage(), e);
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            loading.unlock();
        }
    }
}
