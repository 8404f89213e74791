package dev.trawl.cli;

import dev.trawl.testweb.SyntheticWebServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trawl demo [options]}: serves a synthetic web of four hosts on loopback
 * (127.0.0.10-13) and crawls it with the given options, so that trawl can be tried without
 * touching anyone's site. The web is trawl's own, so without options of speed it is crawled
 * as fast as the machine allows, and the demo says how trawl waits on other sites.
 */
final class Demo {

    static final int HOSTS = 4;
    static final int PAGES = 200;

    /** What the demo crawls its own web with when the user says nothing of speed. */
    static final List<String> FULL_SPEED = List.of("--delay", "0", "--per-host", "8", "-w", "32");

    private static final List<String> SPEED_OPTIONS = List.of("--delay", "--per-host", "-w", "--workers");

    private Demo() {}

    interface Crawl {
        int run(String[] args);
    }

    static int run(String[] options, PrintStream err, Crawl crawl) {
        try (SyntheticWebServer server = SyntheticWebServer.start(HOSTS, PAGES, 0, 42)) {
            List<String> args = new ArrayList<>(List.of(options));
            boolean fullSpeed = args.stream().noneMatch(a -> SPEED_OPTIONS.contains(a.split("=", 2)[0]));
            if (fullSpeed) {
                args.addAll(FULL_SPEED);
            }
            List<String> domains = new ArrayList<>();
            for (int h = 0; h < HOSTS; h++) {
                domains.add("127.0.0." + (SyntheticWebServer.FIRST_ADDRESS + h));
            }
            args.addAll(List.of("-d", String.join(",", domains), server.web().seed()));
            err.println("Serving a synthetic web of " + server.web().reachable().size() + " URLs on " + domains.get(0)
                    + " to " + domains.get(HOSTS - 1) + "; crawling it from "
                    + server.web().seed());
            int code = crawl.run(args.toArray(String[]::new));
            if (fullSpeed && code == 0 && !args.contains("-q") && !args.contains("--quiet")) {
                err.println("This web is trawl's own, so the demo crawled it with " + String.join(" ", FULL_SPEED)
                        + ". On other sites trawl is polite by default: 2 requests at a time per host, 250 ms"
                        + " apart (or robots.txt's Crawl-delay), and what robots.txt forbids is not fetched.");
            }
            return code;
        } catch (Main.FatalException | Main.UsageException e) {
            throw e;
        } catch (Exception e) {
            err.println("trawl: cannot start the demo web: " + Main.describe(e));
            return Main.EXIT_FATAL;
        }
    }
}
