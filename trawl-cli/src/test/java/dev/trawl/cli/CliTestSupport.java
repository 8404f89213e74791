package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.testing.TestWeb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process against a loopback test web, capturing stdout and stderr. */
abstract class CliTestSupport {

    final TestWeb web = new TestWeb();
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @AfterEach
    void stopServers() {
        web.close();
    }

    /** Runs {@code trawl args...}; returns the exit code. Each run starts with empty stdout and stderr. */
    int trawl(String... args) {
        return trawlWithStdin("", args);
    }

    /** Runs {@code trawl args...} with {@code stdin} as its standard input. */
    int trawlWithStdin(String stdin, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        TrawlCommand command = new TrawlCommand(o, e, false, false);
        command.stdin = new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return Main.run(command, args, o, e);
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Sends a child trawl what Ctrl-C sends: SIGINT. A JVM started with SIGINT ignored (under
     * nohup, or as a background job of a shell without job control) passes that on to its
     * children, whose JVM then never sees it: such a test is skipped, saying why.
     */
    static void pressCtrlC(Process p) throws java.io.IOException, InterruptedException {
        Assumptions.assumeFalse(
                ctrlCIgnored(),
                "SIGINT is ignored by this process (started with nohup or &)," + " so a child cannot be sent Ctrl-C");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    }

    private static boolean ctrlCIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /**
     * Waits, the child still crawling, until {@code ready} holds, then presses Ctrl-C; the child
     * must end within {@code seconds}.
     */
    static void pressCtrlCWhen(Process p, Callable<Boolean> ready, int seconds) throws Exception {
        try {
            while (!ready.call()) {
                assertThat(p.isAlive()).as("still crawling").isTrue();
                Thread.sleep(10);
            }
            pressCtrlC(p);
            assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs trawl in a child process and kills it ({@code kill -9}, as a crash) once {@code ready} says so. */
    void crashWhen(Callable<Boolean> ready, String... args) throws Exception {
        Process p = new ProcessBuilder(childTrawl(args))
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try {
            while (!ready.call()) {
                assertThat(p.isAlive()).as("still crawling").isTrue();
                Thread.sleep(10);
            }
            p.destroyForcibly();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The java command that runs trawl in a child process, with this test's class path and the
     * launcher's JVM flags (so the child compiles as little as ./trawl's would).
     */
    static String[] childTrawl(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }
}
