package dev.vprompt.engine.retrieval;

import java.util.Objects;

/**
 * The small, overwritten object that names a pool's current version ({@code <prefix>/pool.json}); the index it names
 * is immutable, so a reader that has that version cached reads nothing else.
 *
 * @param version the current version
 * @param indexKey the key of that version's index, in the head's bucket
 * @param modelName the weights that embedded the pool (as in {@link ExamplePool})
 * @param modelSha256 their checkpoint's SHA-256, or null
 * @param count entries in the index
 * @param dim embedding size
 */
public record PoolHead(String version, String indexKey, String modelName, String modelSha256, int count, int dim) {

    public PoolHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(indexKey, "indexKey");
        Objects.requireNonNull(modelName, "modelName");
    }
}
