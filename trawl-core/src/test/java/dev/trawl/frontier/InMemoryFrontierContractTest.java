package dev.trawl.frontier;

/** The in-memory frontier against the frontier contract. */
class InMemoryFrontierContractTest extends FrontierContract {

    @Override
    protected Frontier open(int perHost, long maxPages) {
        return InMemoryFrontier.builder().perHost(perHost).maxPages(maxPages).build();
    }
}
