package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.StageTimings;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.config.BatchSettings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@WithStack
class WorkerPipelineIT extends PipelineItBase {

    @Test
    void shouldSucceedEveryJobAndCommitAllOffsetsWhenJobsArriveInABurst() throws Exception {
        // Given: 500 jobs already waiting in the topic; the null model keeps the test about the pipeline (the model
        // path is covered by the other tests and by the engine's parity tests)
        int n = 500;
        for (int i = 0; i < n; i++) {
            h.submit(h.job("burst-" + i).build());
        }
        h.flush();
        // When
        try (Worker worker = startWorker("w-burst", PipelineHarness.nullModel(), batch(8, 20, 1024), pipeline(256))) {
            // Then
            await().atMost(Duration.ofMinutes(5))
                    .until(() -> h.completions.byId().size() == n);
            assertThat(h.completions.all()).allSatisfy(c -> {
                assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(c.getOutputs()).extracting(o -> o.getKind()).containsExactlyInAnyOrder("prediction", "mask");
                assertThat(c.getScores()).containsKeys("iou", "iou_exact");
                StageTimings t = c.getTimings();
                assertThat(t.getQueueMs()
                                + t.getFetchMs()
                                + t.getPrepareMs()
                                + t.getBatchWaitMs()
                                + t.getInferMs()
                                + t.getPublishMs())
                        .isEqualTo(t.getTotalMs());
                assertThat(c.getModel().getName()).isEqualTo("null-model");
                assertThat(c.getModel().getCheckpointSha256()).isNull();
            });
            assertThat(IntStream.range(0, n).filter(i -> h.resultExists("burst-" + i, "mask.png")))
                    .hasSize(n);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
            assertThat(worker.metrics().batches()).isLessThan(n);
            assertThat(worker.metrics().meanBatchSize()).isGreaterThan(1.0);
            assertThat(h.deadLetters.all()).isEmpty();
        }
    }

    @Test
    void shouldFailEachBadInputWithItsCodeAndDeadLetterWhileGoodJobsAroundItSucceed() throws Exception {
        // Given: bad objects in the bucket
        h.put("corrupt.png", "not an image at all".getBytes(StandardCharsets.UTF_8));
        h.put("huge.png", hugePngHeader());
        h.put("big-file.png", new byte[300 * 1024]);
        List<String> good = new ArrayList<>();
        Map<String, ErrorCode> expected = new java.util.LinkedHashMap<>();
        int k = 0;
        good.add(submitGood(k++));
        h.send("garbage-key", "garbage bytes".getBytes(StandardCharsets.UTF_8), Map.of());
        expected.put("garbage-key", ErrorCode.MALFORMED_EVENT);
        byte[] unknown = EventCodecs.promptJob().encode(h.job("unknown-schema").build());
        unknown[5] ^= 0x5A; // corrupt the schema fingerprint
        h.send("unknown-schema", unknown, Map.of());
        expected.put("unknown-schema", ErrorCode.UNKNOWN_SCHEMA);
        good.add(submitGood(k++));
        submitBad("missing-object", b -> b.setQuery(h.ref("does-not-exist.png")), expected, ErrorCode.OBJECT_NOT_FOUND);
        submitBad("corrupt-image", b -> b.setQuery(h.ref("corrupt.png")), expected, ErrorCode.IMAGE_CORRUPT);
        submitBad("huge-image", b -> b.setQuery(h.ref("huge.png")), expected, ErrorCode.IMAGE_TOO_LARGE);
        submitBad("big-object", b -> b.setQuery(h.ref("big-file.png")), expected, ErrorCode.IMAGE_TOO_LARGE);
        good.add(submitGood(k++));
        submitBad(
                "too-many-examples",
                b -> b.setExamples(Collections.nCopies(9, b.getExamples().get(0))),
                expected,
                ErrorCode.TOO_MANY_EXAMPLES);
        submitBad(
                "forbidden-bucket",
                b -> b.setQuery(dev.vprompt.schemas.ObjectRef.newBuilder()
                        .setBucket("someone-elses")
                        .setKey("x.png")
                        .setVersionId(null)
                        .build()),
                expected,
                ErrorCode.FORBIDDEN_BUCKET);
        submitBad("unknown-model", b -> b.setModel("gpt-vision"), expected, ErrorCode.UNKNOWN_MODEL);
        submitBad(
                "deadline-passed",
                b -> b.setDeadline(Instant.now().minusSeconds(60)),
                expected,
                ErrorCode.DEADLINE_EXCEEDED);
        submitBad("no-examples", b -> b.setExamples(new ArrayList<ExamplePair>()), expected, ErrorCode.INVALID_JOB);
        good.add(submitGood(k++));
        h.flush();

        // When
        try (Worker worker = startWorker("w-bad", PipelineHarness.randomModel(), batch(4, 20, 64), pipeline(32))) {
            // Then
            int total = good.size() + expected.size();
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> h.completions.byId().size() == total);
            for (String id : good) {
                assertThat(h.completions.byId().get(id).getStatus()).as(id).isEqualTo(JobStatus.SUCCEEDED);
            }
            expected.forEach((id, code) -> {
                PromptCompleted c = h.completions.byId().get(id);
                assertThat(c.getStatus()).as(id).isEqualTo(JobStatus.FAILED);
                assertThat(c.getError().getCode()).as(id).isEqualTo(code.name());
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.deadLetters.all().size() == expected.size());
            assertThat(h.deadLetters.all())
                    .extracting(DeadLetter::getErrorCode)
                    .containsExactlyInAnyOrderElementsOf(
                            expected.values().stream().map(Enum::name).toList());
            DeadLetter garbage = h.deadLetters.all().stream()
                    .filter(d -> d.getErrorCode().equals("MALFORMED_EVENT"))
                    .findFirst()
                    .orElseThrow();
            assertThat(StandardCharsets.UTF_8.decode(garbage.getOriginalValue()).toString())
                    .isEqualTo("garbage bytes");
            await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
        }
    }

