package dev.vprompt.worker.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.model.ModelConfigException;
import dev.vprompt.worker.config.ModelSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRuntimeDevicesTest {

    @Test
    void shouldRunOnTheCpuWhenAutoFindsNoGpu() throws Exception {
        // Given: the random model (no checkpoint, so no store is needed) on this build's natives, which see no GPU
        ModelSettings settings = ModelSettings.builder()
                .path(ModelSettings.RANDOM)
                .devices(List.of("auto"))
                .precision("FP32")
                .build();

        // When
        ModelRuntime runtime = ModelRuntime.create(settings, null);

        // Then
        assertThat(runtime.devices()).containsExactly("cpu");
    }

    @Test
    void shouldRefuseToStartWhenThePrecisionCannotRunOnTheDevices() {
        // Given
        ModelSettings bf16 = ModelSettings.builder()
                .devices(List.of("cpu"))
                .precision("BF16")
                .build();
        ModelSettings fp16OnCpu = ModelSettings.builder()
                .devices(List.of("auto"))
                .precision("fp16")
                .build();

        // When / Then: a clear reason at startup, before any model is built
        assertThatThrownBy(() -> ModelRuntime.create(bf16, null))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("precision BF16 is not available");
        assertThatThrownBy(() -> ModelRuntime.create(fp16OnCpu, null))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("precision FP16 on the CPU");
    }

    @Test
    void shouldShareTheCoresAmongCpuDevicesWhenNoThreadCountIsConfigured() {
        // Given
        List<String> twoCpus = List.of("cpu", "cpu");
        List<String> oneCpu = List.of("cpu");

        // When / Then
        assertThat(ModelRuntime.intraOpThreads(0, "cpu", twoCpus, 16)).isEqualTo(8);
        assertThat(ModelRuntime.intraOpThreads(0, "cpu", oneCpu, 16)).isEqualTo(16);
        assertThat(ModelRuntime.intraOpThreads(0, "cpu", List.of("cpu", "cpu", "cpu"), 2))
                .isEqualTo(1);
    }

    @Test
    void shouldUseTheConfiguredCountWhenOneIsSetAndLeaveGpusToLibtorchWhenNot() {
        assertThat(ModelRuntime.intraOpThreads(3, "cpu", List.of("cpu", "cpu"), 16))
                .isEqualTo(3);
        assertThat(ModelRuntime.intraOpThreads(3, "gpu:0", List.of("gpu:0"), 16))
                .isEqualTo(3);
        assertThat(ModelRuntime.intraOpThreads(0, "gpu:0", List.of("gpu:0", "cpu"), 16))
                .isZero();
    }
}
