package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.load.SyntheticImages;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExamplePoolFormat;
import dev.vprompt.engine.retrieval.PoolHead;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.infer.ModelIdentity;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vp pool build} for real: a pool in S3 that a worker serving the same model uses. */
@WithStack
class PoolCommandIT {

    private CliHarness h;
    private S3ClientFactory s3Factory;
    private MinioClient s3;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp(StackEndpoints stack) throws Exception {
        h = new CliHarness(stack).withWorker();
        s3Factory = new S3ClientFactory(stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region());
        s3 = s3Factory.client();
    }

    @AfterEach
    void tearDown() {
        h.close();
        s3Factory.close();
    }

    private void put(String key, byte[] bytes) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(h.images).object(key).stream(
                        new ByteArrayInputStream(bytes), bytes.length, -1)
                .build());
    }

    private byte[] get(String key) throws Exception {
        try (InputStream in = s3.getObject(
                GetObjectArgs.builder().bucket(h.images).object(key).build())) {
            return in.readAllBytes();
        }
    }

    @Test
    void shouldWriteAPoolOfThePairedImagesThatTheWorkerUsesWhenBuildingFromTwoPrefixes() throws Exception {
        // Given: three inputs with outputs of the same name (other extension), one without, and a non-image
        for (int i = 0; i < 3; i++) {
            put("pool/inputs/ex" + i + ".png", SyntheticImages.photo(80, 70, i));
            put("pool/outputs/ex" + i + ".PNG", SyntheticImages.mask(80, 70, i));
        }
        put("pool/inputs/lonely.png", SyntheticImages.photo(50, 50, 9));
        put("pool/inputs/notes.txt", "not an image".getBytes());
        put("query.png", SyntheticImages.photo(80, 96, 1));

        // When
        CommandRun run = h.vp(
                "pool",
                "build",
                "--images",
                "s3://" + h.images + "/pool/inputs",
                "--outputs",
                "s3://" + h.images + "/pool/outputs/",
                "--pool",
                "s3://" + h.images + "/pools/a",
                "--null-model");

        // Then: the head names the index, which holds the three pairs embedded by the null model
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 pairs (1 inputs without an output skipped)");
        PoolHead head = ExamplePoolFormat.readHead(get("pools/a/pool.json"));
        ExamplePool pool = ExamplePoolFormat.readIndex(get(head.indexKey()));
        assertThat(head.indexKey()).startsWith("pools/a/pool-").endsWith(".vpi");
        assertThat(pool.version()).isEqualTo(head.version());
        assertThat(pool.modelName()).isEqualTo(ModelIdentity.NULL_MODEL);
        assertThat(pool.entries())
                .extracting(e -> e.input().key() + " -> " + e.output().key())
                .containsExactly(
                        "pool/inputs/ex0.png -> pool/outputs/ex0.PNG",
                        "pool/inputs/ex1.png -> pool/outputs/ex1.PNG",
                        "pool/inputs/ex2.png -> pool/outputs/ex2.PNG");

        // and a job naming the pool runs on the worker (which serves the null model too)
        PromptJob job = PromptJob.newBuilder()
                .setJobId("pooled-1")
                .setSubmittedAt(Instant.now())
                .setTask(Task.SEGMENTATION)
                .setQuery(ref("query.png"))
                .setOutput(OutputLocation.newBuilder()
                        .setBucket(h.results)
                        .setPrefix("pool-it")
                        .build())
                .setExamplePool(ref("pools/a/pool.json"))
                .setK(2)
                .build();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, h.stack.kafkaBootstrap());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            h.jobsTopic, job.getJobId(), EventCodecs.promptJob().encode(job)))
                    .get();
        }
        Path ids = Files.write(dir.resolve("ids.txt"), List.of(job.getJobId()));
        CommandRun awaited = h.vp("await", "--job-ids-from", ids.toString(), "--timeout", "2m");
        assertThat(awaited.exitCode()).as(awaited.err() + awaited.out()).isZero();
        assertThat(awaited.count("SUCCEEDED")).isEqualTo(1);
    }

    @Test
    void shouldFailClearlyWhenNoInputHasAnOutput() throws Exception {
        // Given
        put("lonely/inputs/a.png", SyntheticImages.photo(40, 40, 1));

        // When
        CommandRun run = h.vp(
                "pool",
                "build",
                "--images",
                "s3://" + h.images + "/lonely/inputs",
                "--outputs",
                "s3://" + h.images + "/lonely/outputs",
                "--pool",
                "s3://" + h.images + "/pools/b",
                "--null-model");

        // Then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no input under s3://" + h.images + "/lonely/inputs has an output");
    }

    private ObjectRef ref(String key) {
        return ObjectRef.newBuilder().setBucket(h.images).setKey(key).build();
    }
}
