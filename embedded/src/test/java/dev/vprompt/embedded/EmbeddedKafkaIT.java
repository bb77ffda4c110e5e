package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the embedded broker's defaults and topic helper. */
class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldCreateTopicOnceWhenCreatedTwice() throws Exception {
        // When
        kafka.createTopic("twice", 3);
        kafka.createTopic("twice", 3);

        // Then
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(java.util.List.of("twice"))
                    .allTopicNames()
                    .get()
                    .get("twice");
            assertThat(description.partitions())
                    .hasSize(3)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull());
        }
    }

    @Test
    void shouldRefuseTopicWhenItExistsWithOtherPartitionCount() {
        // Given
        kafka.createTopic("three", 3);

        // When / Then
        assertThatThrownBy(() -> kafka.createTopic("three", 5))
                .isInstanceOf(StackSetupException.class)
                .hasMessageContaining("exists with 3 partitions");
    }

    @Test
    void shouldAcceptRecordsAtOnceWhenTopicWasJustCreated() throws Exception {
        // Given
        kafka.createTopic("fresh", 2);

        // When
        try (KafkaProducer<byte[], byte[]> producer = producer(5_000)) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("fresh", 1, null, new byte[] {42}))
                    .get();

            // Then
            assertThat(metadata.partition()).isEqualTo(1);
            assertThat(metadata.offset()).isZero();
        }
    }

    @Test
    void shouldAcceptAFirstRecordOnEveryPartitionWithoutRetryWhenTopicWasJustCreated() throws Exception {
        // Given: a producer already connected, that may not retry (a NOT_LEADER_OR_FOLLOWER would fail its send)
        int partitions = 32;
        kafka.createTopic("warm-up", 1);
        Map<String, Object> noRetry = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.RETRIES_CONFIG,
                0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(noRetry, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("warm-up", new byte[] {1})).get();

            // When: a topic with many partitions, whose logs the broker creates one by one, gets a record on each
            kafka.createTopic("wide", partitions);
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                sends.add(producer.send(new ProducerRecord<>("wide", p, null, new byte[] {7})));
            }

            // Then
            for (Future<RecordMetadata> send : sends) {
                assertThat(send.get().offset()).isZero();
            }
        }
    }

    @Test
    void shouldFailToProduceWhenTopicIsUnknownAndAutoCreationIsOff() {
        // Given
        try (KafkaProducer<byte[], byte[]> producer = producer(1_500)) {

            // When / Then
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("misspelt-topic", new byte[] {1}))
                            .get())
                    .isInstanceOfAny(ExecutionException.class, TimeoutException.class)
                    .hasStackTraceContaining("not present in metadata");
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(int maxBlockMs) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        maxBlockMs),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Test
    void shouldServeAShareGroupWhenAShareConsumerSubscribes() throws Exception {
        // Given: a record on a fresh topic, and a share group that starts at the earliest offset
        kafka.createTopic("shared", 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("shared", "job-1".getBytes(StandardCharsets.UTF_8), new byte[] {1}))
                    .get();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeFeatures()
                            .featureMetadata()
                            .get()
                            .finalizedFeatures()
                            .get("share.version")
                            .maxVersionLevel())
                    .as("share groups are a finalized feature of the embedded broker")
                    .isGreaterThanOrEqualTo((short) 1);
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "sharers");
            admin.incrementalAlterConfigs(Map.of(
                            group,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }

        // When
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "sharers");
        try (KafkaShareConsumer<byte[], byte[]> consumer =
                new KafkaShareConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("shared"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
            });
        }

        // Then: delivered once so far, with its delivery count
        assertThat(got).hasSize(1);
        assertThat(new String(got.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("job-1");
        assertThat(got.get(0).deliveryCount()).contains((short) 1);
    }
}
