package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.Vp;
import dev.vprompt.cli.deployment.StackConnections;
import dev.vprompt.client.Connection;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.StackSetup;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.BatchInfo;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.JobError;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.StageTimings;
import dev.vprompt.schemas.codec.EventCodecs;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counter against the real broker and S3 server, on events written the way a worker writes them. */
@WithStack
class DeliveryCounterIT {

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String group = "group-" + id;
    private Connection c;

    @BeforeEach
    void setUp(StackEndpoints stack) throws Exception {
        c = StackConnections.of(stack)
                .withTopics("jobs-" + id, "completions-" + id, "dlq-" + id)
                .withBuckets("images-" + id, "results-" + id);
        StackSetup.createTopics(stack, 2, c.jobsTopic(), c.completionsTopic(), c.deadLetterTopic());
        StackSetup.createBuckets(stack, c.imagesBucket(), c.resultsBucket());
        // Given: 4 submitted jobs; a completed once with its result stored, b completed twice (redelivered) but its
        // result is missing, c SUCCEEDED then FAILED (+ a dead letter), d never completed; the group committed 3 of 4
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                c.producerProperties("it-" + id), new StringSerializer(), new ByteArraySerializer())) {
            for (String job : List.of("a", "b", "c", "d")) {
                p.send(new ProducerRecord<>(c.jobsTopic(), 0, job, new byte[] {1}));
            }
            for (PromptCompleted e : List.of(ok("a"), ok("b"), ok("b"), ok("c"), failed("c"))) {
                p.send(new ProducerRecord<>(
                        c.completionsTopic(),
                        e.getJobId(),
                        EventCodecs.promptCompleted().encode(e)));
            }
            p.send(new ProducerRecord<>(
                    c.deadLetterTopic(), "c", EventCodecs.deadLetter().encode(deadLetter("c"))));
            p.flush();
        }
        try (S3ClientFactory s3 = c.s3()) {
            for (String job : List.of("a", "c")) {
                byte[] png = {1, 2, 3};
                s3.client()
                        .putObject(
                                PutObjectArgs.builder()
                                        .bucket(c.resultsBucket())
                                        .object("vp/" + job + "/mask.png")
                                        .stream(new ByteArrayInputStream(png), png.length, -1)
                                        .build());
            }
        }
        try (Admin admin = Admin.create(c.adminProperties("it-" + id))) {
            admin.alterConsumerGroupOffsets(
                            group, Map.of(new TopicPartition(c.jobsTopic(), 0), new OffsetAndMetadata(3)))
                    .all()
                    .get();
        }
    }

    @Test
    void shouldCountDuplicatesConflictsDeadLettersMissingOffsetsAndResultsWhenReadingTheTopics() {
        // When
        DeliveryTally t;
        try (DeliveryCounter counter = new DeliveryCounter(c, group, Duration.ofMinutes(1))) {
            t = counter.count(Set.of("a", "b", "c", "d"), true);
        }

        // Then
        assertThat(t.events()).isEqualTo(5);
        assertThat(t.distinctJobs()).isEqualTo(3);
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.conflicting()).isEqualTo(1);
        assertThat(t.missingSample()).containsExactly("d");
        assertThat(t.deadLettersByCode()).containsExactly(Map.entry("IMAGE_CORRUPT", 1));
        assertThat(t.committed()).isEqualTo(3);
        assertThat(t.endOffsets()).isEqualTo(4);
        assertThat(t.partitionsBehind()).isEqualTo(1);
        assertThat(t.succeeded()).isEqualTo(3);
        assertThat(t.resultsPresent()).isEqualTo(2); // a and c; b's object is missing
    }

    @Test
    void shouldPrintTheTableWithTheJobsTopicAsTheSubmittedListWhenRunAsCommand(@TempDir Path dir) throws Exception {
        // Given: the ids file names a job the topic does not have
        Path ids = dir.resolve("ids.txt");
        Files.writeString(ids, "a\nb\nc\nd\ne\n");

        // When
        String fromTopic = vp("--group", group);
        String fromFile = vp("--group", group, "--submitted", ids.toString(), "--no-results");

        // Then
        assertThat(fromTopic)
                .containsPattern("jobs sent\\s+4")
                .containsPattern("missing\\s+1  e.g. d")
                .containsPattern("duplicates\\s+2")
                .containsPattern("committed / end offsets\\s+3 / 4")
                .containsPattern("results present\\s+2 / 3");
        assertThat(fromFile).containsPattern("jobs sent\\s+5").containsPattern("missing\\s+2  e.g. d, e");
    }

    private String vp(String... extra) {
        StringWriter out = new StringWriter();
        String[] args = List.of(
                        "chaos",
                        "count",
                        "--bootstrap",
                        c.bootstrap(),
                        "--s3-endpoint",
                        c.s3Endpoint().toString(),
                        "--s3-access-key",
                        c.s3AccessKey(),
                        "--s3-secret-key",
                        c.s3SecretKey(),
                        "--jobs-topic",
                        c.jobsTopic(),
                        "--completions-topic",
                        c.completionsTopic(),
                        "--dead-letter-topic",
                        c.deadLetterTopic())
                .toArray(new String[0]);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        int code = Vp.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), all);
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    private PromptCompleted ok(String job) {
        return event(
                job,
                JobStatus.SUCCEEDED,
                null,
                List.of(new OutputObject(
                        "mask", new ObjectRef(c.resultsBucket(), "vp/" + job + "/mask.png", null), "image/png")));
    }

    private PromptCompleted failed(String job) {
        return event(job, JobStatus.FAILED, new JobError("IMAGE_CORRUPT", "m"), List.of());
    }

    private static PromptCompleted event(String job, JobStatus status, JobError error, List<OutputObject> outputs) {
        return PromptCompleted.newBuilder()
                .setJobId(job)
                .setStatus(status)
                .setCompletedAt(Instant.now())
                .setOutputs(outputs)
                .setBox(null)
                .setScores(Map.of())
                .setError(error)
                .setTimings(new StageTimings(1L, 2L, 3L, 4L, 5L, 6L, 21L))
                .setBatch(new BatchInfo("b", 1))
                .setModel(ModelInfo.newBuilder()
                        .setId("m")
                        .setName("null-model")
                        .setSha256("null-model")
                        .build())
                .setWorker("w")
                .setAttributes(Map.of())
                .build();
    }

    private DeadLetter deadLetter(String job) {
        return DeadLetter.newBuilder()
                .setOriginalKey(ByteBuffer.wrap(job.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {1}))
                .setTopic(c.jobsTopic())
                .setPartition(0)
                .setOffset(2)
                .setErrorCode("IMAGE_CORRUPT")
                .setErrorMessage("m")
                .setAttempts(1)
                .setFailedAt(Instant.now())
                .setWorker("w")
                .setHeaders(Map.of())
                .build();
    }
}
