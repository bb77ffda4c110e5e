package dev.vprompt.worker.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.internal.job.JobTimings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionEventsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String HASH = "9a".repeat(32);

    private static ModelInfo reported(ModelIdentity identity) {
        PromptCompleted event = new CompletionEvents("w-1", identity, CLOCK)
                .failed("job-1", "IMAGE_CORRUPT", "bad", new JobTimings(0, CLOCK.millis()), Map.of());
        return event.getModel();
    }

    @Test
    void shouldReportTheFileNameAndItsHashWhenTheWeightsComeFromACheckpoint() {
        // When
        ModelInfo m = reported(ModelIdentity.checkpoint("mae-vqgan", "s3://models/ft/checkpoint-1000.pth", HASH));

        // Then
        assertThat(m.getId()).isEqualTo("mae-vqgan");
        assertThat(m.getName()).isEqualTo("checkpoint-1000.pth");
        assertThat(m.getCheckpointSha256()).isEqualTo(HASH);
        assertThat(m.getSha256()).isEqualTo(HASH);
    }

    @Test
    void shouldReportNoHashWhenTheModelIsRandomOrNull() {
        // When
        ModelInfo random = reported(ModelIdentity.randomSeed("mae-vqgan", 7));
        ModelInfo none = reported(ModelIdentity.nullModel("mae-vqgan"));

        // Then: the hash field is a hash or nothing; the version-1 field keeps what version-1 readers expect
        assertThat(random.getName()).isEqualTo("random-seed-7");
        assertThat(random.getCheckpointSha256()).isNull();
        assertThat(random.getSha256()).isEqualTo("random-seed-7");
        assertThat(none.getName()).isEqualTo("null-model");
        assertThat(none.getCheckpointSha256()).isNull();
        assertThat(none.getSha256()).isEqualTo("null-model");
    }

    @Test
    void shouldBeMeaningfulOnlyWhenTheWeightsComeFromAFile() {
        // When / Then
        assertThat(ModelIdentity.checkpoint("m", "/models/a.pth", HASH).meaningful())
                .isTrue();
        assertThat(ModelIdentity.randomSeed("m", 1).meaningful()).isFalse();
        assertThat(ModelIdentity.nullModel("m").meaningful()).isFalse();
        assertThat(ModelIdentity.checkpoint("m", "/models/a.pth", HASH).describe())
                .isEqualTo("m (a.pth, sha256 " + HASH + ")");
    }
}
