package dev.trawl.testweb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.CrawlResult;
import dev.trawl.Crawler;
import dev.trawl.PageRecord;
import dev.trawl.url.UrlFilter;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The synthetic web is the same every time, and trawl finds exactly its ground truth. */
@Timeout(120)
class SyntheticWebTest {

    @Test
    void theSameSeedGivesTheSameWeb() {
        List<String> origins = List.of("http://127.0.0.10:1000", "http://127.0.0.11:1001");
        SyntheticWeb a = new SyntheticWeb(origins, 300, 7);
        SyntheticWeb b = new SyntheticWeb(origins, 300, 7);
        assertThat(a.reachable()).isEqualTo(b.reachable()).hasSizeGreaterThan(250);
        assertThat(a.get(a.seed()).body()).isEqualTo(b.get(b.seed()).body());
        assertThat(new SyntheticWeb(origins, 300, 8).get(a.seed()).body())
                .isNotEqualTo(a.get(a.seed()).body());
    }

    @Test
    void pagesAreRealisticInSizeAndLinks() {
        List<String> origins = List.of("http://127.0.0.10:1000", "http://127.0.0.11:1001", "http://127.0.0.12:1002");
        SyntheticWeb web = new SyntheticWeb(origins, 600, 1);
        List<Integer> sizes = web.reachable().stream()
                .map(web::get)
                .filter(r -> r.status() == 200)
                .map(r -> r.body().length)
                .sorted()
                .toList();
        int median = sizes.get(sizes.size() / 2);
        assertThat(median).isBetween(25_000, 36_000);
        assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(2 * median);
        assertThat(web.get(web.seed()).gzipped().length)
                .isLessThan(web.get(web.seed()).body().length / 2);
    }

    @Test
    void trawlCrawlsExactlyTheGroundTruth() throws Exception {
        try (SyntheticWebServer server = SyntheticWebServer.start(4, 400, 0, 42)) {
            SyntheticWeb web = server.web();
            List<PageRecord> records = new CopyOnWriteArrayList<>();
            CrawlResult result;
            try (Crawler crawler = Crawler.builder()
                    .seeds(web.seed())
                    .politeness(p -> p.delay(Duration.ZERO))
                    .workers(32)
                    .politeness(p -> p.perHost(4))
                    .filter(UrlFilter.builder()
                            .allowDomains(List.of("127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13"))
                            .build())
                    .listener(records::add)
                    .build()) {
                result = crawler.run();
            }
            Set<String> crawled = new HashSet<>();
            for (PageRecord r : records) {
                crawled.add(r.url().href());
                r.redirects().forEach(u -> crawled.add(u.href()));
                crawled.add(r.finalUrl().href());
            }
            Set<String> truth = new HashSet<>();
            web.reachable().forEach(u -> truth.add(WebUrl.parse(u).href()));
            assertThat(crawled).isEqualTo(truth);
            assertThat(result.failed())
                    .isEqualTo(records.stream().filter(r -> r.status() == 404).count());
        }
    }
}
