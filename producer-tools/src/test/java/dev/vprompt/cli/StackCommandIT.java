package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.cli.load.SyntheticImages;
import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.client.Connection;
import dev.vprompt.client.EnvNames;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.client.KafkaCheck;
import dev.vprompt.client.StackFile;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodecs;
import io.minio.GetObjectArgs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vp stack} for real: a second embedded stack in this JVM, used only through what the command printed. */
class StackCommandIT {

    @Test
    void shouldServeItsTopicsAndBucketsAtThePrintedEndpointsUntilStopped(@TempDir Path dir) throws Exception {
        // Given: the command runs on its own thread and stops when the latch opens (instead of on SIGTERM)
        CountDownLatch stop = new CountDownLatch(1);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == StackCommand.class
                        ? cls.cast(new StackCommand(() -> stop))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        StringWriter out = new StringWriter();
        Path stateFile = dir.resolve("stack.env");
        CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> Vp.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                factory,
                "stack",
                "--topics-partitions",
                "2",
                "--state-file",
                stateFile.toString()));
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> out.toString().contains("VP_RESULTS_BUCKET"));
            // When: a client configured only from the printed export lines
            Map<String, String> printed = exportsIn(out.toString());
            assertThat(new StackFile(stateFile).read()).isEqualTo(printed);
            assertThat(printed)
                    .contains(
                            Map.entry(EnvNames.JOBS_TOPIC, Connection.DEFAULT_JOBS_TOPIC),
                            Map.entry(EnvNames.COMPLETIONS_TOPIC, Connection.DEFAULT_COMPLETIONS_TOPIC),
                            Map.entry(EnvNames.DEAD_LETTER_TOPIC, Connection.DEFAULT_DEAD_LETTER_TOPIC),
                            Map.entry(EnvNames.IMAGES_BUCKET, Connection.DEFAULT_IMAGES_BUCKET),
                            Map.entry(EnvNames.RESULTS_BUCKET, Connection.DEFAULT_RESULTS_BUCKET));
            Connection c = new ConnectionOptions().resolve(printed, Map.of());
            // Then: topics with the asked partitions, buckets that take objects, a job that round-trips
            assertThat(KafkaCheck.requireTopics(
                            c,
                            Connection.DEFAULT_JOBS_TOPIC,
                            Connection.DEFAULT_COMPLETIONS_TOPIC,
                            Connection.DEFAULT_DEAD_LETTER_TOPIC))
                    .containsOnly(
                            Map.entry(Connection.DEFAULT_JOBS_TOPIC, 2),
                            Map.entry(Connection.DEFAULT_COMPLETIONS_TOPIC, 2),
                            Map.entry(Connection.DEFAULT_DEAD_LETTER_TOPIC, 2));
            byte[] png = SyntheticImages.photo(20, 10, 1);
            try (S3ClientFactory s3 = c.s3()) {
                ImageUploader uploader = ImageUploader.of(s3.client(), c);
                uploader.checkBucket();
                ObjectRef ref = uploader.upload(png, "png");
                try (var in = s3.client()
                        .getObject(GetObjectArgs.builder()
                                .bucket(ref.getBucket())
                                .object(ref.getKey())
                                .build())) {
                    assertThat(in.readAllBytes()).isEqualTo(png);
                }
                PromptJob job = JobTemplate.defaults(c.resultsBucket())
                        .job("stack-job", List.of(JobTemplate.pair(ref, ref)), ref, null, Instant.now());
                try (JobSubmitter submitter = JobSubmitter.open(c)) {
                    assertThat(submitter.submitAll(List.of(job))).containsExactly("stack-job");
                }
                assertThat(readJobs(c)).containsExactly(job);
            }
        } finally {
            stop.countDown();
        }
        assertThat(rc.get(1, TimeUnit.MINUTES)).isZero();
        assertThat(stateFile).doesNotExist();
    }

    private static Map<String, String> exportsIn(String printed) throws Exception {
        Path tmp = java.nio.file.Files.createTempFile("printed", ".env");
        try {
            java.nio.file.Files.writeString(tmp, printed);
            return new StackFile(tmp).read();
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }

    private static List<PromptJob> readJobs(Connection c) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<PromptJob> jobs = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(c.jobsTopic()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    jobs.add(EventCodecs.promptJob().decode(r.value()));
                }
                return !jobs.isEmpty();
            });
        }
        return jobs;
    }
}
