package dev.trawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestWeb.Site;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A redirect chain ends whatever is queued behind it, and a page's links can be capped. */
@Timeout(120)
class RedirectChainTest extends CrawlTestSupport {

    private static final int BIG = 3_000;
    private static final int HOPS = 8;

    /** A home page linking to a page of {@value #BIG} links and to a chain of {@value #HOPS} redirects. */
    private Site site() throws Exception {
        Site a = web.site(2);
        String[] links = new String[BIG];
        for (int i = 0; i < BIG; i++) {
            links[i] = "/p" + i;
        }
        a.linking("/big", links);
        for (int i = 0; i < HOPS; i++) {
            a.redirect("/r" + i, 302, "/r" + (i + 1));
        }
        a.redirect("/r" + HOPS, 301, "/end");
        a.linking("/end");
        return a.linking("/", "/big", "/r0");
    }

    private Crawler.Builder crawler(Site a) {
        return Crawler.builder()
                .seeds(a.url("/"))
                .robots(false)
                .politeness(p -> p.delay(Duration.ofMillis(5)).perHost(1))
                .workers(4);
    }

    @Test
    void aChainEndsBeforeTheThousandsOfUrlsQueuedBeforeItsHops() throws Exception {
        Site a = site();

        CrawlResult result = run(crawler(a).politeness(p -> p.maxPages(100)));

        PageRecord chain = byUrl().get(a.url("/r0"));
        assertThat(chain).as("the chain's record").isNotNull();
        assertThat(chain.finalUrl().href()).isEqualTo(a.url("/end"));
        assertThat(chain.redirects()).hasSize(HOPS + 1);
        assertThat(result.pages()).isEqualTo(100);
        // The hops came one after another, with only the home page and /big before them.
        assertThat(a.paths().subList(0, HOPS + 4))
                .startsWith("/", "/big", "/r0")
                .endsWith("/r" + HOPS, "/end");
    }

    @Test
    void maxLinksPerPageFollowsTheFirstLinksAndCountsTheRest() throws Exception {
        Site a = site();

        CrawlResult result = run(crawler(a).maxLinksPerPage(100));

        assertThat(a.paths()).contains("/p0", "/p99").doesNotContain("/p100", "/p2999");
        assertThat(result.skipped()).containsEntry(Skip.LINK_LIMIT, (long) BIG - 100);
        assertThat(byUrl().get(a.url("/big")).outlinks()).hasSize(BIG);
        assertThat(byUrl().get(a.url("/r0")).finalUrl().href()).isEqualTo(a.url("/end"));
    }
}
