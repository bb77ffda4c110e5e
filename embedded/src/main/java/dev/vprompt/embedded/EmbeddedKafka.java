package dev.vprompt.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running in this JVM: one KRaft node in combined mode (broker and controller), every listener on
 * 127.0.0.1 (on free ports unless the config fixes them), replication factor 1 everywhere. Its storage is formatted on
 * the first start and, when it is a private temporary directory, deleted on close; a caller's directory keeps the logs
 * and the KRaft metadata, so a broker started again on it (and on the same ports) is the same broker with the same
 * records.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopic("prompt-jobs", 3);
 *     // clients use kafka.bootstrapServers()
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread; {@link #close()} is idempotent and may also run from a
 * shutdown hook.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** How long {@link #createTopic(String, int)} waits for the topic to be usable. */
    public static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int START_ATTEMPTS = 3;
    /** A fixed port may still be held for a moment by a broker that is going away: retry it for ~10 s. */
    private static final int FIXED_PORT_ATTEMPTS = 20;

    private static final Duration FIXED_PORT_RETRY = Duration.ofMillis(500);
    private static final Duration READY_POLL = Duration.ofMillis(20);
    /** Distinct node ids keep the JMX names of several brokers in one JVM apart. */
    private static final AtomicInteger NEXT_NODE_ID = new AtomicInteger(1);

    private final KafkaRaftServer server;
    private final int brokerPort;
    private final int controllerPort;
    private final Path dataDirectory;
    private final boolean ownsDataDirectory;
    private final Lifecycle lifecycle = new Lifecycle();

    private EmbeddedKafka(
            KafkaRaftServer server, int brokerPort, int controllerPort, Path dataDirectory, boolean owns) {
        this.server = server;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.dataDirectory = dataDirectory;
        this.ownsDataDirectory = owns;
    }

    /** Starts a broker with {@link EmbeddedKafkaConfig#defaults()}. */
    public static EmbeddedKafka start() {
        return start(EmbeddedKafkaConfig.defaults());
    }

    /**
     * Formats storage, starts the broker and returns once it answers Admin requests.
     *
     * @throws EmbeddedStartException when it does not start within {@link EmbeddedKafkaConfig#startTimeout()}
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        long started = System.nanoTime();
        boolean owns = config.dataDirectory() == null;
        Path directory = owns ? TempDirectories.create("vprompt-kafka-") : config.dataDirectory();
        int nodeId = KafkaStorage.formattedNodeId(directory).orElseGet(NEXT_NODE_ID::getAndIncrement);
        RuntimeException failure = null;
        int attempts = config.hasFixedPort() ? FIXED_PORT_ATTEMPTS : START_ATTEMPTS;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            List<Integer> free = LoopbackPorts.allocate(2);
            int brokerPort = config.brokerPort() != EmbeddedKafkaConfig.ANY_PORT ? config.brokerPort() : free.get(0);
            int controllerPort =
                    config.controllerPort() != EmbeddedKafkaConfig.ANY_PORT ? config.controllerPort() : free.get(1);
            try {
                EmbeddedKafka kafka = launch(config, nodeId, brokerPort, controllerPort, directory, owns);
                LOGGER.info(
                        "Embedded Kafka started: bootstrap={} controllerPort={} startMs={}",
                        kafka.bootstrapServers(),
                        kafka.controllerPort,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return kafka;
            } catch (RuntimeException e) {
                failure = e;
                if (e instanceof EmbeddedConfigException) {
                    cleanUpAfterFailedStart(directory, owns);
                    throw e;
                }
                if (!causedByBind(e)) {
                    break;
                }
                LOGGER.warn(
                        "Embedded Kafka could not bind its port, retrying: attempt={} brokerPort={} controllerPort={}",
                        attempt,
                        brokerPort,
                        controllerPort);
                if (config.hasFixedPort()) {
                    pause(FIXED_PORT_RETRY);
                }
            }
        }
        cleanUpAfterFailedStart(directory, owns);
        throw new EmbeddedStartException("embedded Kafka broker did not start", failure);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartException("interrupted while waiting for a port", e);
        }
    }

    private static void cleanUpAfterFailedStart(Path directory, boolean owns) {
        if (owns) {
            deleteQuietly(directory);
        }
    }

    private static EmbeddedKafka launch(
            EmbeddedKafkaConfig config, int nodeId, int brokerPort, int controllerPort, Path dir, boolean owns) {
        Properties props = KafkaBrokerProperties.build(config, nodeId, brokerPort, controllerPort, dir);
        KafkaConfig kafkaConfig;
        try {
            kafkaConfig = KafkaConfig.fromProps(props, false);
        } catch (RuntimeException e) {
            throw new EmbeddedConfigException(
                    "EmbeddedKafkaConfig", List.of("Kafka rejects the broker properties: " + e.getMessage()));
        }
        KafkaRaftServer server;
        try {
            KafkaStorage.formatIfNeeded(props, dir);
            server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStartException("cannot prepare Kafka storage in " + dir, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, controllerPort, dir, owns);
        try {
            server.startup();
            kafka.awaitReady(config.startTimeout());
            return kafka;
        } catch (RuntimeException e) {
            kafka.stopServer();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>} of the client listener. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + brokerPort;
    }

    /** Every address the broker listens on, by listener name: the client listener and the controller listener. */
    public Map<String, InetSocketAddress> listenerAddresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        addresses.put(KafkaBrokerProperties.BROKER_LISTENER, new InetSocketAddress(LoopbackPorts.LOOPBACK, brokerPort));
        addresses.put(
                KafkaBrokerProperties.CONTROLLER_LISTENER,
                new InetSocketAddress(LoopbackPorts.LOOPBACK, controllerPort));
        return addresses;
    }

    /** The broker's storage; deleted on close when it was a private temporary directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates a topic unless it exists with the same partition count, and waits until every partition has a leader.
     *
     * @throws StackSetupException when it exists with another partition count or is not usable in time
     */
    public void createTopic(String name, int partitions) {
        createTopics(partitions, List.of(name));
    }

    /** {@link #createTopic(String, int)} for several topics at once. */
    public void createTopics(int partitions, Collection<String> names) {
        lifecycle.requireRunning("embedded Kafka");
        KafkaTopics.create(bootstrapServers(), partitions, names, TOPIC_TIMEOUT);
    }

    /** Stops the broker, waits for it to finish, deletes its temporary storage. Safe to call twice. */
    @Override
    public void close() {
        if (!lifecycle.beginClose()) {
            return;
        }
        long started = System.nanoTime();
        stopServer();
        if (ownsDataDirectory) {
            deleteQuietly(dataDirectory);
        }
        lifecycle.closed();
        LOGGER.info(
                "Embedded Kafka stopped: bootstrap={} stopMs={}",
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Waits until the broker answers clients and the controller has registered itself. Without the second wait a
     * close right after start races the controller's own registration request, which Kafka then logs as an error.
     */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin broker = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
                Admin controller = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, LoopbackPorts.HOST + ":" + controllerPort))) {
            broker.describeCluster().nodes().get(remainingMillis(deadline, timeout), TimeUnit.MILLISECONDS);
            while (controller
                    .describeCluster()
                    .nodes()
                    .get(remainingMillis(deadline, timeout), TimeUnit.MILLISECONDS)
                    .isEmpty()) {
                Thread.sleep(READY_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartException("interrupted while waiting for the embedded Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedStartException("embedded Kafka broker did not answer within " + timeout, e);
        }
    }

    private static long remainingMillis(long deadline, Duration timeout) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException("not ready within " + timeout);
        }
        return remaining;
    }

    private void stopServer() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOGGER.warn("Embedded Kafka did not stop cleanly: bootstrap={}", bootstrapServers(), e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path directory) {
        try {
            TempDirectories.deleteRecursively(directory);
        } catch (IOException e) {
            LOGGER.warn("Cannot delete embedded Kafka storage: dir={}", directory, e);
        }
    }
}
