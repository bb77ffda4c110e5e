package dev.vprompt.cli.engine;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The model architectures a command can name: {@value #VIT_L} (the official MAE-VQGAN, alias {@value #OFFICIAL}),
 * {@value #VIT_B} (a ViT-B/16-sized MAE with the official VQGAN), {@value #FIXTURE} (the tiny random model of the
 * reference fixtures), or the path of an official-style {@code config.json}.
 *
 * <p>Thread-safe: stateless.
 */
public final class ModelConfigs {

    /** The official ViT-L/16 MAE-VQGAN. */
    public static final String VIT_L = "vit-l";
    /** Alias of {@link #VIT_L}. */
    public static final String OFFICIAL = "official";
    /** ViT-B/16-sized MAE with the official VQGAN (benchmarks). */
    public static final String VIT_B = "vit-b";
    /** The tiny model of the reference fixtures (tests, smoke runs). */
    public static final String FIXTURE = "fixture";
    /** Help text listing the names. */
    public static final String NAMES = VIT_L + ", " + VIT_B + ", " + FIXTURE + " or the path of a config.json";

    private ModelConfigs() {}

    /** The named architecture, or the one in the JSON file {@code nameOrPath}. */
    public static MaeVqganConfig resolve(String nameOrPath) {
        switch (nameOrPath.toLowerCase(Locale.ROOT)) {
            case VIT_L, OFFICIAL -> {
                return MaeVqganConfig.official();
            }
            case VIT_B -> {
                return MaeVqganConfig.vitBase();
            }
            case FIXTURE -> {
                return MaeVqganConfig.tiny();
            }
            default -> {
                return fromFile(Path.of(nameOrPath));
            }
        }
    }

    private static MaeVqganConfig fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliFailure("model config " + file + ": no such file (or name one of " + VIT_L + ", " + VIT_B
                    + ", " + FIXTURE + ")");
        }
        try {
            return MaeVqganConfig.fromJson(file);
        } catch (ModelConfigException e) {
            throw new CliFailure("model config " + file + ": " + e.getMessage(), e);
        }
    }
}
