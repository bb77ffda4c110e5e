package dev.vprompt.worker.internal.fetch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many asynchronous operations run at once without blocking anyone: an operation over the bound waits in
 * a queue and starts when another finishes. Operations start on {@code executor}, never on the caller's thread, so
 * the CPU work of issuing a request (e.g. request signing) stays off the event loop. Thread-safe.
 */
final class AsyncLimiter {

    private final int permits;
    private final Executor executor;
    private final AtomicInteger running = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    AsyncLimiter(int permits, Executor executor) {
        this.permits = permits;
        this.executor = executor;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> executor.execute(() -> {
            CompletableFuture<T> f;
            try {
                f = operation.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                running.decrementAndGet();
                drain();
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            });
        }));
        drain();
        return result;
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int r = running.get();
            if (r >= permits) {
                return;
            }
            if (running.compareAndSet(r, r + 1)) {
                Runnable next = waiting.poll();
                if (next == null) {
                    running.decrementAndGet();
                    return;
                }
                next.run();
            }
        }
    }

    int running() {
        return running.get();
    }
}
