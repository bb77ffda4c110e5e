package dev.vprompt.worker.fetch;

import java.util.List;

/**
 * The encoded bytes of every image a job references.
 *
 * @param examples per example pair: {input, output}
 * @param groundTruth the expected answer for scoring, or null
 */
public record JobImages(List<byte[][]> examples, byte[] query, byte[] groundTruth) {}
