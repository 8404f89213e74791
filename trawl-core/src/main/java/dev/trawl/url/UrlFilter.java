package dev.trawl.url;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides which URLs are in the crawl's scope: allowed domains, schemes and file types, patterns
 * to include and exclude, the start URLs' directories, plus any predicate of the user's. The tutorial's {@code UrlFilterer}.
 *
 * <pre>{@code
 * UrlFilter filter = UrlFilter.builder()
 *     .allowDomains(List.of("example.com"))          // and its subdomains, any port
 *     .allowFileTypes(List.of("html", "php", "none")) // "none": no extension
 *     .and(url -> !url.path().startsWith("/private/"))
 *     .build();
 * }</pre>
 */
public final class UrlFilter implements Predicate<WebUrl> {

    /** Why a URL is out of scope. */
    public enum Rejection {
        /** Its scheme is not among the allowed schemes. */
        SCHEME,
        /** Its host is not an allowed domain nor a subdomain of one. */
        DOMAIN,
        /** Its file extension is not allowed (or is a known non-page type). */
        FILE_TYPE,
        /** It matches none of the {@link Builder#include} patterns, or one of the {@link Builder#exclude} ones. */
        PATTERN,
        /** It is above the directory of every start URL on its host ({@link Builder#noParent}). */
        PARENT,
        /** A predicate added with {@link Builder#and} refused it. */
        CUSTOM
    }

    /** Extensions skipped when no file types are given: resources that are never pages. */
    public static final Set<String> NON_PAGE_EXTENSIONS = Set.of(
            // images
            "png",
            "jpg",
            "jpeg",
            "gif",
            "bmp",
            "webp",
            "svg",
            "ico",
            "tif",
            "tiff",
            "avif",
            "heic",
            "psd",
            // audio and video
            "mp3",
            "wav",
            "ogg",
            "oga",
            "flac",
            "aac",
            "m4a",
            "wma",
            "mp4",
            "m4v",
            "webm",
            "avi",
            "mov",
            "mkv",
            "wmv",
            "flv",
            "mpg",
            "mpeg",
            "3gp",
            // archives and binaries
            "zip",
            "gz",
            "tgz",
            "bz2",
            "xz",
            "7z",
            "rar",
            "tar",
            "zst",
            "jar",
            "war",
            "iso",
            "dmg",
            "exe",
            "msi",
            "bin",
            "deb",
            "rpm",
            "apk",
            "img",
            // documents
            "pdf",
            "doc",
            "docx",
            "xls",
            "xlsx",
            "ppt",
            "pptx",
            "odt",
            "ods",
            "odp",
            "rtf",
            "epub",
            "ps",
            // styles, scripts, data
            "css",
            "js",
            "mjs",
            "map",
            "json",
            "wasm",
            // fonts
            "woff",
            "woff2",
            "ttf",
            "otf",
            "eot");

    private static final Set<String> DEFAULT_SCHEMES = Set.of("http", "https");

    private final Set<String> domains;
    private final Set<String> schemes;
    private final Set<String> fileTypes;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final Map<String, List<String>> startDirectories;
    private final List<Predicate<WebUrl>> predicates;

    private UrlFilter(Builder b) {
        this.domains = Set.copyOf(b.domains);
        this.schemes = b.schemes.isEmpty() ? DEFAULT_SCHEMES : Set.copyOf(b.schemes);
        this.fileTypes = Set.copyOf(b.fileTypes);
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.startDirectories = Map.copyOf(b.startDirectories);
        this.predicates = List.copyOf(b.predicates);
    }

    /**
     * The domain a start URL stands for: its host without a leading {@code www.}, so that a
     * crawl of {@code https://www.example.com/} keeps {@code example.com} and its subdomains,
     * where sites often redirect.
     */
    public static String siteDomain(WebUrl seed) {
        String host = seed.host();
        return host.startsWith("www.") && host.indexOf('.', 4) > 0 ? host.substring(4) : host;
    }

    /** A filter that allows every http(s) URL except known non-page file types. */
    public static UrlFilter allowAll() {
        return builder().build();
    }

    /** Starts a filter; nothing set means no restriction but the default schemes and file types. */
    public static Builder builder() {
        return new Builder();
    }

    /** The reason {@code url} is out of scope, or {@code null} when it is in scope. */
    public Rejection check(WebUrl url) {
        if (!schemes.contains(url.scheme())) {
            return Rejection.SCHEME;
        }
        if (!domains.isEmpty() && !domainAllowed(url.host())) {
            return Rejection.DOMAIN;
        }
        String extension = extension(url.path());
        if (fileTypes.isEmpty() ? NON_PAGE_EXTENSIONS.contains(extension) : !fileTypes.contains(extension)) {
            return Rejection.FILE_TYPE;
        }
        if (!matchesPatterns(url.href())) {
            return Rejection.PATTERN;
        }
        List<String> directories = startDirectories.get(siteDomain(url));
        if (directories != null && directories.stream().noneMatch(url.path()::startsWith)) {
            return Rejection.PARENT;
        }
        for (Predicate<WebUrl> p : predicates) {
            if (!p.test(url)) {
                return Rejection.CUSTOM;
            }
        }
        return null;
    }

