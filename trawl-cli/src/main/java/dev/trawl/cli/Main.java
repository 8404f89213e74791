package dev.trawl.cli;

import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** The {@code trawl} command: exit codes, one-line errors, and a clean stop on Ctrl-C. */
public final class Main {

    static final int EXIT_FATAL = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERRUPTED = 130;

    /** A mistake in the command line: reported in one line, exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The crawl cannot go on: reported in one line, exit 1. */
    static final class FatalException extends RuntimeException {
        FatalException(String message) {
            super(message);
        }
    }

    private static final String JETTY_REFERENCES_PER_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Main() {}

    /** What the launcher found ({@code [ -t N ]} in a variable), else whether the JVM has a console. */
    private static boolean isTerminal(String variable) {
        String v = System.getenv(variable);
        return v != null ? v.equals("1") : System.console() != null;
    }

    /** Runs trawl and exits with its code. */
    public static void main(String[] args) {
        // Jetty's MemoryUtils starts the JMX server to ask whether oops are compressed unless
        // this property is set (a tenth of a second of CPU). The client never reads the value;
        // 16 is what Jetty itself computes when they are.
        if (System.getProperty(JETTY_REFERENCES_PER_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_LINE, "16");
        }
        TrawlCommand command = new TrawlCommand(
                System.out, System.err, isTerminal("TRAWL_STDERR_TTY"), isTerminal("TRAWL_STDOUT_TTY"));
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    // Ctrl-C: stop fetching, let run() return and the outputs flush, then the JVM exits 130.
                    command.stop();
                    try {
                        finished.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "trawl-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = run(command, args, System.out, System.err);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already (Ctrl-C): the hook is running; returning lets the JVM finish with 130.
            return;
        }
        System.exit(code);
    }

    /** Parses and runs, mapping every failure to a one-line message and an exit code. */
    static int run(TrawlCommand command, String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("demo")) {
            return Demo.run(
                    Arrays.copyOfRange(args, 1, args.length),
                    err,
                    rest -> execute(new CommandLine(command), rest, out, err));
        }
        if (args.length > 0 && args[0].equals("report")) {
            return execute(new CommandLine(new ReportCommand(err)), Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("status")) {
            return execute(new CommandLine(new StatusCommand(out)), Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        return execute(new CommandLine(command), args, out, err);
    }

    private static int execute(CommandLine cli, String[] args, PrintStream out, PrintStream err) {
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(
                    "trawl: " + e.getMessage() + " (see " + e.getCommandLine().getCommandName() + " --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof UsageException) {
                err.println("trawl: " + e.getMessage() + " (see trawl --help)");
                return EXIT_USAGE;
            }
            if (e instanceof FatalException) {
                err.println("trawl: " + e.getMessage());
                return EXIT_FATAL;
            }
            err.println("trawl: internal error: " + describe(e));
            return EXIT_FATAL;
        });
        return cli.execute(args);
    }

    static String describe(Throwable e) {
        // A file's trouble in words, not as the JDK's exception class.
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
