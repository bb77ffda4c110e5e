package dev.vprompt.cli.engine;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelConfigException;
import dev.vprompt.engine.model.VqganConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                return fixture();
            }
            default -> {
                return fromFile(Path.of(nameOrPath));
            }
        }
    }

    /**
     * The architecture of the tiny reference model ({@code fixtures/mae_vqgan_tiny/config.json}): MAE 64 wide, 2
     * blocks, 4 heads; decoder 32 wide, 2 blocks, 4 heads; VQGAN ch 32, ch_mult 1,1,2,2,2, one res block, attention
     * at 16, z 16, codebook 1024 x 16.
     */
    public static MaeVqganConfig fixture() {
        VqganConfig vqgan =
                new VqganConfig(16, 1024, 32, List.of(1, 1, 2, 2, 2), 1, List.of(16), 16, 256, 3, 3, false, 0.0);
        return new MaeVqganConfig(
                224,
                16,
                64,
                2,
                4,
                32,
                2,
                4,
                MaeVqganConfig.DEFAULT_MLP_RATIO,
                MaeVqganConfig.DEFAULT_NORM_EPS,
                3,
                MaeVqganConfig.DEFAULT_VOCAB_SIZE,
                vqgan);
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
