package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.deployment.InProcessDeployment;
import dev.vprompt.client.Connection;
import dev.vprompt.client.EnvNames;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.config.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client ({@code clients/python}) against a real deployment in this JVM: embedded Kafka and S3 and a
 * worker (random model). The client runs as a subprocess of Debian's {@code /usr/bin/python3}, configured only by
 * the variables {@code vp stack} exports. Skipped, with a notice, when that interpreter lacks
 * {@code python3-confluent-kafka}, {@code python3-avro} or {@code python3-boto3}.
 */
class PythonClientIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CLIENT_DIR =
            Path.of("..", "clients", "python").toAbsolutePath().normalize();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    private static InProcessDeployment deployment;

    @BeforeAll
    static void requirePythonModules() throws Exception {
        String missing = missingModules();
        if (!missing.isEmpty()) {
            System.err.println("NOTICE: PythonClientIT skipped: " + missing);
        }
        Assumptions.assumeTrue(missing.isEmpty(), "Python client not tested: " + missing);
        deployment = InProcessDeployment.start(
                InProcessDeployment.Settings.defaults().withModel(ModelSettings.RANDOM, null));
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void shouldPassItsUnitTestsWhenRunByDebiansPython(@TempDir Path dir) throws Exception {
        // When
        Result r = python(dir, Map.of(), "-m", "unittest", "-v");

        // Then
        assertThat(r.exitCode()).as("python unit tests:%n%s", r.stderr()).isZero();
        assertThat(r.stderr()).contains("OK");
    }

    @Test
    void shouldCompleteJobsDownloadResultsAndSeeTheBadRecordDeadLetteredWhenConfiguredFromVpStackExports(
            @TempDir Path dir) throws Exception {
        // Given: exactly the settings vp stack exports for this stack
        Map<String, String> env = new HashMap<>(StackCommand.exports(deployment.endpoints()));
        Path downloads = dir.resolve("results");

        // When
        Result r = python(dir, env, "example.py", "--queries", "3", "--bad-record", "--download", downloads.toString());

        // Then: the example says every job succeeded and the bad record was failed and dead-lettered
        assertThat(r.exitCode())
                .as("example.py stderr:%n%s%nstdout:%n%s", r.stderr(), r.stdout())
                .isZero();
        JsonNode summary = new ObjectMapper().readTree(r.stdout());
        List<String> jobIds = texts(summary.get("submitted"));
        assertThat(jobIds).hasSize(3);
        assertThat(texts(summary.get("succeeded"))).containsExactlyInAnyOrderElementsOf(jobIds);
        assertThat(summary.get("missing")).isEmpty();
        assertThat(summary.get("undecodable")).isEmpty();
        String badKey = summary.get("deadLetters").fieldNames().next();
        assertThat(summary.get("deadLetters").get(badKey).asText()).isEqualTo("MALFORMED_EVENT");
        assertThat(summary.get("failed").get(badKey).asText()).isEqualTo("MALFORMED_EVENT");
        // the results are on disk, as PNGs
        for (String id : jobIds) {
            List<String> files = texts(summary.get("downloaded").get(id));
            assertThat(files).as(id).isNotEmpty();
            for (String f : files) {
                assertThat(Path.of(f)).startsWith(downloads.resolve(id));
                assertThat(Files.readAllBytes(Path.of(f))).as(f).startsWith(0x89, 'P', 'N', 'G');
            }
            JsonNode t = summary.get("timings").get(id);
            long stages = t.get("queueMs").asLong()
                    + t.get("fetchMs").asLong()
                    + t.get("prepareMs").asLong()
                    + t.get("batchWaitMs").asLong()
                    + t.get("inferMs").asLong()
                    + t.get("publishMs").asLong();
            assertThat(stages)
                    .as("timings of %s", id)
                    .isEqualTo(t.get("totalMs").asLong());
        }
        assertThat(summary.get("model").get("checkpointSha256").isNull()).isTrue();
        assertThat(summary.get("model").get("name").asText()).startsWith("random-seed-");
        // and Java sees the same: Python's jobs decode with the project's codec, keyed by jobId; the dead letter is
        // keyed by the bad record's key
        Connection c = deployment.connection();
        Map<String, byte[]> jobs = read(c.jobsTopic(), jobIds.size() + 1);
        for (String id : jobIds) {
            PromptJob job = EventCodecs.promptJob().decode(jobs.get(id));
            assertThat(job.getJobId()).isEqualTo(id);
        }
        DeadLetter dead =
                EventCodecs.deadLetter().decode(read(c.deadLetterTopic(), 1).get(badKey));
        assertThat(dead.getErrorCode()).isEqualTo("MALFORMED_EVENT");
        assertThat(dead.getTopic()).isEqualTo(c.jobsTopic());
    }

    private static String missingModules() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found";
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import confluent_kafka, avro, boto3")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return PYTHON + " did not answer";
        }
        return p.exitValue() == 0
                ? ""
                : PYTHON + " lacks a module (" + out.lines().reduce((a, b) -> b).orElse("") + "); install "
                        + "python3-confluent-kafka python3-avro python3-boto3";
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result python(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-B"));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(CLIENT_DIR.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("VP_"));
        pb.environment().put(EnvNames.STACK_FILE, dir.resolve("no-stack.env").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python " + String.join(" ", args) + " ran over " + RUN_LIMIT);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The first {@code atLeast} records of a topic, by key. */
    private static Map<String, byte[]> read(String topic, int atLeast) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.endpoints().kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "python-client-it-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, byte[]> byKey = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    byKey.put(r.key(), r.value());
                }
                return byKey.size() >= atLeast;
            });
        }
        return byKey;
    }
}
