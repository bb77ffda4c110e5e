package dev.vprompt.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time spent by the worker's own threads (by name) between two snapshots, so the pipeline's cost can be told apart
 * from the in-process broker, S3 server and load generator. Not thread-safe; used by one benchmark thread.
 */
final class WorkerCpuMeter {

    /** Thread names of the worker: consumer, CPU pool, S3 I/O, inference, event loop, its Kafka producer. */
    static final Predicate<String> WORKER_THREADS = name -> name.startsWith("vp-ingest")
            || name.startsWith("vp-prepare-")
            || name.startsWith("vp-s3-io-")
            || name.startsWith("vp-s3-loop")
            || name.startsWith("vp-infer-")
            || name.startsWith("vert.x-eventloop")
            || name.startsWith("vert.x-worker")
            || name.contains("| vp-publish-")
            || name.startsWith("OkHttp");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Predicate<String> include;
    private Map<Long, Long> start = new HashMap<>();

    WorkerCpuMeter(Predicate<String> include) {
        this.include = include;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    void start() {
        start = snapshot();
    }

    /** CPU nanoseconds used by the matching threads since {@link #start()}. */
    long elapsedCpuNanos() {
        return byGroup().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same, per thread group (thread names with digits removed). */
    Map<String, Long> byGroup() {
        Map<String, Long> out = new java.util.TreeMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "N"));
            }
        }
        for (Map.Entry<Long, Long> e : snapshot().entrySet()) {
            out.merge(
                    names.getOrDefault(e.getKey(), "?"), e.getValue() - start.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        return out;
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && include.test(info.getThreadName())) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }
}
