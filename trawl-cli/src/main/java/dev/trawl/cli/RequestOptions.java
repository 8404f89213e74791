package dev.trawl.cli;

import dev.trawl.fetch.FetchOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that shape each request as a site requires: the User-Agent and other headers. */
final class RequestOptions {

    @Option(
            names = "--user-agent",
            paramLabel = "S",
            description = "The User-Agent header (default: " + FetchOptions.DEFAULT_USER_AGENT + ").")
    String userAgent;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "'NAME: VALUE'",
            description = "Send this header on every request, robots.txt included (repeatable). Accept and"
                    + " Accept-Language replace trawl's; Host, Content-Length, Transfer-Encoding, Connection and"
                    + " Accept-Encoding are trawl's to set.")
    List<String> headers = new ArrayList<>();

    /**
     * Puts these options into the fetcher's.
     *
     * @throws Main.UsageException for a header that is not {@code Name: value}, or one trawl refuses
     */
    void applyTo(FetchOptions.Builder fetch) {
        if (userAgent != null) {
            fetch.userAgent(userAgent);
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new Main.UsageException("-H wants 'Name: value', not '" + header + "'");
            }
            try {
                fetch.header(header.substring(0, colon).strip(), header.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException("-H: " + e.getMessage());
            }
        }
    }
}
