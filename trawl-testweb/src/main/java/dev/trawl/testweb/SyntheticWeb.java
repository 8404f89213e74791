package dev.trawl.testweb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * A deterministic web of many hosts, for demos and benchmarks: pages of realistic size (a
 * log-normal spread around 30 KB) with 30 to 120 links each, written every way pages write them
 * (relative, root-relative, absolute, under a {@code <base>}, with fragments), to other hosts,
 * to assets, to missing pages and through redirects, plus query-string pages. Every response is
 * rendered (and gzipped) once, up front, so that serving costs next to nothing. The same seed
 * gives the same web; {@link #reachable()} is its ground truth.
 */
public final class SyntheticWeb {

    /** One response: status, Location (for redirects), body and its gzip. */
    public record Response(int status, String location, byte[] body, byte[] gzipped) {}

    private static final int MISSING = 10;

    private final int hosts;
    private final List<String> origins;
    private final Map<String, Response> responses = new HashMap<>();
    private final Map<String, List<String>> outlinks = new HashMap<>();
    private final String seed;

    /**
     * Builds the web.
     *
     * @param origins {@code http://host:port} of each host, in order
     * @param pages pages in all, spread over the hosts
     * @param randomSeed what makes it the same web every time
     */
    public SyntheticWeb(List<String> origins, int pages, long randomSeed) {
        this.hosts = origins.size();
        this.origins = List.copyOf(origins);
        Random random = new Random(randomSeed);
        List<String> pageUrls = new ArrayList<>(pages);
        for (int i = 0; i < pages; i++) {
            pageUrls.add(origin(i) + path(i));
        }
        this.seed = pageUrls.get(0);
        for (int i = 0; i < pages; i++) {
            renderPage(i, pageUrls, random);
        }
        byte[] notFound = "<html><title>404</title><h1>Not found</h1></html>".getBytes(StandardCharsets.UTF_8);
        for (int h = 0; h < hosts; h++) {
            for (int k = 0; k < MISSING; k++) {
                responses.put(origins.get(h) + "/missing/" + k, new Response(404, null, notFound, gzip(notFound)));
            }
        }
    }

    private String origin(int page) {
        return origins.get(page % hosts);
    }

    /** Page 0..hosts-1 are the hosts' home pages; the rest have one of three kinds of path. */
    private String path(int i) {
        if (i < hosts) {
            return "/";
        }
        return switch (i % 5) {
            case 0 -> "/docs/p" + i + "/";
            case 1 -> "/search?q=p" + i;
            default -> "/p" + i + ".html";
        };
    }

    private void renderPage(int i, List<String> pageUrls, Random random) {
        String self = pageUrls.get(i);
        String origin = origin(i);
        int linkCount = 30 + random.nextInt(91);
        boolean base = random.nextInt(10) == 0;
        StringBuilder html = new StringBuilder(40_000);
        html.append("<!DOCTYPE html><html><head><meta charset=utf-8><title>Page ")
                .append(i)
                .append("</title>");
        html.append("<link rel=stylesheet href=/static/site.css><script src=/static/app.js></script>");
        if (base) {
            html.append("<base href=\"").append(origin).append("/\">");
        }
        html.append("</head><body><nav><a href=\"/\">home</a> <a href=\"#main\">skip</a></nav><main id=main>");
        List<String> links = new ArrayList<>();
        for (int l = 0; l < linkCount; l++) {
            int kind = random.nextInt(100);
            String target;
            String href;
            if (kind < 3) {
                int k = random.nextInt(MISSING);
                target = origin + "/missing/" + k;
                href = "/missing/" + k;
            } else if (kind < 6) {
                int to = random.nextInt(pageUrls.size());
                String from = origin + "/old/" + to;
                responses.putIfAbsent(from, new Response(301, pageUrls.get(to), new byte[0], gzip(new byte[0])));
                outlinks.putIfAbsent(from, List.of(pageUrls.get(to)));
                target = from;
                href = "/old/" + to;
            } else if (kind < 12) {
                href = "/img/p" + random.nextInt(1000) + (kind % 2 == 0 ? ".png" : ".pdf");
                target = null;
            } else {
                int to = kind < 30
                        ? random.nextInt(pageUrls.size())
                        : Math.floorMod(i + (random.nextInt(41) - 20) * hosts, pageUrls.size());
                target = pageUrls.get(to);
                href = hrefFor(target, origin, base || !path(i).startsWith("/docs/"), random);
            }
            if (target != null) {
                links.add(target);
            }
            html.append("<p>")
                    .append(LOREM, 0, 80 + random.nextInt(200))
                    .append(" <a href=\"")
                    .append(href)
                    .append("\">link ")
                    .append(l)
                    .append("</a></p>\n");
        }
        // A log-normal page size: median 30 KB, a long tail.
        int target = (int) Math.min(400_000, Math.exp(Math.log(30_000) + 0.6 * random.nextGaussian()));
        while (html.length() < target) {
            html.append("<p>").append(LOREM).append("</p>\n");
        }
        html.append("</main></body></html>\n");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        responses.put(self, new Response(200, null, body, gzip(body)));
        outlinks.put(self, links);
    }

    /**
     * The same target written one of the ways pages write links; relative to the document's
     * directory only when that directory is the root (its own, or its {@code <base>}).
     */
    private static String hrefFor(String target, String origin, boolean rootDirectory, Random random) {
        boolean sameHost = target.startsWith(origin + "/");
        String path = sameHost ? target.substring(origin.length()) : null;
        int style = random.nextInt(4);
        if (!sameHost || style == 0) {
            return target + (random.nextInt(8) == 0 ? "#section" : "");
        }
        if (style == 1 || path.equals("/")) {
            return path;
        }
        return rootDirectory ? path.substring(1) : path;
    }

    private static byte[] gzip(byte[] body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 32);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(body);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response for a URL ({@code http://host:port/path?query}), or {@code null}: a 404. */
    public Response get(String url) {
        return responses.get(url);
    }

    /** The start URL: the first host's home page. */
    public String seed() {
        return seed;
    }

    /**
     * The ground truth: every URL reachable from the seed by following links to pages (assets
     * are not), redirects included, in breadth-first order.
     */
    public Set<String> reachable() {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        seen.add(seed);
        todo.add(seed);
        while (!todo.isEmpty()) {
            for (String next : outlinks.getOrDefault(todo.poll(), List.of())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }

    /** How many responses there are (pages, redirects, not-found pages). */
    public int size() {
        return responses.size();
    }

    private static final String LOREM =
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
                    + "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
                    + "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit "
                    + "esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa.";
}
