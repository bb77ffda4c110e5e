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
    private Map<Long, Times> start = new HashMap<>();

    /** A thread's CPU and user time, in nanoseconds. */
    private record Times(long cpu, long user) {}

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
        return byGroup(false);
    }

    /**
     * The part of {@link #byGroup()} spent in the kernel (CPU time less user time: system calls, and on loopback the
     * TCP stack's delivery to the in-process servers, which the sending thread pays for).
     */
    Map<String, Long> kernelByGroup() {
        return byGroup(true);
    }

    private Map<String, Long> byGroup(boolean kernelOnly) {
        Map<String, Long> out = new java.util.TreeMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "N"));
            }
        }
        Times none = new Times(0, 0);
        for (Map.Entry<Long, Times> e : snapshot().entrySet()) {
            Times now = e.getValue();
            Times then = start.getOrDefault(e.getKey(), none);
            long cpu = now.cpu() - then.cpu();
            long value = kernelOnly ? cpu - (now.user() - then.user()) : cpu;
            out.merge(names.getOrDefault(e.getKey(), "?"), value, Long::sum);
        }
        return out;
    }

    private Map<Long, Times> snapshot() {
        Map<Long, Times> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && include.test(info.getThreadName())) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                long user = threads.getThreadUserTime(info.getThreadId());
                if (cpu >= 0 && user >= 0) {
                    out.put(info.getThreadId(), new Times(cpu, user));
                }
            }
        }
        return out;
    }
}
