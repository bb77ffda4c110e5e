package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack on a data directory and fixed ports, stopped and started again: the same endpoints serve the same data. */
class StackRestartIT {

    private static final String TOPIC = "kept-records";
    private static final String BUCKET = "kept-objects";
    private static final String GROUP = "kept-group";
    private static final int RECORDS = 50;

    @Test
    void shouldServeTheSameRecordsObjectsAndGroupOffsetsWhenRestartedOnTheSameDataAndPorts(@TempDir Path dir)
            throws Exception {
        // Given: a stack on fixed client ports and a data directory, with records, a committed group offset and
        // objects; the KRaft controller takes any free port each time (its address is not part of the stored metadata)
        List<Integer> ports = LoopbackPorts.allocate(2);
        Path kafkaDir = Files.createDirectories(dir.resolve("kafka"));
        Path s3Dir = Files.createDirectories(dir.resolve("s3"));
        EmbeddedKafkaConfig kafkaConfig = EmbeddedKafkaConfig.builder()
                .dataDirectory(kafkaDir)
                .brokerPort(ports.get(0))
                .build();
        EmbeddedS3Config s3Config = EmbeddedS3Config.onDisk(s3Dir).withPort(ports.get(1));
        StackEndpoints first;
        try (EmbeddedStack stack = EmbeddedStack.start(kafkaConfig, s3Config)) {
            first = stack.endpoints();
            stack.createTopics(2, TOPIC);
            stack.createBuckets(BUCKET);
            produce(first, 0, RECORDS);
            commit(first, new TopicPartition(TOPIC, 0), 7);
            try (MinioClient s3 = MinioClients.sync(first)) {
                for (int i = 0; i < 3; i++) {
                    byte[] body = ("object " + i).getBytes(StandardCharsets.UTF_8);
                    s3.putObject(PutObjectArgs.builder().bucket(BUCKET).object("o/" + i).stream(
                                    new ByteArrayInputStream(body), body.length, -1)
                            .build());
                }
            }
        }

        // When: started again on the same directory and ports
        try (EmbeddedStack stack = EmbeddedStack.start(kafkaConfig, s3Config)) {
            StackEndpoints again = stack.endpoints();

            // Then: clients find it where they left it, with everything they wrote
            assertThat(again.kafkaBootstrap()).isEqualTo(first.kafkaBootstrap());
            assertThat(again.s3Endpoint()).isEqualTo(first.s3Endpoint());
            stack.createTopics(2, TOPIC);
            assertThat(readAll(again)).hasSize(RECORDS).containsAll(values(0, RECORDS));
            assertThat(committed(again, new TopicPartition(TOPIC, 0))).isEqualTo(7);
            try (MinioClient client = MinioClients.sync(again)) {
                for (int i = 0; i < 3; i++) {
                    try (GetObjectResponse r = client.getObject(GetObjectArgs.builder()
                            .bucket(BUCKET)
                            .object("o/" + i)
                            .build())) {
                        assertThat(new String(r.readAllBytes(), StandardCharsets.UTF_8))
                                .isEqualTo("object " + i);
                    }
                }
            }
            // and it takes new records after the old ones
            produce(again, RECORDS, 10);
            assertThat(readAll(again)).hasSize(RECORDS + 10).containsAll(values(0, RECORDS + 10));
        }
    }

    private static List<String> values(int from, int count) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            values.add("record-" + i);
        }
        return values;
    }

    private static void produce(StackEndpoints stack, int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrap(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (String value : values(from, count)) {
                producer.send(new ProducerRecord<>(TOPIC, value, value));
            }
            producer.flush();
        }
    }

    private static List<String> readAll(StackEndpoints stack) {
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrap(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return read;
    }

    private static void commit(StackEndpoints stack, TopicPartition tp, long offset) throws Exception {
        try (Admin admin = admin(stack)) {
            admin.alterConsumerGroupOffsets(GROUP, Map.of(tp, new OffsetAndMetadata(offset)))
                    .all()
                    .get();
        }
    }

    private static long committed(StackEndpoints stack, TopicPartition tp) throws Exception {
        try (Admin admin = admin(stack)) {
            return admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(tp)
                    .offset();
        }
    }

    private static Admin admin(StackEndpoints stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }
}
