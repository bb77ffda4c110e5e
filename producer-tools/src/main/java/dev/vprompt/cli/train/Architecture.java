package dev.vprompt.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.ModelRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture a training run uses: the {@code small} recipe or a {@code config.json}; the tokenizer stage
 * records it in the artefact folder so the MAE stage trains the same one.
 *
 * <p>Thread-safe: stateless.
 */
final class Architecture {

    static final String SMALL = "small";
    static final String FILE = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Architecture() {}

    static MaeVqganConfig resolve(String nameOrPath) {
        return nameOrPath.equals(SMALL) ? ModelRecipe.small() : MaeVqganConfig.fromJson(Path.of(nameOrPath));
    }

    /** Writes {@code cfg} as {@code dir/config.json}. */
    static void record(Path dir, MaeVqganConfig cfg) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(FILE).toFile(), cfg);
    }

    /** The architecture the tokenizer stage recorded in {@code dir}. */
    static MaeVqganConfig recorded(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + file + ": run 'vp train tokenizer --dir " + dir + "' first");
        }
        return MaeVqganConfig.fromJson(file);
    }
}
