package dev.trawl.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What rendering needs, checked before anything is fetched, each failure one line. */
class InstallationTest {

    @Test
    void aChromiumTooOldOrTooNewForPlaywrightIsOneLine(@TempDir Path dir) throws Exception {
        int pinned = Installation.pinnedChromium();
        for (int major : List.of(pinned - Installation.OLDER_MAJORS - 1, pinned + Installation.NEWER_MAJORS + 1)) {
            Path fake = dir.resolve("chromium-" + major);
            Files.writeString(fake, "#!/bin/sh\necho 'Chromium " + major + ".0.1234.5 built on Debian'\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

            assertThatThrownBy(() -> ChromiumRenderer.builder().chromium(fake).build())
                    .isInstanceOf(RendererUnavailableException.class)
                    .hasMessageStartingWith("Chromium " + major + " at " + fake + " is too "
                            + (major < pinned ? "old" : "new") + " for Playwright ");
        }
    }

    @Test
    void aMissingBrowserIsOneLineBeforeAnyFetch() {
        assertThatThrownBy(() -> ChromiumRenderer.builder()
                        .chromium(Path.of("/nonexistent/chromium"))
                        .build())
                .isInstanceOf(RendererUnavailableException.class)
                .hasMessage("rendering needs Chromium, and /nonexistent/chromium is not an executable file");
    }
}
