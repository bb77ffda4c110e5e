package dev.vprompt.training.mae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TokenWeightsTest {

    @Test
    void shouldWeighEveryTokenOneWhenBalanceIsOff() {
        // Given very uneven counts
        long[] counts = {1000, 10, 1, 0};

        // When the exponent is 0
        TokenWeights w = TokenWeights.fromCounts(counts, 0);

        // Then every token weighs 1
        for (int t = 0; t < counts.length; t++) {
            assertThat(w.weight(t)).isEqualTo(1f);
        }
    }

    @Test
    void shouldWeighRareTokensMoreByTheInverseSquareRootOfTheirFrequency() {
        // Given counts whose mean over the used tokens is 100
        long[] counts = {400, 100, 25, 25, 25, 25, 0};

        // When balanced with exponent 0.5
        TokenWeights w = TokenWeights.fromCounts(counts, 0.5);

        // Then a token 4 times as frequent as the mean weighs 1/2, the mean 1, a quarter of it 2; unused tokens 1
        assertThat(w.weight(0)).isCloseTo(0.5f, within(1e-6f));
        assertThat(w.weight(1)).isCloseTo(1f, within(1e-6f));
        assertThat(w.weight(2)).isCloseTo(2f, within(1e-6f));
        assertThat(w.weight(6)).isEqualTo(1f);
    }

    @Test
    void shouldClipWeightsWhenFrequenciesAreExtreme() {
        // Given one token a million times as frequent as each of 99 others
        long[] counts = new long[100];
        java.util.Arrays.fill(counts, 1);
        counts[0] = 1_000_000;

        // When fully balanced
        TokenWeights w = TokenWeights.fromCounts(counts, 1);

        // Then the weights stay within the named bounds
        assertThat(w.weight(0)).isEqualTo((float) MaeSettings.MIN_TOKEN_WEIGHT);
        assertThat(w.weight(1)).isEqualTo((float) MaeSettings.MAX_TOKEN_WEIGHT);
    }
}
