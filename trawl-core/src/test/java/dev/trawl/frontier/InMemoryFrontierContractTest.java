package dev.trawl.frontier;

/** The in-memory frontier against the frontier contract. */
class InMemoryFrontierContractTest extends FrontierContract {

    @Override
    protected Frontier open(int perHost, long maxPages, long maxPagesPerHost) {
        return InMemoryFrontier.builder()
                .perHost(perHost)
                .maxPages(maxPages)
                .maxPagesPerHost(maxPagesPerHost)
                .build();
    }
}
