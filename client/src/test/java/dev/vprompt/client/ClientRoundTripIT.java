package dev.vprompt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.StackSetup;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walk (upload, submit, await, download) against the real broker and S3 server. */
@WithStack
class ClientRoundTripIT {

    private Connection connection;

    @TempDir
    Path dir;

    @BeforeEach
    void ownTopicsAndBuckets(StackEndpoints stack) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        connection = Connection.of(
                        stack.kafkaBootstrap(),
                        stack.s3Endpoint(),
                        stack.s3AccessKey(),
                        stack.s3SecretKey(),
                        stack.s3Region())
                .withTopics("client-jobs-" + id, "client-completions-" + id, "client-dlq-" + id)
                .withBuckets("client-images-" + id, "client-results-" + id);
        StackSetup.createTopics(
                stack, 2, connection.jobsTopic(), connection.completionsTopic(), connection.deadLetterTopic());
        StackSetup.createBuckets(stack, connection.imagesBucket(), connection.resultsBucket());
    }

    @Test
    void shouldDownloadEveryResultWhenJobsAreSubmittedAndAwaited() throws Exception {
        // Given: a worker stand-in answering on the real broker, and the images of one example pair and two queries
        Path example = write("example.png", 1);
        Path mask = write("example-mask.png", 2);
        List<Path> queries = List.of(write("q0.png", 3), write("q1.png", 4));
        try (EchoWorker worker = EchoWorker.start(connection);
                S3ClientFactory s3 = connection.s3();
                CompletionWatcher watcher = CompletionWatcher.open(connection, StartPosition.end());
                JobSubmitter submitter = JobSubmitter.open(connection)) {
            ImageUploader uploader = ImageUploader.of(s3.client(), connection);
            uploader.checkBucket();
            JobTemplate template = JobTemplate.defaults(connection.resultsBucket());
            List<PromptJob> jobs = new ArrayList<>();
            for (Path q : queries) {
                jobs.add(template.job(
                        JobSubmitter.newJobId("rt"),
                        List.of(JobTemplate.pair(uploader.upload(example), uploader.upload(mask))),
                        uploader.upload(q),
                        null,
                        Instant.now()));
            }

            // When
            List<String> ids = submitter.submitAll(jobs);
            AwaitResult result = watcher.awaitJobs(ids, Duration.ofSeconds(60), c -> {});
            ResultDownloader downloader = ResultDownloader.of(s3.client(), connection);
            List<Path> files = new ArrayList<>();
            result.completions().forEach(c -> files.addAll(downloader.download(c.event(), dir.resolve("out"))));

            // Then
            assertThat(result.timedOut()).isFalse();
            assertThat(result.missing()).isEmpty();
            assertThat(result.completions()).extracting(Completion::jobId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(files).hasSize(2);
            for (String id : ids) {
                assertThat(dir.resolve("out").resolve(id).resolve("answer.txt"))
                        .hasBinaryContent(EchoWorker.answer(id));
            }
            CompletionSummary summary = CompletionSummary.of(
                    result.completions().stream().map(Completion::event).toList(), 0);
            assertThat(summary.succeeded()).isEqualTo(2);
            assertThat(summary.meanScores()).containsEntry("iou", 0.5);
        }
    }

    @Test
    void shouldStoreIdenticalBytesOnceUnderTheirHashWhenUploadedAgain() throws Exception {
        // Given
        Path a = write("a.png", 7);
        Path copy = dir.resolve("copy-of-a.png");
        Files.copy(a, copy);
        try (S3ClientFactory s3 = connection.s3()) {
            ImageUploader uploader = ImageUploader.of(s3.client(), connection);

            // When
            ObjectRef first = uploader.upload(a);
            ObjectRef second = ImageUploader.of(s3.client(), connection).upload(copy);

            // Then
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a)));
            assertThat(first).isEqualTo(second);
            assertThat(first.getBucket()).isEqualTo(connection.imagesBucket());
            assertThat(first.getKey()).isEqualTo("uploads/" + sha + ".png");
            assertThat(objectCount(s3.client(), connection.imagesBucket())).isEqualTo(1);
        }
    }

    @Test
    void shouldFindFinishedJobsOnlyFromTheBeginningWhenTheyCompletedBeforeTheWatcherOpened() throws Exception {
        // Given: a job that completed (as FAILED, on request) before any watcher below opened
        String id = JobSubmitter.newJobId("early");
        try (EchoWorker worker = EchoWorker.start(connection);
                CompletionWatcher first = CompletionWatcher.open(connection, StartPosition.end());
                JobSubmitter submitter = JobSubmitter.open(connection)) {
            ObjectRef ref = ObjectRef.newBuilder()
                    .setBucket(connection.imagesBucket())
                    .setKey("none.png")
                    .setVersionId(null)
                    .build();
            PromptJob job = JobTemplate.defaults(connection.resultsBucket())
                    .withAttributes(Map.of("fail", "IMAGE_CORRUPT"))
                    .job(id, List.of(JobTemplate.pair(ref, ref)), ref, null, Instant.now());
            submitter.submitAll(List.of(job));
            assertThat(first.awaitJobs(List.of(id), Duration.ofSeconds(60), c -> {})
                            .missing())
                    .isEmpty();
        }

        // When
        AwaitResult fromEnd;
        AwaitResult fromBeginning;
        try (CompletionWatcher end = CompletionWatcher.open(connection, StartPosition.end());
                CompletionWatcher beginning = CompletionWatcher.open(connection, StartPosition.beginning())) {
            fromEnd = end.awaitJobs(List.of(id), Duration.ofSeconds(1), c -> {});
            fromBeginning = beginning.awaitJobs(List.of(id), Duration.ofSeconds(30), c -> {});
        }

        // Then
        assertThat(fromEnd.timedOut()).isTrue();
        assertThat(fromEnd.missing()).containsExactly(id);
        assertThat(fromBeginning.missing()).isEmpty();
        CompletionSummary summary = CompletionSummary.of(
                fromBeginning.completions().stream().map(Completion::event).toList(), 0);
        assertThat(summary.failuresByCode()).isEqualTo(Map.of("IMAGE_CORRUPT", 1));
    }

    private Path write(String name, int seed) throws Exception {
        byte[] bytes = new byte[256 + seed];
        new java.util.Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static long objectCount(MinioClient client, String bucket) {
        return StreamSupport.stream(
                        client.listObjects(ListObjectsArgs.builder()
                                        .bucket(bucket)
                                        .recursive(true)
                                        .build())
                                .spliterator(),
                        false)
                .count();
    }
}
