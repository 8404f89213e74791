package dev.trawl.sqlite;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.FrontierContract;
import dev.trawl.frontier.InMemoryFrontier;
import dev.trawl.frontier.Politeness;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite-backed frontier against the frontier contract, resume and crash included. */
class SqliteFrontierContractTest extends FrontierContract {

    @TempDir
    Path dir;

    private CrawlState state;

    @Override
    protected Frontier open(Politeness politeness) throws Exception {
        state = CrawlState.open(dir.resolve("crawl.db"), "contract", false);
        Frontier f = InMemoryFrontier.builder()
                .politeness(politeness)
                .store(state.frontierStore())
                .build();
        state.close();
        return f;
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected void crash(Frontier frontier) {
        state.crash();
    }
}
