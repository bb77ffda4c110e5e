package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vprompt.cli.chaos.SoakFigures.Drift;
import dev.vprompt.cli.chaos.SoakFigures.MinuteP99;
import dev.vprompt.cli.chaos.SoakFigures.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakFiguresTest {

    private static final long MIN = 60_000;

    @Test
    void shouldCompareTheFirstMinuteAfterWarmupWithTheLastWhenMeasuringDrift() {
        // Given: RSS climbing during warm-up (ignored), then 1000 MB in its first judged minute and 1030 at the end
        List<Sample> samples = List.of(
                new Sample(0, 500, 40, 100),
                new Sample(MIN, 900, 45, 100),
                new Sample(2 * MIN, 1000, 50, 120),
                new Sample(2 * MIN + 30_000, 1000, 50, 120),
                new Sample(4 * MIN, 1020, 51, 120),
                new Sample(5 * MIN - 30_000, 1030, 52, 121),
                new Sample(5 * MIN, 1030, 53, 120));

        // When
        Drift d = SoakFigures.drift(samples, 2 * MIN, 5 * MIN).orElseThrow();

        // Then
        assertThat(d.rssStart()).isEqualTo(1000);
        assertThat(d.rssEnd()).isEqualTo(1030);
        assertThat(d.rssDriftPercent()).isCloseTo(3.0, within(1e-9));
        assertThat(d.threadsStart()).isEqualTo(50); // most in 2-3.5 min
        assertThat(d.threadsEnd()).isEqualTo(53); // most in 3.5-5 min
        assertThat(d.arraysMin()).isEqualTo(120);
        assertThat(d.arraysMax()).isEqualTo(121);
    }

    @Test
    void shouldBeEmptyWhenNoSampleFollowsTheWarmup() {
        assertThat(SoakFigures.drift(List.of(new Sample(0, 1, 1, 1)), MIN, 2 * MIN))
                .isEmpty();
    }

    @Test
    void shouldGiveOneP99PerMinuteIncludingEmptyMinutesWhenLatenciesAreBucketed() {
        // Given: minute 1 has 100 completions of 1..100 ms, minute 2 none, minute 3 one of 500 ms
        List<long[]> completions = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            completions.add(new long[] {i * 100L, i});
        }
        completions.add(new long[] {2 * MIN + 10, 500});

        // When
        List<MinuteP99> minutes = SoakFigures.p99PerMinute(completions, 0, 2 * MIN + 20);

        // Then
        assertThat(minutes)
                .containsExactly(new MinuteP99(1, 100, 99), new MinuteP99(2, 0, 0), new MinuteP99(3, 1, 500));
        assertThat(SoakFigures.medianP99(minutes)).isEqualTo(99);
    }
}
