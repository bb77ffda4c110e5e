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

    /**
     * One example pair's encoded images; an image left out by {@link ImagesToRead} (held by the caller, or not
     * used) was not read and is null.
     */
    public record Pair(byte[] input, byte[] output) {}
}
