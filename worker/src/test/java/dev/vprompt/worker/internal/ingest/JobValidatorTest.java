package dev.vprompt.worker.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule a job must satisfy before any I/O, each with its stable code. */
class JobValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static JobValidator validator(Set<String> allowedBuckets) {
        S3Settings s3 = S3Settings.builder()
                .endpoint("http://127.0.0.1:9000")
                .credentials("a", "b")
                .allowedBuckets(allowedBuckets)
                .build();
        return new JobValidator(s3, 8, 8, "mae-vqgan", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PromptJob.Builder job() {
        return PromptJob.newBuilder(TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", "q.png"));
    }

    private static ObjectRef elsewhere() {
        return ObjectRef.newBuilder().setBucket("someone-elses").setKey("x.png").build();
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("empty jobId", b -> b.setJobId(" "), ErrorCode.INVALID_JOB),
                rule("no example pair", b -> b.setExamples(new ArrayList<>()), ErrorCode.INVALID_JOB),
                rule(
                        "more pairs than allowed",
                        b -> b.setExamples(
                                Collections.nCopies(9, b.getExamples().get(0))),
                        ErrorCode.TOO_MANY_EXAMPLES),
                rule("3x2 layout with one pair", b -> b.setLayout(PromptLayout.GRID_3X2), ErrorCode.INVALID_JOB),
                rule("another model", b -> b.setModel("gpt-vision"), ErrorCode.UNKNOWN_MODEL),
                rule(
                        "example input elsewhere",
                        b -> b.setExamples(java.util.List.of(
                                ExamplePair.newBuilder(b.getExamples().get(0))
                                        .setInput(elsewhere())
                                        .build())),
                        ErrorCode.FORBIDDEN_BUCKET),
                rule("query elsewhere", b -> b.setQuery(elsewhere()), ErrorCode.FORBIDDEN_BUCKET),
                rule("ground truth elsewhere", b -> b.setGroundTruth(elsewhere()), ErrorCode.FORBIDDEN_BUCKET),
                rule("output elsewhere", b -> b.setOutput(output("someone-elses", "p")), ErrorCode.FORBIDDEN_BUCKET),
                rule("prefix climbing out", b -> b.setOutput(output("results", "a/../../b")), ErrorCode.INVALID_JOB),
                rule("absolute prefix", b -> b.setOutput(output("results", "/etc")), ErrorCode.INVALID_JOB),
                rule("jobId with a slash", b -> b.setJobId("a/b"), ErrorCode.INVALID_JOB),
                rule("deadline passed", b -> b.setDeadline(NOW.minusSeconds(1)), ErrorCode.DEADLINE_EXCEEDED),
                rule(
                        "3x2 layout with three pairs",
                        b -> b.setLayout(PromptLayout.GRID_3X2)
                                .setExamples(
                                        Collections.nCopies(3, b.getExamples().get(0))),
                        ErrorCode.INVALID_JOB),
                rule(
                        "ensemble on the 3x2 layout",
                        b -> b.setLayout(PromptLayout.GRID_3X2)
                                .setEnsemble(true)
                                .setExamples(
                                        Collections.nCopies(2, b.getExamples().get(0))),
                        ErrorCode.INVALID_JOB),
                rule(
                        "ensemble of two pairs: 16 canvases, batches of 8",
                        b -> b.setEnsemble(true)
                                .setExamples(
                                        Collections.nCopies(2, b.getExamples().get(0))),
                        ErrorCode.INVALID_JOB),
                rule(
                        "examples and a pool",
                        b -> b.setExamplePool(TestJobs.ref("pool/pool.json")),
                        ErrorCode.INVALID_JOB),
                rule(
                        "a pool and k 0",
                        b -> b.setExamples(new ArrayList<>())
                                .setExamplePool(TestJobs.ref("pool/pool.json"))
                                .setK(0),
                        ErrorCode.INVALID_JOB),
                rule(
                        "a pool and more pairs than allowed",
                        b -> b.setExamples(new ArrayList<>())
                                .setExamplePool(TestJobs.ref("pool/pool.json"))
                                .setK(9),
                        ErrorCode.TOO_MANY_EXAMPLES),
                rule(
                        "a pool elsewhere",
                        b -> b.setExamples(new ArrayList<>()).setExamplePool(elsewhere()),
                        ErrorCode.FORBIDDEN_BUCKET),
                rule("k without a pool", b -> b.setK(2), ErrorCode.INVALID_JOB));
    }

    private static Arguments rule(String name, Consumer<PromptJob.Builder> change, ErrorCode code) {
        return Arguments.of(name, change, code);
    }

    private static OutputLocation output(String bucket, String prefix) {
        return OutputLocation.newBuilder().setBucket(bucket).setPrefix(prefix).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void shouldFailWithTheRulesCodeWhenAJobBreaksIt(String name, Consumer<PromptJob.Builder> change, ErrorCode code) {
        // Given
        PromptJob.Builder b = job();
        change.accept(b);
        PromptJob bad = b.build();
        // When / Then
        assertThatThrownBy(() -> validator(Set.of("images", "results")).validate(bad))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(code);
                    assertThat(f.retriable()).isFalse();
                });
    }

