package dev.trawl.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Part 1 of the tutorial, "async basics", in Java 21: three chores that are mostly waiting (a
 * package to arrive, laundry, a cake in the oven), done first one after another and then at
 * once on virtual threads, where Python uses coroutines and an event loop.
 *
 * <p>Run it: {@code java -cp trawl-examples/target/classes dev.trawl.examples.AsyncBasics}
 */
public final class AsyncBasics {

    private final Duration choreTime;

    /** Chores that each take {@code choreTime} (the tutorial's are one second). */
    public AsyncBasics(Duration choreTime) {
        this.choreTime = choreTime;
    }

    /** One chore: start, wait (a blocking sleep is fine on a virtual thread), done. */
    public String chore(String name) throws InterruptedException {
        System.out.println("started " + name);
        Thread.sleep(choreTime);
        System.out.println("done " + name);
        return name + " done";
    }

    private Callable<String> task(String name) {
        return () -> chore(name);
    }

    /** 1. One after another: three chore times. */
    public List<String> sequential(List<String> names) throws InterruptedException {
        List<String> results = new ArrayList<>();
        for (String name : names) {
            results.add(chore(name));
        }
        return results;
    }

    /** 3. Start one, wait for it, start the next: still three chore times ("await" waits right there). */
    public List<String> awaitEachInTurn(List<String> names) throws Exception {
        List<String> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                results.add(executor.submit(task(name)).get());
            }
        }
        return results;
    }

    /**
     * 4. {@code create_task} for all, then {@code wait} with a timeout: all start at once; the
     * futures that are not done by then come back as pending (and are cancelled).
     */
    public Waited waitWithTimeout(List<String> names, List<Duration> times, Duration timeout)
            throws InterruptedException {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Duration t = times.get(i);
            tasks.add(() -> {
                Thread.sleep(t);
                return name + " done";
            });
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = executor.invokeAll(tasks, timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> done = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                if (futures.get(i).state() == Future.State.SUCCESS) {
                    done.add(futures.get(i).resultNow());
                } else {
                    pending.add(names.get(i));
                }
            }
            return new Waited(done, pending);
        }
    }

    /** What {@link #waitWithTimeout} found: finished results, and the names still pending. */
    public record Waited(List<String> done, List<String> pending) {}

    /**
     * 5. {@code gather(..., return_exceptions=True)}: all at once, results in argument order,
     * and a failure comes back as a value instead of being thrown.
     */
    public List<Object> gather(List<Callable<String>> tasks) throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> t : tasks) {
                futures.add(executor.submit(t));
            }
            List<Object> results = new ArrayList<>();
            for (Future<String> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            return results;
        }
    }

    /** 6. A TaskGroup: leaving the try-with-resources block waits for every task started in it. */
    public List<String> taskGroup(List<String> names) {
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService group = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                futures.add(group.submit(task(name)));
            }
        }
        return futures.stream().map(Future::resultNow).toList();
    }

    /** Runs every part with one-second chores and prints how long each took. */
    public static void main(String[] args) throws Exception {
        AsyncBasics basics = new AsyncBasics(Duration.ofSeconds(1));
        List<String> chores = List.of("package", "laundry", "cake");
        time("1. sequential", () -> basics.sequential(chores));
        // 2. Python's never-awaited coroutine: a Callable does nothing until it is called or submitted.
        Callable<String> neverRun = basics.task("never awaited");
        System.out.println("2. made a task and never ran it: nothing printed by " + neverRun + "\n");
        time("3. await each in turn", () -> basics.awaitEachInTurn(chores));
        time(
                "4. wait with a 1.5 s timeout",
                () -> basics.waitWithTimeout(
                        chores,
                        List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                        Duration.ofMillis(1500)));
        time(
                "5. gather",
                () -> basics.gather(List.of(
                        basics.task("package"),
                        () -> {
                            throw new IllegalStateException("the cake burned");
                        },
                        basics.task("laundry"))));
        time("6. task group", () -> basics.taskGroup(chores));
    }

    private static void time(String label, Callable<?> part) throws Exception {
        long start = System.nanoTime();
        Object result = part.call();
        System.out.printf("%s: %.1f s -> %s%n%n", label, (System.nanoTime() - start) / 1e9, result);
    }
}
