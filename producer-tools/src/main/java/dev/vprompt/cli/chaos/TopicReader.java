package dev.vprompt.cli.chaos;

import dev.vprompt.client.Connection;
import dev.vprompt.client.VpClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic, from the beginning of every partition to the end offsets seen when it starts, without a
 * consumer group and {@code read_committed} (an aborted transaction's records are never counted).
 *
 * <p>Stateless and thread-safe: every call opens and closes its own consumer.
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {}

    static List<ConsumerRecord<String, byte[]>> readAll(Connection c, String topic, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                c.consumerProperties("vp-chaos-read-" + UUID.randomUUID()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
                tps.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!tps.stream().allMatch(tp -> consumer.position(tp, timeout) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new VpClientException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }
}
