package dev.vprompt.worker.infer;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.worker.config.ModelSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The project's own small MAE-VQGAN ({@code models/vprompt-small.pth} and its {@code config.json}, trained with
 * {@code vp train}), packed into the worker's jar and served when {@code model.path} is not set. Its checkpoint is in
 * the official layout and loads through the same code as the official weights.
 *
 * <p>Thread-safe: stateless.
 */
public final class BundledModel {

    /** The model's name, also its file name without extension. */
    public static final String NAME = "vprompt-small";
    /** Class-path location of the checkpoint. */
    static final String CHECKPOINT = "/vprompt/models/" + NAME + ".pth";
    /** Class-path location of the architecture. */
    static final String CONFIG = "/vprompt/models/" + NAME + ".json";

    private BundledModel() {}

    /** Whether this build carries the model. */
    public static boolean present() {
        return BundledModel.class.getResource(CHECKPOINT) != null && BundledModel.class.getResource(CONFIG) != null;
    }

    /** The architecture. */
    public static MaeVqganConfig config() {
        try (InputStream in = open(CONFIG)) {
            return MaeVqganConfig.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model's config", e);
        }
    }

    /**
     * The checkpoint as a file (the loader maps files): a temporary copy, deleted when the JVM exits.
     *
     * @throws IllegalStateException when this build carries no model
     */
    public static Path checkpoint() throws IOException {
        Path tmp = Files.createTempFile("vp-" + NAME + "-", ".pth");
        tmp.toFile().deleteOnExit();
        try (InputStream in = open(CHECKPOINT)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    private static InputStream open(String resource) {
        InputStream in = BundledModel.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("this build carries no bundled model (" + resource + " is missing from "
                    + "the class path; models/" + NAME + ".pth is built in from the repository): set model.path, "
                    + "or model.path: " + ModelSettings.RANDOM + " for the random model");
        }
        return in;
    }
}
