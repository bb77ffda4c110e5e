package dev.vprompt.worker.infer;

import java.util.Objects;

/**
 * Which model a worker serves, as reported in completion events ({@code PromptCompleted.model}).
 *
 * @param id the id jobs may name
 * @param name what the weights are: the checkpoint's file name, {@code random-seed-<n>} or {@code null-model}
 * @param sha256 lower-case hex SHA-256 of the checkpoint file; null when the weights do not come from a file
 */
public record ModelIdentity(String id, String name, String sha256) {

    /** Name of the null model's weights (it has none: it returns its input canvas). */
    public static final String NULL_MODEL = "null-model";

    public ModelIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** Weights loaded from a checkpoint file, named after the file. */
    public static ModelIdentity checkpoint(String id, String location, String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        return new ModelIdentity(id, location.substring(location.lastIndexOf('/') + 1), sha256);
    }

    /** Randomly initialised weights. */
    public static ModelIdentity randomSeed(String id, long seed) {
        return new ModelIdentity(id, "random-seed-" + seed, null);
    }

    /** The null model. */
    public static ModelIdentity nullModel(String id) {
        return new ModelIdentity(id, NULL_MODEL, null);
    }

    /** False for a random or null model, whose outputs carry no information: only a checkpoint file is meaningful. */
    public boolean meaningful() {
        return sha256 != null;
    }

    /** For reports: {@code id (name, sha256 …)}. */
    public String describe() {
        return id + " (" + name + (sha256 == null ? "" : ", sha256 " + sha256) + ")";
    }
}
