package dev.vprompt.engine.model;

/** The tiny reference model with random weights, for tests that need a model but no reference data. */
final class TinyModels {

    private TinyModels() {}

    static MaeVqgan random() {
        return MaeVqgan.random(MaeVqganConfig.tiny(), 20249601L, ModelOptions.cpu());
    }
}
