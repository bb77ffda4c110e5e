package dev.vprompt.embedded;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker configuration of an {@link EmbeddedKafka}: one node in combined mode (broker + controller), both
 * listeners on 127.0.0.1, every replication factor 1, small segments and buffers so that a test JVM stays light.
 *
 * <p>Thread-safe (stateless).
 */
final class KafkaBrokerProperties {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final String SEGMENT_BYTES = Integer.toString(16 * 1024 * 1024);
    private static final String INDEX_BYTES = Integer.toString(1024 * 1024);
    private static final String CLEANER_BUFFER_BYTES = Integer.toString(4 * 1024 * 1024);

    private KafkaBrokerProperties() {}

    static Properties build(EmbeddedKafkaConfig config, int nodeId, int brokerPort, int controllerPort, Path logDir) {
        String host = LoopbackPorts.HOST;
        Properties p = new Properties();
        // identity and quorum: a single voter, the node itself
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
        // listeners: loopback only
        p.setProperty(
                "listeners",
                BROKER_LISTENER + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        p.setProperty("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        p.setProperty(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        // storage
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("log.segment.bytes", SEGMENT_BYTES);
        p.setProperty("log.index.size.max.bytes", INDEX_BYTES);
        p.setProperty("log.cleaner.dedupe.buffer.size", CLEANER_BUFFER_BYTES);
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        // one node: every internal topic has one replica and few partitions
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        // share groups (KIP-932): on by default from Kafka 4.2 (storage format finalizes share.version), nothing to
        // enable; only their state topic needs the one-node settings
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        // behaviour for tests and the demo
        p.setProperty("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
        p.setProperty("num.partitions", Integer.toString(config.defaultPartitions()));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        config.brokerOverrides().forEach(p::setProperty);
        return p;
    }
}
