package dev.vprompt.training.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void shouldWarmUpLinearlyThenDecayToTheFloorWhenTheRunEnds() {
        // Given
        Schedule s = new Schedule(1.0, 10, 0.1);

        // When / Then
        assertThat(s.at(0, 0)).isCloseTo(0.1f, within(1e-6f));
        assertThat(s.at(9, 0.01)).isCloseTo(1.0f, within(1e-6f));
        assertThat(s.at(50, 0.5)).isCloseTo(0.55f, within(1e-6f));
        assertThat(s.at(100, 1.0)).isCloseTo(0.1f, within(1e-6f));
    }

    @Test
    void shouldStopAtTheStepCountWhenTheTimeBudgetIsAmple() {
        // Given
        Budget b = new Budget(5, Duration.ofHours(1), Duration.ZERO);

        // When / Then
        assertThat(b.exhausted(4)).isFalse();
        assertThat(b.exhausted(5)).isTrue();
        assertThat(b.cutShort(5)).isFalse();
        assertThat(b.progress(2)).isCloseTo(0.4, within(1e-3));
    }

    @Test
    void shouldStopEarlyWhenTheTimeSpentBeforeAResumeUsesTheBudget() {
        // Given: a resumed run that already spent its whole budget
        Budget b = new Budget(100, Duration.ofMinutes(10), Duration.ofMinutes(10));

        // When / Then
        assertThat(b.exhausted(3)).isTrue();
        assertThat(b.cutShort(3)).isTrue();
        assertThat(b.progress(3)).isEqualTo(1.0);
    }
}
