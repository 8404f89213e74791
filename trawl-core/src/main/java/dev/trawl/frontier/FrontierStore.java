package dev.trawl.frontier;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Durable storage under an {@link InMemoryFrontier}: every change is written through it, the
 * queues beyond a small buffer per host live only in it, and a frontier reopened on it resumes
 * where the last one stopped. Writes may be batched, but must be applied in the order they are
 * made, and a read must see every write made before it.
 */
public interface FrontierStore extends AutoCloseable {

    /** How a stored URL ended. */
    enum Outcome {
        /** Fetched, and counted as a page. */
        PAGE,
        /** Done without counting as a page (a redirect hop, forbidden by robots.txt, given up). */
        OTHER,
        /** No answer: failed. */
        FAILED
    }

    /**
     * What the store holds when a frontier opens on it. URLs leased when the last process
     * stopped are queued again (at-least-once).
     *
     * @param nextId the next free row id
     * @param pages URLs done as pages (what the page limit counts)
     * @param failed URLs that failed
     * @param queuedByHost queued URLs per host key
     */
    record Snapshot(long nextId, long pages, long failed, Map<String, Long> queuedByHost) {}

    /** A queued URL and its row id. */
    record Stored(long id, CrawlRequest request) {}

    /** Opens the stored crawl: feeds every seen fingerprint to {@code seen} and returns the rest. */
    Snapshot restore(LongConsumer seen);

    /** A URL first offered now, queued. */
    record Added(long id, String hostKey, long fingerprint, CrawlRequest request) {}

    /** New URLs, queued (one offer's worth at a time). */
    void added(List<Added> urls);

    /** A queued URL is leased. */
    void leased(long id);

    /** A leased URL is queued again, as {@code request} (e.g. its next attempt). */
    void requeued(long id, CrawlRequest request);

    /** A leased URL is done. */
    void finished(long id, Outcome outcome);

    /**
     * Returns once every change made so far is on disk. The frontier calls it (without its lock)
     * after a URL is done, so that a crash refetches only the URLs that were in flight.
     */
    void awaitDurable();

    /**
     * Loads, in id order, up to {@code max} queued URLs of a host with ids above {@code afterId},
     * and hands them to {@code then}, on a thread that holds no lock of the store's (so that
     * {@code then} may wait for the frontier's lock while the store goes on writing).
     */
    void load(String hostKey, long afterId, int max, Consumer<List<Stored>> then);

    /** Removes every queued URL of a host with an id above {@code afterId} (marked done) and returns them. */
    List<Stored> drain(String hostKey, long afterId);

    /** The crawl is over: nothing queued, nothing in flight (or the page budget spent). */
    void markFinished();

    /** Writes everything pending, then closes; later calls are ignored (a stopped crawl's last leases). */
    @Override
    void close();
}
