package dev.vprompt.cli.load;

import dev.vprompt.client.Completion;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bookkeeping of one {@link LoadGenerator} run: jobs in flight with their send times, which of them belong to the
 * measurement window, and what their completions said.
 *
 * <p>Not thread-safe: confine to the run's thread, except {@link #sendFailed}, which the producer's I/O thread calls
 * (it only enqueues; {@link #applySendFailures} applies on the run's thread).
 */
final class LoadRun {

    static final String SEND_FAILED = "SEND_FAILED";

    private final LoadSettings settings;
    private final long startNanos;
    private final long windowStartNanos;
    private final long endNanos;
    private final Map<String, Long> inFlight = new HashMap<>();
    private final Set<String> measured = new HashSet<>();
    private final Queue<String> sendFailures = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> failuresByCode = new TreeMap<>();
    private long[] latencies = new long[1024];
    private int latencyCount;
    private long submitted;
    private long measuredSubmitted;
    private long completed;
    private long failed;
    private long windowArrivals;
    private long measuredSucceeded;
    private long measuredFailed;
    private long batchSizeSum;

    LoadRun(LoadSettings settings, long startNanos) {
        this.settings = settings;
        this.startNanos = startNanos;
        this.windowStartNanos = startNanos + settings.warmup().toNanos();
        this.endNanos = windowStartNanos + settings.duration().toNanos();
    }

    long startNanos() {
        return startNanos;
    }

    long endNanos() {
        return endNanos;
    }

    int inFlight() {
        return inFlight.size();
    }

    /** Jobs of the window without a completion yet. */
    long measuredOutstanding() {
        return measuredSubmitted - measuredSucceeded - measuredFailed;
    }

    void sent(String jobId, long nanos) {
        inFlight.put(jobId, nanos);
        submitted++;
        if (nanos >= windowStartNanos && nanos < endNanos) {
            measured.add(jobId);
            measuredSubmitted++;
        }
    }

    /** Called from the producer's I/O thread. */
    void sendFailed(String jobId) {
        sendFailures.add(jobId);
    }

    void applySendFailures() {
        String id;
        while ((id = sendFailures.poll()) != null) {
            if (inFlight.remove(id) != null) {
                failed++;
                if (measured.contains(id)) {
                    measuredFailed++;
                    failuresByCode.merge(SEND_FAILED, 1L, Long::sum);
                }
            }
        }
    }

    void completed(Completion c) {
        Long t0 = inFlight.remove(c.jobId());
        if (t0 == null) {
            return; // another client's job, or a redelivered duplicate
        }
        completed++;
        PromptCompleted e = c.event();
        boolean ok = e.getStatus() == JobStatus.SUCCEEDED;
        if (!ok) {
            failed++;
        }
        if (c.receivedNanos() >= windowStartNanos && c.receivedNanos() < endNanos) {
            windowArrivals++;
        }
        if (!measured.contains(c.jobId())) {
            return;
        }
        if (ok) {
            measuredSucceeded++;
            batchSizeSum += e.getBatch().getSize();
            addLatency(c.receivedNanos() - t0);
        } else {
            measuredFailed++;
            failuresByCode.merge(e.getError() == null ? "UNKNOWN" : e.getError().getCode(), 1L, Long::sum);
        }
    }

    private void addLatency(long nanos) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, 2 * latencies.length);
        }
        latencies[latencyCount++] = nanos;
    }

    LoadGenerator.Snapshot snapshot(long now) {
        String phase = now < windowStartNanos ? "warmup" : now < endNanos ? "measure" : "drain";
        return new LoadGenerator.Snapshot(
                phase, (now - startNanos) / 1e9, (endNanos - startNanos) / 1e9, submitted, completed, failed);
    }

    LoadReport report() {
        double window = settings.duration().toNanos() / 1e9;
        return new LoadReport(
                settings.mode().name().toLowerCase(java.util.Locale.ROOT),
                settings.offered(),
                settings.warmup().toNanos() / 1e9,
                window,
                measuredSubmitted,
                measuredSucceeded,
                measuredFailed,
                measuredOutstanding(),
                windowArrivals / window,
                LoadReport.Latency.ofNanos(Percentiles.of(Arrays.copyOf(latencies, latencyCount))),
                measuredSucceeded == 0 ? 0 : (double) batchSizeSum / measuredSucceeded,
                failuresByCode);
    }
}
