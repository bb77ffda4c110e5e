package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vprompt.training.scenes.NumpyRandomState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {

    private static final JsonNode REFERENCE = NumpyReference.load();

    @Test
    void shouldProduceNumpysRawOutputsWhenSeededLikeNpRandomSeed() {
        for (Iterator<Map.Entry<String, JsonNode>> it = REFERENCE.get("raw").fields(); it.hasNext(); ) {
            // Given
            Map.Entry<String, JsonNode> e = it.next();
            NumpyRandomState rnd = new NumpyRandomState(Long.parseLong(e.getKey()));
            // When
            List<Long> ours = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                ours.add(rnd.nextUint32());
            }
            // Then
            List<Long> numpy = new ArrayList<>();
            e.getValue().forEach(v -> numpy.add(v.asLong()));
            assertThat(ours).as("seed %s", e.getKey()).isEqualTo(numpy);
        }
    }

    @Test
    void shouldDrawNumpysRandintSequenceWhenBoundsVary() {
        for (Iterator<Map.Entry<String, JsonNode>> it = REFERENCE.get("randint").fields(); it.hasNext(); ) {
            // Given
            Map.Entry<String, JsonNode> e = it.next();
            NumpyRandomState rnd = new NumpyRandomState(Long.parseLong(e.getKey()));
            for (JsonNode draw : e.getValue()) {
                // When
                int value = rnd.randint(draw.get(0).asInt(), draw.get(1).asInt());
                // Then
                assertThat(value)
                        .as("seed %s randint(%s, %s)", e.getKey(), draw.get(0), draw.get(1))
                        .isEqualTo(draw.get(2).asInt());
            }
        }
    }

    @Test
    void shouldPermuteLikeNumpyWhenPermutationsFollowEachOther() {
        // Given
        NumpyRandomState rnd = new NumpyRandomState(0);
        for (String n : List.of("1", "2", "7", "31", "346")) {
            // When
            int[] ours = rnd.permutation(Integer.parseInt(n));
            // Then
            int[] numpy = new int[ours.length];
            JsonNode ref = REFERENCE.get("permutation").get(n);
            for (int i = 0; i < numpy.length; i++) {
                numpy[i] = ref.get(i).asInt();
            }
            assertThat(ours).as("permutation(%s)", n).containsExactly(numpy);
        }
    }

    @Test
    void shouldRejectSeedOutsideUint32WhenConstructed() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
