package dev.trawl.bench;

import dev.trawl.testweb.SyntheticWeb;
import dev.trawl.url.WebUrl;
import java.util.ArrayList;
import java.util.List;

/** Realistic pages for the benchmarks: the synthetic web's, rendered in memory (no server). */
final class Pages {

    /** One page: where it is and its bytes. */
    record Page(WebUrl url, byte[] html) {}

    private Pages() {}

    static List<Page> sample(int hosts, int pages) {
        List<String> origins = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            origins.add("http://127.0.0." + (10 + h) + ":8000");
        }
        SyntheticWeb web = new SyntheticWeb(origins, pages, 42);
        List<Page> out = new ArrayList<>();
        for (String url : web.reachable()) {
            SyntheticWeb.Response r = web.get(url);
            if (r != null && r.status() == 200) {
                out.add(new Page(WebUrl.parse(url), r.body()));
            }
        }
        return out;
    }
}
