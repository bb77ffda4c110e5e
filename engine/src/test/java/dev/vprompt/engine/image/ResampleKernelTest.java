package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResampleKernelTest {

    @Test
    void shouldClampShiftedSumToOneByteWhenClipping() {
        // Given: sums across the whole int range, including the negative lobes and overshoots of bicubic weights
        int[] edges = {Integer.MIN_VALUE, -1, 0, 1, (255 << 22) - 1, 255 << 22, 256 << 22, Integer.MAX_VALUE};
        for (int acc : edges) {
            // When / Then: the branch-free clamp equals the plain one
            assertThat(ResampleKernel.clip8(acc)).as("clip8(%d)", acc).isEqualTo(Math.max(0, Math.min(255, acc >> 22)));
        }
        for (long acc = Integer.MIN_VALUE; acc <= Integer.MAX_VALUE; acc += 65_537) {
            int sum = (int) acc;
            assertThat(ResampleKernel.clip8(sum)).as("clip8(%d)", sum).isEqualTo(Math.max(0, Math.min(255, sum >> 22)));
        }
    }
}
