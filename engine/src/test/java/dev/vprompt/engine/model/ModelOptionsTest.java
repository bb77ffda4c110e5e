package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelOptionsTest {

    @Test
    void shouldUseAutoDeviceAndFp32WhenDefaultsAreTaken() {
        // When
        ModelOptions opts = ModelOptions.defaults();

        // Then
        assertThat(opts.device()).isEqualTo(ModelOptions.AUTO);
        assertThat(opts.precision()).isEqualTo(Precision.FP32);
        assertThat(opts.decodeChunk()).isEqualTo(ModelOptions.DEFAULT_DECODE_CHUNK);
    }

    @Test
    void shouldNormaliseDeviceNamesWhenGivenInAnyCase() {
        // When / Then
        assertThat(ModelOptions.cpu().withDevice(" GPU:1 ").device()).isEqualTo("gpu:1");
        assertThat(ModelOptions.cpu().withDevice("gpu").gpuIndex()).isZero();
        assertThat(ModelOptions.cpu().withDevice("CPU").gpuIndex()).isEqualTo(-1);
    }

    @Test
    void shouldRejectOptionsWhenDeviceOrChunkIsInvalid() {
        // When / Then
        assertThatThrownBy(() -> ModelOptions.cpu().withDevice("tpu:0"))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("tpu:0");
        assertThatThrownBy(() -> ModelOptions.cpu().withDecodeChunk(0)).isInstanceOf(ModelConfigException.class);
    }
}
