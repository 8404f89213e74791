package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.Politeness;
import dev.trawl.testing.TestWeb;
import dev.trawl.url.WebUrl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core's side of rendering, with a renderer whose DOM is the page as served (the browser's
 * side is trawl-render's): what auto mode decides and how the summary tells it.
 */
class RenderingTest extends CrawlTestSupport {

    /** A browser that runs no script: the DOM is the page as served. */
    private static final class AsServed implements Renderer {
        @Override
        public Rendered render(WebUrl url, FetchResult page, Resources resources) {
            return Rendered.of(new String(page.body(), StandardCharsets.UTF_8), 1);
        }

        @Override
        public void close() {}
    }

    @Test
    void autoReadsHostsThatGainNothingAsServedAndTheSummaryNamesTenOfThem() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestWeb.Site site = web.site(60 + i).linking("/", "/a", "/b", "/c", "/d");
            for (String p : List.of("/a", "/b", "/c", "/d")) {
                site.linking(p);
            }
            seeds.add(site.url("/"));
        }

        CrawlResult result = run(Crawler.builder()
                .seeds(seeds)
                .politeness(Politeness.builder().delay(Duration.ZERO).perHost(1).build())
                .workers(4)
                .render(new AsServed(), Renderer.Mode.AUTO));

        assertThat(records).hasSize(60);
        // Each host: its first three pages sampled, the other two read as served.
        assertThat(records.stream().filter(r -> r.renderMillis() != null)).hasSize(36);
        assertThat(result.rendering())
                .filteredOn(l -> l.contains(": read as served: 3 sampled pages gained nothing"))
                .hasSize(Rendering.HOSTS_NAMED);
        assertThat(result.rendering()).contains("and 2 more hosts: 0 rendered, 2 read as served");
    }
}
