package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.chaos.DeliveryTally.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

    private static final DeliveryTally TALLY = DeliveryTally.count(
            List.of("a", "b"),
            List.of(new Outcome("a", true), new Outcome("a", true), new Outcome("b", true)),
            List.of(),
            Map.of(0, 2L),
            Map.of(0, 2L),
            Set.of("a", "b"));

    @Test
    void shouldFailAndNameTheBrokenPromiseWhenOneExpectationIsNotMet() {
        // Given
        ChaosReport r = new ChaosReport(
                "kill",
                "at-least-once",
                "2 workers",
                TALLY,
                Map.of("kill 1", "chaos-w1 at job 10"),
                List.of(
                        Expectation.equal("0 missing", 0, TALLY.missing()),
                        Expectation.atMost("duplicates <= uncommitted at the kills (0)", 0, TALLY.duplicates())));

        // When
        String text = r.render();

        // Then
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).isEqualTo(1);
        assertThat(text)
                .contains("vp chaos kill: 2 workers")
                .contains("kill 1")
                .containsPattern("duplicates <= uncommitted at the kills \\(0\\)\\s+1\\s+FAILED")
                .contains("kill: FAILED (1 of 2 expectations)");
    }

    @Test
    void shouldPassAndSummariseEachScenarioWhenEveryExpectationIsMet() {
        // Given
        ChaosReport r = new ChaosReport(
                "broker-restart", "exactly-once", "x", TALLY, Map.of(), List.of(Expectation.equal("0 missing", 0, 0)));

        // When / Then
        assertThat(r.passed()).isTrue();
        assertThat(r.render()).endsWith("broker-restart: PASSED\n");
        assertThat(ChaosReport.summary(List.of(r)))
                .contains("delivery")
                .containsPattern("broker-restart\\s+exactly-once\\s+2\\s+2\\s+0\\s+1\\s+0\\s+2/2\\s+PASSED");
    }
}
