package dev.trawl;

import dev.trawl.testing.TestWeb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/** A loopback test web and the records of the crawl under test, for whole-crawl tests. */
abstract class CrawlTestSupport {

    final TestWeb web = new TestWeb();
    final List<PageRecord> records = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        web.close();
    }

    CrawlResult run(Crawler.Builder builder) {
        try (Crawler crawler = builder.listener(records::add).build()) {
            return crawler.run();
        }
    }

    Map<String, PageRecord> byUrl() {
        return records.stream().collect(Collectors.toMap(r -> r.url().href(), Function.identity()));
    }
}