    @Test
    void shouldServeASharedExampleFromTheCacheWithTheSameResultWhenItsBucketIsImmutable() throws Exception {
        // Given: the images bucket is declared write-once; one job fills the cache, then 20 jobs share its example
        h.immutableBuckets = java.util.Set.of(h.images);
        h.submit(h.job("fill").build());
        h.flush();
        try (Worker worker = startWorker("w-cache", PipelineHarness.nullModel(), batch(8, 20, 1024), pipeline(64))) {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> h.completions.byId().containsKey("fill"));
            // When
            int n = 20;
            for (int i = 0; i < n; i++) {
                h.submit(h.job("shared-" + i).build());
            }
            h.flush();
            // Then: every job succeeds, its examples come from the cache, and (the null model echoes the canvas)
            // the published prediction is byte for byte the one built from freshly read examples
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> h.completions.byId().size() == n + 1);
            assertThat(h.completions.all())
                    .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED));
            byte[] fresh = h.result("fill", "prediction.png");
            for (int i = 0; i < n; i++) {
                assertThat(h.result("shared-" + i, "prediction.png")).isEqualTo(fresh);
            }
            String metrics = get(
                            java.net.http.HttpClient.newHttpClient(),
                            "http://127.0.0.1:" + worker.httpPort() + "/metrics")
                    .body();
            assertThat(metrics)
                    .contains("vp_example_cache_misses_total 2.0")
                    .contains("vp_example_cache_hits_total " + (2.0 * n));
        }
    }

    @Test
    void shouldCopyTraceparentToTheCompletionEventWhenTheJobCarriesOne() throws Exception {
        // Given
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        h.send("traced", EventCodecs.promptJob().encode(h.job("traced").build()), Map.of("traceparent", traceparent));
        h.flush();
        // When
        try (Worker worker =
                startWorker("w-trace", PipelineHarness.randomModel(), BatchSettings.defaults(), pipeline(8))) {
            // Then
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> h.completions.byId().containsKey("traced"));
            assertThat(new String(h.completions.headersOf("traced").get("traceparent"), StandardCharsets.UTF_8))
                    .isEqualTo(traceparent);

            // and the operations endpoint reports ready and counts the job
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + worker.httpPort();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> get(http, base + "/health/ready").statusCode() == 200);
            assertThat(get(http, base + "/health/live").statusCode()).isEqualTo(200);
            String metrics = get(http, base + "/metrics").body();
            assertThat(metrics)
                    .contains("vp_jobs_total{code=\"none\",status=\"SUCCEEDED\"} 1.0")
                    .contains("vp_stage_duration_seconds_bucket")
                    .contains("vp_batch_size")
                    .contains("vp_device_utilisation");
        }
    }

    private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url) throws Exception {
        return http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private String submitGood(int k) {
        String id = "good-" + k;
        h.submit(h.job(id).build());
        return id;
    }

    private void submitBad(
            String id,
            java.util.function.Consumer<dev.vprompt.schemas.PromptJob.Builder> change,
            Map<String, ErrorCode> expected,
            ErrorCode code) {
        var b = h.job(id);
        change.accept(b);
        h.submit(b.build());
        expected.put(id, code);
    }

    /** A valid PNG signature + IHDR claiming 100000 x 100000 pixels, with a correct CRC, and nothing else. */
    static byte[] hugePngHeader() {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(100_000)
                .putInt(100_000)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        java.util.zip.CRC32 iend = new java.util.zip.CRC32();
        iend.update("IEND".getBytes(StandardCharsets.US_ASCII));
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) iend.getValue());
        return png.array();
    }
}
