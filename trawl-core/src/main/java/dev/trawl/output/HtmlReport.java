package dev.trawl.output;

import dev.trawl.PageRecord;
import dev.trawl.Skip;
import dev.trawl.fetch.FetchError;
import dev.trawl.parse.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A crawl report a person opens in a browser: one self-contained HTML file (inline CSS and SVG
 * charts, nothing fetched) with totals, pages per status class, the response time distribution,
 * pages per depth, the slowest pages, every broken link with the pages that link to it,
 * redirects, and what was skipped and why. Fed like any sink; written on {@link #close()}.
 *
 * <pre>{@code
 * HtmlReport report = new HtmlReport(Path.of("report.html"));
 * crawler.listener(report) ... run ...
 * report.skipped(result.skipped());
 * report.close();
 * }</pre>
 */
public final class HtmlReport implements Sink {

    private static final int SLOWEST = 20;
    private static final int SOURCES_PER_TARGET = 5;
    private static final int REDIRECTS = 500;
    private static final long[] TIME_BUCKETS = {50, 100, 250, 500, 1000, 2000, 5000};
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Path out;
    private final Map<String, Long> statusClasses = new LinkedHashMap<>();
    private final long[] times = new long[TIME_BUCKETS.length + 1];
    private final Map<Integer, Long> depths = new TreeMap<>();
    private final PriorityQueue<PageRecord> slowest =
            new PriorityQueue<>(Comparator.comparingLong(PageRecord::elapsedMillis));
    private final Map<String, PageRecord> broken = new LinkedHashMap<>();
    private final Map<String, List<String>> inbound = new HashMap<>();
    private final List<PageRecord> redirects = new ArrayList<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private long pages;
    private long ok;
    private long bytes;
    private Instant first;
    private Instant last;

    /** A report to be written to {@code out} when closed. */
    public HtmlReport(Path out) {
        this.out = out;
        for (String c : List.of("2xx", "3xx", "4xx", "5xx", "no answer")) {
            statusClasses.put(c, 0L);
        }
    }

    /** A report of a JSON Lines file that trawl wrote ({@code -o}); links are known by their first referrer. */
    public static HtmlReport fromJsonLines(Path jsonl, Path out) throws IOException {
        HtmlReport report = new HtmlReport(out);
        JsonLinesReader.read(jsonl, report::onPage);
        return report;
    }

    @Override
    public void onPage(PageRecord p) {
        first = first == null || p.fetchedAt().isBefore(first) ? p.fetchedAt() : first;
        last = last == null || p.fetchedAt().isAfter(last) ? p.fetchedAt() : last;
        if (!p.crawled()) {
            if (p.error() != null) {
                skipped.merge(p.error().code(), 1L, Long::sum);
            }
            return;
        }
        pages++;
        ok += p.ok() ? 1 : 0;
        bytes += p.bytes();
        statusClasses.merge(p.status() == 0 ? "no answer" : (p.status() / 100) + "xx", 1L, Long::sum);
        depths.merge(p.depth(), 1L, Long::sum);
        if (p.status() > 0) {
            int bucket = 0;
            while (bucket < TIME_BUCKETS.length && p.elapsedMillis() >= TIME_BUCKETS[bucket]) {
                bucket++;
            }
            times[bucket]++;
            slowest.add(p);
            if (slowest.size() > SLOWEST) {
                slowest.poll();
            }
        }
        if (!p.ok()) {
            broken.put(p.url().href(), p);
        }
        boolean redirected = !p.redirects().isEmpty() || p.redirectAnswer();
        if (redirected && redirects.size() < REDIRECTS) {
            redirects.add(p);
        }
        if (p.error() == FetchError.NOT_HTML || p.error() == FetchError.TOO_LARGE) {
            skipped.merge(p.error().code(), 1L, Long::sum);
        }
        if (p.referrer() != null) {
            addSource(p.url().href(), p.referrer().href());
        }
        for (Link link : p.outlinks()) {
            addSource(link.url().href(), p.finalUrl().href());
        }
    }

    private void addSource(String target, String source) {
        List<String> sources = inbound.computeIfAbsent(target, k -> new ArrayList<>(2));
        if (sources.size() < SOURCES_PER_TARGET && !sources.contains(source)) {
            sources.add(source);
        }
    }

    /** Adds the crawl's counts of URLs skipped by reason (duplicates, scope, robots...). */
    public void skipped(Map<Skip, Long> byReason) {
        byReason.forEach((reason, n) -> skipped.merge(reason.code(), n, Long::sum));
    }

    /** Writes the report. */
    @Override
    public void close() throws IOException {
        Files.writeString(out, render(), StandardCharsets.UTF_8);
    }

    String render() {
        StringBuilder h = new StringBuilder(16384);
        h.append("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>trawl crawl report</title><style>")
                .append(
                        "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}")
                .append("h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}")
                .append(
                        ".cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f4f6f8;border-radius:8px;padding:.8em 1.2em}")
                .append(".card b{display:block;font-size:1.7em}table{border-collapse:collapse;width:100%}")
                .append(
                        "td,th{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;vertical-align:top;word-break:break-all}")
                .append("th{background:#fafafa}td.n{text-align:right;white-space:nowrap}.muted{color:#777}")
                .append("</style></head><body><h1>trawl crawl report</h1>");
        h.append("<p class=muted>")
                .append(
                        first == null
                                ? "no pages"
                                : esc(TIME.format(first) + " to " + TIME.format(last) + " ("
                                        + Duration.between(first, last).toSeconds() + " s)"))
                .append("</p>");
        h.append("<div class=cards>");
        card(h, "pages crawled", pages);
        card(h, "ok", ok);
        card(h, "failed", pages - ok);
        card(h, "broken links", broken.size());
        card(h, "redirected", redirects.size());
        card(h, "skipped", skipped.values().stream().mapToLong(Long::longValue).sum());
        card(h, "read", bytes >= 10_000_000 ? bytes / 1_000_000 + " MB" : bytes / 1_000 + " kB");
        h.append("</div>");

        h.append("<h2>Pages by status</h2>").append(bars(statusClasses, "#4a7bd0"));
        Map<String, Long> timeBars = new LinkedHashMap<>();
        for (int i = 0; i <= TIME_BUCKETS.length; i++) {
            String label = i == 0
                    ? "< " + TIME_BUCKETS[0] + " ms"
                    : i == TIME_BUCKETS.length
                            ? ">= " + TIME_BUCKETS[i - 1] + " ms"
                            : TIME_BUCKETS[i - 1] + "-" + TIME_BUCKETS[i] + " ms";
            timeBars.put(label, times[i]);
        }
        h.append("<h2>Response times</h2>").append(bars(timeBars, "#3c9d6b"));
        Map<String, Long> depthBars = new LinkedHashMap<>();
        depths.forEach((d, n) -> depthBars.put("depth " + d, n));
        h.append("<h2>Pages by depth</h2>").append(bars(depthBars, "#9b6bd1"));

        h.append("<h2>Slowest pages</h2><table><tr><th>ms</th><th>status</th><th>URL</th></tr>");
        slowest.stream()
                .sorted(Comparator.comparingLong(PageRecord::elapsedMillis).reversed())
                .forEach(p -> h.append("<tr><td class=n>")
                        .append(p.elapsedMillis())
                        .append("</td><td>")
                        .append(p.status())
                        .append("</td><td>")
                        .append(esc(p.finalUrl().href()))
                        .append("</td></tr>"));
        h.append("</table>");

        h.append("<h2>Broken links</h2>");
        if (broken.isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>URL</th><th>status or error</th><th>linked from</th></tr>");
            broken.forEach((url, p) -> {
                h.append("<tr><td>")
                        .append(esc(url))
                        .append("</td><td>")
                        .append(p.status() > 0 ? String.valueOf(p.status()) : "")
                        .append(p.error() == null ? "" : " " + esc(p.error().code()))
                        .append("</td><td>");
                for (String source : inbound.getOrDefault(url, List.of())) {
                    h.append(esc(source)).append("<br>");
                }
                h.append("</td></tr>");
            });
            h.append("</table>");
        }

        h.append("<h2>Redirects</h2>");
        if (redirects.isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>from</th><th>hops</th><th>to</th></tr>");
            for (PageRecord p : redirects) {
                // A chain that reached a page ends there; one that reached a URL crawled anyway says where.
                boolean reached = !p.redirects().isEmpty() && !p.redirectAnswer();
                String to = reached
                        ? p.finalUrl().href()
                        : p.detail() == null ? p.finalUrl().href() : p.detail();
                h.append("<tr><td>")
                        .append(esc(p.url().href()))
                        .append("</td><td class=n>")
                        .append(p.redirects().size() + (reached ? 0 : 1))
                        .append("</td><td>")
                        .append(esc(to))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>Skipped, and why</h2>");
        if (skipped.isEmpty()) {
            h.append("<p>Nothing.</p>");
        } else {
            Map<String, Long> reasons = new LinkedHashMap<>();
            skipped.forEach((r, n) -> reasons.put(r.replace('_', ' '), n));
            h.append(bars(reasons, "#d08a4a"));
        }
        return h.append("<p class=muted>Written by trawl.</p></body></html>\n").toString();
    }

    private static void card(StringBuilder h, String label, Object value) {
        h.append("<div class=card><b>")
                .append(value)
                .append("</b>")
                .append(esc(label))
                .append("</div>");
    }

    /** A horizontal bar chart in inline SVG, each bar labelled with its count. */
    private static String bars(Map<String, Long> values, String color) {
        long max = Math.max(
                1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int rowHeight = 26;
        int width = 900;
        int labelWidth = 170;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' role=img>",
                width,
                values.size() * rowHeight + 4));
        int y = 2;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double barWidth = (width - labelWidth - 80) * (double) e.getValue() / max;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor=end font-size=13 fill='#333'>%s</text>"
                            + "<rect x='%d' y='%d' width='%.1f' height='%d' rx=3 fill='%s'/>"
                            + "<text x='%.1f' y='%d' font-size=13 fill='#333'>%d</text>",
                    labelWidth - 8,
                    y + 17,
                    esc(e.getKey()),
                    labelWidth,
                    y + 3,
                    Math.max(barWidth, 1.0),
                    rowHeight - 8,
                    color,
                    labelWidth + barWidth + 6,
                    y + 17,
                    e.getValue()));
            y += rowHeight;
        }
        return svg.append("</svg>").toString();
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
