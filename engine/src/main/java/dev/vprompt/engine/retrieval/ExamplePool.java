package dev.vprompt.engine.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * A versioned pool of labelled example pairs with the embedding of each pair's input image, as built by one model.
 * Immutable (the embedding array is never handed out) and thread-safe.
 *
 * @param version identifies this build of the pool; a rebuilt pool has a new version
 * @param modelName the name of the weights that embedded the inputs (e.g. a checkpoint file name, {@code
 *     random-seed-<n>}, {@code null-model})
 * @param modelSha256 the SHA-256 of the checkpoint file those weights came from, or null when they did not
 * @param dim the embedding size
 * @param entries the example pairs, in index order
 * @param embeddings {@code entries.size() * dim} floats, row-major, each row of unit length
 */
public record ExamplePool(
        String version, String modelName, String modelSha256, int dim, List<Entry> entries, float[] embeddings) {

    /** One labelled example: an input image and the output (label) the model should imitate for it. */
    public record Entry(ExampleRef input, ExampleRef output) {

        public Entry {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
        }
    }

    public ExamplePool {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelName, "modelName");
        entries = List.copyOf(entries);
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, was " + dim);
        }
        if ((long) entries.size() * dim != embeddings.length) {
            throw new IllegalArgumentException(
                    "expected " + entries.size() + " x " + dim + " embedding values, got " + embeddings.length);
        }
        embeddings = embeddings.clone();
    }

    public int size() {
        return entries.size();
    }

    /** The cosine similarity of entry {@code i} and {@code query} (both of unit length: their dot product). */
    public double similarity(int i, float[] query) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " values, the pool " + dim);
        }
        double s = 0;
        int base = i * dim;
        for (int d = 0; d < dim; d++) {
            s += (double) embeddings[base + d] * query[d];
        }
        return s;
    }

    /** A copy of entry {@code i}'s embedding. */
    public float[] embedding(int i) {
        float[] out = new float[dim];
        System.arraycopy(embeddings, i * dim, out, 0, dim);
        return out;
    }

    @Override
    public float[] embeddings() {
        return embeddings.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExamplePool p
                && version.equals(p.version)
                && modelName.equals(p.modelName)
                && Objects.equals(modelSha256, p.modelSha256)
                && dim == p.dim
                && entries.equals(p.entries)
                && java.util.Arrays.equals(embeddings, p.embeddings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, modelName, modelSha256, dim, entries, java.util.Arrays.hashCode(embeddings));
    }

    @Override
    public String toString() {
        return "ExamplePool[version=" + version + ", model=" + modelName + ", entries=" + entries.size() + ", dim="
                + dim + "]";
    }
}
