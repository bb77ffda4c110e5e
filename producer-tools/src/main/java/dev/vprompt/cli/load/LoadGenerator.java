package dev.vprompt.cli.load;

import dev.vprompt.client.Completion;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.StartPosition;
import dev.vprompt.schemas.PromptJob;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers jobs to a running pipeline and measures it from the outside: at a fixed rate (open loop) or a fixed
 * concurrency (closed loop: a new job as each completes), first for a warm-up, then for the measurement window; then
 * waits up to the drain timeout for the window's jobs. Latency is measured on this client's monotonic clock, from
 * just before a job is produced to its completion event arriving.
 *
 * <pre>{@code
 * LoadGenerator gen = new LoadGenerator(connection, LoadSettings.concurrency(8, warmup, window),
 *         (id, now) -> template.job(id, examples, query, null, now));
 * LoadReport report = gen.run(snapshot -> {});
 * }</pre>
 *
 * <p>Not thread-safe: {@link #run} runs on the caller's thread and owns its Kafka clients; one run at a time.
 */
public final class LoadGenerator {

    private static final Logger LOGGER = LoggerFactory.getLogger(LoadGenerator.class);
    private static final long MAX_POLL_NANOS = Duration.ofMillis(50).toNanos();
    private static final long TICK_NANOS = Duration.ofMillis(200).toNanos();

    /** Builds the job to submit under a given id. */
    @FunctionalInterface
    public interface JobFactory {
        PromptJob create(String jobId, Instant submittedAt);
    }

    /**
     * Where a run stands, handed to the listener a few times a second.
     *
     * @param phase {@code warmup}, {@code measure} or {@code drain}
     * @param elapsedSeconds since the run started
     * @param plannedSeconds warm-up plus window
     * @param submitted jobs submitted so far (all phases)
     * @param completed completions received so far
     * @param failed failed completions so far
     */
    public record Snapshot(
            String phase, double elapsedSeconds, double plannedSeconds, long submitted, long completed, long failed) {}

    /** Receives {@link Snapshot}s on the run's thread; must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(Snapshot snapshot);
    }

    private final Connection connection;
    private final LoadSettings settings;
    private final JobFactory jobs;

    public LoadGenerator(Connection connection, LoadSettings settings, JobFactory jobs) {
        this.connection = connection;
        this.settings = settings;
        this.jobs = jobs;
    }

    /**
     * Runs the load and returns the report.
     *
     * @throws dev.vprompt.client.VpClientException when Kafka is unreachable or a topic is missing
     */
    public LoadReport run(Listener listener) {
        try (CompletionWatcher watcher = CompletionWatcher.open(connection, StartPosition.end());
                JobSubmitter submitter = JobSubmitter.open(connection)) {
            LoadRun run = new LoadRun(settings, System.nanoTime());
            String runId = UUID.randomUUID().toString().substring(0, 8);
            LOGGER.debug(
                    "load run {}: {} for {} after {} warm-up",
                    runId,
                    settings.offered(),
                    settings.duration(),
                    settings.warmup());
            offer(run, watcher, submitter, runId, listener);
            drain(run, watcher, listener);
            return run.report();
        }
    }

    private void offer(LoadRun run, CompletionWatcher watcher, JobSubmitter submitter, String runId, Listener l) {
        long intervalNanos = settings.mode() == LoadSettings.Mode.RATE ? (long) (1e9 / settings.rate()) : 0;
        long nextSend = run.startNanos();
        long nextTick = run.startNanos();
        long seq = 0;
        long now;
        while ((now = System.nanoTime()) < run.endNanos()) {
            if (settings.mode() == LoadSettings.Mode.RATE) {
                while (nextSend <= now && nextSend < run.endNanos()) {
                    send(run, submitter, runId + "-" + seq++);
                    nextSend += intervalNanos;
                }
            } else {
                while (run.inFlight() < settings.concurrency()) {
                    send(run, submitter, runId + "-" + seq++);
                }
            }
            long wait = settings.mode() == LoadSettings.Mode.RATE
                    ? Math.min(MAX_POLL_NANOS, Math.max(0, nextSend - System.nanoTime()))
                    : MAX_POLL_NANOS;
            receive(run, watcher, Duration.ofNanos(Math.min(wait, Math.max(0, run.endNanos() - now))));
            if (System.nanoTime() >= nextTick) {
                l.onProgress(run.snapshot(System.nanoTime()));
                nextTick += TICK_NANOS;
            }
        }
        submitter.flush();
    }

    private void send(LoadRun run, JobSubmitter submitter, String jobId) {
        long t0 = System.nanoTime();
        PromptJob job = jobs.create("lg-" + jobId, Instant.now());
        run.sent(job.getJobId(), t0);
        submitter.send(job).whenComplete((id, e) -> {
            if (e != null) {
                run.sendFailed(job.getJobId());
            }
        });
    }

    private void drain(LoadRun run, CompletionWatcher watcher, Listener l) {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long nextTick = System.nanoTime();
        while (run.measuredOutstanding() > 0 && System.nanoTime() < deadline) {
            receive(run, watcher, Duration.ofNanos(MAX_POLL_NANOS));
            if (System.nanoTime() >= nextTick) {
                l.onProgress(run.snapshot(System.nanoTime()));
                nextTick += TICK_NANOS;
            }
        }
        l.onProgress(run.snapshot(System.nanoTime()));
        if (run.measuredOutstanding() > 0) {
            LOGGER.warn(
                    "{} jobs of the window did not complete within the drain timeout {}",
                    run.measuredOutstanding(),
                    settings.drainTimeout());
        }
    }

    private static void receive(LoadRun run, CompletionWatcher watcher, Duration wait) {
        for (Completion c : watcher.poll(wait)) {
            run.completed(c);
        }
        run.applySendFailures();
    }
}
