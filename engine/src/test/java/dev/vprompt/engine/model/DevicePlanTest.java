package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePlanTest {

    private static final DeviceInventory CPU_NATIVES = new DeviceInventory(false, 0, "2.5.1", "");
    private static final DeviceInventory CUDA_NO_GPU = new DeviceInventory(true, 0, "2.5.1", "");
    private static final DeviceInventory TWO_GPUS = new DeviceInventory(true, 2, "2.5.1", "");

    @Test
    void shouldTakeEveryGpuWhenAutoFindsCudaNativesAndGpus() {
        // When
        DevicePlan plan = DevicePlan.resolve(List.of("auto"), Precision.FP16, TWO_GPUS);

        // Then
        assertThat(plan.devices()).containsExactly("gpu:0", "gpu:1");
        assertThat(plan.summary())
                .isEqualTo("devices [auto] -> [gpu:0, gpu:1] (libtorch 2.5.1, CUDA natives, 2 GPUs visible),"
                        + " precision FP16")
                .doesNotContain("\n");
    }

    @Test
    void shouldFallBackToTheCpuQuietlyWhenAutoRunsOnCpuNatives() {
        // When
        DevicePlan plan = DevicePlan.resolve(List.of("auto"), Precision.FP32, CPU_NATIVES);

        // Then
        assertThat(plan.devices()).containsExactly("cpu");
        assertThat(plan.summary()).isEqualTo("devices [auto] -> [cpu] (libtorch 2.5.1, CPU natives), precision FP32");
    }

    @Test
    void shouldSayNoGpuIsVisibleWhenAutoHasCudaNativesButNoGpu() {
        // When
        DevicePlan plan = DevicePlan.resolve(List.of("auto"), Precision.FP32, CUDA_NO_GPU);

        // Then
        assertThat(plan.devices()).containsExactly("cpu");
        assertThat(plan.summary()).contains("CUDA natives but no GPU visible");
    }

    @Test
    void shouldKeepRepeatedCpuDevicesWhenTwoCpuThreadsAreAsked() {
        // When
        DevicePlan plan = DevicePlan.resolve(List.of("cpu", "CPU"), Precision.FP32, CPU_NATIVES);

        // Then
        assertThat(plan.devices()).containsExactly("cpu", "cpu");
    }

    @Test
    void shouldExpandGpuAndKeepNamedGpusWhenTheyAreVisible() {
        // When
        DevicePlan all = DevicePlan.resolve(List.of("gpu"), Precision.FP32, TWO_GPUS);
        DevicePlan one = DevicePlan.resolve(List.of("gpu:1"), Precision.FP32, TWO_GPUS);

        // Then
        assertThat(all.devices()).containsExactly("gpu:0", "gpu:1");
        assertThat(one.devices()).containsExactly("gpu:1");
    }

    @Test
    void shouldListEveryProblemWhenDevicesCannotBeHad() {
        // When / Then
        assertThatThrownBy(() -> DevicePlan.resolve(List.of("gpu", "gpu:3", "tpu"), Precision.FP32, CUDA_NO_GPU))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("device 'gpu' asks for every GPU, but none is visible")
                .hasMessageContaining("device gpu:3 is not visible: 0 GPU(s)")
                .hasMessageContaining("unknown device 'tpu'");
    }

    @Test
    void shouldRefuseBfloat16OnEveryDeviceWhenItIsConfigured() {
        // When / Then
        assertThatThrownBy(() -> DevicePlan.resolve(List.of("auto"), Precision.BF16, TWO_GPUS))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("precision BF16 is not available");
        assertThatThrownBy(() -> DevicePlan.resolve(List.of("cpu"), Precision.BF16, CPU_NATIVES))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("precision BF16 is not available");
    }

    @Test
    void shouldRefuseHalfPrecisionWhenAutoFallsBackToTheCpu() {
        // When / Then
        assertThatThrownBy(() -> DevicePlan.resolve(List.of("auto"), Precision.FP16, CUDA_NO_GPU))
                .isInstanceOf(ModelConfigException.class)
                .hasMessageContaining("precision FP16 on the CPU")
                .hasMessageContaining("use FP32 on the CPU");
    }

    @Test
    void shouldRejectAnInventoryWhenGpusAreSeenWithoutCudaNatives() {
        // When / Then
        assertThatThrownBy(() -> new DeviceInventory(false, 1, "2.5.1", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindThisBuildsNativesAndNoGpuWhenProbingTheEngine() {
        // Given: the natives the build was told to use (cpu, or cu124 with -Pcuda), on a machine without a GPU
        boolean cudaBuild = "cu124".equals(System.getProperty("vprompt.pytorch.flavor"));

        // When
        DeviceInventory found = DeviceInventory.probe();

        // Then
        assertThat(found.cudaNatives()).isEqualTo(cudaBuild);
        assertThat(found.gpuCount()).isZero();
        assertThat(found.libtorchVersion()).startsWith("2.5.1");
        assertThat(found.describe()).startsWith("libtorch 2.5.1");
    }
}
