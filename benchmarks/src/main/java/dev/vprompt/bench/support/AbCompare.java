package dev.vprompt.bench.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares one benchmark method between two builds of this module in one JVM, interleaved: short slices of build A
 * and build B alternate (A B B A ...), and the CPU time of the calling thread per operation is collected per slice.
 * Interleaving in one process makes the two builds see the same machine load, which separate JMH runs on a shared
 * machine do not. Not a replacement for JMH (no forks, no blackhole); a tie-breaker when JMH's errors overlap.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vprompt.bench.support.AbCompare OLD.jar NEW.jar 20 \
 *     dev.vprompt.bench.engine.ResizeBenchmark bicubic111 size=300x200
 * </pre>
 *
 * Arguments: the two benchmark jars, seconds of measurement, the benchmark class, its method, then public
 * {@code @Param} fields as {@code name=value}. Prints the median CPU microseconds per operation of each build and
 * their ratio. Threading: runs everything on the main thread.
 */
public final class AbCompare {

    private static final long SLICE_NANOS = 100_000_000L;

    private AbCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: AbCompare A.jar B.jar SECONDS CLASS METHOD [field=value ...]");
            System.exit(2);
        }
        String[] params = Arrays.copyOfRange(args, 5, args.length);
        Side a = new Side("A", Path.of(args[0]), args[3], args[4], params);
        Side b = new Side("B", Path.of(args[1]), args[3], args[4], params);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 10; i++) { // warm-up: both builds compiled before anything counts
            a.slice(threads);
            b.slice(threads);
        }
        a.samples.clear();
        b.samples.clear();
        long end = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
        for (int round = 0; System.nanoTime() < end; round++) {
            Side first = round % 2 == 0 ? a : b;
            Side second = first == a ? b : a;
            first.slice(threads);
            second.slice(threads);
        }
        double ma = a.median();
        double mb = b.median();
        System.out.printf(
                Locale.ROOT,
                "%s.%s %s: A %.1f us/op, B %.1f us/op (CPU, median of %d slices each), B/A %.2f, load average %.1f%n",
                args[3].substring(args[3].lastIndexOf('.') + 1),
                args[4],
                String.join(",", params),
                ma / 1000,
                mb / 1000,
                a.samples.size(),
                mb / ma,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One build: its own class loader, benchmark instance and CPU time samples. */
    private static final class Side {
        final String name;
        final Object bench;
        final Method method;
        final List<Double> samples = new ArrayList<>();
        Object sink;

        Side(String name, Path jar, String className, String methodName, String[] params) throws Exception {
            this.name = name;
            URLClassLoader loader =
                    new URLClassLoader(name, new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(className);
            bench = type.getConstructor().newInstance();
            for (String p : params) {
                String[] kv = p.split("=", 2);
                Field f = type.getField(kv[0]);
                f.set(bench, f.getType() == int.class ? (Object) Integer.parseInt(kv[1]) : kv[1]);
            }
            Thread.currentThread().setContextClassLoader(loader);
            type.getMethod("setUp").invoke(bench);
            method = type.getMethod(methodName);
        }

        void slice(ThreadMXBean threads) throws Exception {
            long ops = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long stop = System.nanoTime() + SLICE_NANOS;
            while (System.nanoTime() < stop) {
                sink = method.invoke(bench);
                ops++;
            }
            samples.add((double) (threads.getCurrentThreadCpuTime() - cpu0) / ops);
        }

        double median() {
            double[] s =
                    samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s[s.length / 2];
        }
    }
}
