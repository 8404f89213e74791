package dev.trawl.frontier;

import java.time.Duration;
import java.util.List;

/**
 * The crawl's to-do list: the tutorial's {@code todo} queue, {@code seen} set and page counter,
 * with per-host politeness. Workers {@link #lease} URLs whose host may be contacted now, and give
 * each lease back with {@link #complete} or {@link #fail}; the crawl is over, and {@link #lease}
 * returns nothing, when nothing is queued and nothing is in flight, or the page budget is spent.
 * Implementations are thread-safe.
 */
public interface Frontier extends AutoCloseable {

    /**
     * Offers URLs; each is added once in the frontier's life, however often it is offered. A URL
     * goes to the back of its host's queue, but a redirect hop (a request with
     * {@linkplain CrawlRequest#redirects() redirects} before it) to the front: it continues the
     * fetch that started its chain, so a chain ends within its hops times the host's delay
     * whatever else is queued.
     *
     * @return one result per request, in order
     */
    List<OfferResult> offer(List<CrawlRequest> requests);

    /**
     * Waits until at least one queued URL may be fetched, and leases up to {@code max} of them.
     * Never hands out a lease that would break a host's concurrency limit or minimum delay (see
     * {@link #sent}), nor
     * more leases than the pages left in the budget. Blocks without polling.
     *
     * @param leaseTime how long the lease lasts: a lease not given back in time is re-queued
     * @return the leases, or an empty list when the frontier is finished
     * @throws InterruptedException if the waiting thread is interrupted
     */
    List<Lease> lease(int max, Duration leaseTime) throws InterruptedException;

    /**
     * Tells that the lease's request has gone out to the server (called at most once per lease,
     * on the worker's thread, once the request is written). The host's delay counts from its
     * last contact, the later of a request going out and a lease ending; while a host with a
     * delay has a lease whose request has not gone out, none of its other URLs is leased, so that
     * requests arrive at the server at least the delay apart however late each one leaves. A
     * lease given back without this call counts as sent when it ends.
     */
    void sent(Lease lease);

    /**
     * Tells that a host was contacted outside a lease's own request: by a request of a page
     * rendered in a browser, made while the page's lease is held. The host's delay counts from
     * it too. A frontier that cannot keep such contacts ignores them, as this default does (its
     * caller spaces those requests by itself). Both of trawl's frontiers keep them.
     */
    default void contacted(String hostKey) {}

    /**
     * Gives a lease back after a fetch that got an answer.
     *
     * @param countsAsPage whether it counts against the page limit (a redirect hop does not)
     * @return false when the lease had expired or was already given back
     */
    boolean complete(Lease lease, boolean countsAsPage);

    /**
     * Gives a lease back after a fetch that got no answer (connection refused, timeout). It does
     * not count against the page limit.
     *
     * @return false when the lease had expired or was already given back
     */
    boolean fail(Lease lease);

    /**
     * Gives a lease back to be tried again later: {@code request} (the same URL, e.g. its
     * {@linkplain CrawlRequest#nextAttempt() next attempt}) goes to the front of its host's
     * queue, and is not leased before {@code after} has passed. Waiting holds no worker.
     *
     * @return false when the lease had expired or was already given back
     */
    boolean requeue(Lease lease, CrawlRequest request, Duration after);

    /**
     * Changes a host's politeness: its least delay between contacts (when not null) and a
     * pause during which nothing of it is leased (when not null or zero).
     */
    void updateHost(String hostKey, Duration delay, Duration pause);

    /**
     * Gives a host up: removes and returns every queued request of it (leases in flight stay),
     * and its URLs offered from now on are {@link OfferResult#GIVEN_UP}. Holds for every process
     * of a shared frontier.
     */
    List<CrawlRequest> giveUpHost(String hostKey);

    /**
     * Takes one of a host's pages before its fetch: false when the host has had its most pages
     * (the frontier's per-host page limit; always true without one). Holds for every process of a
     * shared frontier. A fetch that got no page gives its page back with {@link #releasePage}.
     */
    boolean reservePage(String hostKey);

    /** Gives back a page taken with {@link #reservePage} whose fetch got no page (no answer, retried later). */
    void releasePage(String hostKey);

    /**
     * The limits this frontier enforces: the ones it was built with, or, for a shared frontier
     * that joined a crawl, the crawl's. The crawler sizes its fetcher and throttle by them.
     */
    Politeness politeness();

    /** The counters now. */
    FrontierStats stats();

    /** Finishes the frontier: waiting {@link #lease} calls return empty, offers are rejected. */
    @Override
    void close();
}
