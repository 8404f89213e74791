package dev.trawl.redis;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.url.WebUrl;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CrawlRequest} as one line of tab-separated fields: attempt, depth, kind, URL,
 * referrer, then the redirect chain. Serialized URLs never hold a tab (the URL standard strips
 * them), so no escaping is needed.
 */
final class RequestCodec {

    private RequestCodec() {}

    static String encode(CrawlRequest r) {
        StringBuilder sb = new StringBuilder(r.url().href().length() + 16);
        sb.append(r.attempt())
                .append('\t')
                .append(r.depth())
                .append('\t')
                .append(r.sitemap() ? 's' : 'p')
                .append('\t')
                .append(r.url().href())
                .append('\t');
        if (r.referrer() != null) {
            sb.append(r.referrer().href());
        }
        for (WebUrl hop : r.redirects()) {
            sb.append('\t').append(hop.href());
        }
        return sb.toString();
    }

    static CrawlRequest decode(String line) {
        String[] f = line.split("\t", -1);
        List<WebUrl> redirects = new ArrayList<>(f.length - 5);
        for (int i = 5; i < f.length; i++) {
            redirects.add(WebUrl.parse(f[i]));
        }
        return new CrawlRequest(
                WebUrl.parse(f[3]),
                Integer.parseInt(f[1]),
                f[4].isEmpty() ? null : WebUrl.parse(f[4]),
                redirects,
                Integer.parseInt(f[0]),
                f[2].equals("s"));
    }
}
