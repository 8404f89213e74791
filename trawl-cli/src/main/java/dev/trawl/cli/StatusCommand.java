package dev.trawl.cli;

import dev.trawl.frontier.FrontierStats;
import dev.trawl.redis.CrawlStatus;
import dev.trawl.redis.RedisTarget;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.exceptions.JedisException;

/** {@code trawl status --frontier redis://host:port/name}: a shared crawl's progress, fleet-wide. */
@Command(
        name = "trawl status",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Shows the progress of a crawl shared through Redis (trawl --frontier URL).",
        footer = {"", "Example: trawl status --frontier redis://127.0.0.1:6379/my-crawl"})
final class StatusCommand implements Callable<Integer> {

    @Option(
            names = "--frontier",
            paramLabel = "URL",
            required = true,
            description = "The crawl: redis://host:port/crawl-name.")
    String frontier;

    private final PrintStream out;

    StatusCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        RedisTarget target = target(frontier);
        CrawlStatus status;
        try {
            status = CrawlStatus.read(target)
                    .orElseThrow(() -> new Main.FatalException(
                            "no crawl named '" + target.crawl() + "' at " + target.host() + ":" + target.port()));
        } catch (JedisException e) {
            throw unreachable(target, e);
        }
        FrontierStats c = status.counters();
        out.println("crawl " + target + ": "
                + (status.finished()
                        ? "finished"
                        : status.processes().isEmpty() ? "no process working on it" : "running"));
        out.printf("  pages     %,d done, %,d failed fetches%n", c.pages(), c.failed());
        out.printf("  URLs      %,d seen, %,d queued, %,d in flight%n", c.seen(), c.queued(), c.inFlight());
        out.printf(
                "  hosts     %,d with URLs waiting (%,d delayed, %,d paused)%n",
                c.hosts(), c.hostsDelayed(), c.hostsPaused());
        out.println("  settings  " + status.settings().describe());
        out.println("  processes " + status.processes().size()
                + (status.processes().isEmpty() ? "" : " alive: " + String.join(", ", status.processes())));
        return 0;
    }

    /** Reads the --frontier URL; a mistake in it is a usage error. */
    static RedisTarget target(String url) {
        try {
            return RedisTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--frontier: " + e.getMessage());
        }
    }

    /** The one-line error for a Redis that does not answer. */
    static Main.FatalException unreachable(RedisTarget target, JedisException e) {
        return new Main.FatalException(
                "cannot reach Redis at " + target.host() + ":" + target.port() + ": " + Main.describe(e));
    }
}
