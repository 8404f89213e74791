package dev.trawl.cli;

import dev.trawl.CrawlException;
import dev.trawl.CrawlResult;
import dev.trawl.Crawler;
import dev.trawl.Renderer;
import dev.trawl.fetch.FetchOptions;
import dev.trawl.frontier.FrontierException;
import dev.trawl.frontier.Politeness;
import dev.trawl.output.Sink;
import dev.trawl.output.SiteSaver;
import dev.trawl.redis.CrawlStatus;
import dev.trawl.redis.RedisFrontier;
import dev.trawl.redis.RedisTarget;
import dev.trawl.sqlite.CrawlState;
import dev.trawl.url.HostKeys;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.UrlFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.exceptions.JedisException;

/** {@code trawl [options] URL...}: crawls from the start URLs and reports every page. */
@Command(
        name = "trawl",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Crawls the web from the start URLs, politely, and prints each page crawled.",
        footer = {
            "",
            "Also: trawl report FILE.jsonl [-o report.html] writes the HTML report of a finished crawl;",
            "      trawl demo [options] crawls a synthetic web it serves on 127.0.0.10-13;",
            "      trawl status --frontier redis://host:port/name shows a shared crawl's progress.",
            "Exit codes: 0 done, 1 fatal error, 2 bad usage, 130 interrupted.",
            "Example: trawl -n 100 -o crawl.jsonl https://example.com/"
        })
final class TrawlCommand implements Callable<Integer> {

    @Mixin
    CrawlScope scope = new CrawlScope();

    @Option(
            names = {"-w", "--workers"},
            paramLabel = "N",
            defaultValue = "16",
            description = "Concurrent fetches in all (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--per-host",
            paramLabel = "N",
            defaultValue = "2",
            description = "Concurrent fetches per host (default: ${DEFAULT-VALUE}).")
    int perHost;

