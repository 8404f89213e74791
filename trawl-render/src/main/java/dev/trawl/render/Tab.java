package dev.trawl.render;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitUntilState;
import dev.trawl.Renderer;
import dev.trawl.fetch.FetchResult;
import dev.trawl.url.InvalidUrlException;
import dev.trawl.url.UrlNormalizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * One tab: a thread with its own Playwright and headless Chromium (Playwright's objects belong
 * to the thread that made them), rendering the pages it takes from the renderer's queue one at
 * a time, in one browser page. The browser starts with the tab and is replaced every so many
 * pages (so that its memory stays bounded on a long crawl) and after any failure.
 */
final class Tab implements Runnable {

    /** What the browser is not let to load: not needed for the DOM, and the most bytes. */
    private static final Set<String> BLOCKED_TYPES = Set.of("image", "media", "font");

    /**
     * Every request of a page is answered through Playwright's routes; these keep the browser
     * off the network for what routes do not see (preconnects, WebRTC): a proxy that does not
     * exist, for loopback too. A container's /dev/shm is often 64 MB, which Chromium outgrows.
     */
    private static final List<String> BROWSER_ARGS = List.of(
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
            "--disable-dev-shm-usage");

    /** Response headers that described the bytes as sent, not the decoded body the browser is given. */
    private static final Set<String> TRANSFER_HEADERS =
            Set.of("content-encoding", "content-length", "transfer-encoding", "set-cookie", "connection");

    private final BlockingQueue<Job> queue;
    private final AtomicInteger idle;
    private final AtomicBoolean closed;
    private final Installation installation;
    private final Duration timeout;
    private final int restartEvery;
    private final CompletableFuture<Void> started;
    /** Makes the document's charset declarations say UTF-8, as its serialized DOM is. */
    private static final String UTF8_META = "() => {"
            + " document.querySelectorAll('meta[charset]').forEach(m => m.setAttribute('charset', 'utf-8'));"
            + " document.querySelectorAll('meta[http-equiv=content-type i]')"
            + ".forEach(m => m.setAttribute('content', 'text/html; charset=utf-8')); }";

    /** Held while a tab starts its driver, so that the driver is the one new child process. */
    private static final ReentrantLock STARTING = new ReentrantLock();

    private Playwright playwright;
    private Browser browser;
    private com.microsoft.playwright.Page page;
    private Job current;
    private boolean documentServed;
    private boolean broken;
    private int pages;
    private volatile ProcessHandle driver;

    Tab(
            BlockingQueue<Job> queue,
            AtomicInteger idle,
            AtomicBoolean closed,
            Installation installation,
            Duration timeout,
            int restartEvery,
            CompletableFuture<Void> started) {
        this.queue = queue;
        this.idle = idle;
        this.closed = closed;
        this.installation = installation;
        this.timeout = timeout;
        this.restartEvery = restartEvery;
        this.started = started;
    }

    @Override
    public void run() {
        try {
            launch();
            started.complete(null);
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            quit();
            return;
        }
        try {
            while (!closed.get()) {
                idle.incrementAndGet();
                Job job;
                try {
                    job = queue.take();
                } finally {
                    idle.decrementAndGet();
                }
                if (job.done.isDone()) {
                    continue; // its worker stopped waiting for it
                }
                try {
                    job.done.complete(render(job));
                } catch (Error e) {
                    job.done.completeExceptionally(e);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            // The renderer is closing.
        } finally {
            quit();
        }
    }

    private void launch() {
        STARTING.lock();
        try {
            Set<ProcessHandle> before = drivers();
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of(
                            "PLAYWRIGHT_NODEJS_PATH",
                            installation.node().toString(),
                            "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                            "1")));
            driver = drivers().stream()
                    .filter(p -> !before.contains(p))
                    .findFirst()
                    .orElse(null);
        } finally {
            STARTING.unlock();
        }
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(installation.chromium())
                        .setHeadless(true)
                        .setArgs(BROWSER_ARGS));
        BrowserContext context =
                browser.newContext(new Browser.NewContextOptions().setServiceWorkers(ServiceWorkerPolicy.BLOCK));
        // No socket of a page's bypasses the crawl's rules: each one is refused.
        context.routeWebSocket("**", ws -> ws.close());
        context.route("**/*", this::answer);
        page = context.newPage();
        pages = 0;
    }

    /** Playwright's drivers that this process runs: Node.js children running its CLI. */
    private static Set<ProcessHandle> drivers() {
        return ProcessHandle.current()
                .children()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> List.of(a).contains("run-driver"))
                        .orElse(false))
                .collect(Collectors.toSet());
    }

