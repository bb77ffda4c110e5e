package dev.vprompt.training;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.VqganConfig;
import java.util.List;

/**
 * The architecture of the small MAE-VQGAN the project trains, sized for a 2-core CPU (the default recipe takes about
 * two hours there, both stages; MODEL_CARD.md): a VQGAN with the official f16 structure (five levels, one ResnetBlock
 * per encoder level, two per decoder level, attention only in the middle) at base width 16 with 8 GroupNorm groups and
 * a 1024 x 32 normalised codebook, and an MAE 128 wide (6 encoder blocks, 4 decoder blocks, 4 heads each). Stateless.
 */
public final class ModelRecipe {

    private ModelRecipe() {}

    /** The default small model. */
    public static MaeVqganConfig small() {
        VqganConfig vqgan =
                new VqganConfig(32, 1024, 16, List.of(1, 1, 2, 2, 4), 1, List.of(), 32, 256, 3, 3, false, 0.0, 8);
        return new MaeVqganConfig(
                224,
                16,
                128,
                6,
                4,
                128,
                4,
                4,
                MaeVqganConfig.DEFAULT_MLP_RATIO,
                MaeVqganConfig.DEFAULT_NORM_EPS,
                3,
                1024,
                vqgan);
    }
}
