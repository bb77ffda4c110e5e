package dev.vprompt.worker.lifecycle;

import dev.vprompt.worker.internal.infer.InferencePool;
import dev.vprompt.worker.internal.infer.InferenceWorker;
import dev.vprompt.worker.internal.ingest.KafkaSource;
import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.probe.DependencyMonitor;
import dev.vprompt.worker.internal.publish.EventProducer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code /health/live} and {@code /health/ready} say, from the worker's parts as they are now.
 *
 * <p><b>Live</b>: the worker is starting, running or draining, and, while running, every thread it cannot work
 * without runs: the consumer thread, every inference thread, and the producer's I/O thread. A dead one does not come
 * back, so the worker is not live and must be restarted ({@link #deadPart()} names it; {@link Worker} then moves to
 * FAILED).
 *
 * <p><b>Ready</b> (each check named in the body): {@code running}; {@code model}, every inference thread serving;
 * {@code consumer}, the consumer thread alive and in its group (consumer or share group); {@code broker} and {@code store}, the last probe of
 * each succeeded (they are down while their probe fails, and intake is held meanwhile).
 *
 * <p>Threading: thread-safe; read from the health endpoint's event loop and the watchdog, it only reads volatile
 * state.
 */
final class WorkerHealth {

    private final Supplier<WorkerState> state;
    private final WorkerParts parts;

    WorkerHealth(Supplier<WorkerState> state, WorkerParts parts) {
        this.state = state;
        this.parts = parts;
    }

    boolean live() {
        WorkerState s = state.get();
        return s.isLive() && (s != WorkerState.RUNNING || deadPart() == null);
    }

    /** The thread the running worker needs that has ended, or null when every one runs. */
    String deadPart() {
        KafkaSource source = parts.source();
        if (source != null && !source.isAlive()) {
            return "the job consumer thread";
        }
        InferencePool inference = parts.inference();
        Map<String, InferenceWorker.State> states = inference == null ? Map.of() : inference.states();
        for (Map.Entry<String, InferenceWorker.State> e : states.entrySet()) {
            if (e.getValue() == InferenceWorker.State.FAILED || e.getValue() == InferenceWorker.State.STOPPED) {
                return "the inference thread of " + e.getKey() + " (" + e.getValue() + ")";
            }
        }
        EventProducer producer = parts.producer();
        if (producer != null && !producer.isAlive()) {
            return "the Kafka producer (closed, or its I/O thread ended)";
        }
        return null;
    }

    Map<String, Boolean> readiness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("running", state.get() == WorkerState.RUNNING);
        InferencePool inference = parts.inference();
        checks.put("model", inference != null && inference.allServing());
        KafkaSource source = parts.source();
        checks.put("consumer", source != null && source.isAlive() && source.isAssigned());
        DependencyMonitor dependencies = parts.dependencies();
        checks.put("broker", dependencies != null && dependencies.isUp(Dependency.BROKER));
        checks.put("store", dependencies != null && dependencies.isUp(Dependency.STORE));
        return checks;
    }
}
