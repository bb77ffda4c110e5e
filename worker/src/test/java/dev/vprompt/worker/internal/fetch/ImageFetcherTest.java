package dev.vprompt.worker.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fetcher reads what a job needs, and not the examples its caller holds. */
class ImageFetcherTest {

    private final InMemoryStore store = new InMemoryStore(Map.of(
            "ex-in0", utf8("ex-in0"),
            "ex-out0", utf8("ex-out0"),
            "ex-in1", utf8("ex-in1"),
            "ex-out1", utf8("ex-out1"),
            "q", utf8("q"),
            "truth", utf8("truth")));
    private final ImageFetcher fetcher = new ImageFetcher(store, 1 << 20);

    private static PromptJob job(int pairs) {
        return PromptJob.newBuilder(TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, pairs, "ex-", "q"))
                .setGroundTruth(TestJobs.ref("truth"))
                .build();
    }

    @Test
    void shouldReadEveryImageInTheJobsOrderWhenNothingIsHeld() {
        // When
        JobImages images = fetcher.fetch(job(2)).join();
        // Then
        assertThat(store.reads)
                .containsOnlyKeys("ex-in0", "ex-out0", "ex-in1", "ex-out1", "q", "truth")
                .allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
        assertThat(text(images.examples().get(1).input())).isEqualTo("ex-in1");
        assertThat(text(images.examples().get(1).output())).isEqualTo("ex-out1");
        assertThat(text(images.query())).isEqualTo("q");
        assertThat(text(images.groundTruth())).isEqualTo("truth");
    }

    @Test
    void shouldNotReadTheExamplesTheCallerHoldsWhenSomeAreHeld() {
        // Given: the caller holds both images of the first pair and the output of the second
        ImagesToRead held = toRead((pair, output) -> !(pair == 0 || output), true);
        // When
        JobImages images = fetcher.fetch(job(2), held).join();
        // Then
        assertThat(store.reads).containsOnlyKeys("ex-in1", "q", "truth");
        assertThat(images.examples().get(0).input()).isNull();
        assertThat(images.examples().get(0).output()).isNull();
        assertThat(text(images.examples().get(1).input())).isEqualTo("ex-in1");
        assertThat(images.examples().get(1).output()).isNull();
    }

    @Test
    void shouldNotReadAGroundTruthOrAPairWhenThePromptDoesNotUseThem() {
        // Given: only the first pair is used, and the ground truth is not scored
        ImagesToRead toRead = toRead((pair, output) -> pair == 0, false);
        // When
        JobImages images = fetcher.fetch(job(2), toRead).join();
        // Then
        assertThat(store.reads).containsOnlyKeys("ex-in0", "ex-out0", "q");
        assertThat(images.groundTruth()).isNull();
        assertThat(images.examples().get(1).input()).isNull();
    }

    private static ImagesToRead toRead(java.util.function.BiPredicate<Integer, Boolean> example, boolean truth) {
        return new ImagesToRead() {
            @Override
            public boolean example(int pair, boolean output) {
                return example.test(pair, output);
            }

            @Override
            public boolean groundTruth() {
                return truth;
            }
        };
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
