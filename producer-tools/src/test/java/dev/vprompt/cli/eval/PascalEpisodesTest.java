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
                .hasMessageContaining("class 1 has 0 images other than a");
    }

    @Test
    void shouldDrawTheOfficialSupportFirstAndDistinctOthersWhenAnEpisodeTakesThreeSupports() {
        // Given: one class of six images
        List<PascalEntry> meta = List.of(
                new PascalEntry("a", 0),
                new PascalEntry("b", 0),
                new PascalEntry("c", 0),
                new PascalEntry("d", 0),
                new PascalEntry("e", 0),
                new PascalEntry("f", 0));
        // When
        List<PascalEpisodes.Episode> one = PascalEpisodes.sample(meta, 6, 0);
        List<PascalEpisodes.Episode> three = PascalEpisodes.sample(meta, 6, 0, 3);
        // Then: the first episode's first support is the official draw; supports never repeat or equal the query
        assertThat(three.get(0).support()).isEqualTo(one.get(0).support());
        for (PascalEpisodes.Episode e : three) {
            assertThat(e.supports())
                    .hasSize(3)
                    .doesNotHaveDuplicates()
                    .doesNotContain(e.query().name());
        }
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
