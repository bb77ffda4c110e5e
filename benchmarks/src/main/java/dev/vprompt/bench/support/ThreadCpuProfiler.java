package dev.vprompt.bench.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time per operation of the benchmark JVM's threads whose names match a pattern
 * ({@code cpu.threads.norm}, ns/op): for benchmarks that run a server in the same JVM (the S3 benchmark's S3Proxy), so
 * the client's cost can be told apart from the server's. The pattern is the system property
 * {@value #PATTERN_PROPERTY} of the forked JVM (default {@value #DEFAULT_PATTERN}: the worker's S3 I/O and Netty
 * threads, OkHttp's threads and JMH's benchmark threads); GC and JIT threads are not counted, nor threads that end
 * within an iteration. Use with {@code -prof dev.vprompt.bench.support.ThreadCpuProfiler}.
 *
 * <p>Threading: JMH calls it from the forked JVM's control thread, before and after each iteration.
 */
public final class ThreadCpuProfiler implements InternalProfiler {

    public static final String PATTERN_PROPERTY = "vp.bench.threads";
    /** {@code -Dvp.bench.threadGroups=true}: also one result per thread group (names with digits as N). */
    public static final String GROUPS_PROPERTY = "vp.bench.threadGroups";

    public static final String DEFAULT_PATTERN = "vp-s3-.*|OkHttp.*|.*jmh-worker.*";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Pattern include = Pattern.compile(System.getProperty(PATTERN_PROPERTY, DEFAULT_PATTERN));
    private final Map<Long, String> names = new HashMap<>();
    private Map<Long, Long> start = Map.of();

    public ThreadCpuProfiler() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    @Override
    public String getDescription() {
        return "CPU time per operation of the threads named by -D" + PATTERN_PROPERTY;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = snapshot();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = 0;
        Map<String, Long> byGroup = new TreeMap<>();
        for (Map.Entry<Long, Long> e : snapshot().entrySet()) {
            long used = e.getValue() - start.getOrDefault(e.getKey(), 0L);
            cpu += used;
            byGroup.merge(names.getOrDefault(e.getKey(), "?"), used, Long::sum);
        }
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        if (ops <= 0) {
            return List.of();
        }
        List<Result> out = new ArrayList<>();
        out.add(new ScalarResult("cpu.threads.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
        if (Boolean.getBoolean(GROUPS_PROPERTY)) {
            byGroup.forEach((group, used) -> out.add(
                    new ScalarResult("cpu.threads." + group, (double) used / ops, "ns/op", AggregationPolicy.AVG)));
        }
        return out;
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && include.matcher(info.getThreadName()).matches()) {
                names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "N"));
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }
}
