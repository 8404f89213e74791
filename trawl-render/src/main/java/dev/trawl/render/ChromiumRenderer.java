package dev.trawl.render;

import dev.trawl.Renderer;
import dev.trawl.fetch.FetchResult;
import dev.trawl.url.WebUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renders pages in headless Chromium, driven by Playwright: Debian's {@code chromium} (or one
 * named), with Node.js 20+ from the PATH for Playwright's driver; nothing is downloaded. Each
 * tab is a browser of its own on a thread of its own; a page waits for a free tab. One tab
 * starts with the renderer, the others when every started tab is busy. In the
 * browser, images, media and fonts are not loaded, web sockets and service workers are refused,
 * a script's navigation away from the page is stopped, and every other request of the page is
 * asked of the crawl ({@link Renderer.Resources}), so none reaches the network on its own.
 *
 * <pre>{@code
 * try (Crawler crawler = Crawler.builder()
 *         .seeds("https://app.example/")
 *         .render(ChromiumRenderer.builder().tabs(4).timeout(Duration.ofSeconds(10)).build(), Renderer.Mode.AUTO)
 *         .build()) {
 *     crawler.run();
 * }
 * }</pre>
 */
public final class ChromiumRenderer implements Renderer {

    /** How long a busy tab is given to finish its page when the renderer closes. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final ReentrantLock starting = new ReentrantLock();
    private final List<Tab> tabs = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Builder builder;
    private final Installation installation;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChromiumRenderer(Builder b, Installation installation) {
        this.builder = b;
        this.installation = installation;
        CompletableFuture<Void> first = startTab();
        try {
            first.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String m = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new RendererUnavailableException("Chromium at " + installation.chromium() + " did not start under "
                    + "Playwright " + Installation.playwrightVersion() + ": "
                    + m.strip().lines().findFirst().orElse(m));
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new RendererUnavailableException("interrupted while the browser started");
        }
    }

    /** Starts one more tab; its future says when its browser is up. */
    private CompletableFuture<Void> startTab() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Tab tab = new Tab(queue, idle, closed, installation, builder.timeout, builder.restartEvery, started);
        Thread t = Thread.ofPlatform()
                .name("trawl-render-" + threads.size())
                .daemon()
                .unstarted(tab);
        tabs.add(tab);
        threads.add(t);
        t.start();
        return started;
    }

    /** A builder with the defaults: 4 tabs, 10 s per page, a new browser every 200 pages. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Rendered render(WebUrl url, FetchResult page, Resources resources) throws InterruptedException {
        Job job = new Job(url, page, resources);
        starting.lock();
        try {
            if (closed.get()) {
                return Rendered.failed(0, "the renderer is closed");
            }
            queue.add(job);
            // A tab more only when every tab is busy: a crawl that renders a few pages runs one browser.
            if (idle.get() == 0 && threads.size() < builder.tabs) {
                startTab();
            }
        } finally {
            starting.unlock();
        }
        try {
            return await(job);
        } catch (InterruptedException e) {
            queue.remove(job);
            job.done.cancel(false); // a tab that took it already stops loading what it asks for
            throw e;
        }
    }

    /**
     * Waits for the job's outcome: as long as it waits for a free tab, then its timeout and a
     * grace. A tab that has not answered by then (a script that never yields, a browser that
     * hangs) has its browser killed, and the page is recorded as cut.
     */
    private Rendered await(Job job) throws InterruptedException {
        long grace = CLOSE_GRACE.toNanos();
        while (true) {
            long wait = job.tab() == null ? builder.timeout.toNanos() : job.deadline() + grace - System.nanoTime();
            try {
                return job.done.get(Math.max(1, wait), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return Rendered.failed(0, "the browser failed: " + e.getCause());
            } catch (TimeoutException e) {
                Tab tab = job.tab();
                if (tab != null && System.nanoTime() - job.deadline() >= grace) {
                    tab.kill();
                    Rendered cut = Rendered.timedOut(
                            builder.timeout.toMillis(), "the browser did not answer; it was restarted");
                    return job.done.complete(cut) ? cut : job.done.getNow(cut);
                }
            }
        }
    }

    /**
     * Ends every tab's browser and driver: an idle tab's at once, a busy one's within a few
     * seconds, killed if its page is not done by then.
     */
    @Override
    public void close() {
        starting.lock();
        try {
            closed.set(true);
            Job left;
            while ((left = queue.poll()) != null) {
                left.done.complete(Rendered.failed(0, "the renderer is closed"));
            }
        } finally {
            starting.unlock();
        }
        threads.forEach(Thread::interrupt);
        try {
            long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
            for (int i = 0; i < threads.size(); i++) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !threads.get(i).join(Duration.ofNanos(left))) {
                    tabs.get(i).kill();
                }
            }
            for (Thread t : threads) {
                t.join(CLOSE_GRACE);
            }
        } catch (InterruptedException e) {
            tabs.forEach(Tab::kill);
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link ChromiumRenderer}; {@link #build()} checks the installation first. */
    public static final class Builder {
        private int tabs = 4;
        private Duration timeout = Duration.ofSeconds(10);
        private int restartEvery = 200;
        private Path chromium;

        private Builder() {}

        /** Pages rendered at once, each in a browser of its own (default 4): at least 1. */
        public Builder tabs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("render tabs must be at least 1");
            }
            this.tabs = n;
            return this;
        }

        /**
         * The longest a page may take to settle (default 10 s): a page still busy then is
         * recorded as {@code render_timeout} and read as served.
         */
        public Builder timeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("render timeout must be positive");
            }
            this.timeout = d;
            return this;
        }

        /** How many pages a tab's browser renders before it is replaced by a new one (default 200). */
        public Builder restartEvery(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("restart every must be at least 1 page");
            }
            this.restartEvery = pages;
            return this;
        }

        /** The browser's executable (default: Debian's chromium, else chromium or google-chrome on the PATH). */
        public Builder chromium(Path executable) {
            this.chromium = executable;
            return this;
        }

        /**
         * Checks Chromium and Node.js and starts the tabs' browsers.
         *
         * @throws RendererUnavailableException saying in one line what is missing or of the wrong version
         */
        public ChromiumRenderer build() {
            return new ChromiumRenderer(this, Installation.find(chromium));
        }
    }
}
