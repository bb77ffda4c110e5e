package dev.vprompt.cli;

import dev.vprompt.cli.load.SyntheticImages;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.StackSetup;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.lifecycle.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a CLI integration test needs on the shared stack: its own topics and buckets, optionally an in-process worker
 * (null model: the tests are about the commands, not the model), and a way to run {@code vp} in-process against them
 * with stdout and stderr captured.
 */
final class CliHarness implements AutoCloseable {

    final StackEndpoints stack;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String jobsTopic = "cli-jobs-" + id;
    final String completionsTopic = "cli-completions-" + id;
    final String deadLetterTopic = "cli-dlq-" + id;
    final String images = "cli-images-" + id;
    final String results = "cli-results-" + id;
    private Worker worker;

    CliHarness(StackEndpoints stack) {
        this.stack = stack;
        StackSetup.createTopics(stack, 3, jobsTopic, completionsTopic, deadLetterTopic);
        StackSetup.createBuckets(stack, images, results);
    }

    /** Starts an in-process worker on this harness's topics and buckets. */
    CliHarness withWorker() throws Exception {
        worker = new Worker(WorkerConfig.builder()
                        .workerId("cli-worker-" + id)
                        .kafka(KafkaSettings.builder()
                                .bootstrapServers(stack.kafkaBootstrap())
                                .topics(jobsTopic, completionsTopic, deadLetterTopic)
                                .groupId("cli-workers-" + id)
                                .commitInterval(Duration.ofMillis(200))
                                .build())
                        .s3(S3Settings.builder()
                                .endpoint(stack.s3Endpoint().toString())
                                .credentials(stack.s3AccessKey(), stack.s3SecretKey())
                                .region(stack.s3Region())
                                .allowedBuckets(Set.of(images, results))
                                .requestTimeout(Duration.ofSeconds(5))
                                .build())
                        .batch(BatchSettings.builder()
                                .maxBatchSize(8)
                                .maxBatchDelay(Duration.ofMillis(20))
                                .queueCapacity(1024)
                                .build())
                        .model(ModelSettings.builder()
                                .devices(List.of("cpu"))
                                .nullModel(true)
                                .build())
                        .http(HttpSettings.builder()
                                .port(HttpSettings.ANY_FREE_PORT)
                                .build())
                        .build())
                .start();
        return this;
    }

    /** The connection flags pointing at this harness's stack, topics and buckets. */
    List<String> connectionArgs() {
        return List.of(
                "--bootstrap",
                stack.kafkaBootstrap(),
                "--s3-endpoint",
                stack.s3Endpoint().toString(),
                "--s3-access-key",
                stack.s3AccessKey(),
                "--s3-secret-key",
                stack.s3SecretKey(),
                "--region",
                stack.s3Region(),
                "--jobs-topic",
                jobsTopic,
                "--completions-topic",
                completionsTopic,
                "--dead-letter-topic",
                deadLetterTopic,
                "--images-bucket",
                images,
                "--results-bucket",
                results);
    }

    /** Runs {@code vp <args> <connection flags>} in-process; a connection flag in {@code args} wins. */
    CommandRun vp(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        List<String> connection = connectionArgs();
        for (int i = 0; i < connection.size(); i += 2) {
            if (!all.contains(connection.get(i))) {
                all.add(connection.get(i));
                all.add(connection.get(i + 1));
            }
        }
        return CommandRun.run(all.toArray(String[]::new));
    }

    /**
     * Writes the folder layout of {@link #writeFolders} into {@code dir} with {@code queries} queries and runs {@code
     * vp submit --examples dir/examples --queries dir/queries <more> <connection flags>}.
     */
    CommandRun submitFolders(Path dir, int queries, String... more) throws IOException {
        writeFolders(dir, queries);
        List<String> args = new ArrayList<>(List.of(
                "submit",
                "--examples",
                dir.resolve("examples").toString(),
                "--queries",
                dir.resolve("queries").toString()));
        args.addAll(List.of(more));
        return vp(args.toArray(String[]::new));
    }

    /**
     * Writes the folder layout {@code vp submit} documents: two example pairs and {@code queries} query images,
     * each with its ground-truth mask.
     */
    static void writeFolders(Path root, int queries) throws IOException {
        Files.createDirectories(root.resolve("examples/input"));
        Files.createDirectories(root.resolve("examples/output"));
        Files.createDirectories(root.resolve("queries/input"));
        Files.createDirectories(root.resolve("queries/output"));
        for (int i = 0; i < 2; i++) {
            Files.write(root.resolve("examples/input/ex" + i + ".png"), SyntheticImages.photo(90, 70, i));
            Files.write(root.resolve("examples/output/ex" + i + ".png"), SyntheticImages.mask(90, 70, i));
        }
        for (int i = 0; i < queries; i++) {
            Files.write(root.resolve("queries/input/q" + i + ".png"), SyntheticImages.photo(80, 96, 2 + i));
            Files.write(root.resolve("queries/output/q" + i + ".png"), SyntheticImages.mask(80, 96, 2 + i));
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close(Worker.Drain.DONT_DRAIN);
        }
    }
}