    /**
     * Why a URL that a page loads (a script, a stylesheet, an XHR of a page rendered in a
     * browser) is refused, or {@code null}: by its scheme, its domain or an {@link
     * Builder#exclude} pattern. File types, includes and the other rules choose which pages are
     * crawled, not what a crawled page may load.
     */
    public Rejection checkResource(WebUrl url) {
        if (!schemes.contains(url.scheme())) {
            return Rejection.SCHEME;
        }
        if (!domains.isEmpty() && !domainAllowed(url.host())) {
            return Rejection.DOMAIN;
        }
        return excludes.stream().anyMatch(p -> p.matcher(url.href()).find()) ? Rejection.PATTERN : null;
    }

    private boolean matchesPatterns(String href) {
        if (!includes.isEmpty()
                && includes.stream().noneMatch(p -> p.matcher(href).find())) {
            return false;
        }
        return excludes.stream().noneMatch(p -> p.matcher(href).find());
    }

    @Override
    public boolean test(WebUrl url) {
        return check(url) == null;
    }

    private boolean domainAllowed(String host) {
        if (domains.contains(host)) {
            return true;
        }
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            if (domains.contains(host.substring(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The lower-case extension of the path's last segment, or {@code ""} when it has none. */
    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Builds a {@link UrlFilter}. */
    public static final class Builder {
        private final Set<String> domains = new TreeSet<>();
        private final Set<String> schemes = new TreeSet<>();
        private final Set<String> fileTypes = new TreeSet<>();
        private final List<Pattern> includes = new ArrayList<>();
        private final List<Pattern> excludes = new ArrayList<>();
        private final Map<String, List<String>> startDirectories = new HashMap<>();
        private final List<Predicate<WebUrl>> predicates = new ArrayList<>();

        private Builder() {}

        /**
         * Allows these domains and their subdomains, on any port. Accepts {@code Example.COM},
         * {@code example.com:8080} or an international name.
         *
         * @throws InvalidUrlException if a domain is not a valid host name
         */
        public Builder allowDomains(Collection<String> names) {
            for (String name : names) {
                String n = name.strip();
                if (n.isEmpty() || n.contains("/") || n.contains("@") || n.contains("?") || n.contains("#")) {
                    throw new InvalidUrlException("not a domain name: '" + name + "'");
                }
                domains.add(WebUrl.parse("http://" + n + "/").host());
            }
            return this;
        }

        /** Allows these schemes (default: http and https). */
        public Builder allowSchemes(Collection<String> names) {
            for (String name : names) {
                schemes.add(name.strip().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Allows only these file extensions ({@code html}, {@code .php}; {@code none} for a path
         * without one). Without any, every extension but {@link #NON_PAGE_EXTENSIONS} is allowed.
         */
        public Builder allowFileTypes(Collection<String> types) {
            for (String type : types) {
                String t = type.strip().toLowerCase(Locale.ROOT);
                t = t.startsWith(".") ? t.substring(1) : t;
                fileTypes.add(t.equals("none") ? "" : t);
            }
            return this;
        }

        /**
         * Keeps only URLs that match one of the patterns given here (anywhere in the normalized
         * URL, as {@link java.util.regex.Matcher#find()} does); repeatable.
         */
        public Builder include(Pattern pattern) {
            includes.add(pattern);
            return this;
        }

        /** Leaves out URLs that match this pattern anywhere in the normalized URL; repeatable. */
        public Builder exclude(Pattern pattern) {
            excludes.add(pattern);
            return this;
        }

        /**
         * Never goes above a start URL's directory, as wget's {@code --no-parent}: a URL on the
         * host of a start URL (with or without {@code www.}, on any scheme and port, so that a
         * redirect to https does not leave the directory behind) must be at or under the
         * directory of one of them ({@code https://example.com/docs/a.html} allows {@code
         * /docs/...}). Other hosts are not limited.
         */
        public Builder noParent(Collection<WebUrl> starts) {
            for (WebUrl start : starts) {
                String path = start.path();
                startDirectories
                        .computeIfAbsent(siteDomain(start), k -> new ArrayList<>())
                        .add(path.substring(0, path.lastIndexOf('/') + 1));
            }
            return this;
        }

        /** Adds a predicate that every URL in scope must also pass. */
        public Builder and(Predicate<WebUrl> predicate) {
            predicates.add(predicate);
            return this;
        }

        /** The filter. */
        public UrlFilter build() {
            return new UrlFilter(this);
        }
    }
}
