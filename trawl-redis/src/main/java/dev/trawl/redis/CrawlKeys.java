package dev.trawl.redis;

/**
 * The Redis key names of one crawl. The crawl's own keys share the hash tag {@code {name}}; the
 * keys of partition p share {@code {name:pP}}, so a script on either touches one slot.
 */
final class CrawlKeys {

    private final String crawl;

    CrawlKeys(String crawl) {
        this.crawl = crawl;
    }

    /** The crawl's hash: settings, page and failure counters, the lease id counter, finished. */
    String meta() {
        return "trawl:{" + crawl + "}:stats";
    }

    /** The page budget's tokens, one per lease in flight, scored by deadline. */
    String budget() {
        return "trawl:{" + crawl + "}:deadlines";
    }

    /** The processes of the crawl, scored by their last heartbeat. */
    String processes() {
        return "trawl:{" + crawl + "}:processes";
    }

    /** The pub/sub channel on which processes wake each other. */
    String channel() {
        return "trawl:{" + crawl + "}:events";
    }

    /** Partition p's counters hash; the scripts find the partition's other keys from it. */
    String partition(int p) {
        return "trawl:{" + crawl + ":p" + p + "}:stats";
    }
}
