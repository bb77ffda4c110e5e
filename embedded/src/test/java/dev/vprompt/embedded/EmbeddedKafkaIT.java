package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
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
}
