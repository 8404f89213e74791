package dev.trawl.cli;

import dev.trawl.CrawlResult;
import dev.trawl.CrawlStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The live progress line on a terminal's stderr, and the closing summary. */
final class Progress implements AutoCloseable {

    /** Back to the start of the line, and the line erased. */
    private static final String ERASE = "\r\u001b[K";

    private final PrintStream err;
    private final ScheduledExecutorService timer;
    private final ReentrantLock drawing = new ReentrantLock();
    private String shown = "";

    /** Redraws the line four times a second when {@code live}; otherwise shows nothing until the summary. */
    Progress(PrintStream err, boolean live, Supplier<CrawlStats> stats) {
        this.err = err;
        if (live) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trawl-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> draw(stats.get()), 250, 250, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    private void draw(CrawlStats s) {
        long skipped = s.skipped().values().stream().mapToLong(Long::longValue).sum();
        String line = String.format(
                Locale.ROOT,
                "%d pages  %.1f/s  queued %d  in flight %d  errors %d  found %d  skipped %d"
                        + "  hosts waiting: %d delay, %d backoff, %d robots.txt",
                s.pages(),
                s.pagesPerSecond(),
                s.queued(),
                s.inFlight(),
                s.failed(),
                s.found(),
                skipped,
                s.hostsDelayed(),
                s.hostsBackingOff(),
                s.robotsPending());
        drawing.lock();
        try {
            shown = line;
            err.print(ERASE + line);
            err.flush();
        } finally {
            drawing.unlock();
        }
    }

    /**
     * Prints lines on the same terminal: the progress line is erased first and drawn again
     * below them, so that the two do not run into each other.
     */
    void above(Runnable print) {
        if (timer == null) {
            print.run();
            return;
        }
        drawing.lock();
        try {
            err.print(ERASE);
            err.flush();
            print.run();
            err.print(shown);
            err.flush();
        } finally {
            drawing.unlock();
        }
    }

    /** The tutorial's closing lines: crawled, found, seconds; then what was skipped and why. */
    static List<String> summary(CrawlResult r, Duration maxCrawlDelay) {
        double seconds = r.elapsed().toNanos() / 1e9;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%s %d %s (%d ok, %d failed), found %d URLs in %.1f s (%.1f pages/s)",
                r.timeLimitReached() ? "Time limit reached after" : r.stopped() ? "Stopped after" : "Crawled",
                r.pages(),
                r.pages() == 1 ? "page" : "pages",
                r.ok(),
                r.failed(),
                r.found(),
                seconds,
                seconds > 0 ? r.pages() / seconds : 0.0));
        if (!r.skipped().isEmpty()) {
            StringJoiner skipped = new StringJoiner(", ", "Skipped: ", "");
            r.skipped().entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getKey().code()))
                    .forEach(e ->
                            skipped.add(e.getValue() + " " + e.getKey().code().replace('_', ' ')));
            lines.add(skipped.toString());
        }
        if (r.pageLimitReached()) {
            lines.add("Page limit reached (-n): URLs found but not crawled are left; a larger -n with --state goes on");
        }
        r.rendering().forEach(line -> lines.add("Rendering: " + line));
        if (r.cappedCrawlDelays() > 0) {
            lines.add(String.format(
                    Locale.ROOT,
                    "Crawl-delay cut to %d s for %d host%s (--max-crawl-delay)",
                    maxCrawlDelay.toSeconds(),
                    r.cappedCrawlDelays(),
                    r.cappedCrawlDelays() == 1 ? "" : "s"));
        }
        return lines;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            drawing.lock();
            try {
                shown = "";
                err.print(ERASE);
                err.flush();
            } finally {
                drawing.unlock();
            }
        }
    }
}
