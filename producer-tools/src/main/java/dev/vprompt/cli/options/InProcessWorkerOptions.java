package dev.vprompt.cli.options;

import dev.vprompt.cli.deployment.InProcessDeployment;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.infer.BundledModel;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The flags of the worker a command runs in this process ({@code vp demo}, and {@code vp eval} without a named
 * deployment): its model and its batching. Use as a picocli {@code @Mixin} and call {@link #settings()}.
 *
 * <p>Not thread-safe: picocli fills it on the parsing thread.
 */
public final class InProcessWorkerOptions {

    @Option(
            names = "--model",
            paramLabel = "PATH",
            description = "in-process worker: a checkpoint (.pth or safetensors), 'random' (the untrained model, for "
                    + "pipeline benchmarks) or 'bundled' (default: the project's trained vprompt-small model)")
    String model;

    @Option(
            names = "--config",
            paramLabel = "JSON",
            description = "in-process worker: architecture config of --model (default: official ViT-L + VQGAN)")
    String modelConfig;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "in-process worker: maximum batch size (default ${DEFAULT-VALUE})")
    int batchSize = InProcessDeployment.Settings.DEFAULT_MAX_BATCH_SIZE;

    @Option(
            names = "--batch-delay",
            paramLabel = "DURATION",
            description = "in-process worker: maximum batch delay (default 100ms)")
    Duration batchDelay = InProcessDeployment.Settings.DEFAULT_MAX_BATCH_DELAY;

    /** The deployment settings these flags describe. */
    public InProcessDeployment.Settings settings() {
        return InProcessDeployment.Settings.defaults()
                .withModel(model, modelConfig)
                .withBatching(batchSize, batchDelay);
    }

    /**
     * The model these flags name, as a worker would load it ({@code vp eval --retrieval pool} embeds its pools with
     * it): the checkpoint and config, or the worker's default model.
     */
    public ModelSettings modelSettings() {
        return ModelSettings.builder().path(model).config(modelConfig).build();
    }

    /** What the worker serves, for a start-up line: the checkpoint path, {@code random model} or the built-in one. */
    public String modelLabel() {
        if (model == null || model.equals(ModelSettings.BUNDLED)) {
            return "built-in " + BundledModel.NAME + " model";
        }
        return model.equals(ModelSettings.RANDOM) ? "random model" : model;
    }
}
