package dev.vprompt.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of an {@link EmbeddedKafka} broker. Every listener is on 127.0.0.1 whatever is configured here: the
 * properties that decide addresses, roles and directories cannot be overridden.
 *
 * @param autoCreateTopics whether producing to or fetching from an unknown topic creates it; default
 *     {@value #DEFAULT_AUTO_CREATE_TOPICS}, so a misspelt topic fails loudly
 * @param defaultPartitions partitions of auto-created topics; default {@value #DEFAULT_PARTITIONS}
 * @param dataDirectory where the broker keeps its logs, kept on close; {@code null} (the default) means a private
 *     temporary directory that is deleted on close
 * @param startTimeout how long {@link EmbeddedKafka#start(EmbeddedKafkaConfig)} waits for the broker to serve requests
 * @param brokerOverrides extra broker properties applied last, e.g. {@code log.retention.ms}
 * @param brokerPort the client listener's port on 127.0.0.1; {@value #ANY_PORT} (the default) takes a free one. A
 *     fixed port lets clients find a restarted broker where they left it
 * @param controllerPort the KRaft controller listener's port; {@value #ANY_PORT} (the default) takes a free one
 */
public record EmbeddedKafkaConfig(
        boolean autoCreateTopics,
        int defaultPartitions,
        Path dataDirectory,
        Duration startTimeout,
        Map<String, String> brokerOverrides,
        int brokerPort,
        int controllerPort) {

    public static final boolean DEFAULT_AUTO_CREATE_TOPICS = false;
    public static final int DEFAULT_PARTITIONS = 1;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** A port of 0: any free port, chosen at start. */
    public static final int ANY_PORT = 0;

    /** Broker properties owned by {@link EmbeddedKafka}: they pin loopback addresses, roles and storage. */
    public static final Set<String> RESERVED_PROPERTIES = Set.of(
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "controller.listener.names",
            "inter.broker.listener.name",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "process.roles",
            "node.id",
            "log.dir",
            "log.dirs",
            "metadata.log.dir");

    public EmbeddedKafkaConfig {
        brokerOverrides = brokerOverrides == null ? Map.of() : Map.copyOf(brokerOverrides);
        List<String> problems = new ArrayList<>();
        if (defaultPartitions < 1) {
            problems.add("defaultPartitions must be >= 1, was " + defaultPartitions);
        }
        if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
            problems.add("startTimeout must be positive, was " + startTimeout);
        }
        checkPort("brokerPort", brokerPort, problems);
        checkPort("controllerPort", controllerPort, problems);
        if (brokerPort != ANY_PORT && brokerPort == controllerPort) {
            problems.add("brokerPort and controllerPort must differ, both were " + brokerPort);
        }
        for (String key : brokerOverrides.keySet()) {
            if (RESERVED_PROPERTIES.contains(key)) {
                problems.add("broker property '" + key + "' is managed by EmbeddedKafka and cannot be overridden");
            }
        }
        if (!problems.isEmpty()) {
            throw new EmbeddedConfigException("EmbeddedKafkaConfig", problems);
        }
    }

    static void checkPort(String name, int port, List<String> problems) {
        if (port < 0 || port > 65_535) {
            problems.add(name + " must be 0 (any free port) or 1-65535, was " + port);
        }
    }

    /** Whether a port was given, so that a failed bind is retried on it for a while rather than on another. */
    boolean hasFixedPort() {
        return brokerPort != ANY_PORT || controllerPort != ANY_PORT;
    }

    /** The defaults: no auto-created topics, one partition, a temporary directory, 60 s to start. */
    public static EmbeddedKafkaConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link EmbeddedKafkaConfig}; not thread-safe. */
    public static final class Builder {
        private boolean autoCreateTopics = DEFAULT_AUTO_CREATE_TOPICS;
        private int defaultPartitions = DEFAULT_PARTITIONS;
        private Path dataDirectory;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final Map<String, String> brokerOverrides = new LinkedHashMap<>();
        private int brokerPort = ANY_PORT;
        private int controllerPort = ANY_PORT;

        private Builder() {}

        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        public Builder defaultPartitions(int partitions) {
            this.defaultPartitions = partitions;
            return this;
        }

        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            this.brokerOverrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaConfig build() {
            return new EmbeddedKafkaConfig(
                    autoCreateTopics,
                    defaultPartitions,
                    dataDirectory,
                    startTimeout,
                    brokerOverrides,
                    brokerPort,
                    controllerPort);
        }
    }
}
