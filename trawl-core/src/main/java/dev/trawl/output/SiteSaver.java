package dev.trawl.output;

import dev.trawl.Page;
import dev.trawl.PageHandler;
import dev.trawl.internal.Fingerprint;
import dev.trawl.url.WebUrl;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Saves each page's body, as served (Content-Encoding decoded), to {@code DIR/host[:port]/path}:
 * a page handler ({@link dev.trawl.Crawler.Builder#handler}). A directory URL is saved as {@code
 * index.html}, a query after an {@code @} ({@code list@page=2}); escapes are decoded where the
 * character is safe in a file name, and a name too long is cut and hashed. Nothing is written
 * outside DIR, whatever the URL holds ({@code ..}, encoded slashes, NUL) and whatever symbolic
 * links DIR holds (none is followed). A file is written whole (through a temporary file) and
 * replaced only by a newer fetch of the same URL: a URL whose file another URL of this run
 * already took, whose path holds a file where a directory is needed, or whose body was cut at
 * the size cap is not saved, and {@link #notSaved()} says why. (Which URL took a file is known
 * for this run only: a later run into DIR, or a case-insensitive file system, can let two URLs
 * that share a name replace each other.) A write that fails (a full disk) stops the crawl, and
 * {@link #failure()} tells it. A page rendered in a browser is saved as its DOM (UTF-8 HTML),
 * marked by a first-line comment that says so.
 */
public final class SiteSaver implements PageHandler {

    /** Starts the file of a rendered page: what it holds is not what the server sent. */
    static final byte[] RENDERED_MARK =
            "<!-- saved by trawl as rendered in a browser, not as served -->\n".getBytes(StandardCharsets.UTF_8);

    private static final int KEPT_REASONS = 20;

    private final Path root;
    /** Which URL took each file, both as 64-bit fingerprints: about 80 bytes per page saved. */
    private final Map<Long, Long> owners = new ConcurrentHashMap<>();

    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    /**
     * Saves below {@code dir}, which is made if it does not exist.
     *
     * @throws IOException if it cannot be made
     */
    public SiteSaver(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.root = dir.toRealPath();
    }

    /** Where a URL's page is saved: a path below the directory. */
    public Path pathOf(WebUrl url) {
        Path p = root;
        for (String name : SavePaths.of(url)) {
            p = p.resolve(name);
        }
        return p;
    }

    @Override
    public void handle(Page page) {
        WebUrl url = page.finalUrl();
        if (page.truncated()) {
            notSaved(url, "its body was cut at the size cap");
            return;
        }
        Path target;
        try {
            target = pathOf(url);
        } catch (InvalidPathException e) {
            notSaved(url, "no file name for it: " + e.getReason());
            return;
        }
        if (!target.normalize().startsWith(root)) {
            notSaved(url, "its file would be outside the directory");
            return;
        }
        long self = Fingerprint.of(url.href());
        Long owner = owners.putIfAbsent(Fingerprint.of(target.toString()), self);
        if (owner != null && owner != self) {
            notSaved(url, "another URL was saved as " + root.relativize(target));
            return;
        }
        try {
            String conflict = makeDirectories(target.getParent());
            if (conflict != null) {
                notSaved(url, conflict);
                return;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                notSaved(url, "a directory has the name of its file, " + root.relativize(target));
                return;
            }
            Path part = Files.createTempFile(target.getParent(), ".trawl-", ".part");
            try {
                // Not Files.write: its channel closes when the thread is interrupted (a stopping crawl).
                try (OutputStream out = new FileOutputStream(part.toFile())) {
                    if (page.rendered()) {
                        out.write(RENDERED_MARK);
                    }
                    out.write(page.body());
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            if (owner == null) {
                saved.incrementAndGet(); // a page saved again (read both ways by --render auto) is one page
            }
        } catch (IOException e) {
            fail(page, e);
        }
    }

    /**
     * Makes the directories below the root one at a time, following no symbolic link: returns
     * why a file cannot go there (a file or a link where a directory is needed), or {@code null}.
     */
    private String makeDirectories(Path dir) throws IOException {
        Path at = root;
        for (Path name : root.relativize(dir)) {
            at = at.resolve(name);
            if (Files.isSymbolicLink(at)) {
                return "a symbolic link is on its path, " + root.relativize(at);
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(at);
                } catch (FileAlreadyExistsException raced) {
                    // another worker made it: checked below
                }
            }
            if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                return "a file has the name of a directory on its path, " + root.relativize(at);
            }
        }
        return null;
    }

    private void fail(Page page, IOException e) {
        if (failure.compareAndSet(null, e)) {
            page.stopCrawl();
        }
    }

    private void notSaved(WebUrl url, String why) {
        if (skipped.incrementAndGet() <= KEPT_REASONS) {
            reasons.add(url + ": " + why);
        }
    }

    /** The directory pages are saved in. */
    public Path directory() {
        return root;
    }

    /** How many pages were saved (a page saved again counts once). */
    public long saved() {
        return saved.get();
    }

    /** How many pages were not saved, for a reason of their own (not a failed write). */
    public long skipped() {
        return skipped.get();
    }

    /** Why pages were not saved: the first 20, as {@code URL: reason}. */
    public List<String> notSaved() {
        return List.copyOf(reasons);
    }

    /** The write that failed and stopped the crawl, or {@code null}. */
    public IOException failure() {
        return failure.get();
    }
}
