package dev.vprompt.engine.model;

import java.util.List;

/** The fixture's tiny architecture, built in code so tests that need no reference data run without the fixtures. */
final class TinyModels {

    private TinyModels() {}

    static MaeVqganConfig config() {
        return new MaeVqganConfig(
                224,
                16,
                64,
                2,
                4,
                32,
                2,
                4,
                4.0,
                1e-6,
                3,
                1024,
                new VqganConfig(16, 1024, 32, List.of(1, 1, 2, 2, 2), 1, List.of(16), 16, 256, 3, 3, false, 0.0));
    }

    static MaeVqgan random() {
        return MaeVqgan.random(config(), 20249601L, ModelOptions.cpu());
    }
}
