package dev.vprompt.worker.config;

import java.util.List;

/**
 * The model the worker serves.
 *
 * @param id model id jobs name in {@code PromptJob.model}; a job naming another model fails with UNKNOWN_MODEL
 * @param path local path or {@code s3://bucket/key} of an official {@code .pth} checkpoint or safetensors; when
 *     absent the worker serves a small randomly initialised model of the official architecture (meaningless outputs)
 * @param sha256 expected sha256 of the checkpoint file (hex); verified before loading when given
 * @param config JSON architecture config (keys as the reference config.json); default: official ViT-L + VQGAN
 * @param devices inference devices, one thread each: {@code auto} (every visible GPU, else the CPU), {@code cpu},
 *     {@code gpu} (every visible GPU), {@code gpu:0}, ...
 * @param precision FP32 or FP16 (GPUs only); BF16 is refused at startup (DJL's PyTorch engine cannot hold it)
 * @param nullModel serve a model that returns the canvas unchanged; for measuring the pipeline's own cost
 */
public record ModelSettings(
        String id,
        String path,
        String sha256,
        String config,
        List<String> devices,
        String precision,
        Boolean nullModel) {

    public static final String DEFAULT_ID = "mae-vqgan";
    public static final List<String> DEFAULT_DEVICES = List.of("auto");
    public static final String DEFAULT_PRECISION = "FP32";

    public ModelSettings {
        id = id == null ? DEFAULT_ID : id;
        devices = devices == null || devices.isEmpty() ? DEFAULT_DEVICES : List.copyOf(devices);
        precision = precision == null ? DEFAULT_PRECISION : precision.toUpperCase(java.util.Locale.ROOT);
        nullModel = nullModel != null && nullModel;
    }

    public static ModelSettings defaults() {
        return new ModelSettings(null, null, null, null, null, null, null);
    }

    void validate(Problems p) {
        p.requireText(id, "model.id");
        p.require(
                List.of("FP32", "FP16", "BF16").contains(precision),
                "model.precision must be FP32, FP16 or BF16, was " + precision);
        p.require(sha256 == null || sha256.matches("[0-9a-fA-F]{64}"), "model.sha256 must be 64 hex characters");
        for (String d : devices) {
            p.require(d.matches("auto|cpu|gpu(:\\d+)?"), "model.devices: unknown device '" + d + "'");
        }
    }
}
