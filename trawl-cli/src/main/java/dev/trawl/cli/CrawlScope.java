package dev.trawl.cli;

import dev.trawl.url.UrlFilter;
import dev.trawl.url.UrlNormalizer;
import dev.trawl.url.WebUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that say where a crawl starts and which URLs are in it, and the filter they make. */
final class CrawlScope {

    /**
     * A URL that names a scheme ({@code http:}, {@code mailto:}, but not the port of {@code
     * localhost:8080}); one that does not is taken as {@code https://}.
     */
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(?![0-9])");

    @Parameters(
            arity = "0..*",
            paramLabel = "URL",
            description = "Start URLs (http or https; one without a scheme, example.com, is taken as https://).")
    List<String> urls = new ArrayList<>();

    @Option(
            names = {"-i", "--input-file"},
            paramLabel = "FILE",
            description = "Read start URLs from FILE ('-': stdin), one per line; blank lines and # comments are"
                    + " ignored.")
    String inputFile;

    @Option(
            names = {"-d", "--allow-domain"},
            split = ",",
            paramLabel = "D",
            description = "Crawl only these domains and their subdomains (repeatable or comma list; "
                    + "default: the start URLs' hosts, without www.).")
    List<String> domains = new ArrayList<>();

    @Option(
            names = "--allow-scheme",
            split = ",",
            paramLabel = "S",
            description = "Follow links of these schemes only: http, https (default: both).")
    List<String> schemes = new ArrayList<>();

    @Option(
            names = "--file-types",
            split = ",",
            paramLabel = "LIST",
            description = "Follow only these file extensions, 'none' for none (e.g. html,php,none; "
                    + "default: all but images, media, archives, documents, css/js and fonts).")
    List<String> fileTypes = new ArrayList<>();

    @Option(
            names = "--include",
            paramLabel = "REGEX",
            description = "Follow only URLs that match one of these regular expressions (anywhere in the normalized"
                    + " URL); repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(
            names = "--exclude",
            paramLabel = "REGEX",
            description = "Do not follow URLs that match this regular expression; repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(
            names = "--no-parent",
            description = "Stay at or under each start URL's directory on its host (as wget's --no-parent).")
    boolean noParent;

    /**
     * The start URLs: those given and those read from {@code -i}, with {@code https://} where no
     * scheme was given.
     *
     * @throws Main.UsageException when there are none, or the file cannot be read
     */
    List<String> startUrls(InputStream stdin) {
        List<String> all = new ArrayList<>(urls);
        if (inputFile != null) {
            all.addAll(read(inputFile, stdin));
        }
        if (all.isEmpty()) {
            throw new Main.UsageException(
                    inputFile == null
                            ? "no start URL: give one or more URLs, or -i FILE"
                            : "no start URL in " + (inputFile.equals("-") ? "stdin" : inputFile));
        }
        return all.stream()
                .map(u -> HAS_SCHEME.matcher(u).find() ? u : "https://" + u)
                .toList();
    }

    private static List<String> read(String file, InputStream stdin) {
        try (BufferedReader in = file.equals("-")
                ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            List<String> found = new ArrayList<>();
            boolean first = true;
            for (String line = in.readLine(); line != null; line = in.readLine(), first = false) {
                // A file saved by a Windows editor starts with a byte-order mark.
                String url = (first && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
                if (!url.isEmpty() && !url.startsWith("#")) {
                    found.add(url);
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            throw new Main.UsageException("cannot read start URLs from " + file + ": " + Main.describe(e));
        }
    }

    /**
     * The filter of these options for these start URLs.
     *
     * @throws Main.UsageException for a scheme trawl cannot crawl or a bad regular expression
     * @throws dev.trawl.url.InvalidUrlException for a bad start URL or domain
     */
    UrlFilter filter(List<String> starts) {
        for (String s : schemes) {
            if (!s.equalsIgnoreCase("http") && !s.equalsIgnoreCase("https")) {
                throw new Main.UsageException("--allow-scheme: only http and https can be crawled, not '" + s + "'");
            }
        }
        List<WebUrl> seeds = starts.stream().map(UrlNormalizer::normalize).toList();
        List<String> scope = new ArrayList<>(domains);
        if (scope.isEmpty()) {
            seeds.forEach(u -> scope.add(UrlFilter.siteDomain(u)));
        }
        UrlFilter.Builder filter =
                UrlFilter.builder().allowDomains(scope).allowSchemes(schemes).allowFileTypes(fileTypes);
        includes.forEach(r -> filter.include(regex("--include", r)));
        excludes.forEach(r -> filter.exclude(regex("--exclude", r)));
        if (noParent) {
            filter.noParent(seeds);
        }
        return filter.build();
    }

    private static Pattern regex(String option, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Main.UsageException(
                    option + ": '" + regex + "' is not a regular expression (" + e.getDescription() + ")");
        }
    }

    /**
     * What makes two runs the same crawl, on the scope's side: the start URLs and what decides
     * which URLs are in (options not given add nothing, so older state files still match).
     */
    String identity(List<String> starts) {
        StringBuilder id = new StringBuilder("urls=" + String.join(" ", starts) + "; domains="
                + String.join(",", domains) + "; schemes=" + String.join(",", schemes) + "; file-types="
                + String.join(",", fileTypes));
        if (!includes.isEmpty()) {
            id.append("; include=").append(String.join(" ", includes));
        }
        if (!excludes.isEmpty()) {
            id.append("; exclude=").append(String.join(" ", excludes));
        }
        if (noParent) {
            id.append("; no-parent");
        }
        return id.toString();
    }
}
