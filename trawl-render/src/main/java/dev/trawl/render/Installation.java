package dev.trawl.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs rendering needs, found and checked before any page is fetched: Chromium of a
 * version the pinned Playwright drives, and Node.js 20 or newer for Playwright's driver.
 *
 * @param chromium the browser's executable
 * @param node Node.js's executable
 */
record Installation(Path chromium, int chromiumMajor, Path node) {

    /** The oldest Node.js that Playwright's driver runs on. */
    static final int MIN_NODE = 20;

    /**
     * How far a Chromium may be from the one the pinned Playwright was made for: the DevTools
     * protocol keeps old commands for about a year, and a much newer browser may have dropped
     * what Playwright sends.
     */
    static final int OLDER_MAJORS = 12;

    static final int NEWER_MAJORS = 6;

    private static final Pattern MAJOR = Pattern.compile("(\\d+)\\.\\d+");

    /**
     * Finds and checks the programs.
     *
     * @param chromium the browser the user named, or {@code null} to look for it
     * @throws RendererUnavailableException saying, in one line, what to install or change
     */
    static Installation find(Path chromium) {
        Path browser = chromium != null ? chromium : findChromium();
        if (browser == null || !Files.isExecutable(browser)) {
            throw new RendererUnavailableException(
                    browser == null
                            ? "rendering needs Chromium: install it (apt-get install chromium), or name it with --chromium"
                            : "rendering needs Chromium, and " + browser + " is not an executable file");
        }
        int pinned = pinnedChromium();
        int major = major(browser, "--version");
        if (major < pinned - OLDER_MAJORS || major > pinned + NEWER_MAJORS) {
            throw new RendererUnavailableException("Chromium " + major + " at " + browser + " is too "
                    + (major < pinned ? "old" : "new") + " for Playwright " + playwrightVersion()
                    + ", made for Chromium "
                    + pinned + " (it drives " + (pinned - OLDER_MAJORS) + " to " + (pinned + NEWER_MAJORS) + ")");
        }
        Path node = onPath("node");
        if (node == null) {
            throw new RendererUnavailableException("rendering needs Node.js " + MIN_NODE
                    + " or newer on the PATH, for Playwright's driver (install it from nodejs.org or NodeSource)");
        }
        int nodeMajor = major(node, "--version");
        if (nodeMajor < MIN_NODE) {
            throw new RendererUnavailableException("rendering needs Node.js " + MIN_NODE + " or newer, and " + node
                    + " is Node.js " + nodeMajor + " (Debian's nodejs package is too old; install a newer one)");
        }
        return new Installation(browser, major, node);
    }

    /**
     * Debian's {@code /usr/bin/chromium} is a shell script that starts the browser; the browser
     * itself is preferred, so that it is the child that Playwright ends.
     */
    private static Path findChromium() {
        Path debian = Path.of("/usr/lib/chromium/chromium");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            Path p = onPath(name);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** The major version a program prints for {@code --version} ({@code Chromium 150.0...}, {@code v20.20.2}). */
    private static int major(Path program, String flag) {
        String out;
        try {
            Process p = new ProcessBuilder(program.toString(), flag)
                    .redirectErrorStream(true)
                    .start();
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new RendererUnavailableException(program + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RendererUnavailableException("interrupted while asking " + program + " its version");
        }
        Matcher m = MAJOR.matcher(out);
        if (!m.find()) {
            throw new RendererUnavailableException(program + " " + flag + " printed no version: "
                    + out.strip().lines().findFirst().orElse("nothing"));
        }
        return Integer.parseInt(m.group(1));
    }

    /** The Chromium major version that the Playwright on the class path was made for. */
    static int pinnedChromium() {
        String json = resource("driver/package/browsers.json");
        Matcher m = Pattern.compile("\"name\":\\s*\"chromium\"[^}]*?\"browserVersion\":\\s*\"(\\d+)")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("Playwright's browsers.json names no Chromium version");
        }
        return Integer.parseInt(m.group(1));
    }

    static String playwrightVersion() {
        String json = resource("driver/package/package.json");
        Matcher m = Pattern.compile("\"version\":\\s*\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static String resource(String name) {
        try (InputStream in = Installation.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Playwright's driver jar is not on the class path: no " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
