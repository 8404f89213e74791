package dev.trawl.cli;

import dev.trawl.testweb.SyntheticWebServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trawl demo [options]}: serves a synthetic web of four hosts on loopback
 * (127.0.0.10-13) and crawls it with the given options, so that trawl can be tried without
 * touching anyone's site.
 */
final class Demo {

    static final int HOSTS = 4;
    static final int PAGES = 200;

    private Demo() {}

    interface Crawl {
        int run(String[] args);
    }

    static int run(String[] options, PrintStream err, Crawl crawl) {
        try (SyntheticWebServer server = SyntheticWebServer.start(HOSTS, PAGES, 0, 42)) {
            List<String> args = new ArrayList<>(List.of(options));
            List<String> domains = new ArrayList<>();
            for (int h = 0; h < HOSTS; h++) {
                domains.add("127.0.0." + (SyntheticWebServer.FIRST_ADDRESS + h));
            }
            args.addAll(List.of("-d", String.join(",", domains), server.web().seed()));
            err.println("Serving a synthetic web of " + server.web().reachable().size() + " URLs on " + domains.get(0)
                    + " to " + domains.get(HOSTS - 1) + "; crawling it from "
                    + server.web().seed());
            return crawl.run(args.toArray(String[]::new));
        } catch (Main.FatalException | Main.UsageException e) {
            throw e;
        } catch (Exception e) {
            err.println("trawl: cannot start the demo web: " + Main.describe(e));
            return Main.EXIT_FATAL;
        }
    }
}
