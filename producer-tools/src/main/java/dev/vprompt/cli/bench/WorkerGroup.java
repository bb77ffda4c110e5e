package dev.vprompt.cli.bench;

import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.lifecycle.Worker;
import dev.vprompt.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Several workers of one consumer group in this process, for {@code vp bench pipeline --workers N}: started in order,
 * closed in reverse (each drains), and a start that fails closes the ones already running.
 *
 * <p>Not thread-safe: the benchmark's main thread starts, reads and closes it.
 */
final class WorkerGroup implements AutoCloseable {

    private final List<Worker> workers;

    private WorkerGroup(List<Worker> workers) {
        this.workers = workers;
    }

    /** Starts {@code count} workers, worker {@code i} with {@code config.apply(i)}. */
    static WorkerGroup start(int count, IntFunction<WorkerConfig> config) throws Exception {
        List<Worker> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Worker w = new Worker(config.apply(i));
                started.add(w);
                w.start();
            }
        } catch (Exception | Error e) {
            new WorkerGroup(started).close();
            throw e;
        }
        return new WorkerGroup(started);
    }

    /** Seconds the workers' inference threads spent in the model so far, summed. */
    double deviceBusySeconds() {
        return workers.stream()
                .mapToDouble(w -> w.metrics().deviceBusySeconds())
                .sum();
    }

    /** Jobs the workers have finished so far (every status), summed: more than were sent means redelivered work. */
    long jobsFinished() {
        return Math.round(workers.stream()
                .flatMap(w -> w.metrics().registry().find(WorkerMetrics.JOBS).counters().stream())
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum());
    }

    @Override
    public void close() {
        for (int i = workers.size() - 1; i >= 0; i--) {
            workers.get(i).close();
        }
    }
}
