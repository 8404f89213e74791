package dev.trawl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code trawl-version.properties} at build time. */
final class Version implements IVersionProvider {

    static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/trawl-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource only loses the version number.
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"trawl " + get()};
    }
}
