package dev.trawl.frontier;

/** The in-memory frontier against the frontier contract. */
class InMemoryFrontierContractTest extends FrontierContract {

    @Override
    protected Frontier open(Politeness politeness) {
        return InMemoryFrontier.builder().politeness(politeness).build();
    }
}
