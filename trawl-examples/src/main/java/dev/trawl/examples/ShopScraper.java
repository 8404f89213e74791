package dev.trawl.examples;

import dev.trawl.CrawlResult;
import dev.trawl.Crawler;
import dev.trawl.output.ItemLinesSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Scrapes a shop's products to JSON Lines with a page handler: every page that shows a
 * product gives one item. The crawl follows the catalogue's pages and the product links by
 * itself. Run: {@code ShopScraper START_URL products.jsonl}.
 */
public final class ShopScraper {

    /** One product, as the items file holds it. */
    public record Product(String url, String name, String price, java.util.List<String> tags) {}

    private ShopScraper() {}

    /** Crawls the shop from {@code start}, writing an item per product page to {@code out}. */
    public static CrawlResult scrape(String start, OutputStream out) throws IOException {
        try (ItemLinesSink items = new ItemLinesSink(out);
                Crawler crawler = Crawler.builder()
                        .seeds(start)
                        .politeness(p -> p.delay(Duration.ofMillis(10)).perHost(4))
                        .handler(page -> {
                            if (page.select("article.product").isEmpty()) {
                                return; // a catalogue page: its links are followed, nothing to keep
                            }
                            page.emit(new Product(
                                    page.finalUrl().href(),
                                    page.select("article h1.name").text(),
                                    page.select("article .price").text(),
                                    page.select("article ul.tags li").eachText()));
                        })
                        .listener(items)
                        .build()) {
            return crawler.run();
        }
    }

    /** {@code ShopScraper START_URL FILE}. */
    public static void main(String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            CrawlResult result = scrape(args[0], out);
            System.err.println("Crawled " + result.pages() + " pages");
        }
    }
}
