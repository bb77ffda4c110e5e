package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.StackSetup;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Records and jobs that each used to stall a worker or blow its memory, through the real broker and S3 server: every
 * one ends FAILED with a clear code, and good jobs sent after them still complete.
 */
@WithStack
class PoisonMixIT extends PipelineItBase {

    private static final Duration GOOD_JOBS_WITHIN = Duration.ofSeconds(60);

    @Test
    void shouldFailEveryPoisonWithItsCodeAndStillCompleteGoodJobsSentAfterThem() throws Exception {
        // Given: a running worker
        try (Worker worker = startWorker("w-poison", PipelineHarness.nullModel(), batch(4, 20, 64), pipeline(32))) {
            Map<String, String> expected = new LinkedHashMap<>();
            // a garbage record within 200 bytes of the topic's max.message.bytes (its dead letter cannot hold it whole)
            int maxMessageBytes = h.jobsTopicMaxMessageBytes();
            String garbageKey = "garbage-near-limit";
            byte[] garbage = new byte[maxMessageBytes - 200 - 82 - garbageKey.length()];
            Arrays.fill(garbage, (byte) 0x5A);
            h.sendAndWait(garbageKey, garbage);
            expected.put(garbageKey, "MALFORMED_EVENT");
            // a 1,100-character jobId (over the 256 bytes a jobId may have: its result keys would pass S3's limit)
            String longId = "L".repeat(1_100);
            h.submit(h.job(longId).build());
            expected.put(longId, "INVALID_JOB_ID");
            // a 1 x 6,000,000 PNG (a few KB that would decode to 18 MB and resize through far more)
            h.put("thin.png", PngCodec.encode(new RgbImage(1, 6_000_000, new byte[3 * 6_000_000])));
            h.submit(h.job("thin-image").setQuery(h.ref("thin.png")).build());
            expected.put("thin-image", "IMAGE_TOO_LARGE");
            // an object the worker is not allowed to read, in a bucket that exists
            String other = "other-" + h.id;
            StackSetup.createBuckets(h.stack, other);
            h.submit(h.job("not-allowed")
                    .setQuery(ObjectRef.newBuilder()
                            .setBucket(other)
                            .setKey("query.png")
                            .setVersionId(null)
                            .build())
                    .build());
            expected.put("not-allowed", "FORBIDDEN_BUCKET");
            h.flush();

            // When: good jobs are sent after them
            List<String> good =
                    IntStream.range(0, 10).mapToObj(i -> "good-after-" + i).toList();
            good.forEach(id -> h.submit(h.job(id).build()));
            h.flush();

            // Then: the good jobs complete within a minute
            await().atMost(GOOD_JOBS_WITHIN)
                    .until(() -> h.completions.byId().keySet().containsAll(good));
            assertThat(good)
                    .allSatisfy(id ->
                            assertThat(h.completions.byId().get(id).getStatus()).isEqualTo(JobStatus.SUCCEEDED));
            // and every poison ended FAILED with its code, dead-lettered
            await().atMost(GOOD_JOBS_WITHIN)
                    .until(() -> h.completions.byId().keySet().containsAll(expected.keySet()));
            expected.forEach((id, code) -> {
                PromptCompleted c = h.completions.byId().get(id);
                assertThat(c.getStatus()).as(id).isEqualTo(JobStatus.FAILED);
                assertThat(c.getError().getCode()).as(id).isEqualTo(code);
            });
            await().atMost(GOOD_JOBS_WITHIN).until(() -> h.deadLetters.all().size() == expected.size());
            DeadLetter garbageLetter = h.deadLetters.all().stream()
                    .filter(d -> d.getErrorCode().equals("MALFORMED_EVENT"))
                    .findFirst()
                    .orElseThrow();
            assertThat(garbageLetter.getTruncated()).isTrue();
            assertThat(garbageLetter.getOriginalValueBytes()).isEqualTo(garbage.length);
            assertThat(StandardCharsets.UTF_8
                            .decode(garbageLetter.getOriginalKey())
                            .toString())
                    .isEqualTo(garbageKey);
            // and every offset is committed: nothing is left to block a partition
            await().atMost(GOOD_JOBS_WITHIN).until(() -> h.committedTotal() == h.endOffsetsTotal());
            assertThat(worker.state()).isEqualTo(dev.vprompt.worker.lifecycle.WorkerState.RUNNING);
        }
    }
}
