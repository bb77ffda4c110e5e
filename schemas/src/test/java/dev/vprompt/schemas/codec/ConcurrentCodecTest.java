package dev.vprompt.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One codec instance shared by many threads encodes and decodes correctly. */
class ConcurrentCodecTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 500;

    @Test
    void shouldRoundTripEveryEventWhenSharedAcrossThreads() throws Exception {
        // Given
        EventCodec<PromptJob> jobs = EventCodecs.promptJob();
        EventCodec<PromptCompleted> completions = EventCodecs.promptCompleted();
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(() -> {
                int matches = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    PromptJob job = PromptJob.newBuilder(TestEvents.fullPromptJob())
                            .setJobId("t" + thread + "-" + i)
                            .build();
                    PromptCompleted done = PromptCompleted.newBuilder(TestEvents.fullCompleted())
                            .setJobId("t" + thread + "-" + i)
                            .build();
                    matches += jobs.decode(jobs.encode(job)).equals(job) ? 1 : 0;
                    matches += completions.decode(completions.encode(done)).equals(done) ? 1 : 0;
                    // interleave a rejected message so error paths share the thread-local state too
                    try {
                        jobs.decode(completions.encode(done));
                    } catch (EventDecodeException expected) {
                        matches++;
                    }
                }
                return matches;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);

        // When
        List<Future<Integer>> results;
        try {
            results = pool.invokeAll(workers, 60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // Then
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(3 * ROUNDS);
        }
    }
}
