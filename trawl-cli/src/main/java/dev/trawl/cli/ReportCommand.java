package dev.trawl.cli;

import dev.trawl.output.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trawl report crawl.jsonl -o report.html}: the HTML report of a crawl written with {@code -o}. */
@Command(
        name = "trawl report",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Writes the HTML report of a crawl from its JSON Lines output (trawl -o FILE).",
        footer = {"", "Example: trawl report crawl.jsonl -o report.html"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.jsonl", description = "What trawl -o wrote.")
    Path input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "The report (default: FILE.html next to the input).")
    Path output;

    private final PrintStream err;

    ReportCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!Files.isReadable(input)) {
            throw new Main.FatalException("cannot read " + input);
        }
        Path target = output != null
                ? output
                : input.resolveSibling(input.getFileName().toString().replaceFirst("(\\.jsonl?)?$", "") + ".html");
        try {
            HtmlReport.fromJsonLines(input, target).close();
        } catch (IOException e) {
            throw new Main.FatalException(e.getMessage());
        }
        err.println("Wrote " + target);
        return 0;
    }
}
