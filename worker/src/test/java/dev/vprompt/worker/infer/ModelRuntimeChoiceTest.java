package dev.vprompt.worker.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.worker.config.ModelSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRuntimeChoiceTest {

    @Test
    void shouldServeTheBuiltInTrainedModelWhenNoPathIsSet() throws Exception {
        // Given
        ModelSettings settings = ModelSettings.builder().devices(List.of("cpu")).build();

        // When
        ModelRuntime runtime = ModelRuntime.create(settings, null);

        // Then: the checkpoint shipped in models/, named and hashed in completion events
        assertThat(BundledModel.present()).isTrue();
        assertThat(runtime.identity().name()).isEqualTo(BundledModel.NAME + ".pth");
        assertThat(runtime.identity().sha256()).matches("[0-9a-f]{64}");
        assertThat(runtime.identity().meaningful()).isTrue();
        try (InferenceBackend backend = runtime.backend("cpu")) {
            assertThat(backend).isNotNull();
        }
    }

    @Test
    void shouldServeTheRandomModelWhenThePathNamesIt() throws Exception {
        // Given
        ModelSettings settings = ModelSettings.builder()
                .path(ModelSettings.RANDOM)
                .devices(List.of("cpu"))
                .build();

        // When
        ModelRuntime runtime = ModelRuntime.create(settings, null);

        // Then
        assertThat(runtime.identity().name()).isEqualTo("random-seed-" + ModelRuntime.RANDOM_SEED);
        assertThat(runtime.identity().meaningful()).isFalse();
    }
}
