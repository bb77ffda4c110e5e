package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.ModelInfo;
import org.junit.jupiter.api.Test;

/** {@link EvalRunner#meaningful} reads the model a completion reported, from workers of either schema version. */
class ReportedModelTest {

    private static final String HASH = "5e".repeat(32);

    @Test
    void shouldTrustOnlyACheckpointHashWhenTheWorkerReportsTheVersion2Fields() {
        // Given
        ModelInfo file = ModelInfo.newBuilder()
                .setId("m")
                .setSha256(HASH)
                .setName("ck.pth")
                .setCheckpointSha256(HASH)
                .build();
        ModelInfo random = ModelInfo.newBuilder()
                .setId("m")
                .setSha256("random-seed-3")
                .setName("random-seed-3")
                .build();

        // When / Then
        assertThat(EvalRunner.meaningful(file)).isTrue();
        assertThat(EvalRunner.weights(file)).isEqualTo("ck.pth, sha256 " + HASH);
        assertThat(EvalRunner.meaningful(random)).isFalse();
        assertThat(EvalRunner.weights(random)).isEqualTo("random-seed-3");
    }

    @Test
    void shouldJudgeBySha256WhenTheWorkerWroteVersion1() {
        // Given: version-1 events decode with an empty name and no checkpoint hash
        ModelInfo file = ModelInfo.newBuilder().setId("m").setSha256(HASH).build();
        ModelInfo none =
                ModelInfo.newBuilder().setId("m").setSha256("null-model").build();

        // When / Then
        assertThat(EvalRunner.meaningful(file)).isTrue();
        assertThat(EvalRunner.meaningful(none)).isFalse();
        assertThat(EvalRunner.weights(none)).isEqualTo("null-model");
    }
}
