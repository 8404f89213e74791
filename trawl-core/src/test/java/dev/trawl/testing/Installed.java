package dev.trawl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs the tests start, from Debian's packages: found on the PATH or in /usr/sbin (which a
 * user's PATH may lack). Without one, the test is skipped, saying so, unless the variable that
 * CI sets for it says it must run.
 */
final class Installed {

    private Installed() {}

    /**
     * The program's path.
     *
     * @param aptPackage what to install for it
     * @param required the variable that makes its tests mandatory ({@code TRAWL_REQUIRE_...})
     */
    static String program(String name, String aptPackage, String required) {
        String path = System.getenv("PATH") == null ? "/usr/bin" : System.getenv("PATH");
        Path found = Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin"))
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        String missing = name + " is not installed (apt-get install " + aptPackage + ")";
        if (found == null && System.getenv(required) != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(found != null, missing + ": skipped");
        return found.toString();
    }

    /** Stops a program the test started, forcibly if it does not stop within 5 s. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
