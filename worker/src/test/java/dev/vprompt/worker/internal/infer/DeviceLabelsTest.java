package dev.vprompt.worker.internal.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceLabelsTest {

    @Test
    void shouldNumberADeviceWhenItIsListedMoreThanOnce() {
        assertThat(DeviceLabels.of(List.of("cpu", "cpu"))).containsExactly("cpu#0", "cpu#1");
        assertThat(DeviceLabels.of(List.of("gpu:0", "cpu", "gpu:1", "cpu")))
                .containsExactly("gpu:0", "cpu#0", "gpu:1", "cpu#1");
    }

    @Test
    void shouldKeepTheNameWhenADeviceIsListedOnce() {
        assertThat(DeviceLabels.of(List.of("cpu"))).containsExactly("cpu");
        assertThat(DeviceLabels.of(List.of("gpu:0", "gpu:1"))).containsExactly("gpu:0", "gpu:1");
    }
}
