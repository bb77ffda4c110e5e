package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.config.S3Permission;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in object storage, through the real broker and S3 server: a job reads only what a read grant
 * covers and writes only where a write grant covers, never into the write-once images bucket; the objects it was
 * refused stay untouched, and the worker goes on with the next job.
 */
@WithStack
class StoragePermissionsIT extends PipelineItBase {

    private static final byte[] ORIGINAL = "the original object".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldRefuseEachJobReachingOutsideItsGrantsWhileTheObjectsStayUntouched() throws Exception {
        // Given: images readable under shared/ only and write-once; results writable under runs/ only
        h.immutableBuckets = Set.of(h.images);
        h.read = List.of(new S3Permission(h.images, "shared/"));
        h.write = List.of(new S3Permission(h.results, "runs/"));
        for (String key : List.of("support.png", "support_mask.png", "query.png", "query_mask.png")) {
            h.put("shared/" + key, h.object(h.images, key));
        }
        h.put("private/query.png", h.object(h.images, "query.png"));
        h.put("victim/prediction.png", ORIGINAL);
        h.put(h.results, "other-producer/secret-result.png", ORIGINAL);
        h.put(h.results, "victim/mask.png", ORIGINAL);
        Map<String, ErrorCode> refused = new LinkedHashMap<>();
        refused.put("victim", ErrorCode.FORBIDDEN_BUCKET); // results into the images bucket, over an example
        refused.put("private-read", ErrorCode.FORBIDDEN_KEY); // a query outside shared/
        refused.put("copy-back", ErrorCode.FORBIDDEN_BUCKET); // another producer's result as query
        refused.put("outside-runs", ErrorCode.FORBIDDEN_KEY); // results at the results bucket's root
        h.submit(job("victim").setOutput(out(h.images, "")).build());
        h.submit(
                job("private-read").setQuery(ref(h.images, "private/query.png")).build());
        h.submit(job("copy-back")
                .setQuery(ref(h.results, "other-producer/secret-result.png"))
                .build());
        h.submit(job("outside-runs").setOutput(out(h.results, "")).build());
        h.submit(job("good").build());
        h.flush();

        // When
        try (Worker worker = startWorker("w-grants", PipelineHarness.nullModel(), batch(4, 20, 64), pipeline(32))) {
            // Then: each refused job fails with its code and is dead-lettered; the good one after them succeeds
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> h.completions.byId().keySet().containsAll(List.of("victim", "good"))
                            && h.completions.byId().size() == refused.size() + 1);
            refused.forEach((id, code) -> {
                PromptCompleted c = h.completions.byId().get(id);
                assertThat(c.getStatus()).as(id).isEqualTo(JobStatus.FAILED);
                assertThat(c.getError().getCode()).as(id).isEqualTo(code.name());
            });
            assertThat(h.completions.byId().get("good").getStatus()).isEqualTo(JobStatus.SUCCEEDED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.deadLetters.all().size() == refused.size());
            assertThat(h.object(h.images, "victim/prediction.png")).isEqualTo(ORIGINAL);
            assertThat(h.object(h.results, "victim/mask.png")).isEqualTo(ORIGINAL);
            assertThat(h.object(h.results, "runs/good/mask.png")).isNotEmpty();
        }
    }

    /** A valid job on the examples under {@code shared/}, writing under {@code runs/}. */
    private PromptJob.Builder job(String jobId) {
        PromptJob.Builder b = h.job(jobId);
        b.getExamples().forEach(p -> {
            p.setInput(ref(h.images, "shared/" + p.getInput().getKey()));
            p.setOutput(ref(h.images, "shared/" + p.getOutput().getKey()));
        });
        return b.setQuery(ref(h.images, "shared/query.png"))
                .setGroundTruth(ref(h.images, "shared/query_mask.png"))
                .setOutput(out(h.results, "runs"));
    }

    private static ObjectRef ref(String bucket, String key) {
        return ObjectRef.newBuilder()
                .setBucket(bucket)
                .setKey(key)
                .setVersionId(null)
                .build();
    }

    private static OutputLocation out(String bucket, String prefix) {
        return OutputLocation.newBuilder().setBucket(bucket).setPrefix(prefix).build();
    }
}
