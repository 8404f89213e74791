package dev.trawl.frontier;

/**
 * The right to crawl one request now, handed out by {@link Frontier#lease}. It must be given back
 * exactly once, with {@link Frontier#complete} or {@link Frontier#fail}.
 *
 * @param id unique within the frontier
 * @param request what to crawl
 * @param hostKey the politeness key (by default the host) the lease holds a slot of
 */
public record Lease(long id, CrawlRequest request, String hostKey) {}
