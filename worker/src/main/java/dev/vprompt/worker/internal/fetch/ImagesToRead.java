package dev.vprompt.worker.internal.fetch;

/**
 * Which images of a job the fetcher reads: not those its caller already holds in a prepared form (cached example
 * cells), nor those the job's prompt does not use (example pairs past the ones its layout shows, a ground truth that
 * is not scored), so that a job holds no bytes it will not use.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ImagesToRead {

    /** Every image of the job. */
    ImagesToRead ALL = new ImagesToRead() {
        @Override
        public boolean example(int pair, boolean output) {
            return true;
        }

        @Override
        public boolean groundTruth() {
            return true;
        }
    };

    /**
     * @param pair the example pair's index in the job
     * @param output the pair's output image (else its input)
     * @return whether to read that image
     */
    boolean example(int pair, boolean output);

    /** Whether to read the job's ground truth, when it has one. */
    boolean groundTruth();
}
