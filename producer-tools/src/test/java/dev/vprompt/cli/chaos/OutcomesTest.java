package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.chaos.DeliveryTally.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    private static DeliveryTally tally(Outcome... events) {
        return DeliveryTally.count(
                List.of("a", "b"), List.of(events), List.of(), Map.of(0, 2L), Map.of(0, 2L), Set.of());
    }

    @Test
    void shouldMeetExactlyOnceWhenEveryJobHasOneEvent() {
        // Given
        DeliveryTally t = tally(new Outcome("a", true), new Outcome("b", true));

        // When
        Expectation e = Outcomes.exactlyOnce(t, 0);

        // Then
        assertThat(e.met()).isTrue();
        assertThat(e.what()).isEqualTo("0 duplicates (exactly-once)");
        assertThat(e.measured()).isEqualTo("0");
    }

    @Test
    void shouldFailExactlyOnceWhenOneJobHasTwoEvents() {
        // Given: what at-least-once delivery allows after a crash between publish and commit
        DeliveryTally t = tally(new Outcome("a", true), new Outcome("a", true), new Outcome("b", true));

        // When
        Expectation e = Outcomes.exactlyOnce(t, 0);

        // Then
        assertThat(e.met()).isFalse();
        assertThat(e.measured()).isEqualTo("1");
    }

    @Test
    void shouldAllowOneEventPerJobRecordWhenTheProducerSentAJobTwice() {
        // Given: job a is twice in the jobs topic, so two events are one per record
        DeliveryTally twice = tally(new Outcome("a", true), new Outcome("a", true), new Outcome("b", true));
        DeliveryTally thrice =
                tally(new Outcome("a", true), new Outcome("a", true), new Outcome("a", true), new Outcome("b", true));

        // When
        Expectation met = Outcomes.exactlyOnce(twice, 1);
        Expectation notMet = Outcomes.exactlyOnce(thrice, 1);

        // Then
        assertThat(met.met()).isTrue();
        assertThat(met.what()).contains("1");
        assertThat(notMet.met()).isFalse();
        assertThat(notMet.measured()).isEqualTo("2");
    }
}
