package dev.trawl.testweb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A shop to scrape, with its ground truth: a catalogue in pages of ten ({@code /}, {@code
 * /?page=2}, ..., linked by {@code rel=next}) and a page per product ({@code /product/ID}) with
 * its name, price and tags, laid out as shops do (the price among other numbers, tags in a list,
 * a related product). The same seed gives the same shop.
 */
public final class SyntheticShop {

    /** One product as its page shows it. */
    public record Product(String url, String name, String price, List<String> tags) {}

    private static final String[] ADJECTIVES = {"Red", "Steel", "Tiny", "Grand", "Quiet", "Café", "Blue", "Old"};
    private static final String[] NOUNS = {"Kettle", "Teapot", "Lamp", "Chair", "Clock", "Mug", "Desk", "Vase"};
    private static final String[] TAGS = {"kitchen", "home", "gift", "sale", "new", "garden", "office"};
    private static final int PER_PAGE = 10;

    private final String origin;
    private final List<Product> products = new ArrayList<>();

    /**
     * @param origin {@code http://host:port} the shop is served at
     * @param count how many products
     */
    public SyntheticShop(String origin, int count, long seed) {
        this.origin = origin;
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)]
                    + " \"" + (i + 1) + "\"";
            String price = (1 + random.nextInt(300)) + "." + String.format("%02d", random.nextInt(100));
            List<String> tags = new ArrayList<>();
            for (String t : TAGS) {
                if (random.nextInt(3) == 0) {
                    tags.add(t);
                }
            }
            products.add(new Product(origin + "/product/" + (i + 1), name, price, List.copyOf(tags)));
        }
    }

    /** Every product, in catalogue order. */
    public List<Product> products() {
        return List.copyOf(products);
    }

    /** The catalogue's first page. */
    public String seed() {
        return origin + "/";
    }

    /** The page at a path and query, or {@code null} for none. */
    public byte[] page(String pathQuery) {
        String html = null;
        if (pathQuery.equals("/") || pathQuery.startsWith("/?page=")) {
            int n = pathQuery.equals("/") ? 1 : parse(pathQuery.substring("/?page=".length()));
            html = catalogue(n);
        } else if (pathQuery.startsWith("/product/")) {
            int id = parse(pathQuery.substring("/product/".length()));
            html = id >= 1 && id <= products.size() ? product(id) : null;
        }
        return html == null ? null : html.getBytes(StandardCharsets.UTF_8);
    }

    private String catalogue(int n) {
        int pages = (products.size() + PER_PAGE - 1) / PER_PAGE;
        if (n < 1 || n > pages) {
            return null;
        }
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Shop, page " + n
                + "</title></head><body><h1>Catalogue</h1><ul class=products>");
        for (int i = (n - 1) * PER_PAGE; i < Math.min(products.size(), n * PER_PAGE); i++) {
            Product p = products.get(i);
            html.append("<li><a href=\"/product/")
                    .append(i + 1)
                    .append("\">")
                    .append(escape(p.name()))
                    .append("</a> <span class=price>")
                    .append(p.price())
                    .append("</span>");
        }
        html.append("</ul><nav>");
        if (n > 1) {
            html.append("<a rel=prev href=\"/?page=").append(n - 1).append("\">previous</a> ");
        }
        if (n < pages) {
            html.append("<a rel=next href=\"/?page=").append(n + 1).append("\">next</a>");
        }
        return html.append("</nav></body></html>").toString();
    }

    private String product(int id) {
        Product p = products.get(id - 1);
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>" + escape(p.name())
                + " | Shop</title></head><body><a href=\"/\">Shop</a><article class=product><h1 class=name>"
                + escape(p.name()) + "</h1><p>Item " + id + ", ships in 2 days.</p>"
                + "<p class=offer>Now <span class=price>" + p.price() + "</span> EUR</p><ul class=tags>");
        for (String t : p.tags()) {
            html.append("<li>").append(t).append("</li>");
        }
        html.append("</ul></article>");
        int related = id % products.size() + 1;
        html.append("<aside>Also: <a href=\"/product/")
                .append(related)
                .append("\">")
                .append(escape(products.get(related - 1).name()))
                .append("</a> <span class=price>")
                .append(products.get(related - 1).price())
                .append("</span></aside>");
        return html.append("</body></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
