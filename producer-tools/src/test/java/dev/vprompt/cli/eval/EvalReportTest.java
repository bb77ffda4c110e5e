package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalReportTest {

    private static final List<String> METRICS = List.of("iou", "accuracy");

    @Test
    void shouldAverageDefinedValuesAndCountUndefinedIousWhenAggregatingASplit() {
        // When
        SplitResult r = SplitResult.of(
                "fold0",
                METRICS,
                5,
                1,
                1,
                List.of(
                        Map.of("iou", 0.2, "accuracy", 0.5),
                        Map.of("iou", 0.4, "accuracy", 0.7),
                        Map.of("iou", Double.NaN, "accuracy", 1.0)));
        // Then
        assertThat(r.succeeded()).isEqualTo(3);
        assertThat(r.mean("iou")).isCloseTo(0.3, within(1e-12));
        assertThat(r.mean("accuracy")).isCloseTo(2.2 / 3, within(1e-12));
        assertThat(r.undefined()).isEqualTo(1);
    }

    @Test
    void shouldPrintARowPerSplitAndTheMeanOverSplits() {
        // Given
        List<SplitResult> results = List.of(
                SplitResult.of("fold0", METRICS, 2, 0, 0, List.of(Map.of("iou", 0.1, "accuracy", 0.5))),
                SplitResult.of("fold1", METRICS, 2, 0, 0, List.of(Map.of("iou", 0.3, "accuracy", 0.7))));
        // When
        String table = EvalReport.table("pascal", METRICS, results);
        JsonNode json = EvalReport.json("pascal", 0, 2, "m", false, METRICS, results);
        // Then
        assertThat(table).containsPattern("(?m)^fold0\\s+2\\s+1\\s+0\\s+0\\s+0\\.1000\\s+0\\.5000\\s+0$");
        assertThat(table).containsPattern("(?m)^mean\\s+0\\.2000\\s+0\\.6000\\s*$");
        assertThat(json.get("mean").get("iou").asDouble()).isCloseTo(0.2, within(1e-12));
        assertThat(json.get("splits").get(1).get("mean").get("accuracy").asDouble())
                .isCloseTo(0.7, within(1e-12));
    }

    @Test
    void shouldWriteNullAndNaWhenNoEpisodeWasScored() {
        List<SplitResult> results = List.of(SplitResult.of("fold2", METRICS, 2, 2, 0, List.of()));
        assertThat(EvalReport.table("pascal", METRICS, results)).contains("n/a");
        assertThat(EvalReport.json("pascal", 0, 2, "m", true, METRICS, results)
                        .get("splits")
                        .get(0)
                        .get("mean")
                        .get("iou")
                        .isNull())
                .isTrue();
    }

    @Test
    void shouldParseFoldSelections() {
        assertThat(FoldList.parse("0..3", 4)).containsExactly(0, 1, 2, 3);
        assertThat(FoldList.parse("2, 0", 4)).containsExactly(0, 2);
        assertThat(FoldList.parse("all", 4)).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(() -> FoldList.parse("4", 4)).hasMessageContaining("folds are 0..3");
        assertThatThrownBy(() -> FoldList.parse("x", 4)).hasMessageContaining("expected e.g.");
    }
}
