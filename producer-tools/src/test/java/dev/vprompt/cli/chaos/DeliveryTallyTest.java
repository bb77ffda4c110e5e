package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.chaos.DeliveryTally.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryTallyTest {

    @Test
    void shouldCountDuplicatesConflictsAndMissingJobsWhenEventsRepeatAndDisagree() {
        // Given: a delivered once, b twice (redelivered), c SUCCEEDED then FAILED, d never, x not submitted
        List<String> submitted = List.of("a", "b", "c", "d");
        List<Outcome> events = List.of(
                new Outcome("a", true),
                new Outcome("b", true),
                new Outcome("b", true),
                new Outcome("c", true),
                new Outcome("c", false),
                new Outcome("x", true));

        // When
        DeliveryTally t = DeliveryTally.count(submitted, events, List.of(), Map.of(), Map.of(), Set.of());

        // Then
        assertThat(t.submitted()).isEqualTo(4);
        assertThat(t.events()).isEqualTo(6);
        assertThat(t.distinctJobs()).isEqualTo(4);
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.jobsWithDuplicates()).isEqualTo(2);
        assertThat(t.conflicting()).isEqualTo(1);
        assertThat(t.succeeded()).isEqualTo(4);
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.missing()).isEqualTo(1);
        assertThat(t.missingSample()).containsExactly("d");
        assertThat(t.unexpected()).isEqualTo(1);
    }

    @Test
    void shouldSumOffsetsAndCountPartitionsNeverCommittedAsBehindWhenSomeAreMissing() {
        // Given: partition 2 has records but no committed offset
        Map<Integer, Long> committed = Map.of(0, 10L, 1, 7L);
        Map<Integer, Long> end = Map.of(0, 10L, 1, 9L, 2, 4L);

        // When
        DeliveryTally t = DeliveryTally.count(List.of(), List.of(), List.of(), committed, end, Set.of());

        // Then
        assertThat(t.committed()).isEqualTo(17);
        assertThat(t.endOffsets()).isEqualTo(23);
        assertThat(t.partitionsBehind()).isEqualTo(2);
    }

    @Test
    void shouldGroupDeadLettersByCodeAndCountResultsOnlyOfSucceededJobsWhenObjectsAreChecked() {
        // Given: results found for a (succeeded) and f (failed only: not counted)
        List<Outcome> events = List.of(new Outcome("a", true), new Outcome("b", true), new Outcome("f", false));

        // When
        DeliveryTally t = DeliveryTally.count(
                List.of("a", "b", "f"),
                events,
                List.of("IMAGE_CORRUPT", "OBJECT_NOT_FOUND", "IMAGE_CORRUPT"),
                Map.of(),
                Map.of(),
                Set.of("a", "f"));

        // Then
        assertThat(t.deadLettersByCode())
                .containsExactly(Map.entry("IMAGE_CORRUPT", 2), Map.entry("OBJECT_NOT_FOUND", 1));
        assertThat(t.deadLetters()).isEqualTo(3);
        assertThat(t.resultsPresent()).isEqualTo(1);
        assertThat(t.toTable())
                .contains("dead letters")
                .contains("IMAGE_CORRUPT")
                .contains("1 / 2");
    }

    @Test
    void shouldShowNothingMissingOrDuplicatedWhenEveryJobCompletedOnce() {
        // Given
        List<Outcome> events = List.of(new Outcome("a", true), new Outcome("b", true));

        // When
        DeliveryTally t = DeliveryTally.count(
                Set.of("a", "b"), events, List.of(), Map.of(0, 2L), Map.of(0, 2L), Set.of("a", "b"));

        // Then
        assertThat(t)
                .extracting(
                        DeliveryTally::missing,
                        DeliveryTally::duplicates,
                        DeliveryTally::conflicting,
                        DeliveryTally::deadLetters,
                        DeliveryTally::partitionsBehind)
                .containsExactly(0, 0, 0, 0, 0);
        assertThat(t.resultsPresent()).isEqualTo(2);
    }

    @Test
    void shouldCountOnlySubmittedJobsRecordsBeyondTheirFirstWhenTheJobsTopicRepeatsSome() {
        // Given: b sent three times, c twice, x (another producer's) twice, a record without a key
        List<String> keys = java.util.Arrays.asList("a", "b", "b", "c", "b", "x", "x", null, "c");

        // When
        int repeated = DeliveryTally.repeatedRecords(List.of("a", "b", "c"), keys);

        // Then
        assertThat(repeated).isEqualTo(3);
    }
}
