package dev.vprompt.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestExamplesTest {

    /** Entries {@code in<i>.png -> out<i>.png} with unit vectors at the given angles (degrees) in 2-D. */
    private static ExamplePool pool(double... degrees) {
        List<ExamplePool.Entry> entries = new ArrayList<>();
        float[] e = new float[2 * degrees.length];
        for (int i = 0; i < degrees.length; i++) {
            entries.add(new ExamplePool.Entry(
                    new ExampleRef("pool", "in" + i + ".png", null), new ExampleRef("pool", "out" + i + ".png", null)));
            e[2 * i] = (float) Math.cos(Math.toRadians(degrees[i]));
            e[2 * i + 1] = (float) Math.sin(Math.toRadians(degrees[i]));
        }
        return new ExamplePool("v1", "random-seed-1", null, 2, entries, e);
    }

    private static final float[] QUERY = {1f, 0f};

    @Test
    void shouldReturnTheKMostSimilarBestFirstWhenPickingExamples() {
        // Given: cosines to the query cos(80)=0.17, cos(10)=0.98, cos(45)=0.71, cos(170)=-0.98, cos(30)=0.87
        ExamplePool p = pool(80, 10, 45, 170, 30);

        // When
        List<NearestExamples.Match> top = NearestExamples.top(p, QUERY, null, 3);

        // Then
        assertThat(top).extracting(NearestExamples.Match::index).containsExactly(1, 4, 2);
        assertThat(top.get(0).similarity()).isCloseTo(Math.cos(Math.toRadians(10)), within(1e-6));
        assertThat(top.get(0).entry().output().key()).isEqualTo("out1.png");
    }

    @Test
    void shouldSkipTheQuerysOwnEntryWhenItsObjectIsInThePool() {
        // Given: entry 1 is the query's own object (and the most similar)
        ExamplePool p = pool(80, 10, 45);

        // When
        List<NearestExamples.Match> top = NearestExamples.top(p, QUERY, new ExampleRef("pool", "in1.png", null), 1);

        // Then
        assertThat(top).extracting(NearestExamples.Match::index).containsExactly(2);
    }

    @Test
    void shouldSkipAnEntryWithTheQuerysEmbeddingWhenItIsTheSamePictureUnderAnotherName() {
        // Given: entry 2 embeds exactly as the query does
        ExamplePool p = pool(80, 10, 0);

        // When
        List<NearestExamples.Match> top = NearestExamples.top(p, QUERY, new ExampleRef("q", "query.png", null), 2);

        // Then
        assertThat(top).extracting(NearestExamples.Match::index).containsExactly(1, 0);
    }

    @Test
    void shouldPreferTheLowerIndexWhenTwoEntriesAreEquallySimilar() {
        // Given: entries 1 and 2 are mirror images around the query
        ExamplePool p = pool(90, 20, -20);

        // When
        List<NearestExamples.Match> top = NearestExamples.top(p, QUERY, null, 1);

        // Then
        assertThat(top).extracting(NearestExamples.Match::index).containsExactly(1);
    }

    @Test
    void shouldReturnFewerThanKWhenThePoolHasFewerUsableEntries() {
        // Given
        ExamplePool p = pool(0, 30);

        // When: entry 0 is the query itself by embedding
        List<NearestExamples.Match> top = NearestExamples.top(p, QUERY, null, 4);

        // Then
        assertThat(top).extracting(NearestExamples.Match::index).containsExactly(1);
    }
}
