package dev.trawl.frontier;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** The store under a frontier that keeps everything in memory: it holds nothing, and keeps nothing. */
final class NoStore implements FrontierStore {

    static final NoStore INSTANCE = new NoStore();

    private NoStore() {}

    @Override
    public Snapshot restore(LongConsumer seen) {
        return new Snapshot(1, 0, 0, Map.of());
    }

    @Override
    public void added(List<Added> urls) {}

    @Override
    public void leased(long id) {}

    @Override
    public void requeued(long id, CrawlRequest request) {}

    @Override
    public void finished(long id, Outcome outcome) {}

    @Override
    public void awaitDurable() {}

    @Override
    public void load(String hostKey, long afterId, int max, Consumer<List<Stored>> then) {
        // A frontier without a store keeps every queued URL in memory, and so never asks.
        throw new IllegalStateException("nothing is stored");
    }

    @Override
    public List<Stored> drain(String hostKey, long afterId) {
        return List.of();
    }

    @Override
    public void markFinished() {}

    @Override
    public void close() {}
}
