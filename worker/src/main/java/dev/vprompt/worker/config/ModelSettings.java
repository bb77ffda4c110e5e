package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vprompt.common.Problems;
import java.util.List;
import java.util.Locale;

/**
 * The model the worker serves. Build it with {@link #builder()}; validated as part of {@link WorkerConfig}.
 *
 * @param id model id jobs name in {@code PromptJob.model}; a job naming another model fails with UNKNOWN_MODEL
 * @param path local path or {@code s3://bucket/key} of an official {@code .pth} checkpoint or safetensors; when
 *     absent (null) the worker serves the project's trained small model built into it ({@value #BUNDLED}); the name
 *     {@value #RANDOM} serves a small randomly initialised model of the official architecture (meaningless outputs,
 *     for pipeline benchmarks)
 * @param sha256 expected sha256 of the checkpoint file (hex); verified before loading when given (null: not checked)
 * @param config JSON architecture config (keys as the reference config.json); null: official ViT-L + VQGAN (the
 *     built-in models bring their own)
 * @param devices inference devices, one thread each: {@code auto} (every visible GPU, else the CPU), {@code cpu},
 *     {@code gpu} (every visible GPU), {@code gpu:0}, ...
 * @param precision FP32 or FP16 (GPUs only); BF16 is refused at startup (DJL's PyTorch engine cannot hold it)
 * @param nullModel serve a model that returns the canvas unchanged; for measuring the pipeline's own cost
 * @param intraOpThreads libtorch threads each inference thread splits one operator over; 0 (default): on the CPU the
 *     machine's cores divided among the CPU devices (at least one each), on a GPU libtorch's own choice
 */
@JsonDeserialize(builder = ModelSettings.Builder.class)
public record ModelSettings(
        String id,
        String path,
        String sha256,
        String config,
        List<String> devices,
        String precision,
        boolean nullModel,
        int intraOpThreads) {

    public static final String DEFAULT_ID = "mae-vqgan";
    /** {@code model.path} naming the project's trained small model built into the worker (also the default). */
    public static final String BUNDLED = "bundled";
    /** {@code model.path} naming the randomly initialised model (pipeline benchmarks). */
    public static final String RANDOM = "random";

    public static final List<String> DEFAULT_DEVICES = List.of("auto");
    public static final String DEFAULT_PRECISION = "FP32";
    /** Intra-op threads chosen per device: the cores shared among the CPU devices. */
    public static final int AUTO_INTRA_OP_THREADS = 0;

    public ModelSettings {
        devices = devices == null ? null : List.copyOf(devices);
        precision = precision == null ? null : precision.toUpperCase(Locale.ROOT);
    }

    public static ModelSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder()
                .id(id)
                .path(path)
                .sha256(sha256)
                .config(config)
                .devices(devices)
                .precision(precision)
                .nullModel(nullModel)
                .intraOpThreads(intraOpThreads);
    }

    void validate(Problems p) {
        p.requireText(id, "model.id");
        p.require(
                List.of("FP32", "FP16", "BF16").contains(precision),
                "model.precision must be FP32, FP16 or BF16, was " + precision);
        p.require(sha256 == null || sha256.matches("[0-9a-fA-F]{64}"), "model.sha256 must be 64 hex characters");
        p.require(devices != null, "model.devices must not be null");
        p.require(intraOpThreads >= 0, "model.intraOpThreads must be >= 0 (0: automatic), was " + intraOpThreads);
        for (String d : devices == null ? List.<String>of() : devices) {
            p.require(d != null && d.matches("auto|cpu|gpu(:\\d+)?"), "model.devices: unknown device '" + d + "'");
        }
    }

    /** Starts from the defaults; also reads the {@code model} section of the YAML. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String id = DEFAULT_ID;
        private String path;
        private String sha256;
        private String config;
        private List<String> devices = DEFAULT_DEVICES;
        private String precision = DEFAULT_PRECISION;
        private boolean nullModel;
        private int intraOpThreads = AUTO_INTRA_OP_THREADS;

        Builder() {}

        public Builder id(String value) {
            id = value;
            return this;
        }

        /**
         * A checkpoint path or {@code s3://} URL, {@value ModelSettings#RANDOM} for the random model, or null (or
         * {@value ModelSettings#BUNDLED}) for the built-in trained model.
         */
        public Builder path(String value) {
            path = value;
            return this;
        }

        public Builder sha256(String value) {
            sha256 = value;
            return this;
        }

        /** An architecture JSON file; null means the official architecture. */
        public Builder config(String value) {
            config = value;
            return this;
        }

        /** The devices, one inference thread each; an empty list means {@link #DEFAULT_DEVICES}. */
        public Builder devices(List<String> value) {
            devices = value != null && value.isEmpty() ? DEFAULT_DEVICES : value;
            return this;
        }

        public Builder precision(String value) {
            precision = value;
            return this;
        }

        public Builder nullModel(boolean value) {
            nullModel = value;
            return this;
        }

        /** Intra-op threads per inference thread; {@link #AUTO_INTRA_OP_THREADS} shares the cores among CPU devices. */
        public Builder intraOpThreads(int value) {
            intraOpThreads = value;
            return this;
        }

        public ModelSettings build() {
            return new ModelSettings(id, path, sha256, config, devices, precision, nullModel, intraOpThreads);
        }
    }
}
