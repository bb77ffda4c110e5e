package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PascalEpisodesTest {

    @Test
    void shouldSampleTheEpisodesNumpyDrawsWhenSeededAsTheOfficialEvaluation() {
        JsonNode reference = NumpyReference.load().get("episodes");
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
            // Given
            Map.Entry<String, JsonNode> e = it.next();
            List<PascalEntry> meta = new ArrayList<>();
            e.getValue()
                    .get("meta")
                    .forEach(m ->
                            meta.add(new PascalEntry(m.get(0).asText(), m.get(1).asInt())));
            JsonNode expected = e.getValue().get("episodes");
            // When
            List<PascalEpisodes.Episode> episodes =
                    PascalEpisodes.sample(meta, expected.size(), Long.parseLong(e.getKey()));
            // Then
            for (int i = 0; i < expected.size(); i++) {
                PascalEpisodes.Episode ep = episodes.get(i);
                assertThat(List.of(
                                ep.query().name(),
                                ep.support(),
                                String.valueOf(ep.query().classId())))
                        .as("seed %s episode %d", e.getKey(), i)
                        .containsExactly(
                                expected.get(i).get(0).asText(),
                                expected.get(i).get(1).asText(),
                                expected.get(i).get(2).asText());
            }
        }
    }

    @Test
    void shouldFailClearlyWhenAClassHasOnlyTheQueryImage() {
        // Given
        List<PascalEntry> meta = List.of(new PascalEntry("a", 0), new PascalEntry("b", 1), new PascalEntry("c", 1));
        // When / Then
        assertThatThrownBy(() -> PascalEpisodes.sample(meta, 3, 0))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("class 1 has no image other than a");
    }

    @Test
    void shouldParseAndWriteSplitLinesWhenClassIsOneBased() {
        // Given
        PascalEntry e = PascalEntry.parse("2007_000033__01");
        // Then
        assertThat(e).isEqualTo(new PascalEntry("2007_000033", 0));
        assertThat(e.line()).isEqualTo("2007_000033__01");
        assertThatThrownBy(() -> PascalEntry.parse("2007_000033__21")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PascalEntry.parse("2007_000033")).isInstanceOf(IllegalArgumentException.class);
    }
}
