package dev.vprompt.worker.internal.probe;

import dev.vprompt.worker.internal.job.Dependency;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.retry.DependencyStatus;
import dev.vprompt.worker.internal.retry.RetryPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges the worker's dependencies by probes, never by one job's error. Each dependency's {@link Probe} runs at
 * start, then every {@code interval}, and sooner (at most once per {@link #MIN_PROBE_GAP}) when a job
 * {@linkplain #suspect suspects} it after a transient failure; at most one probe per dependency is in flight.
 * {@link #FAILURES_TO_DOWN} probes in a row that fail or do not answer within {@code timeout} make the dependency down
 * (after a first failure the next probe comes after {@link #MIN_PROBE_GAP}, so one slow answer under load is not an
 * outage); the next probe that succeeds makes it up again. The {@link Listener} hears of each change (the worker
 * holds intake while anything is down), retry budgets ask {@link #isDown}, readiness asks {@link #isUp}.
 *
 * <p>Threading: {@link #start}, {@link #suspect}, {@link #stop} and the listener run on {@code context} (the event
 * loop; probes complete elsewhere and come back there). {@link #isDown}, {@link #isUp} and {@link #downReasons} may be
 * called from any thread (retry budgets, the health endpoint).
 */
public final class DependencyMonitor implements DependencyStatus {

    private static final Logger LOGGER = LoggerFactory.getLogger(DependencyMonitor.class);

    /** The shortest time between two probes of one dependency when jobs suspect it. */
    public static final Duration MIN_PROBE_GAP = Duration.ofSeconds(1);
    /** Failed probes in a row that make a dependency down. */
    public static final int FAILURES_TO_DOWN = 2;

    /** Hears when a dependency goes down or comes back; called on the monitor's context. */
    @FunctionalInterface
    public interface Listener {
        void changed(Dependency dependency, boolean up);
    }

    private final Map<Dependency, Watched> watched = new EnumMap<>(Dependency.class);
    private final Executor context;
    private final RetryPolicy.Scheduler timers;
    private final long intervalNanos;
    private final long timeoutMillis;
    private final long minGapNanos;
    private final Listener listener;
    private final LongSupplier nanoTime;
    private boolean stopped;

    /**
     * @param timers timers that fire on {@code context}
     * @param interval time between two probes of a dependency
     * @param timeout how long a probe may take before it counts as failed
     */
    public DependencyMonitor(
            Map<Dependency, Probe> probes,
            Executor context,
            RetryPolicy.Scheduler timers,
            Duration interval,
            Duration timeout,
            Listener listener,
            LongSupplier nanoTime) {
        probes.forEach((d, p) -> watched.put(d, new Watched(d, p)));
        this.context = context;
        this.timers = timers;
        this.intervalNanos = interval.toNanos();
        this.timeoutMillis = timeout.toMillis();
        this.minGapNanos = Math.min(MIN_PROBE_GAP.toNanos(), intervalNanos);
        this.listener = listener;
        this.nanoTime = nanoTime;
    }

    /** Probes every dependency now, then keeps probing. */
    public void start() {
        watched.values().forEach(Watched::probe);
    }

    /** A job saw a transient failure of {@code dependency}: probe it soon. */
    public void suspect(Dependency dependency) {
        Watched w = watched.get(dependency);
        if (w != null && !stopped && !w.inFlight && nanoTime.getAsLong() - w.lastStartNanos >= minGapNanos) {
            w.probe();
        }
    }

    /** Stops probing (shutdown). */
    public void stop() {
        stopped = true;
    }

    /**
     * Whether probes judged {@code dependency} down and none has succeeded since (false for a dependency that is not
     * probed).
     */
    @Override
    public boolean isDown(Dependency dependency) {
        Watched w = watched.get(dependency);
        return w != null && w.downReason != null;
    }

    /**
     * Whether a probe of {@code dependency} has succeeded and it is not down since: false until a first probe succeeds
     * (a first probe that fails is not an outage yet, but neither is the dependency known to work).
     */
    public boolean isUp(Dependency dependency) {
        Watched w = watched.get(dependency);
        return w != null && w.succeededOnce && w.downReason == null;
    }

    /** Why each dependency that is down is down, by name. */
    public Map<String, String> downReasons() {
        Map<String, String> out = new LinkedHashMap<>();
        watched.values().forEach(w -> {
            String r = w.downReason;
            if (r != null) {
                out.put(w.dependency.name().toLowerCase(java.util.Locale.ROOT), r);
            }
        });
        return out;
    }

    /** One probed dependency. Fields other than the volatile ones are confined to the context. */
    private final class Watched {
        final Dependency dependency;
        final Probe probe;
        volatile String downReason;
        volatile boolean succeededOnce;
        boolean inFlight;
        int failuresInARow;
        long lastStartNanos = Long.MIN_VALUE / 2;

        Watched(Dependency dependency, Probe probe) {
            this.dependency = dependency;
            this.probe = probe;
        }

        void probe() {
            inFlight = true;
            lastStartNanos = nanoTime.getAsLong();
            try {
                probe.check()
                        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .whenComplete((v, e) -> context.execute(() -> answered(e)));
            } catch (RuntimeException e) {
                answered(e);
            }
        }

        /** Runs on the context. */
        void answered(Throwable error) {
            inFlight = false;
            if (error == null) {
                succeededOnce = true;
            }
            failuresInARow = error == null ? 0 : failuresInARow + 1;
            if (error == null && downReason != null) {
                downReason = null;
                LOGGER.info("dependency={} is up again; intake resumes", dependency);
                listener.changed(dependency, true);
            } else if (error != null && downReason == null && failuresInARow < FAILURES_TO_DOWN) {
                LOGGER.info("probe of dependency={} failed once ({}); probing again", dependency, error.toString());
            } else if (error != null && downReason == null) {
                Throwable c = JobFailure.unwrap(error);
                downReason = c instanceof java.util.concurrent.TimeoutException
                        ? "no answer within " + timeoutMillis + " ms"
                        : String.valueOf(c.getMessage() == null ? c : c.getMessage());
                LOGGER.warn("dependency={} is down ({}); intake is held until it is back", dependency, downReason);
                listener.changed(dependency, false);
            }
            if (!stopped) {
                boolean confirming = failuresInARow > 0 && failuresInARow < FAILURES_TO_DOWN;
                timers.schedule(TimeUnit.NANOSECONDS.toMillis(confirming ? minGapNanos : intervalNanos), this::tick);
            }
        }

        /** Runs on the context: the periodic probe, unless one ran recently (a suspicion) or is running. */
        void tick() {
            boolean confirming = failuresInARow > 0 && failuresInARow < FAILURES_TO_DOWN;
            long due = confirming ? minGapNanos : intervalNanos - minGapNanos;
            if (!stopped && !inFlight && nanoTime.getAsLong() - lastStartNanos >= due) {
                probe();
            }
        }
    }
}
