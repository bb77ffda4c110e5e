package dev.vprompt.engine.retrieval;

import java.util.Objects;

/**
 * Where an example image is stored (an object-storage reference; the engine never reads it).
 *
 * @param versionId the object version, or null for the current one
 */
public record ExampleRef(String bucket, String key, String versionId) {

    public ExampleRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** Whether both name the same object (bucket and key; versions compared only when both are given). */
    public boolean sameObject(ExampleRef other) {
        return bucket.equals(other.bucket)
                && key.equals(other.key)
                && (versionId == null || other.versionId == null || versionId.equals(other.versionId));
    }
}
