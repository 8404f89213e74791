package dev.trawl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The shape of the tutorial's async basics, with 300 ms chores: not exact times. */
class AsyncBasicsTest {

    private static final Duration CHORE = Duration.ofMillis(300);
    private static final List<String> CHORES = List.of("package", "laundry", "cake");
    private final AsyncBasics basics = new AsyncBasics(CHORE);

    private static Duration time(Callable<?> c) throws Exception {
        long start = System.nanoTime();
        c.call();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void concurrentChoresTakeLessThanHalfTheSequentialTime() throws Exception {
        Duration sequential = time(() -> basics.sequential(CHORES));
        Duration awaitedInTurn = time(() -> basics.awaitEachInTurn(CHORES));
        Duration group = time(() -> basics.taskGroup(CHORES));

        assertThat(sequential).isGreaterThanOrEqualTo(CHORE.multipliedBy(3));
        assertThat(awaitedInTurn).isGreaterThanOrEqualTo(CHORE.multipliedBy(3));
        assertThat(group).isGreaterThanOrEqualTo(CHORE).isLessThan(sequential.dividedBy(2));
    }

    @Test
    void waitWithATimeoutReturnsWhatIsDoneAndWhatIsPending() throws Exception {
        AsyncBasics.Waited w = basics.waitWithTimeout(
                CHORES,
                List.of(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(10)),
                Duration.ofSeconds(2));
        assertThat(w.done()).containsExactly("package done", "laundry done");
        assertThat(w.pending()).containsExactly("cake");
    }

    @Test
    void gatherKeepsArgumentOrderAndTurnsFailuresIntoValues() throws Exception {
        IllegalStateException burned = new IllegalStateException("the cake burned");
        List<Object> results = basics.gather(List.of(
                () -> {
                    Thread.sleep(200);
                    return "slow first";
                },
                () -> {
                    throw burned;
                },
                () -> "fast last"));
        assertThat(results).containsExactly("slow first", burned, "fast last");
    }

    @Test
    void aTaskGroupWaitsForEveryTask() {
        assertThat(basics.taskGroup(CHORES)).containsExactly("package done", "laundry done", "cake done");
    }
}
