package dev.vprompt.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.client.CompletionSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTablesTest {

    @Test
    void shouldListFailuresMissingTimingsAndScoresWhenOutcomesAreMixed() {
        // Given
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("infer", 20.0);
        stages.put("total", 100.0);
        CompletionSummary s = new CompletionSummary(2, Map.of("IMAGE_CORRUPT", 2), 1, stages, 3.0, Map.of("iou", 0.6));

        // When
        String text = SummaryTables.render(s);

        // Then
        assertThat(text)
                .containsPattern("(?m)^SUCCEEDED\\s+2$")
                .containsPattern("(?m)^FAILED IMAGE_CORRUPT\\s+2$")
                .containsPattern("(?m)^MISSING \\(no completion\\)\\s+1$")
                .containsPattern("(?m)^total\\s+5$")
                .containsPattern("(?m)^infer\\s+20\\.0$")
                .containsPattern("(?m)^batch size\\s+3\\.00$")
                .containsPattern("(?m)^iou\\s+0\\.6000$");
    }

    @Test
    void shouldOmitTimingsWhenNothingSucceeded() {
        // Given
        CompletionSummary s = new CompletionSummary(0, Map.of("INVALID_JOB", 1), 0, Map.of(), 0, Map.of());

        // When
        String text = SummaryTables.render(s);

        // Then
        assertThat(text).doesNotContain("stage").doesNotContain("MISSING").contains("FAILED INVALID_JOB");
    }
}
