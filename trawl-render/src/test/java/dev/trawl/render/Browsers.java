package dev.trawl.render;

import org.junit.jupiter.api.Assumptions;

/** The Chromium processes Playwright runs on this machine, counted from the process table. */
public final class Browsers {

    private Browsers() {}

    /**
     * Skips the test, saying why, without Chromium or a Node.js new enough; with
     * TRAWL_REQUIRE_CHROMIUM set, fails it.
     */
    public static void assumeInstalled() {
        String missing = null;
        try {
            Installation.find(null);
        } catch (RendererUnavailableException e) {
            missing = e.getMessage() + ": rendering was not tested";
        }
        if (missing != null && System.getenv("TRAWL_REQUIRE_CHROMIUM") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
    }

    /** Browsers Playwright started (it gives each a pipe for the DevTools protocol), anyone's. */
    public static long running() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a))
                        .orElse("")
                        .contains("--remote-debugging-pipe"))
                .count();
    }

    /** Waits up to 10 s for the browsers to be no more than {@code n}; returns how many are running. */
    public static long awaitAtMost(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long now = running();
        while (now > n && System.nanoTime() < deadline) {
            Thread.sleep(100); // processes ending give no signal to wait on
            now = running();
        }
        return now;
    }
}
