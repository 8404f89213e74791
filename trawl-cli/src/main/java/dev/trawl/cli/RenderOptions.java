package dev.trawl.cli;

import dev.trawl.Renderer;
import dev.trawl.render.ChromiumRenderer;
import dev.trawl.render.RendererUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that render pages in a headless Chromium (trawl-render). */
final class RenderOptions {

    @Option(
            names = "--render",
            paramLabel = "[auto]",
            arity = "0",
            parameterConsumer = ModeConsumer.class,
            description = "Render each HTML page in a headless Chromium and read its DOM (links, --extract, --save);"
                    + " '--render auto' renders only the hosts whose first pages gain links or values by it.")
    Renderer.Mode mode;

    @Option(
            names = "--render-tabs",
            paramLabel = "N",
            defaultValue = "4",
            description = "With --render: pages rendered at once, each in a browser of its own (default:"
                    + " ${DEFAULT-VALUE}).")
    int tabs;

    @Option(
            names = "--render-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = Units.DurationConverter.class,
            description = "With --render: a page not settled by then is recorded as render_timeout and read as served"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--chromium",
            paramLabel = "PATH",
            description = "With --render: the browser to run (default: Debian's chromium, else chromium or"
                    + " google-chrome on the PATH).")
    Path chromium;

    /**
     * Starts the browsers, before any page is fetched; {@code null} without --render.
     *
     * @throws Main.FatalException saying what to install when rendering cannot start
     */
    Renderer start() {
        if (mode == null) {
            if (chromium != null) {
                throw new Main.UsageException("--chromium goes with --render");
            }
            return null;
        }
        if (tabs < 1) {
            throw new Main.UsageException("--render-tabs must be at least 1");
        }
        if (timeout.isZero()) {
            throw new Main.UsageException("--render-timeout must be more than 0");
        }
        try {
            return ChromiumRenderer.builder()
                    .tabs(tabs)
                    .timeout(timeout)
                    .chromium(chromium)
                    .build();
        } catch (RendererUnavailableException e) {
            throw new Main.FatalException("--render: " + e.getMessage());
        }
    }

    /**
     * {@code --render} alone renders every page; {@code --render auto} per host. Only the words
     * are taken as its value, so that {@code --render https://example.com/} keeps its start URL.
     */
    static final class ModeConsumer implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            Renderer.Mode mode = Renderer.Mode.ALWAYS;
            if (!args.isEmpty() && args.peek().equals("auto")) {
                args.pop();
                mode = Renderer.Mode.AUTO;
            }
            argSpec.setValue(mode);
        }
    }
}
