package dev.trawl;

import dev.trawl.frontier.CrawlRequest;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import java.time.Duration;

/**
 * What a worker does with a lease when it is done with it. Every stage of the crawl of one URL
 * ends in one of these, and {@link Worker#processOne} gives the lease back once, in one place.
 */
sealed interface Handback {

    /** Done; counted against the page limit when {@code countsAsPage}. */
    record Done(boolean countsAsPage) implements Handback {}

    /** No answer (refused, timed out, not retried again): done, as a failure. */
    record Failed() implements Handback {}

    /** Not now: {@code request} (the same URL, maybe its next attempt) is leased again after {@code after}. */
    record Again(CrawlRequest request, Duration after) implements Handback {}

    Handback PAGE = new Done(true);
    Handback OTHER = new Done(false);
    Handback FAILED = new Failed();

    /** Gives the lease back to the frontier as this says. */
    default void giveBack(Frontier frontier, Lease lease) {
        switch (this) {
            case Done d -> frontier.complete(lease, d.countsAsPage());
            case Failed f -> frontier.fail(lease);
            case Again a -> frontier.requeue(lease, a.request(), a.after());
        }
    }
}
