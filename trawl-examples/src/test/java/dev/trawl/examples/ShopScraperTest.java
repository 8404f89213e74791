package dev.trawl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.testweb.ShopServer;
import dev.trawl.testweb.SyntheticShop;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example scraper against a shop whose products are known. */
@Timeout(60)
class ShopScraperTest {

    @Test
    void everyProductIsScrapedOnceWithItsNamePriceAndTags() throws Exception {
        try (ShopServer server = ShopServer.start("127.0.0.30", 45, 7)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            ShopScraper.scrape(server.shop().seed(), out);

            ObjectMapper json = new ObjectMapper();
            List<SyntheticShop.Product> scraped = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                scraped.add(json.readValue(line, SyntheticShop.Product.class));
            }
            assertThat(scraped)
                    .containsExactlyInAnyOrderElementsOf(server.shop().products());
            assertThat(server.shop().products())
                    .hasSize(45)
                    .anySatisfy(p -> assertThat(p.tags()).isNotEmpty());
        }
    }
}
