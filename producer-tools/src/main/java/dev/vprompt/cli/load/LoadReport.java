package dev.vprompt.cli.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vprompt.cli.console.TextTable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one {@link LoadGenerator} run. Immutable and thread-safe.
 *
 * @param mode {@code rate} or {@code concurrency}
 * @param offered the offered load, e.g. {@code 50.0 jobs/s} or {@code 8 in flight}
 * @param warmupSeconds length of the unmeasured warm-up
 * @param durationSeconds length of the measurement window
 * @param submitted jobs submitted inside the window
 * @param succeeded of those, jobs that completed with SUCCEEDED
 * @param failed of those, jobs that completed with FAILED (or could not be sent)
 * @param missing of those, jobs without a completion by the end of the drain timeout
 * @param jobsPerSecond completions (of any job) that arrived inside the window, per second of the window
 * @param latencyMs end-to-end latency of the succeeded jobs, client clock, from just before produce to the
 *     completion event arriving
 * @param meanBatchSize mean inference batch size of the succeeded jobs (from the completion events)
 * @param failuresByCode failed jobs per error code ({@code SEND_FAILED} when Kafka refused the job)
 */
public record LoadReport(
        String mode,
        String offered,
        double warmupSeconds,
        double durationSeconds,
        long submitted,
        long succeeded,
        long failed,
        long missing,
        double jobsPerSecond,
        Latency latencyMs,
        double meanBatchSize,
        Map<String, Long> failuresByCode) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Latency statistics in milliseconds. */
    public record Latency(double p50, double p95, double p99, double max, double mean) {

        /** From a sample in nanoseconds. */
        static Latency ofNanos(Percentiles p) {
            return new Latency(
                    ms(p.percentile(50)), ms(p.percentile(95)), ms(p.percentile(99)), ms(p.max()), ms(p.mean()));
        }

        private static double ms(double nanos) {
            return Math.round(nanos / 1e3) / 1e3; // microsecond resolution
        }
    }

    public LoadReport {
        failuresByCode = java.util.Collections.unmodifiableMap(new TreeMap<>(failuresByCode));
    }

    /** Succeeded plus failed. */
    public long completed() {
        return succeeded + failed;
    }

    /** Pretty-printed JSON of every field. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a LoadReport is always serialisable", e);
        }
    }

    /** A two-column table for people. */
    public String toTable() {
        TextTable t = new TextTable("loadgen (" + mode + ", " + offered + ")", "value");
        t.row("window", fmt("%.1f s after %.1f s warm-up", durationSeconds, warmupSeconds));
        t.row("submitted", submitted);
        t.row("succeeded", succeeded);
        t.row("failed", failed);
        t.row("missing (no completion)", missing);
        t.row("throughput", fmt("%.2f jobs/s", jobsPerSecond));
        t.row("latency p50", fmt("%.1f ms", latencyMs.p50()));
        t.row("latency p95", fmt("%.1f ms", latencyMs.p95()));
        t.row("latency p99", fmt("%.1f ms", latencyMs.p99()));
        t.row("latency max", fmt("%.1f ms", latencyMs.max()));
        t.row("latency mean", fmt("%.1f ms", latencyMs.mean()));
        t.row("mean batch size", fmt("%.2f", meanBatchSize));
        failuresByCode.forEach((code, n) -> t.row("failed " + code, n));
        return t.render();
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
