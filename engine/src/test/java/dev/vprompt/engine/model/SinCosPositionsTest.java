package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.checkpoint.StateDict;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SinCosPositionsTest {

    @Test
    void shouldMatchTheCheckpointTablesWhenBuiltForTheFixtureWidths() {
        // Given: the official tables stored in the checkpoint
        StateDict sd = Fixture.stateDict();

        // When / Then
        for (String name : new String[] {"pos_embed", "decoder_pos_embed"}) {
            var t = sd.get(name);
            float[] expected = new float[(int) t.numel()];
            t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
            float[] actual = SinCosPositions.table((int) t.shape()[2], 14);
            assertThat(MaeVqganParityTest.maxAbs(actual, expected)).as(name).isLessThan(1e-6);
        }
    }
}
