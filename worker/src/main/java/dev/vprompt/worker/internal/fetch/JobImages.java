package dev.vprompt.worker.internal.fetch;

import java.util.List;

/**
 * The encoded images a job references, as read from the store.
 *
 * @param examples one entry per example pair, in the job's order
 * @param query the encoded query
 * @param groundTruth the encoded expected answer for scoring, or null when the job has none or it was not read
 */
public record JobImages(List<Pair> examples, byte[] query, byte[] groundTruth) {

    /** Encoded bytes held (images not read count nothing). */
    public long bytes() {
        long sum = length(query) + length(groundTruth);
        for (Pair p : examples) {
            sum += length(p.input()) + length(p.output());
        }
        return sum;
    }

    private static long length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /**
     * One example pair's encoded images; an image left out by {@link ImagesToRead} (held by the caller, or not
     * used) was not read and is null.
     */
    public record Pair(byte[] input, byte[] output) {}
}
