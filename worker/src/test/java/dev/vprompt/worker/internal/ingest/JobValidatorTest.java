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
import dev.vprompt.worker.config.S3Permission;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import dev.vprompt.worker.internal.job.ResultKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /** Reads granted in {@code images}, writes in {@code results}, as most deployments grant them. */
    private static JobValidator validator() {
        return validator(S3Settings.builder()
                .read(List.of(S3Permission.bucket("images")))
                .write(List.of(S3Permission.bucket("results"))));
    }

    private static JobValidator validator(S3Settings.Builder grants) {
        S3Settings s3 =
                grants.endpoint("http://127.0.0.1:9000").credentials("a", "b").build();
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
                rule("empty jobId", b -> b.setJobId(" "), ErrorCode.INVALID_JOB_ID),
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
                        b -> b.setExamples(
                                List.of(ExamplePair.newBuilder(b.getExamples().get(0))
                                        .setInput(elsewhere())
                                        .build())),
                        ErrorCode.FORBIDDEN_BUCKET),
                rule("query elsewhere", b -> b.setQuery(elsewhere()), ErrorCode.FORBIDDEN_BUCKET),
                rule("ground truth elsewhere", b -> b.setGroundTruth(elsewhere()), ErrorCode.FORBIDDEN_BUCKET),
                rule("output elsewhere", b -> b.setOutput(output("someone-elses", "p")), ErrorCode.FORBIDDEN_BUCKET),
                rule(
                        "output into the images bucket",
                        b -> b.setOutput(output("images", "p")),
                        ErrorCode.FORBIDDEN_BUCKET),
                rule(
                        "query from the results bucket",
                        b -> b.setQuery(results("p/x/mask.png")),
                        ErrorCode.FORBIDDEN_BUCKET),
                rule("prefix climbing out", b -> b.setOutput(output("results", "a/../../b")), ErrorCode.INVALID_JOB),
                rule("absolute prefix", b -> b.setOutput(output("results", "/etc")), ErrorCode.INVALID_JOB),
                rule("prefix with a newline", b -> b.setOutput(output("results", "p\nforged")), ErrorCode.INVALID_JOB),
                rule("prefix too long", b -> b.setOutput(output("results", "p".repeat(513))), ErrorCode.INVALID_JOB),
                rule(
                        "query key with a '..' segment",
                        b -> b.setQuery(TestJobs.ref("a/../q.png")),
                        ErrorCode.INVALID_JOB),
                rule("query key with a tab", b -> b.setQuery(TestJobs.ref("q\t.png")), ErrorCode.INVALID_JOB),
                rule("query key too long", b -> b.setQuery(TestJobs.ref("q".repeat(1025))), ErrorCode.INVALID_JOB),
                rule("jobId with a slash", b -> b.setJobId("a/b"), ErrorCode.INVALID_JOB_ID),
                rule("jobId with '..'", b -> b.setJobId(".."), ErrorCode.INVALID_JOB_ID),
                rule("jobId with a newline", b -> b.setJobId("j\nINFO forged line"), ErrorCode.INVALID_JOB_ID),
                rule("jobId with a bidi override", b -> b.setJobId("j\u202egnp"), ErrorCode.INVALID_JOB_ID),
                rule("jobId of 1,100 characters", b -> b.setJobId("j".repeat(1100)), ErrorCode.INVALID_JOB_ID),
                rule("jobId of 257 bytes", b -> b.setJobId("\u00e9".repeat(128) + "j"), ErrorCode.INVALID_JOB_ID),
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

    private static ObjectRef results(String key) {
        return ObjectRef.newBuilder().setBucket("results").setKey(key).build();
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
        assertThatThrownBy(() -> validator().validate(bad)).isInstanceOfSatisfying(JobFailure.class, f -> {
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
        assertThatCode(() -> validator().validate(good)).doesNotThrowAnyException();
        assertThatCode(() -> validator().validate(grid3x2)).doesNotThrowAnyException();
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
        for (PromptJob j : List.of(ensemble, eightPairs, pool)) {
            assertThatCode(() -> validator().validate(j)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldNameTheCanvasCountAndTheBoundWhenAnEnsembleCannotRunInOneBatch() {
        // Given: a worker whose batches hold 4 canvases
        S3Settings s3 = S3Settings.builder()
                .endpoint("http://127.0.0.1:9000")
                .credentials("a", "b")
                .read(List.of(S3Permission.bucket("images")))
                .write(List.of(S3Permission.bucket("results")))
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
        assertThatCode(() -> validator(S3Settings.builder().allowedBuckets(Set.of(S3Settings.ANY_BUCKET)))
                        .validate(job))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptTheLongestJobIdAndPrefixWhenTheyFitAnS3Key() {
        // Given: the longest id and prefix the rules let through, in two-byte characters
        PromptJob longest = job().setJobId("\u00e9".repeat(ResultKeys.MAX_JOB_ID_BYTES / 2))
                .setOutput(output("results", "\u00e9".repeat(ResultKeys.MAX_PREFIX_BYTES / 2)))
                .build();
        // When
        validator().validate(longest);
        // Then: with the longest result name, the key is within S3's limit
        String key = ResultKeys.base(longest) + "n".repeat(ResultKeys.MAX_NAME_BYTES);
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResultKeys.S3_MAX_KEY_BYTES);
    }

    static Stream<Arguments> prefixGrants() {
        S3Settings.Builder grants = S3Settings.builder()
                .read(List.of(S3Permission.parse("images/shared/"), S3Permission.parse("refs")))
                .write(List.of(S3Permission.parse("results/team-a/")));
        return Stream.of(
                Arguments.of("query under the read prefix", grants, shared("q.png"), "team-a/runs", null),
                Arguments.of(
                        "query outside it", grants, TestJobs.ref("private/q.png"), "team-a", ErrorCode.FORBIDDEN_KEY),
                Arguments.of(
                        "query in a bucket no grant names", grants, elsewhere(), "team-a", ErrorCode.FORBIDDEN_BUCKET),
                Arguments.of(
                        "results outside the write prefix", grants, shared("q.png"), "team-b", ErrorCode.FORBIDDEN_KEY),
                Arguments.of("results at the bucket's root", grants, shared("q.png"), "", ErrorCode.FORBIDDEN_KEY));
    }

    private static ObjectRef shared(String name) {
        return TestJobs.ref("shared/" + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prefixGrants")
    void shouldHoldReadsAndWritesToTheirGrantedPrefixesWhenGrantsNameThem(
            String name, S3Settings.Builder grants, ObjectRef query, String prefix, ErrorCode expected) {
        // Given: examples under the granted read prefix
        ExamplePair pair = ExamplePair.newBuilder()
                .setInput(shared("a.png"))
                .setOutput(shared("a_mask.png"))
                .build();
        PromptJob job = job().setExamples(List.of(pair))
                .setQuery(query)
                .setOutput(output("results", prefix))
                .build();
        // When / Then
        if (expected == null) {
            assertThatCode(() -> validator(grants).validate(job)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> validator(grants).validate(job))
                    .isInstanceOfSatisfying(
                            JobFailure.class, f -> assertThat(f.code()).isEqualTo(expected));
        }
    }

    @Test
    void shouldRefuseResultsInAnImmutableBucketWhenAWildcardGrantCoversIt() {
        // Given: writes granted anywhere, but the images bucket is write-once
        S3Settings.Builder grants = S3Settings.builder()
                .read(List.of(S3Permission.bucket("images")))
                .write(List.of(S3Permission.bucket(S3Settings.ANY_BUCKET)))
                .immutableBuckets(Set.of("images"));
        PromptJob intoImages = job().setOutput(output("images", "p")).build();
        // When / Then
        assertThatThrownBy(() -> validator(grants).validate(intoImages))
                .isInstanceOfSatisfying(
                        JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.FORBIDDEN_BUCKET));
        assertThatCode(() -> validator(grants).validate(job().build())).doesNotThrowAnyException();
    }

    @Test
    void shouldQuoteControlCharactersWhenTheMessageNamesABadJobId() {
        // Given
        PromptJob forged = job().setJobId("j\n2026-12-06 INFO all good").build();
        // When / Then: the message (logged, and sent in the FAILED event) holds no line break
        assertThatThrownBy(() -> validator().validate(forged))
                .isInstanceOfSatisfying(
                        JobFailure.class,
                        f -> assertThat(f.getMessage()).doesNotContain("\n").contains("\\u000a"));
    }
}