    /**
     * Ends this tab's driver and browser at once, from any thread: for a tab busy with a page
     * when the renderer closes. The tab's thread then fails out of its call and ends.
     */
    void kill() {
        ProcessHandle d = driver;
        if (d != null) {
            d.descendants().forEach(ProcessHandle::destroyForcibly);
            d.destroyForcibly();
        }
    }

    /** Ends the browser and Playwright's driver; what fails on the way is of a browser already gone. */
    private void quit() {
        if (playwright != null) {
            try {
                playwright.close();
            } catch (RuntimeException e) {
                // The driver or the browser died first: nothing is left to end.
            }
        }
        playwright = null;
        browser = null;
        page = null;
        broken = false;
        driver = null;
    }

    private Renderer.Rendered render(Job job) {
        long start = System.nanoTime();
        try {
            if (broken || browser == null || !browser.isConnected() || pages >= restartEvery) {
                quit();
                launch();
                start = System.nanoTime();
            }
            pages++;
            job.taken(this, start + timeout.toNanos());
            return load(job, start);
        } catch (RuntimeException e) {
            // The browser is replaced after any failure: what state it is left in is not known.
            quit();
            return Renderer.Rendered.failed(millis(start), "the browser failed: " + firstLine(e));
        }
    }

    /**
     * Loads the page in the tab's one page (a new context per page would cost a renderer process
     * each), waits for it to settle, and leaves it for a blank page, so that nothing of it runs on.
     */
    private Renderer.Rendered load(Job job, long start) {
        current = job;
        documentServed = false;
        try {
            page.navigate(
                    job.url.href(),
                    new com.microsoft.playwright.Page.NavigateOptions()
                            .setWaitUntil(WaitUntilState.LOAD)
                            .setTimeout(left(start)));
            // Settled: loaded, then 500 ms without a request.
            page.waitForLoadState(
                    LoadState.NETWORKIDLE,
                    new com.microsoft.playwright.Page.WaitForLoadStateOptions().setTimeout(left(start)));
            // The DOM is read as UTF-8: a <meta> naming another charset would mislead a reader of the saved file.
            page.evaluate(UTF8_META);
            return Renderer.Rendered.of(page.content(), millis(start));
        } catch (TimeoutError e) {
            return Renderer.Rendered.timedOut(
                    millis(start), "did not settle within " + timeout.toMillis() + " ms; read as served");
        } finally {
            current = null;
            try {
                page.navigate("about:blank", new com.microsoft.playwright.Page.NavigateOptions().setTimeout(5_000));
            } catch (RuntimeException e) {
                broken = true; // a page that will not leave: the next one gets a new browser
            }
        }
    }

    /**
     * Answers one of the browser's requests: the page's own document with the body trawl
     * fetched, what the page loads through the crawl, and nothing that is blocked.
     */
    private void answer(Route route) {
        Job job = current;
        Request request = route.request();
        long left = job == null ? 0 : job.deadline() - System.nanoTime();
        if (job == null || left <= 0 || job.done.isDone()) {
            route.abort("blockedbyclient"); // between pages, or the page's time is up
            return;
        }
        if (request.isNavigationRequest() && request.frame().parentFrame() == null) {
            if (documentServed) {
                route.abort("blockedbyclient"); // a script navigating away: the page stays as it is
                return;
            }
            documentServed = true;
            fulfill(route, job.page, job.page.contentType());
            return;
        }
        if (BLOCKED_TYPES.contains(request.resourceType()) || !"GET".equals(request.method())) {
            route.abort("blockedbyclient");
            return;
        }
        FetchResult answer;
        try {
            answer = job.resources.get(UrlNormalizer.normalize(request.url()), Duration.ofNanos(left));
        } catch (InvalidUrlException e) {
            answer = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = null;
        }
        if (answer == null) {
            route.abort("blockedbyclient");
        } else {
            fulfill(route, answer, answer.contentType());
        }
    }

    private static void fulfill(Route route, FetchResult answer, String contentType) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        answer.headers().all().forEach((name, values) -> {
            if (!TRANSFER_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, String.join(", ", values));
            }
        });
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        route.fulfill(new Route.FulfillOptions()
                .setStatus(answer.status())
                .setHeaders(headers)
                .setBodyBytes(answer.body()));
    }

    private double left(long start) {
        return Math.max(1, timeout.toMillis() - millis(start));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.strip().lines().findFirst().orElse(m);
    }
}