    @Test
    void shouldAcceptAJobWhenEveryRuleHolds() {
        // Given: a ground truth, the served model by name, a deadline ahead, a 3x2 prompt with two pairs
        PromptJob good = job().setGroundTruth(TestJobs.ref("q-mask.png"))
                .setModel("mae-vqgan")
                .setDeadline(NOW.plusSeconds(60))
                .build();
        PromptJob grid3x2 = PromptJob.newBuilder(TestJobs.job(Task.IMAGE, PromptLayout.GRID_3X2, 2, "ex-", "q.png"))
                .build();
        // When / Then
        assertThatCode(() -> validator(Set.of("images", "results")).validate(good))
                .doesNotThrowAnyException();
        assertThatCode(() -> validator(Set.of("images", "results")).validate(grid3x2))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptEnsemblesAndExampleFusionsWhenTheirCanvasesFitOneBatch() {
        // Given: an ensemble of one pair (8 canvases), a fusion of eight pairs (8), a pool of k = 4 (4)
        PromptJob ensemble = job().setEnsemble(true).build();
        PromptJob eightPairs = PromptJob.newBuilder(TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 8, "ex-", "q"))
                .build();
        PromptJob pool = job().setExamples(new ArrayList<>())
                .setExamplePool(TestJobs.ref("pool/pool.json"))
                .setK(4)
                .build();
        // When / Then
        for (PromptJob j : java.util.List.of(ensemble, eightPairs, pool)) {
            assertThatCode(() -> validator(Set.of("images", "results")).validate(j))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void shouldNameTheCanvasCountAndTheBoundWhenAnEnsembleCannotRunInOneBatch() {
        // Given: a worker whose batches hold 4 canvases
        S3Settings s3 = S3Settings.builder()
                .endpoint("http://127.0.0.1:9000")
                .credentials("a", "b")
                .allowedBuckets(Set.of("images", "results"))
                .build();
        JobValidator small = new JobValidator(s3, 8, 4, "mae-vqgan", Clock.fixed(NOW, ZoneOffset.UTC));
        // When / Then
        assertThatThrownBy(() -> small.validate(job().setEnsemble(true).build()))
                .isInstanceOfSatisfying(
                        JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.INVALID_JOB))
                .hasMessageContaining("8 canvases")
                .hasMessageContaining("batch.maxBatchSize is 4");
    }

    @Test
    void shouldAllowAnyBucketWhenTheAllowlistIsTheWildcard() {
        // Given
        PromptJob job = job().setQuery(elsewhere()).build();
        // When / Then
        assertThatCode(() -> validator(Set.of(S3Settings.ANY_BUCKET)).validate(job))
                .doesNotThrowAnyException();
    }
}
