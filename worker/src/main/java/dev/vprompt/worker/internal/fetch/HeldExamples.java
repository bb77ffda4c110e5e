package dev.vprompt.worker.internal.fetch;

/**
 * Which example images of a job the caller already holds in a prepared form, so the fetcher does not read them.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface HeldExamples {

    /** Holds nothing: every image is read. */
    HeldExamples NONE = (pair, output) -> false;

    /**
     * @param pair the example pair's index in the job
     * @param output the pair's output image (else its input)
     */
    boolean holds(int pair, boolean output);
}
