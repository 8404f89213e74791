package dev.trawl.fetch;

import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The client's TLS settings, made ready at the first TLS connection rather than when the client
 * starts: reading the JDK's trust store and building the context cost a tenth of a second of
 * CPU, which a crawl of {@code http://} pages never needs.
 */
final class DeferredTls extends SslContextFactory.Client {

    private final ReentrantLock loading = new ReentrantLock();
    private volatile boolean loaded;

    @Override
    protected void doStart() {
        // Not yet: see ready().
    }

    @Override
    protected void doStop() throws Exception {
        if (loaded) {
            super.doStop();
        }
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
            if (!loaded) {
                super.doStart();
                loaded = true;
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        } finally {
            loading.unlock();
        }
    }
}
