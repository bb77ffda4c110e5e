package dev.vprompt.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldFollowTheNearestRankDefinitionWhenTheSampleIsOneToHundred() {
        // Given: a shuffled 1..100, where the nearest-rank p-th percentile is p itself
        long[] values =
                LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();
        // When
        Percentiles p = Percentiles.of(values);
        // Then
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(95)).isEqualTo(95);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.percentile(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
    }

    @Test
    void shouldRoundRanksUpWhenTheSampleIsSmall() {
        // Given: 4 values; p50 has rank ceil(2.0) = 2, p95 rank ceil(3.8) = 4
        Percentiles p = Percentiles.of(new long[] {40, 10, 30, 20});
        // When / Then
        assertThat(p.percentile(50)).isEqualTo(20);
        assertThat(p.percentile(95)).isEqualTo(40);
        assertThat(p.percentile(1)).isEqualTo(10);
    }

    @Test
    void shouldBeZeroWhenTheSampleIsEmpty() {
        // Given
        Percentiles p = Percentiles.of(new long[0]);
        // When / Then
        assertThat(p.percentile(99)).isZero();
        assertThat(p.max()).isZero();
        assertThat(p.mean()).isZero();
    }
}
