package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventCodecs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** {@code PromptJob} events through the stack's broker with plain byte[] clients and the project's codec. */
@WithStack
class KafkaRoundTripIT {

    private static final int JOBS = 1_000;
    private static final int PARTITIONS = 3;
    private static final String TOPIC = "prompt-jobs-roundtrip-it";
    private static final EventCodec<PromptJob> CODEC = EventCodecs.promptJob();

    @Test
    void shouldDeliverEveryJobDecodedEqualWhenThousandAreProduced(StackEndpoints stack) throws Exception {
        // Given
        StackSetup.createTopics(stack, PARTITIONS, TOPIC);
        Map<String, PromptJob> sent = new LinkedHashMap<>();
        for (int i = 0; i < JOBS; i++) {
            PromptJob job = job(i);
            sent.put(job.getJobId(), job);
        }

        // When: produced with the job id as key, acknowledged by the broker
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrap(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (PromptJob job : sent.values()) {
                acks.add(producer.send(new ProducerRecord<>(TOPIC, key(job.getJobId()), CODEC.encode(job))));
            }
            for (Future<RecordMetadata> ack : acks) {
                assertThat(ack.get().topic()).isEqualTo(TOPIC);
            }
        }

        // Then: a fresh consumer group reads every job exactly once, equal to what was sent
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "roundtrip-it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ZERO)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                                return received.size();
                            },
                            n -> n >= JOBS);
        }
        Map<String, PromptJob> decoded = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
            PromptJob job = CODEC.decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(job.getJobId());
            assertThat(decoded.put(job.getJobId(), job))
                    .as("duplicate %s", job.getJobId())
                    .isNull();
        }
        assertThat(received).hasSize(JOBS);
        assertThat(decoded.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach((id, job) -> assertThat(decoded.get(id)).as(id).isEqualTo(job));
        assertThat(received).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    /** Jobs that differ in every field a codec could confuse: ids, tasks, example counts, optional fields. */
    private static PromptJob job(int i) {
        List<ExamplePair> examples = new ArrayList<>();
        for (int e = 0; e <= i % 3; e++) {
            examples.add(ExamplePair.newBuilder()
                    .setInput(ref("examples/" + i + "/in-" + e + ".png"))
                    .setOutput(ref("examples/" + i + "/out-" + e + ".png"))
                    .build());
        }
        Task[] tasks = Task.values();
        return PromptJob.newBuilder()
                .setJobId(String.format("job-%04d", i))
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setTask(tasks[i % tasks.length])
                .setExamples(examples)
                .setQuery(ref("queries/" + i + ".png"))
                .setOutput(OutputLocation.newBuilder()
                        .setBucket("results")
                        .setPrefix("roundtrip")
                        .build())
                .setPriority(i % 5 - 2)
                .setModel(i % 2 == 0 ? null : "mae-vqgan")
                .setAttributes(Map.of("index", Integer.toString(i)))
                .build();
    }

    private static ObjectRef ref(String key) {
        return ObjectRef.newBuilder().setBucket("images").setKey(key).build();
    }

    private static byte[] key(String jobId) {
        return jobId.getBytes(StandardCharsets.UTF_8);
    }
}