    @Option(
            names = "--delay",
            paramLabel = "DURATION",
            defaultValue = "250ms",
            converter = Units.DurationConverter.class,
            description =
                    "Least time between two requests to one host, counted from the previous request going out and its answer ending: 0, 250ms, 1s (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(
            names = {"-n", "--max-pages"},
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after fetching N pages; failed connections do not count (default: no limit).")
    long maxPages;

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            defaultValue = "-1",
            description = "Follow links at most N steps from a start URL (default: no limit).")
    int maxDepth;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = Units.DurationConverter.class,
            description = "Give up on a request after this long, slow bodies included "
                    + "(default: 10s to connect, 30s of silence, 60s in all).")
    Duration timeout;

    @Option(
            names = "--max-time",
            paramLabel = "DURATION",
            converter = Units.DurationConverter.class,
            description =
                    "Stop the whole crawl after this long, keeping what was fetched, e.g. 30m (default: no limit).")
    Duration maxTime;

    @Option(
            names = "--deny-private",
            description = "Refuse to connect to loopback, private, link-local and metadata "
                    + "addresses (after DNS, on every redirect), for trawl run as a service on others' URLs.")
    boolean denyPrivate;

    @Option(
            names = "--max-bytes",
            paramLabel = "SIZE",
            defaultValue = "10MB",
            converter = Units.SizeConverter.class,
            description = "Read at most SIZE of a body, e.g. 500k, 10MB (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--no-robots", description = "Do not read robots.txt (only for sites you run or may crawl freely).")
    boolean noRobots;

    @Option(
            names = "--max-crawl-delay",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = Units.DurationConverter.class,
            description = "Honour a robots.txt Crawl-delay up to this (default: ${DEFAULT-VALUE}).")
    Duration maxCrawlDelay;

    @Option(names = "--follow-nofollow", description = "Follow links marked nofollow (rel, meta robots, X-Robots-Tag).")
    boolean followNofollow;

    @Option(
            names = "--sitemaps",
            description = "Also read /sitemap.xml of each start host and the sitemaps robots.txt names.")
    boolean sitemaps;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "2",
            description = "Try a timeout, broken connection, 5xx or 429 again up to N times, with back-off "
                    + "(default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(
            names = "--host-key",
            paramLabel = "host|domain",
            defaultValue = "host",
            description = "Count per-host concurrency and delay per host name or per registered domain "
                    + "(default: ${DEFAULT-VALUE}).")
    String hostKey;

    @Option(
            names = "--max-pages-per-host",
            paramLabel = "N",
            defaultValue = "0",
            description = "Fetch at most N pages from one host (default: no limit).")
    long maxPagesPerHost;

    @Option(
            names = "--max-links-per-page",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Follow at most the first N links of a page; the rest are counted as skipped (default: no limit).")
    int maxLinksPerPage;

    @Mixin
    RequestOptions request = new RequestOptions();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write one JSON record per URL to FILE ('-': stdout, instead of the URL list).")
    String output;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per URL (the JSON record's fields).")
    String csv;

    @Option(
            names = "--links",
            paramLabel = "FILE",
            description = "Write the link graph as CSV: from, to, text, nofollow.")
    String links;

    @Option(
            names = "--warc",
            paramLabel = "FILE",
            description = "Archive every request and response in WARC 1.1 "
                    + "(FILE.warc.gz: gzip per record; FILE.warc: none).")
    String warc;

    @Option(
            names = "--warc-max-size",
            paramLabel = "SIZE",
            defaultValue = "1GB",
            converter = Units.SizeConverter.class,
            description =
                    "Start a new WARC file (FILE-00001.warc.gz, ...) once one is this large (default: ${DEFAULT-VALUE}).")
    long warcMaxSize;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write an HTML report of the crawl (see also: trawl report).")
    String report;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description =
                    "Keep the crawl in an SQLite file: run the same "
                            + "command again after Ctrl-C or a crash to resume it. The file also holds the results (pages, links tables).")
    Path stateFile;

    @Option(names = "--restart", description = "With --state: forget what the file holds and start over.")
    boolean restart;

    @Option(names = "--force-resume", description = "With --state: resume even though the start URLs or scope differ.")
    boolean forceResume;

    @Option(
            names = "--recrawl",
            description = "With --state, on a finished crawl: crawl it again, asking for each page with its ETag and"
                    + " Last-Modified; a page the server says is unchanged (304) is not downloaded, and its links are"
                    + " followed again.")
    boolean recrawl;

    @Option(
            names = "--frontier",
            paramLabel = "URL",
            description = "Share the crawl through Redis or Redis Cluster: "
                    + "redis://host:port/crawl-name. Every process given the same URL works on one crawl (one seen-set, "
                    + "politeness per host and page limit for all); the first sets per-host, delay and the page limits. Each "
                    + "process writes its own outputs. See: trawl status.")
    String frontier;

    @Option(
            names = "--lease-time",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = Units.DurationConverter.class,
            description =
                    "With --frontier: how soon the URLs of a process that died go to the others (default: ${DEFAULT-VALUE}).")
    Duration leaseTime;

    @Option(
            names = "--output-db",
            paramLabel = "FILE",
            description = "Write the results to an SQLite file " + "(pages and links tables).")
    Path outputDb;

    @Mixin
    Extraction extraction = new Extraction();

    @Mixin
    RenderOptions render = new RenderOptions();

    @Option(
            names = "--save",
            paramLabel = "DIR",
            description = "Save each fetched page (2xx) as served to DIR/host[:port]/path (a directory URL as"
                    + " index.html, a query after @); with --file-types, the other types fetched too.")
    Path saveDir;

    @Option(names = "--debug", description = "Log every request on stderr.")
    boolean debug;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress line and no summary on stderr.")
    boolean quiet;

    /** Where {@code -i -} reads start URLs from. */
    InputStream stdin = System.in;

    private List<String> startUrls;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean stdoutTerminal;
    private volatile Crawler crawler;

    /** @param terminal whether stderr is a terminal (the progress line); {@code stdoutTerminal} whether stdout is too */
    TrawlCommand(PrintStream out, PrintStream err, boolean terminal, boolean stdoutTerminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.stdoutTerminal = stdoutTerminal;
    }

    @Override
    public Integer call() {
        Crawler.Builder builder = configure();
        if (request.insecure) {
            err.println("trawl: warning: --insecure: server certificates are not checked (for a test site only)");
        }
        if (request.cookieLinesSkipped > 0) {
            err.println("trawl: warning: --cookies " + request.cookiesFile + ": " + request.cookieLinesSkipped
                    + (request.cookieLinesSkipped == 1 ? " line is" : " lines are")
                    + " not a cookie (domain, TRUE/FALSE, path, TRUE/FALSE, expiry, name, value, tab-separated);"
                    + " skipped");
        }
        List<Extraction.Field> fields = extraction.fields();
        if (!fields.isEmpty()) {
            builder.handler(extraction.handler(fields));
        }
        SiteSaver saver = openSaver();
        if (saver != null) {
            builder.handler(saver);
        }
        RedisFrontier shared = joinShared(builder);
        // The crawler closes the frontier too; this closes it when the crawl never starts.
        try (RedisFrontier leaving = shared;
                Outputs outputs = new Outputs();
                CrawlState state = openState()) {
            if (state != null && state.status() == CrawlState.Status.FINISHED) {
                if (!recrawl) {
                    err.println("trawl: the crawl in " + stateFile + " is finished (" + state.pagesDone()
                            + " pages); --recrawl fetches what changed since, --restart starts it over");
                    return 0;
                }
                state.startNextPass();
                if (!quiet) {
                    err.println("Re-crawling " + stateFile + " (pass " + state.pass()
                            + "): each page of the last pass is asked whether it changed");
                }
            }
            if (shared != null && shared.joined() == RedisFrontier.Joined.FINISHED) {
                err.println("trawl: the crawl " + frontier + " is finished ("
                        + shared.stats().pages() + " pages); a new crawl name crawls again");
                return 0;
            }
            if (state != null) {
                builder.frontierStore(state.frontierStore());
                builder.previousPass(state.previousPass());
                outputs.add(stateFile.toString(), state.results());
            }
            if (outputDb != null) {
                outputs.add(outputDb.toString(), openResults(outputDb));
            }
            outputs.jsonLines(output, out);
            outputs.csv(csv, fields.stream().map(Extraction.Field::name).toList());
            outputs.items(extraction.items);
            outputs.links(links);
            outputs.warc(warc, warcMaxSize);
            outputs.report(report);
            outputs.sinks().forEach(builder::listener);
            if (state != null && request.jar != null) {
                keepCookies(state, builder);
            }
            saveCookieJar();
            ConsoleOutput console = new ConsoleOutput(out, err, !"-".equals(output), debug);
            builder.listener(console);
            CrawlResult result;
            // The browsers start last, so that a missing one is told before anything is fetched.
            Renderer browsers = render.start();
            try (Crawler c = (browsers == null ? builder : builder.render(browsers, render.mode)).build()) {
                crawler = c;
                try (Progress progress = new Progress(err, terminal && !quiet, c::stats)) {
                    console.printAbove(progress, stdoutTerminal);
                    result = c.run();
                }
            }
            saveCookieJar();
            outputs.skipped(result.skipped());
            if (!quiet) {
                Progress.summary(result, maxCrawlDelay).forEach(err::println);
                if (state != null && state.pass() > 1) {
                    CrawlState.PassChanges c = state.changes();
                    err.println("Since the last pass: " + c.changed() + " changed, " + c.unchanged() + " unchanged, "
                            + c.added() + " new, " + c.gone() + " gone (404 or 410 now)");
                }
            }
            if (saver != null) {
                reportSaved(saver);
            }
            boolean resumed = state != null && state.status() == CrawlState.Status.RESUMED
                    || shared != null && shared.joined() != RedisFrontier.Joined.STARTED;
            if (result.ok() == 0 && !result.stopped() && !resumed && !fleetFetched(shared)) {
                throw new Main.FatalException("no start URL could be crawled: " + console.firstSeedFailure());
            }
            return result.stopped() && !result.timeLimitReached() ? Main.EXIT_INTERRUPTED : 0;
        } catch (CrawlException e) {
            if (e.getCause() instanceof FrontierException lost) {
                throw new Main.FatalException("lost the shared crawl's " + lost.getMessage()
                        + "; when it is back, the same command joins the crawl again");
            }
            // Every listener of the command line is an output: a file, the state, the console.
            throw new Main.FatalException(
                    e.failedListener() != null ? "output failed: " + Main.describe(e.getCause()) : e.getMessage());
        }
    }

    /**
     * Whether a shared crawl's fleet fetched pages: a process whose fleet-mates won every lease
     * fetched none itself, and the crawl still went well.
     */
    private static boolean fleetFetched(RedisFrontier shared) {
        if (shared == null) {
            return false;
        }
        try {
            return CrawlStatus.read(shared.target())
                    .map(s -> s.counters().pages() > 0)
                    .orElse(false);
        } catch (JedisException e) {
            return false;
        }
    }

    /** Opens the shared crawl of --frontier and makes it the crawl's frontier; {@code null} without it. */
    private RedisFrontier joinShared(Crawler.Builder builder) {
        if (frontier == null) {
            return null;
        }
        RedisTarget target = StatusCommand.target(frontier);
        RedisFrontier shared;
        try {
            shared = RedisFrontier.builder(target)
                    .politeness(politeness())
                    .leaseTtl(leaseTime)
                    .build();
        } catch (JedisException e) {
            throw StatusCommand.unreachable(target, e);
        }
        builder.frontier(shared);
        if (!quiet && shared.joined() == RedisFrontier.Joined.JOINED) {
            err.println("Joined the crawl " + target + " (" + shared.politeness() + ")");
        }
        return shared;
    }

    /** The saver of --save, its directory made; {@code null} without it. */
    private SiteSaver openSaver() {
        if (saveDir == null) {
            return null;
        }
        try {
            return new SiteSaver(saveDir);
        } catch (IOException | InvalidPathException e) {
            throw new Main.FatalException("cannot save pages in " + saveDir + ": " + Main.describe(e));
        }
    }

    private void reportSaved(SiteSaver saver) {
        if (saver.failure() != null) {
            throw new Main.FatalException("cannot save pages in " + saveDir + ": " + Main.describe(saver.failure()));
        }
        if (!quiet) {
            err.println("Saved " + saver.saved() + " pages in " + saveDir
                    + (saver.skipped() == 0
                            ? ""
                            : "; " + saver.skipped() + " not saved, such as "
                                    + saver.notSaved().get(0)));
        }
    }

    /**
     * Keeps the jar stored in the state file; a resumed crawl starts with the cookies it had
     * (newer than --cookies'), a new pass with --cookies' only.
     */
    private void keepCookies(CrawlState state, Crawler.Builder builder) {
        String stored = state.storedCookies();
        if (stored != null && state.status() == CrawlState.Status.RESUMED) {
            request.jar.addCookiesTxt(stored);
        }
        builder.listener(state.cookieKeeper(request.jar));
    }

    /** Writes --cookie-jar: at the start too, so that an unwritable path stops trawl before it fetches. */
    private void saveCookieJar() {
        if (request.cookieJarFile == null) {
            return;
        }
        try {
            request.jar.save(request.cookieJarFile);
        } catch (IOException | RuntimeException e) {
            throw new Main.FatalException(
                    "cannot write the cookie jar " + request.cookieJarFile + ": " + Main.describe(e));
        }
    }

    /** Opens the state file, checking it holds this crawl; {@code null} without --state. */
    private CrawlState openState() {
        if (stateFile == null) {
            return null;
        }
        String config = crawlIdentity();
        CrawlState state;
        try {
            state = CrawlState.open(stateFile, config, restart);
        } catch (CrawlState.StateException e) {
            throw new Main.FatalException(e.getMessage());
        }
        boolean goesOn =
                state.status() == CrawlState.Status.RESUMED || recrawl && state.status() == CrawlState.Status.FINISHED;
        if (goesOn && !state.storedConfig().equals(config)) {
            if (!forceResume) {
                state.close();
                throw new Main.UsageException(
                        stateFile + " holds a crawl with other start URLs or scope (" + state.storedConfig()
                                + "); add --force-resume to go on with these, or --restart to start over");
            }
            state.replaceConfig(config);
        }
        if (state.status() == CrawlState.Status.RESUMED && !quiet) {
            err.println("Resuming the crawl in " + stateFile + ": " + state.pagesDone() + " pages done, "
                    + state.queued() + " URLs to go");
        }
        return state;
    }

    /** What makes two runs the same crawl: start URLs and scope (not speed or limits). */
    private String crawlIdentity() {
        return scope.identity(startUrls) + "; max-depth=" + maxDepth + "; host-key=" + hostKey;
    }

    private static Sink openResults(Path file) {
        try {
            return CrawlState.openResults(file);
        } catch (CrawlState.StateException e) {
            throw new Main.FatalException(e.getMessage());
        }
    }

    /** Validates the options into a builder; a mistake is a usage error with one clear line. */
    private Crawler.Builder configure() {
        if (workers < 1 || perHost < 1) {
            throw new Main.UsageException("--workers and --per-host must be at least 1");
        }
        if (maxPages < 0 || maxPagesPerHost < 0 || maxLinksPerPage < 0 || retries < 0) {
            throw new Main.UsageException(
                    "--max-pages, --max-pages-per-host, --max-links-per-page and --retries must not be negative");
        }
        if ((restart || forceResume || recrawl) && stateFile == null) {
            throw new Main.UsageException("--restart, --force-resume and --recrawl go with --state FILE");
        }
        if (restart && recrawl) {
            throw new Main.UsageException("--restart forgets the crawl --recrawl would compare with: give one");
        }
        if (frontier != null && stateFile != null) {
            throw new Main.UsageException("--frontier and --state are two places for one crawl: give one of them");
        }
        if (leaseTime.toMillis() < 300) {
            throw new Main.UsageException("--lease-time must be at least 300ms");
        }
        if (!hostKey.equals("host") && !hostKey.equals("domain")) {
            throw new Main.UsageException("--host-key must be 'host' or 'domain', not '" + hostKey + "'");
        }
        startUrls = scope.startUrls(stdin);
        try {
            Crawler.Builder builder = Crawler.builder().seeds(startUrls);
            UrlFilter filter = scope.filter(startUrls);
            FetchOptions.Builder fetch = FetchOptions.builder()
                    .maxBytes(maxBytes)
                    .keepExchanges(warc != null)
                    .denyPrivate(denyPrivate)
                    .readAllTypes(saveDir != null && !scope.fileTypes.isEmpty());
            if (timeout != null) {
                if (timeout.isZero()) {
                    throw new Main.UsageException("--timeout must be more than 0");
                }
                fetch.timeout(timeout);
            }
            request.applyTo(fetch, startUrls);
            if (maxTime != null) {
                if (maxTime.isZero()) {
                    throw new Main.UsageException("--max-time must be more than 0");
                }
                builder.maxTime(maxTime);
            }
            if (frontier == null) {
                // With --frontier the shared frontier's politeness applies (see joinShared).
                builder.politeness(politeness());
            }
            return builder.filter(filter)
                    .workers(workers)
                    .maxDepth(maxDepth)
                    .robots(!noRobots)
                    .throttle(t -> t.withMaxCrawlDelay(maxCrawlDelay))
                    .followNofollow(followNofollow)
                    .sitemaps(sitemaps)
                    .retries(retries)
                    .maxLinksPerPage(maxLinksPerPage)
                    .fetchOptions(fetchOptions(fetch));
        } catch (InvalidUrlException e) {
            String message = e.getMessage();
            throw new Main.UsageException(
                    message.startsWith("invalid start URL") || message.startsWith("not a domain")
                            ? message
                            : "invalid URL or domain: " + message);
        }
    }

    private static FetchOptions fetchOptions(FetchOptions.Builder fetch) {
        try {
            return fetch.build();
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /** The politeness options, given to the crawler's frontier, or to the shared one with --frontier. */
    private Politeness politeness() {
        return Politeness.builder()
                .perHost(perHost)
                .delay(delay)
                .maxPages(maxPages)
                .maxPagesPerHost(maxPagesPerHost)
                .hostKey(hostKey.equals("domain") ? HostKeys.byRegisteredDomain() : HostKeys.byHost())
                .build();
    }

    /** Stops a running crawl (Ctrl-C); what was recorded is flushed as {@link #call()} returns. */
    void stop() {
        Crawler c = crawler;
        if (c != null) {
            c.stop();
        }
    }
}
