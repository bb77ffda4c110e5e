package dev.vprompt.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class FiniteMeanTest {

    @Test
    void shouldLeaveOutUndefinedValuesWhenAveraging() {
        // When
        double mean = FiniteMean.of(DoubleStream.of(1.0, Double.NaN, 2.0, Double.POSITIVE_INFINITY, 6.0));

        // Then
        assertThat(mean).isEqualTo(3.0);
    }

    @Test
    void shouldBeNaNWhenNoValueIsFinite() {
        // When / Then
        assertThat(FiniteMean.of(DoubleStream.of(Double.NaN))).isNaN();
        assertThat(FiniteMean.of(DoubleStream.empty())).isNaN();
    }
}
