package dev.trawl.testweb;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a {@link SyntheticShop} with Jetty on one loopback address.
 *
 * <pre>{@code
 * try (ShopServer server = ShopServer.start("127.0.0.30", 45, 7)) {
 *     String seed = server.shop().seed();
 * }
 * }</pre>
 */
public final class ShopServer implements AutoCloseable {

    private final Server server;
    private final SyntheticShop shop;

    private ShopServer(Server server, SyntheticShop shop) {
        this.server = server;
        this.shop = shop;
    }

    /** Starts a shop of {@code products} products on {@code address}, on a free port. */
    public static ShopServer start(String address, int products, long seed) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(address);
        server.addConnector(connector);
        Serve serve = new Serve();
        server.setHandler(serve);
        server.start();
        serve.shop = new SyntheticShop("http://" + address + ":" + connector.getLocalPort(), products, seed);
        return new ShopServer(server, serve.shop);
    }

    /** The shop, with its ground truth. */
    public SyntheticShop shop() {
        return shop;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class Serve extends Handler.Abstract {
        private volatile SyntheticShop shop;

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            byte[] body = shop == null ? null : shop.page(request.getHttpURI().getPathQuery());
            if (body == null) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
