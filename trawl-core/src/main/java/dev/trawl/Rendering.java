package dev.trawl;

import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.Frontier;
import dev.trawl.internal.RobotsPolicy;
import dev.trawl.internal.RobotsRules;
import dev.trawl.parse.Link;
import dev.trawl.parse.ParsedPage;
import dev.trawl.politeness.HostThrottle;
import dev.trawl.url.WebUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A crawl's rendering: which pages go to the browser ({@link Renderer.Mode}), and what the
 * pages' own requests may fetch. Those go through the crawl's fetcher, scope and robots.txt, one
 * at a time per host, each at least the host's delay after the host's last contact, and the
 * frontier counts them as contacts ({@link Frontier#contacted}). They hold no lease of their own:
 * to the page's host they go while the page's lease is held and idle, so the host's concurrency
 * holds; to another host they are one request more, and a page of a host leased in the instant
 * before such a request may go out with it. One that would wait past the page's render timeout
 * is refused.
 */
final class Rendering {

    /** How many of a host's pages {@link Renderer.Mode#AUTO} reads both ways before it decides. */
    static final int SAMPLES = 3;

    /** The largest body a page's own request reads: a script bundle can be large. */
    private static final long MAX_RESOURCE_BYTES = 16L << 20;

    private final Renderer renderer;
    private final Renderer.Mode mode;
    private final Fetcher fetcher;
    private final Frontier frontier;
    private final Scope scope;
    private final RobotsPolicy robots;
    private final HostThrottle throttle;
    private final Function<WebUrl, String> hostKey;
    private final ConcurrentHashMap<String, Choice> choices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Turn> turns = new ConcurrentHashMap<>();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong rendered = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Rendering(
            Renderer renderer,
            Renderer.Mode mode,
            Fetcher fetcher,
            Frontier frontier,
            Scope scope,
            RobotsPolicy robots,
            HostThrottle throttle,
            Function<WebUrl, String> hostKey) {
        this.renderer = renderer;
        this.mode = mode;
        this.fetcher = fetcher;
        this.frontier = frontier;
        this.scope = scope;
        this.robots = robots;
        this.throttle = throttle;
        this.hostKey = hostKey;
    }

    /** What is done with a page: read as served, rendered, or read both ways to choose for its host. */
    enum Plan {
        AS_SERVED,
        RENDER,
        SAMPLE
    }

    /**
     * What to do with the host's next page. In {@link Renderer.Mode#AUTO}, while the host is
     * undecided, {@link #SAMPLES} of its pages at a time are samples, and its other pages wait
     * for the choice; a sample ends with {@link #sampleEnded}, whatever happened.
     *
     * @throws InterruptedException if the crawl stops while the page waits
     */
    Plan plan(String host) throws InterruptedException {
        return mode == Renderer.Mode.ALWAYS ? Plan.RENDER : choice(host).plan();
    }

    private Choice choice(String host) {
        return choices.computeIfAbsent(host, h -> new Choice());
    }

    /** Renders a fetched page; its own requests go out as this crawl's. */
    Renderer.Rendered render(WebUrl url, FetchResult page) throws InterruptedException {
        Renderer.Rendered r = renderer.render(url, page, this::fetchResource);
        (r.html() != null ? rendered : r.timedOut() ? timedOut : failed).incrementAndGet();
        return r;
    }

    /**
     * What a sampled page gave both ways: the host is rendered from now on if the rendered page
     * has links or values that the page as served lacks.
     */
    void sampled(String host, WebUrl url, ParsedPage served, Page servedPage, ParsedPage rendered, Page renderedPage) {
        int links = gained(served == null ? List.of() : served.links(), rendered.links());
        int values = renderedPage == null ? 0 : gained(values(servedPage), values(renderedPage));
        countSample(host, url, links, values);
    }

    private void countSample(String host, WebUrl url, int links, int values) {
        Choice c = choice(host);
        c.sampled(url, links, values);
        if (!c.renders()) {
            turns.remove(host); // read as served from now on: its pages load nothing
        }
    }

    /** A sampled page did not render: it counts as a sample that gained nothing. */
    void sampleFailed(String host, WebUrl url) {
        countSample(host, url, 0, 0);
    }

    /** A sample's page is done, read both ways or not: its place goes to the next page. */
    void sampleEnded(String host) {
        choice(host).ended();
    }

    private static int gained(List<?> before, List<?> after) {
        Set<Object> had = new HashSet<>(before.stream().map(Rendering::key).toList());
        return (int) after.stream()
                .map(Rendering::key)
                .filter(k -> !had.contains(k))
                .distinct()
                .count();
    }

    private static Object key(Object o) {
        return o instanceof Link link ? link.url() : o;
    }

    /** A page's extracted values that hold something, and its items. */
    private static List<Object> values(Page page) {
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> e : page.extracted().entrySet()) {
            Object v = e.getValue();
            if (v != null && !"".equals(v) && !(v instanceof List<?> l && l.isEmpty())) {
                values.add(e.getKey() + "=" + v);
            }
        }
        values.addAll(page.items());
        return values;
    }

    /**
     * The host's page went out: its pages' own requests wait the host's delay from now. A host
     * that auto mode reads as served loads nothing, and is not kept.
     */
    void contacted(String host) {
        Choice c = mode == Renderer.Mode.AUTO ? choices.get(host) : null;
        if (c == null || c.renders()) {
            turn(host).after(System.nanoTime() + throttle.delay(host).toNanos());
        }
    }

    /** A page's own request, or the robots.txt it needed, went out: counted here and by the frontier. */
    private void contactedByResource(String host) {
        contacted(host);
        frontier.contacted(host);
    }

    private Turn turn(String host) {
        return turns.computeIfAbsent(host, h -> new Turn());
    }

    private FetchResult fetchResource(WebUrl url, Duration within) throws InterruptedException {
        String host = hostKey.apply(url);
        if (!scope.allowsResource(url) || robots != null && !allowedByRobots(url, host)) {
            refused.incrementAndGet();
            return null;
        }
        long deadline = System.nanoTime() + within.toNanos();
        Turn turn = turn(host);
        if (!turn.lock.tryLock(within.toNanos(), TimeUnit.NANOSECONDS)) {
            late.incrementAndGet();
            return null;
        }
        try {
            long wait = turn.next.get() - System.nanoTime();
            if (System.nanoTime() + Math.max(0, wait) > deadline) {
                late.incrementAndGet();
                return null;
            }
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            FetchResult r = fetcher.fetchFile(url, MAX_RESOURCE_BYTES, () -> contactedByResource(host));
            fetched.incrementAndGet();
            return r.status() == 0 ? null : r;
        } finally {
            turn.lock.unlock();
        }
    }

    /**
     * Asks robots.txt, fetching it first if its rules are not known: then its Crawl-delay applies
     * to the host, as when a page of it is crawled first.
     */
    private boolean allowedByRobots(WebUrl url, String host) throws InterruptedException {
        boolean known = robots.cached(url) != null;
        RobotsRules rules = robots.rules(url);
        if (!known) {
            contactedByResource(host);
            if (rules.crawlDelay() != null) {
                frontier.updateHost(
                        host, throttle.crawlDelay(host, rules.crawlDelay()).delay(), null);
            }
        }
        return rules.source() != RobotsRules.Source.UNREACHABLE && rules.allows(url);
    }

    /** What rendering did, in lines for the summary: per host in auto mode, and the pages' own requests. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add(rendered.get() + (rendered.get() == 1 ? " page" : " pages") + " rendered; " + timedOut.get()
                + " cut at the render timeout and " + failed.get() + " failed in the browser, read as served");
        if (mode == Renderer.Mode.AUTO) {
            autoSummary(lines);
        }
        lines.add("the pages' own requests: " + fetched.get() + " fetched, " + refused.get()
                + " refused (robots.txt or scope)"
                + (late.get() == 0
                        ? ""
                        : ", " + late.get()
                                + " too late (the host's delay would have outlasted the page's render timeout)"));
        return lines;
    }

    /** The most hosts whose choice the summary names, rendered ones first; the rest are counted. */
    static final int HOSTS_NAMED = 10;

    private void autoSummary(List<String> lines) {
        List<Map.Entry<String, Choice>> hosts = new ArrayList<>(new TreeMap<>(choices).entrySet());
        hosts.sort(Comparator.comparing(e -> !e.getValue().renders()));
        hosts.stream()
                .limit(HOSTS_NAMED)
                .forEach(e -> lines.add(e.getKey() + ": " + e.getValue().describe()));
        if (hosts.size() > HOSTS_NAMED) {
            List<Map.Entry<String, Choice>> rest = hosts.subList(HOSTS_NAMED, hosts.size());
            long rendering = rest.stream().filter(e -> e.getValue().renders()).count();
            lines.add("and " + rest.size() + " more hosts: " + rendering + " rendered, " + (rest.size() - rendering)
                    + " read as served");
        }
    }

    /** One host's next contact by a page's own request, and the lock that sends those one at a time. */
    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong next = new AtomicLong(System.nanoTime());

        void after(long nanos) {
            next.accumulateAndGet(nanos, Math::max);
        }
    }

    /** {@link Renderer.Mode#AUTO}'s choice for one host: sampling, then rendered or not, and why. */
    private static final class Choice {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private int samples;
        private int sampling;
        private Boolean render;
        private String why;

        Plan plan() throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (render == null && sampling >= SAMPLES) {
                    changed.await();
                }
                if (render == null) {
                    sampling++;
                    return Plan.SAMPLE;
                }
                return render ? Plan.RENDER : Plan.AS_SERVED;
            } finally {
                lock.unlock();
            }
        }

        /** Whether the host's pages are rendered: chosen so, or still sampled. */
        boolean renders() {
            lock.lock();
            try {
                return render != Boolean.FALSE;
            } finally {
                lock.unlock();
            }
        }

        void ended() {
            lock.lock();
            try {
                sampling--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void sampled(WebUrl url, int links, int values) {
            lock.lock();
            try {
                if (render != null) {
                    return;
                }
                samples++;
                if (links > 0 || values > 0) {
                    render = true;
                    why = url + " gained " + (links > 0 ? links + (links == 1 ? " link" : " links") : "")
                            + (links > 0 && values > 0 ? " and " : "")
                            + (values > 0 ? values + (values == 1 ? " value" : " values") : "") + " in the browser";
                } else if (samples >= SAMPLES) {
                    render = false;
                    why = samples + " sampled pages gained nothing in the browser";
                }
            } finally {
                lock.unlock();
            }
        }

        String describe() {
            lock.lock();
            try {
                if (render == null) {
                    return "rendered (" + samples + (samples == 1 ? " page" : " pages")
                            + " sampled, too few to decide)";
                }
                return (render ? "rendered: " : "read as served: ") + why;
            } finally {
                lock.unlock();
            }
        }
    }
}
