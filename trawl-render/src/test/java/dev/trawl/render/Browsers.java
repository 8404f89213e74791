package dev.trawl.render;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The Chromium processes Playwright runs on this machine, counted from the process table. */
final class Browsers {

    private Browsers() {}

    /** Skips the test, saying why, without Chromium; with TRAWL_REQUIRE_CHROMIUM set, fails it. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/lib/chromium/chromium"))
                || Files.isExecutable(Path.of("/usr/bin/chromium"));
        String missing = "Chromium is not installed (apt-get install chromium): rendering was not tested";
        if (!installed && System.getenv("TRAWL_REQUIRE_CHROMIUM") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /** Browsers Playwright started (it gives each a pipe for the DevTools protocol), anyone's. */
    static long running() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a))
                        .orElse("")
                        .contains("--remote-debugging-pipe"))
                .count();
    }

    /** Waits up to 10 s for the browsers to be no more than {@code n}; returns how many are running. */
    static long awaitAtMost(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long now = running();
        while (now > n && System.nanoTime() < deadline) {
            Thread.sleep(100); // processes ending give no signal to wait on
            now = running();
        }
        return now;
    }
}
