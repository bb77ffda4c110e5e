package dev.vprompt.cli.chaos;

import dev.vprompt.worker.config.KafkaSettings;
import java.net.URI;
import java.time.Duration;

/**
 * The configuration of one worker of a chaos run, written as the YAML file {@code vp worker --config} reads.
 *
 * @param workerId the worker's id (also its client ids)
 * @param bootstrap Kafka bootstrap address
 * @param s3Endpoint where the worker reaches object storage (the stack, or a fault proxy in front of it)
 * @param groupId the consumer group shared by the run's workers
 * @param httpPort fixed loopback port of {@code /health/ready} and {@code /metrics}, kept across restarts
 * @param maxInFlight the worker's bound on jobs in flight
 * @param maxBatchSize jobs per inference call
 * @param nullModel the null model (pipeline only) instead of the random tiny model
 * @param sessionTimeout the consumer's session timeout: how long a killed worker keeps its partitions
 * @param delivery {@code kafka.delivery}: {@value KafkaSettings#DELIVERY_AT_LEAST_ONCE} or
 *     {@value KafkaSettings#DELIVERY_EXACTLY_ONCE} (then with {@link #transactionalId()})
 */
record WorkerSpec(
        String workerId,
        String bootstrap,
        URI s3Endpoint,
        String groupId,
        int httpPort,
        int maxInFlight,
        int maxBatchSize,
        boolean nullModel,
        Duration sessionTimeout,
        String delivery) {

    /**
     * The {@code kafka.transactionalId} in exactly-once mode, null otherwise. It depends on the worker id only, so a
     * restarted worker uses its killed predecessor's: the broker fences the predecessor and aborts the transaction it
     * left open as soon as the new one starts, instead of after the transaction timeout.
     */
    String transactionalId() {
        return KafkaSettings.DELIVERY_EXACTLY_ONCE.equals(delivery) ? "chaos-tx-" + workerId : null;
    }

    String yaml() {
        long session = sessionTimeout.toMillis();
        return "workerId: \"" + workerId + "\"\n"
                + "kafka:\n"
                + "  bootstrapServers: \"" + bootstrap + "\"\n"
                + "  groupId: \"" + groupId + "\"\n"
                + "  delivery: \"" + delivery + "\"\n"
                + (transactionalId() == null ? "" : "  transactionalId: \"" + transactionalId() + "\"\n")
                + "  clientProperties:\n"
                + "    \"session.timeout.ms\": \"" + session + "\"\n"
                + "    \"heartbeat.interval.ms\": \"" + Math.max(500, session / 5) + "\"\n"
                + "s3:\n"
                + "  endpoint: \"" + s3Endpoint + "\"\n"
                + "  accessKey: \"vprompt\"\n"
                + "  secretKey: \"vprompt-secret\"\n"
                + "  read: [vp-images]\n"
                + "  write: [vp-results]\n"
                + "pipeline:\n"
                + "  maxInFlight: " + maxInFlight + "\n"
                + "batch:\n"
                + "  maxBatchSize: " + maxBatchSize + "\n"
                + "  maxBatchDelay: 20ms\n"
                + "model:\n"
                + "  nullModel: " + nullModel + "\n"
                + "  devices: [cpu]\n"
                + "http:\n"
                + "  host: 127.0.0.1\n"
                + "  port: " + httpPort + "\n";
    }
}
