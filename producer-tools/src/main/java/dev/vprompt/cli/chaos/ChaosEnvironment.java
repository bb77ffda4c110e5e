package dev.vprompt.cli.chaos;

import dev.vprompt.client.Completion;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.StartPosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one chaos run: a {@code vp stack} JVM on fixed ports and a data directory, worker JVMs (through a
 * {@link FaultProxy} to the object store when the scenario cuts it), and the client side: the job load, a watcher of
 * completions, the counter. Closing it stops everything it started, in order: load, workers, stack, proxy.
 *
 * <p>Not thread-safe: one scenario thread drives it. A JVM shutdown hook kills the child processes if this process is
 * stopped before {@link #close()}.
 */
final class ChaosEnvironment implements AutoCloseable {

    static final String GROUP = "vp-chaos-workers";
    /** A client waits this long for a broker that is restarting before it gives up on a request. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

    static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Logger LOGGER = LoggerFactory.getLogger(ChaosEnvironment.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final ChaosSettings settings;
    private final Path workDir;
    private final PrintWriter log;
    private final StackProcess stack;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<Integer> httpPorts;
    private final Thread killer;
    private FaultProxy proxy;
    private JobLoad load;
    private CompletionWatcher watcher;
    private DeliveryCounter counter;
    private final Map<String, Integer> completions = new HashMap<>();
    private final Map<String, Long> firstCompletedAt = new HashMap<>();

    ChaosEnvironment(ChaosSettings settings, Path workDir, PrintWriter log) {
        this.settings = settings;
        this.workDir = workDir;
        this.log = log;
        List<Integer> ports = FreePorts.allocate(2 + settings.workers());
        this.stack = new StackProcess(workDir, ports.get(0), ports.get(1), settings.partitions());
        this.httpPorts = ports.subList(2, ports.size());
        this.killer = new Thread(this::killAll, "vp-chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    Path workDir() {
        return workDir;
    }

    StackProcess stack() {
        return stack;
    }

    List<WorkerProcess> workers() {
        return workers;
    }

    FaultProxy proxy() {
        return proxy;
    }

    Connection connection() {
        return stack.connection(CLIENT_TIMEOUT);
    }

    /** The run's counter (one Admin client for the whole run, closed with the environment). */
    DeliveryCounter counter() {
        if (counter == null) {
            counter = new DeliveryCounter(connection(), GROUP, Duration.ofMinutes(2));
        }
        return counter;
    }

    void say(String line) {
        log.println("vp chaos: " + line);
        log.flush();
    }

    /** Starts the stack, then the workers (through a fault proxy to S3 if asked), and waits until all are ready. */
    void start(boolean proxyToStore, List<String> workerJvmOptions) throws IOException, InterruptedException {
        say("starting the stack (Kafka + S3) in its own JVM, data in " + workDir.resolve("stack-data"));
        stack.start(START_TIMEOUT);
        URI s3 = stack.s3Endpoint();
        if (proxyToStore) {
            proxy = FaultProxy.start(new InetSocketAddress(s3.getHost(), s3.getPort()));
            s3 = URI.create("http://127.0.0.1:" + proxy.port());
        }
        for (int i = 0; i < settings.workers(); i++) {
            WorkerSpec spec = new WorkerSpec(
                    "chaos-w" + (i + 1),
                    stack.bootstrap(),
                    s3,
                    GROUP,
                    httpPorts.get(i),
                    settings.maxInFlight(),
                    4,
                    settings.nullModel(),
                    settings.sessionTimeout(),
                    settings.delivery());
            workers.add(new WorkerProcess(spec, workDir, workerJvmOptions));
        }
        say("starting " + settings.workersText());
        for (WorkerProcess w : workers) {
            w.start();
        }
        for (WorkerProcess w : workers) {
            if (!w.awaitReady(START_TIMEOUT)) {
                throw new IllegalStateException(w.spec().workerId() + " did not become ready; see "
                        + w.jvm().log());
            }
        }
        watcher = CompletionWatcher.open(connection(), StartPosition.beginning());
    }

    /** Opens the job producer and starts offering {@code jobs} at the settings' rate. */
    JobLoad startLoad() {
        load = JobLoad.prepare(
                connection(),
                "chaos-" + Long.toHexString(settings.seed() & 0xffffffL),
                settings.jobs(),
                settings.rate());
        say("offering " + settings.jobs() + " jobs at " + settings.rate() + "/s");
        load.start();
        return load;
    }

    /** Reads the completions that arrived, and returns how many distinct submitted jobs have completed. */
    int completedSoFar() {
        for (Completion c : watcher.poll(Duration.ofMillis(100))) {
            completions.merge(c.jobId(), 1, Integer::sum);
            firstCompletedAt.putIfAbsent(c.jobId(), c.event().getCompletedAt().toEpochMilli());
        }
        return completions.size();
    }

    /** When each job's first completion event says it completed, epoch milliseconds. */
    Map<String, Long> firstCompletedAt() {
        return Map.copyOf(firstCompletedAt);
    }

    /**
     * Waits until every acknowledged job has completed and the group has committed every offset.
     *
     * @return how long it took, or null when {@code timeout} passed first
     */
    Duration awaitSettled(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        DeliveryCounter counter = counter();
        boolean ok = Waits.until(
                () -> {
                    Set<String> acked = load.acked();
                    completedSoFar();
                    return acked.size() >= load.jobs() && completions.keySet().containsAll(acked);
                },
                Duration.ofNanos(deadline - System.nanoTime()));
        ok = ok
                && Waits.until(
                        () -> counter.offsets().caughtUp(),
                        Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        return ok ? Duration.ofNanos(System.nanoTime() - t0) : null;
    }

    /** The counter's reading of everything the run delivered. */
    DeliveryTally count() {
        return counter().count(load.acked(), true);
    }

    /**
     * The expectations every scenario shares ({@link Outcomes#delivery}); in exactly-once mode also no duplicate
     * ({@link Outcomes#exactlyOnce}) beyond the job records the load's producer sent again, which it counts in the
     * jobs topic, and that the workers did commit through transactions (their {@code vp_transactions_total}, since
     * their last start), both added to {@code figures}.
     */
    List<Expectation> deliveryExpectations(DeliveryTally tally, Duration settled, Map<String, String> figures) {
        List<Expectation> e = new ArrayList<>(Outcomes.delivery(tally, settled, settings.settleTimeout()));
        if (settings.exactlyOnce()) {
            int repeated = counter().repeatedJobRecords(load.acked());
            figures.put("job records sent again by the producer (jobs topic)", Integer.toString(repeated));
            e.add(Outcomes.exactlyOnce(tally, repeated));
            long committed = 0;
            for (WorkerProcess w : workers) {
                String metrics = w.metrics().orElse("");
                long c = transactions(metrics, "committed");
                long a = transactions(metrics, "aborted");
                figures.put(
                        w.spec().workerId() + " transactions since its last start",
                        c < 0 ? "unknown (no vp_transactions_total)" : c + " committed, " + a + " aborted");
                committed += Math.max(0, c);
            }
            e.add(new Expectation("the workers committed Kafka transactions", committed + " committed", committed > 0));
        }
        return e;
    }

    /** A worker's {@code vp_transactions_total} of one outcome; -1 when its metrics do not have it. */
    private static long transactions(String metrics, String outcome) {
        OptionalDouble v = PromText.value(metrics, "vp_transactions_total", Map.of("outcome", outcome));
        return v.isPresent() ? (long) v.getAsDouble() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (load != null) {
            load.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (counter != null) {
            counter.close();
        }
        for (WorkerProcess w : workers) {
            w.stop(STOP_GRACE);
        }
        stack.stop();
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                LOGGER.debug("proxy close failed: {}", e.toString());
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Deletes the work directory (the stack's data, configs and logs). */
    void deleteWorkDir() throws IOException {
        if (!Files.exists(workDir)) {
            return;
        }
        try (var paths = Files.walk(workDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void killAll() {
        for (WorkerProcess w : workers) {
            try {
                w.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            stack.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
